import copy
import json

import joblib
import numpy as np
import pytest

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
    path = tmp_path / "toy.joblib"
    card = save_model(toy_model, path)
    assert card["sha256"] == file_sha256(path)
    on_disk = json.loads(card_path(path).read_text())
    assert on_disk["feature_names"] == ["toy.signal", "toy.noise", "toy.constant"]
    assert on_disk["threshold"] == pytest.approx(toy_model.threshold)
    assert on_disk["libraries"]["scikit-learn"]
    assert "# Model card: toy" in markdown_path(path).read_text()
    loaded = load_model(path)
    np.testing.assert_allclose(loaded.predict_proba(X[:20]), toy_model.predict_proba(X[:20]))
    assert joblib.load(path)["metadata"]["created"] == on_disk["created"]


@pytest.fixture
def two_saves(tmp_path, toy_model):
    """The model saved as ``toy.joblib``, and a later run (note "the new run") saved in another folder."""
    path = tmp_path / "toy.joblib"
    save_model(toy_model, path)
    newer = tmp_path / "newer" / "toy.joblib"
    newer.parent.mkdir()
    later = copy.deepcopy(toy_model)  # the fixture is shared: leave it as it was
    later.metadata["note"] = "the new run"
    save_model(later, newer)
    return path, newer


def test_replaced_file_is_refused_unless_trusted(two_saves):
    path, newer = two_saves
    path.write_bytes(newer.read_bytes())  # swapped behind the card's back
    with pytest.raises(ModelVerificationError, match="does not match its card.*--trust-model"):
        load_model(path)
    assert load_model(path, trust_unverified=True).metadata["note"] == "the new run"


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
    path = tmp_path / "toy.joblib"
    save_model(toy_model, path)
    card_path(path).unlink()
    with pytest.raises(ModelVerificationError, match="no model card"):
        load_model(path)
    assert load_model(path, trust_unverified=True).name == "toy"


def test_failed_save_leaves_existing_model_untouched(tmp_path, toy_model, monkeypatch):
    path = tmp_path / "toy.joblib"
    save_model(toy_model, path)
    before = path.read_bytes(), card_path(path).read_bytes()

    def broken_dump(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(joblib, "dump", broken_dump)
    with pytest.raises(KeyboardInterrupt):
        save_model(toy_model, path)
    assert (path.read_bytes(), card_path(path).read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["toy.card.json", "toy.joblib", "toy.md"]
    load_model(path)
