"""Model files from outside: integrity against the card, and loading that can never run smuggled code.

Every case loads with ``trust_unverified=True`` as well, because trusting a file must only skip the
sha256 check, never the size caps, the format checks or the allow-list of types.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path

import joblib
import numpy as np
import pytest

from credibility.models import store
from credibility.models.store import (
    ModelVerificationError,
    UnsafeModelError,
    card_path,
    file_sha256,
    load_model,
    save_model,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("ai_generated", "credibility")


class _RunsCommand:
    """Pickles as ``os.system(command)``: what a hostile model file would do on plain ``joblib.load``."""

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
        for suffix in (".joblib", ".card.json"):
            shutil.copy(ROOT / "models" / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder


def _with_card(path: Path) -> Path:
    """Give ``path`` a card whose sha256 matches it, so only the content checks stand in the way."""
    card_path(path).write_text(json.dumps({"file": path.name, "sha256": file_sha256(path)}), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_models_verify_and_load_unchanged(name):
    path = ROOT / "models" / f"{name}.joblib"
    card = json.loads(card_path(path).read_text(encoding="utf-8"))
    assert file_sha256(path) == card["sha256"]  # the files on disk are the ones the cards describe
    model = load_model(path)
    assert model.feature_names == card["feature_names"] and model.threshold == pytest.approx(card["threshold"])
    X = np.tile(model.mean, (3, 1))  # noqa: N806
    assert np.all(np.isfinite(model.predict_proba(X)))


def test_one_appended_byte_is_refused_quickly_even_when_trusted(shipped_copy):
    path = shipped_copy / "ai_generated.joblib"
    with path.open("ab") as fh:
        fh.write(b"\x00")
    with pytest.raises(ModelVerificationError, match="does not match its card"):
        load_model(path)
    started = time.perf_counter()
    with pytest.raises(UnsafeModelError, match=r"1 unexpected byte\(s\) after the end of the zlib data"):
        load_model(path, trust_unverified=True)
    assert time.perf_counter() - started < 5  # the old reader looped and was OOM-killed at 24 GB


def test_truncated_and_flipped_files_are_refused(shipped_copy):
    path = shipped_copy / "credibility.joblib"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnsafeModelError, match="cut off"):
        load_model(path, trust_unverified=True)
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(flipped))
    with pytest.raises(UnsafeModelError, match="damaged"):
        load_model(path, trust_unverified=True)


@pytest.mark.parametrize("compress", [0, 3], ids=["plain", "zlib"])
def test_pickle_calling_os_system_is_refused_and_never_runs(tmp_path, compress):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.joblib"
    joblib.dump({"estimator": _RunsCommand(f"touch {marker}")}, path, compress=compress)
    _with_card(path)  # even a file whose card matches is checked
    for trust in (False, True):
        with pytest.raises(UnsafeModelError, match=r"refers to posix\.system|refers to os\.system"):
            load_model(path, trust_unverified=trust)
    assert not marker.exists()


def test_text_models_and_project_classes_are_allowed(tmp_path):
    """A TF-IDF wording model (vectorizer with dtype=np.float64, term arrays of str) loads; a project
    function does not."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = ["the minister said the plan works", "experts say it may possibly fail", "officials said"] * 4
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, dtype=np.float64)
    classifier = LogisticRegression().fit(vectorizer.fit_transform(texts), [0, 1, 0] * 4)
    path = tmp_path / "words.joblib"
    joblib.dump({"estimator": classifier, "vectorizer": vectorizer, "terms": vectorizer.get_feature_names_out()},
                path, compress=3)
    loaded = store.safe_load(path)
    assert list(loaded["terms"]) == list(vectorizer.get_feature_names_out())
    np.testing.assert_allclose(loaded["estimator"].decision_function(loaded["vectorizer"].transform(texts)),
                               classifier.decision_function(vectorizer.transform(texts)))
    hostile = tmp_path / "project-function.joblib"
    hostile.write_bytes(zlib.compress(b"\x80\x02ccredibility.models.bundle\npack_trees\n(S'1'\ntR."))
    with pytest.raises(UnsafeModelError, match="refers to credibility.models.bundle.pack_trees"):
        load_model(hostile, trust_unverified=True)


