import copy
import json

import numpy as np
import pytest

from credibility.models import store
from credibility.models.store import (
    ModelVerificationError,
    card_path,
    file_sha256,
    load_model,
    markdown_path,
    save_model,
)


def test_roundtrip_keeps_predictions_and_card(tmp_path, toy_model, toy_matrix):
    X = toy_matrix[0]  # noqa: N806
    path = tmp_path / "toy.npz"
    card = save_model(toy_model, path)
    assert card["sha256"] == file_sha256(path)
    on_disk = json.loads(card_path(path).read_text())
    assert on_disk["feature_names"] == ["toy.signal", "toy.noise", "toy.constant"]
    assert on_disk["threshold"] == pytest.approx(toy_model.threshold)
    assert on_disk["libraries"]["scikit-learn"]
    assert "# Model card: toy" in markdown_path(path).read_text()
    loaded = load_model(path)
    np.testing.assert_allclose(loaded.predict_proba(X[:20]), toy_model.predict_proba(X[:20]))
    assert loaded.metadata["created"] == on_disk["created"]


def test_model_file_holds_no_pickle(tmp_path, toy_model):
    path = tmp_path / "toy.npz"
    save_model(toy_model, path)
    with np.load(path, allow_pickle=False) as data:  # raises on any object array
        assert all(data[name].dtype != object for name in data.files)


@pytest.fixture
def two_saves(tmp_path, toy_model):
    """The model saved as ``toy.npz``, and a later run (note "the new run") saved in another folder."""
    path = tmp_path / "toy.npz"
    save_model(toy_model, path)
    newer = tmp_path / "newer" / "toy.npz"
    newer.parent.mkdir()
    later = copy.deepcopy(toy_model)  # the fixture is shared: leave it as it was
    later.metadata["note"] = "the new run"
    later.threshold = 0.77
    save_model(later, newer)
    return path, newer


def test_replaced_file_is_refused_unless_trusted(two_saves):
    path, newer = two_saves
    path.write_bytes(newer.read_bytes())  # swapped behind the card's back
    with pytest.raises(ModelVerificationError, match="does not match its card.*--trust-model"):
        load_model(path)
    assert load_model(path, trust_unverified=True).threshold == pytest.approx(0.77)


def test_a_save_interrupted_between_the_two_moves_is_explained(two_saves):
    path, newer = two_saves
    # what a kill after save_model's first os.replace leaves: the new file, the old card, the new card's temp
    path.write_bytes(newer.read_bytes())
    pending = path.parent / f".{card_path(path).name}.k1ll3d.tmp"
    pending.write_bytes(card_path(newer).read_bytes())
    with pytest.raises(ModelVerificationError, match=r"save was interrupted.*still in \.toy\.card\.json\.k1ll3d\.tmp"):
        load_model(path)
    pending.rename(card_path(path))  # the way out the message offers
    assert load_model(path).metadata["note"] == "the new run"


def test_missing_card_is_refused(tmp_path, toy_model):
    path = tmp_path / "toy.npz"
    save_model(toy_model, path)
    card_path(path).unlink()
    with pytest.raises(ModelVerificationError, match="no model card"):
        load_model(path)
    assert load_model(path, trust_unverified=True).name == "toy"


def test_failed_save_leaves_existing_model_untouched(tmp_path, toy_model, monkeypatch):
    path = tmp_path / "toy.npz"
    save_model(toy_model, path)
    before = path.read_bytes(), card_path(path).read_bytes()

    def broken_replace(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store.os, "replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        save_model(toy_model, path)
    monkeypatch.undo()
    assert (path.read_bytes(), card_path(path).read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["toy.card.json", "toy.md", "toy.npz"]
    load_model(path)


def test_old_pickled_models_are_refused_with_a_way_out(tmp_path):
    old = tmp_path / "credibility.joblib"
    old.write_bytes(b"\x80\x04not loaded")
    for trust in (False, True):
        with pytest.raises(ModelVerificationError, match=r"old pickle format.*credibility train"):
            load_model(old, trust_unverified=trust)


def test_save_needs_the_npz_suffix(tmp_path, toy_model):
    with pytest.raises(ValueError, match=r"end in \.npz"):
        save_model(toy_model, tmp_path / "toy.joblib")
