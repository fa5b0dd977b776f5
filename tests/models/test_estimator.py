"""ArticleClassifier follows scikit-learn's classifier contract over article texts."""

import numpy as np
import pytest
from model_test_data import FLOWERY, PLAIN, synthetic_rows
from sklearn.base import clone
from sklearn.model_selection import cross_val_score

from credibility.models.estimator import ArticleClassifier
from credibility.models.labeled_data import LabeledData
from credibility.models.split import data_fingerprint
from credibility.models.store import load_model, read_card, save_model
from credibility.models.trainer import TrainOptions, train


@pytest.fixture(scope="module")
def data():
    rows = synthetic_rows(14)
    return [r["text"] for r in rows], np.array([r["label"] for r in rows])


@pytest.fixture(scope="module")
def fitted(data):
    texts, labels = data
    return ArticleClassifier(candidates=("linear",), n_splits=3).fit(texts, labels)


def test_fit_predict_proba_and_predict_with_string_labels(fitted, data):
    texts, labels = data
    assert list(fitted.classes_) == ["human", "machine"]
    proba = fitted.predict_proba(texts)
    assert proba.shape == (len(texts), 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    fancy, plain = " ".join(FLOWERY * 2), " ".join(PLAIN * 2)
    assert fitted.predict_proba([fancy])[0, 1] > fitted.predict_proba([plain])[0, 1]
    assert set(fitted.predict(texts)) <= {"human", "machine"}
    # predict applies the stored threshold, not 0.5
    p = proba[:, 1]
    np.testing.assert_array_equal(fitted.predict(texts) == "machine", p >= fitted.model_.threshold)
    assert np.all(np.sign(fitted.decision_function(texts)) == np.sign(p - 0.5))


def test_feature_names_end_with_the_wording_feature(fitted):
    names = fitted.get_feature_names_out()
    assert names[-1] == "lexical.custom_wording"
    assert any(n.startswith("hedging.") for n in names) and any(n.startswith("surface.") for n in names)


def test_clone_keeps_parameters_and_cross_val_score_runs(data):
    texts, labels = data
    clf = ArticleClassifier(candidates=("linear",), n_splits=3, wording=False)
    copy = clone(clf)
    assert copy.get_params() == clf.get_params()
    scores = cross_val_score(copy, texts, labels, cv=2, scoring="roc_auc")
    assert scores.shape == (2,) and np.all(scores > 0.8)


def test_fitted_model_saves_and_wraps_back(fitted, tmp_path, data):
    texts, _ = data
    save_model(fitted.model_, tmp_path / "clf.npz")
    again = ArticleClassifier.from_model(load_model(tmp_path / "clf.npz"))
    np.testing.assert_allclose(again.predict_proba(texts), fitted.predict_proba(texts))


def test_saved_model_has_the_card_of_every_trained_model(fitted, data, tmp_path):
    """The estimator trains through trainer.train: its card has the same keys as one `credibility train`
    writes for the same rows (fingerprint, ROC, reliability, importances, versions), not fewer."""
    texts, labels = data
    save_model(fitted.model_, tmp_path / "clf.npz")
    card = read_card(tmp_path / "clf.npz")
    rows = LabeledData(texts, None, labels, (labels == "machine").astype(int), np.arange(len(texts)).astype(str),
                       ("human", "machine"))
    trained = train(rows, None, TrainOptions(candidates=("linear",), n_splits=3), name="custom")
    save_model(trained.model, tmp_path / "trained.npz")
    expected = read_card(tmp_path / "trained.npz")
    assert set(card) == set(expected)
    assert card["training_data"] == expected["training_data"]
    assert card["training_data"]["fingerprint"] == data_fingerprint(texts, labels)
    assert card["roc"] and card["reliability"] and card["feature_importances"] and card["libraries"]
    assert card["cross_validated_metrics"] == fitted.cv_metrics_


def test_sample_weights_still_reach_the_fit(data):
    texts, labels = data
    weights = np.where(labels == "machine", 5.0, 1.0)
    plain = ArticleClassifier(candidates=("linear",), n_splits=3, wording=False).fit(texts, labels)
    weighted = ArticleClassifier(candidates=("linear",), n_splits=3, wording=False).fit(texts, labels,
                                                                                        sample_weight=weights)
    assert not np.allclose(plain.predict_proba(texts), weighted.predict_proba(texts))


def test_exported_lazily_from_the_package():
    import credibility

    assert credibility.ArticleClassifier is ArticleClassifier


def test_bad_input_is_refused_with_a_clear_message(data):
    texts, labels = data
    with pytest.raises(ValueError, match="exactly two classes"):
        ArticleClassifier().fit(texts[:4], ["a"] * 4)
    with pytest.raises(TypeError, match="article texts"):
        ArticleClassifier().fit([1, 2, 3], [0, 1, 0])
