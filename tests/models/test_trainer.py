"""``trainer.train``: the one training path (#16 item 3). Its card has the standard sections whoever calls
it; a recipe's own fit and last steps come in through the documented hooks, not a card writer of its own."""

from __future__ import annotations

import numpy as np
import pytest
from model_test_data import synthetic_rows

from credibility.models.labeled_data import LabeledData
from credibility.models.model_card import read_card_file
from credibility.models.split import data_fingerprint
from credibility.models.store import card_path, load_model, save_model
from credibility.models.tasks import AI_GENERATED, CUSTOM
from credibility.models.trainer import TrainOptions, TrainProgress, train
from credibility.models.training import fit_binary

STANDARD = {"description", "training_data", "candidates", "cross_validated_metrics", "threshold_note", "roc",
            "reliability", "feature_importances", "created", "libraries"}


@pytest.fixture
def toy_rows(toy_matrix) -> LabeledData:
    """The toy matrix's rows as a labelled table (the texts only feed the fingerprint: features are given)."""
    X, y, groups, _ = toy_matrix  # noqa: N806
    labels = np.where(y == 1, "machine", "human")
    return LabeledData([f"text {i}" for i in range(len(y))], None, labels, y, groups, ("human", "machine"))


def test_features_given_skip_featurising_and_the_card_has_every_standard_section(toy_matrix, toy_rows, tmp_path):
    X, _, _, names = toy_matrix  # noqa: N806
    folds = []
    trained = train(toy_rows, AI_GENERATED, TrainOptions(candidates=("linear",), n_splits=3, wording=False),
                    name="toy", features=(X, names), progress=TrainProgress(fold=lambda: folds.append(1)))
    assert len(folds) == 3
    assert set(trained.model.metadata) >= STANDARD
    card = trained.card
    assert (card.name, card.task, card.classes) == ("toy", AI_GENERATED.name, AI_GENERATED.classes)
    assert card.training_data.fingerprint == data_fingerprint(toy_rows.texts, toy_rows.labels)
    assert card.training_data.rows_per_class == {"human": 150, "machine": 150}
    assert card.roc and card.reliability and card.feature_importances and card.libraries
    assert card.cross_validated_metrics["auroc"] > 0.8
    save_model(trained.model, tmp_path / "toy.npz")  # written by the store, read by the one reader
    written = read_card_file(card_path(tmp_path / "toy.npz"))
    assert written.roc == card.roc and written.training_data == card.training_data and written.sha256


def test_a_recipe_fits_and_finishes_through_the_hooks(toy_matrix, toy_rows, tmp_path):
    X, y, groups, names = toy_matrix  # noqa: N806
    weights = np.where(y == 1, 2.0, 1.0)

    def fit(X, names, tick):  # noqa: N803
        return fit_binary(X, y, groups, names, name="recipe", task=AI_GENERATED.name, classes=AI_GENERATED.classes,
                          candidates=("linear",), sample_weight=weights, n_splits=3, tick=tick)

    def finish(model, fitted):
        model.threshold = 0.75  # e.g. a line set on held-out genres
        return {"evaluation": [{"title": "held out", "columns": ["auroc"], "rows": [{"auroc": 0.9}]}],
                "description": "the recipe's own words"}

    trained = train(toy_rows, AI_GENERATED, name="recipe", features=(X, names), fit=fit, finish=finish)
    assert trained.card.threshold == 0.75 and trained.card.description == "the recipe's own words"
    assert trained.card.evaluation[0]["title"] == "held out" and trained.card.roc  # standard sections kept
    save_model(trained.model, tmp_path / "recipe.npz")
    assert load_model(tmp_path / "recipe.npz").threshold == 0.75


def test_labels_of_neither_question_train_a_custom_model(toy_matrix, toy_rows):
    X, _, _, names = toy_matrix  # noqa: N806
    trained = train(toy_rows, None, TrainOptions(candidates=("linear",), n_splits=3, wording=False, target_fpr=None),
                    name="mine", features=(X, names))
    assert trained.card.task == CUSTOM and trained.card.threshold == 0.5 and trained.card.target_fpr is None
    assert "0.5" in trained.card.threshold_note


@pytest.mark.slow  # featurising (~10 s with the extractors' first load)
def test_texts_are_featurised_when_no_features_are_given():
    rows = synthetic_rows(n_per_class=8)
    labels = np.array([r["label"] for r in rows])
    data = LabeledData([r["text"] for r in rows], None, labels, (labels == "machine").astype(int),
                       np.array([r["story"] for r in rows]), ("human", "machine"))
    seen = []
    trained = train(data, AI_GENERATED, TrainOptions(candidates=("linear",), n_splits=2, wording=False),
                    name="small", progress=TrainProgress(featurised=seen.append))
    assert sum(seen) == len(rows)
    assert len(trained.card.feature_names) > 50 and trained.card.roc


def test_the_wording_model_is_trained_on_the_text_the_scorer_reads(toy_matrix, monkeypatch):
    """The scorer feeds the wording model the normalised text a Document holds (scorer.model_matrix); a
    model trained on the raw text would see line ends and invisible characters it never meets when scoring."""
    import credibility.models.trainer as trainer

    X, y, groups, names = toy_matrix  # noqa: N806
    raw = [f"Line one\r\nline\u200b two {i}" for i in range(len(y))]
    rows = LabeledData(raw, None, np.where(y == 1, "machine", "human"), y, groups, ("human", "machine"))
    seen: dict = {}

    def spy(*args, **kwargs):
        seen["texts"] = kwargs["texts"]
        return fit_binary(*args, **{**kwargs, "texts": None})

    monkeypatch.setattr(trainer, "fit_binary", spy)
    train(rows, AI_GENERATED, TrainOptions(candidates=("linear",), n_splits=2, wording=True), name="w",
          features=(X, names))
    assert seen["texts"][0] == "Line one\nline two 0"