def test_smuggled_code_inside_an_object_array_is_refused(tmp_path):
    """joblib stores object arrays as a nested pickle: it goes through the same allow-list."""
    marker = tmp_path / "pwned"
    path = tmp_path / "nested.joblib"
    payload = np.empty(1, dtype=object)
    payload[0] = _RunsCommand(f"touch {marker}")
    joblib.dump({"estimator": payload}, path, compress=3)
    with pytest.raises(UnsafeModelError, match="system, which a model file may not contain"):
        load_model(path, trust_unverified=True)
    assert not marker.exists()


@pytest.mark.parametrize(
    "module, name",
    [
        ("builtins", "eval"),
        ("builtins", "getattr"),
        ("subprocess", "Popen"),
        ("numpy", "load"),  # numpy.load(allow_pickle=...) would unpickle another file
        ("sklearn.utils._testing", "assert_run_python_script_without_output"),  # runs code in a subprocess
        ("sklearn.utils._joblib", "Parallel"),  # a re-export, not where the class is defined
        ("sklearn.model_selection", "cross_val_score"),  # a scikit-learn function, not a class
        ("sklearn.linear_model", "enet_path"),  # a function in an allowed package
        ("sklearn.conftest", "pytest_collection_modifyitems"),  # never imported at all
    ],
)
def test_globals_outside_the_allow_list_are_refused(tmp_path, module, name):
    path = tmp_path / "hostile.joblib"
    payload = b"\x80\x02c" + f"{module}\n{name}\n".encode() + b"(S'1'\ntR."
    path.write_bytes(zlib.compress(payload))
    with pytest.raises(UnsafeModelError, match=f"refers to {module}.{name}"):
        load_model(path, trust_unverified=True)


def test_forged_array_size_is_refused_before_allocating(tmp_path, monkeypatch):
    path = tmp_path / "big.joblib"
    joblib.dump({"estimator": None, "mean": np.zeros(4)}, path)
    real = store._check_array_fits

    def forged(wrapper, handle, name):
        wrapper.shape = (10**10,)  # 80 GB of float64 claimed by a 1 kB file
        return real(wrapper, handle, name)

    monkeypatch.setattr(store, "_check_array_fits", forged)
    with pytest.raises(UnsafeModelError, match="an array claims 80,000,000,000 bytes"):
        load_model(path, trust_unverified=True)


def test_oversized_and_foreign_files_are_refused(tmp_path, monkeypatch, toy_model):
    path = tmp_path / "toy.joblib"
    save_model(toy_model, path)
    monkeypatch.setattr(store, "MAX_MODEL_FILE_BYTES", 100)
    with pytest.raises(UnsafeModelError, match="larger than a model file may be"):
        load_model(path)
    monkeypatch.undo()
    text = tmp_path / "notes.joblib"
    text.write_text("just some text\n", encoding="utf-8")
    with pytest.raises(UnsafeModelError, match="not a joblib model file"):
        load_model(text, trust_unverified=True)
    bomb = tmp_path / "bomb.joblib"
    bomb.write_bytes(zlib.compress(b"\x80\x02" + b"\x00" * (2 * 1024 * 1024)))
    monkeypatch.setattr(store, "MAX_MODEL_DATA_BYTES", 1024 * 1024)
    with pytest.raises(UnsafeModelError, match="unpacks to more than 1 MB"):
        load_model(bomb, trust_unverified=True)


def test_a_plain_pickle_of_another_object_is_not_a_model(tmp_path):
    path = tmp_path / "list.joblib"
    path.write_bytes(pickle.dumps([1, 2, 3], protocol=4))
    with pytest.raises(UnsafeModelError, match="not a credibility model file"):
        load_model(path, trust_unverified=True)


def test_score_refuses_a_hostile_model_folder_even_with_trust_model(shipped_copy, tmp_path):
    marker = tmp_path / "pwned"
    joblib.dump({"estimator": _RunsCommand(f"touch {marker}")}, shipped_copy / "credibility.joblib", compress=3)
    article = tmp_path / "a.txt"
    article.write_text("The council voted on Tuesday to fund new buses, the clerk said.", encoding="utf-8")
    env = {**os.environ, "CREDIBILITY_MODELS_DIR": str(shipped_copy)}
    for extra in ([], ["--trust-model"]):
        run = subprocess.run(
            [sys.executable, "-m", "credibility.cli", "score", str(article), "-q", *extra],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert run.returncode == 2, run.stderr
        assert "could not load the trained models" in run.stderr and "--no-model" in run.stderr
        assert "Traceback" not in run.stderr
    assert not marker.exists()
