"""Model files from outside: integrity against the card, and loading that can never run code or hang.

A model file is a NumPy archive of plain arrays read with ``allow_pickle=False``. Every hostile case also
loads with ``trust_unverified=True``: trusting a file skips only the sha256 check, never the size caps or
the checks of every array's type, shape and values.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from credibility.models import store
from credibility.models.store import (
    ModelVerificationError,
    UnsafeModelError,
    card_path,
    file_sha256,
    load_model,
    model_arrays,
    save_model,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("ai_generated", "credibility")


class _RunsCommand:
    """Pickles as ``os.system(command)``: what a hostile file would do if anything unpickled it."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    """The shipped models and cards in a scratch folder (the originals are never modified)."""
    folder = tmp_path / "models"
    folder.mkdir()
    for name in SHIPPED:
        for suffix in (".npz", ".card.json"):
            shutil.copy(ROOT / "models" / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder


def _write_arrays(path: Path, arrays: dict[str, np.ndarray]) -> Path:
    """An archive of ``arrays`` with a card whose sha256 matches it, so only the content checks stand in the way.
    (``np.savez`` pickles object arrays: that is how a hostile file would smuggle code.)"""
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path.write_bytes(buffer.getvalue())
    card_path(path).write_text(json.dumps({"file": path.name, "sha256": file_sha256(path)}), encoding="utf-8")
    return path


@pytest.fixture
def tree_arrays() -> dict[str, np.ndarray]:
    """The arrays of the shipped AI model (trees and wording), to be forged one member at a time."""
    return model_arrays(load_model(ROOT / "models" / "ai_generated.npz"))


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_models_verify_and_load_unchanged(name):
    path = ROOT / "models" / f"{name}.npz"
    card = json.loads(card_path(path).read_text(encoding="utf-8"))
    assert file_sha256(path) == card["sha256"]  # the files on disk are the ones the cards describe
    model = load_model(path)
    assert model.feature_names == card["feature_names"] and model.threshold == pytest.approx(card["threshold"])
    X = np.tile(model.mean, (3, 1))  # noqa: N806
    assert np.all(np.isfinite(model.predict_proba(model.columns(X, model.feature_names[: X.shape[1]], ["x"] * 3))))


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_model_files_hold_no_pickle(name):
    with np.load(ROOT / "models" / f"{name}.npz", allow_pickle=False) as data:
        assert all(data[member].dtype != object for member in data.files)


def test_changed_truncated_and_foreign_files_are_refused(shipped_copy, tmp_path):
    path = shipped_copy / "ai_generated.npz"
    data = path.read_bytes()
    path.write_bytes(data + b"\x00")
    with pytest.raises(ModelVerificationError, match="does not match its card"):
        load_model(path)
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnsafeModelError, match="not a model archive|damaged"):
        load_model(path, trust_unverified=True)
    text = tmp_path / "notes.npz"
    text.write_text("just some text\n", encoding="utf-8")
    with pytest.raises(UnsafeModelError, match="not a model archive"):
        load_model(text, trust_unverified=True)


def test_smuggled_code_in_an_object_array_never_runs(tmp_path, tree_arrays):
    marker = tmp_path / "pwned"
    payload = np.empty(1, dtype=object)
    payload[0] = _RunsCommand(f"touch {marker}")
    path = _write_arrays(tmp_path / "evil.npz", {**tree_arrays, "mean": payload})
    for trust in (False, True):
        with pytest.raises(UnsafeModelError, match="damaged model file"):
            load_model(path, trust_unverified=trust)
    assert not marker.exists()


@pytest.mark.parametrize(
    "member, forge, message",
    [
        ("tree_left", lambda a: np.where(a > 0, 0, a), "points back to itself"),  # a cycle: the walk never ends
        ("tree_depth", lambda a: np.array(2**31 - 1), "tree depth"),
        ("tree_feature", lambda a: a + 10_000, "outside"),
        ("tree_value", lambda a: np.full(a.shape, np.nan), "non-finite"),
        ("scale", lambda a: np.zeros_like(a), "non-positive feature scale"),
        ("wording_idf", lambda a: a[:-1], "expected floating"),
        ("feature_names", lambda a: a.astype(object), "damaged"),
        ("kind", lambda a: np.array("exec"), "kind 'exec'"),
        ("wording_view", lambda a: np.array("(a+)+$"), "unknown wording view"),
        ("calibration", lambda a: np.array([1.0, 2.0, 3.0]), "expected floating"),
    ],
)
def test_forged_arrays_are_refused_before_scoring(tmp_path, tree_arrays, member, forge, message):
    forged = {**tree_arrays, member: forge(tree_arrays[member])}
    path = _write_arrays(tmp_path / "forged.npz", forged)
    with pytest.raises(UnsafeModelError, match=message):
        load_model(path, trust_unverified=True)


def test_unknown_members_and_wrong_directions_are_refused(tmp_path, tree_arrays):
    path = _write_arrays(tmp_path / "extra.npz", {**tree_arrays, "token_pattern": np.array("(a+)+$")})
    with pytest.raises(UnsafeModelError, match="unexpected member"):
        load_model(path, trust_unverified=True)
    n = len(tree_arrays["feature_names"])
    monotonic = np.zeros(n, dtype=np.int8)
    monotonic[0] = 1
    prior = np.zeros(n)
    prior[0] = -1.0  # an expert term pushing against the stated direction
    path = _write_arrays(tmp_path / "against.npz", {**tree_arrays, "monotonic": monotonic, "prior_weight": prior})
    with pytest.raises(UnsafeModelError, match="runs against"):
        load_model(path, trust_unverified=True)


def test_oversized_files_and_bombs_are_refused(tmp_path, monkeypatch, toy_model):
    path = tmp_path / "toy.npz"
    save_model(toy_model, path)
    monkeypatch.setattr(store, "MAX_MODEL_FILE_BYTES", 100)
    with pytest.raises(UnsafeModelError, match="larger than a model file may be"):
        load_model(path)
    monkeypatch.undo()
    bomb = tmp_path / "bomb.npz"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mean.npy", b"\x00" * (2 * 1024 * 1024))  # 2 MB of zeros in a few kB
    monkeypatch.setattr(store, "MAX_MODEL_DATA_BYTES", 1024 * 1024)
    with pytest.raises(UnsafeModelError, match="unpacks to more than 1 MB"):
        load_model(bomb, trust_unverified=True)


@pytest.mark.slow  # quick loop: pytest -m 'not slow'
def test_score_refuses_a_hostile_model_folder_even_with_trust_model(shipped_copy, tmp_path):
    marker = tmp_path / "pwned"
    payload = np.empty(1, dtype=object)
    payload[0] = _RunsCommand(f"touch {marker}")
    np.savez(shipped_copy / "credibility.npz", mean=payload)
    article = tmp_path / "a.txt"
    article.write_text("The council voted on Tuesday to fund new buses, the clerk said.", encoding="utf-8")
    env = {**os.environ, "CREDIBILITY_MODELS_DIR": str(shipped_copy)}
    for extra in ([], ["--trust-model"]):
        run = subprocess.run(
            [sys.executable, "-m", "credibility.cli", "score", str(article), "-q", *extra],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
        assert run.returncode == 2, run.stderr
        assert "could not load the trained models" in run.stderr and "--no-model" in run.stderr
        assert "Traceback" not in run.stderr
    assert not marker.exists()


class _PatchesClass:
    """Pickles as ``setattr(TrainedModel, "predict_proba", len)``: a file that, if anything unpickled it,
    would change how every model loaded later in the process scores (the old pickle format allowed this)."""

    def __reduce__(self):
        from credibility.models.bundle import TrainedModel

        return (setattr, (TrainedModel, "predict_proba", len))


def _class_state() -> dict:
    from credibility.models.bundle import TrainedModel
    from credibility.models.lexical import WordingModel

    return {cls: dict(vars(cls)) for cls in (TrainedModel, WordingModel)}


def test_a_refused_file_leaves_later_loads_intact(tmp_path, tree_arrays):
    """Issue #18 item 8: a refused (or trusted but odd) model file cannot patch a class for the rest of the
    process: the archive is read without pickle and the card's keys only fill one model's metadata."""
    good = ROOT / "models" / "ai_generated.npz"
    X = np.tile(load_model(good).mean, (3, 1))  # noqa: N806
    expected = load_model(good).predict_proba(X)
    before = _class_state()

    patch = np.empty(1, dtype=object)
    patch[0] = _PatchesClass()
    for member in ("mean", "feature_names", "wording_terms"):
        hostile = _write_arrays(tmp_path / f"patch_{member}.npz", {**tree_arrays, member: patch})
        for trust in (False, True):
            with pytest.raises(UnsafeModelError):
                load_model(hostile, trust_unverified=trust)
    odd_card = _write_arrays(tmp_path / "odd_card.npz", tree_arrays)
    card = json.loads(card_path(odd_card).read_text(encoding="utf-8"))
    card.update({"predict_proba": "len", "__class__": "builtins.dict", "__dict__": {"threshold": 0}})
    card_path(odd_card).write_text(json.dumps(card), encoding="utf-8")
    odd = load_model(odd_card, trust_unverified=True)
    assert type(odd).__name__ == "TrainedModel" and odd.metadata["predict_proba"] == "len"
    np.testing.assert_allclose(odd.predict_proba(X), expected)

    assert _class_state() == before
    np.testing.assert_array_equal(load_model(good).predict_proba(X), expected)
