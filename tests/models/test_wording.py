"""The stacked wording model: out-of-fold stacking, stored with the model, reasons naming the phrases."""

import numpy as np
import pytest
from model_test_data import FLOWERY, PLAIN, synthetic_rows

from credibility.analysis import analyze
from credibility.models.lexical import WordingModel, feature_name, wording_column
from credibility.models.scorer import ModelScorer
from credibility.models.store import load_model, save_model
from credibility.models.training import fit_binary, folds


@pytest.fixture(scope="module")
def rows():
    return synthetic_rows(14)


@pytest.fixture(scope="module")
def labels(rows):
    return np.array([int(r["label"] == "machine") for r in rows])


@pytest.fixture(scope="module")
def wording_fitted(rows, labels):
    """A model whose only signal feature is noise, so the wording feature must carry it."""
    rng = np.random.default_rng(1)
    X = rng.normal(size=(len(rows), 2))  # noqa: N806
    return fit_binary(X, labels, [r["story"] + r["label"] for r in rows], ["toy.noise_a", "toy.noise_b"],
                      name="toy", task="ai_generated", classes=("human", "machine"), candidates=("linear",),
                      n_splits=3, texts=[r["text"] for r in rows])


def test_wording_model_separates_the_two_styles_and_names_their_phrases(rows, labels):
    texts = [r["text"] for r in rows]
    model = WordingModel().fit(texts, labels)
    scores = model.decision_function(texts)
    assert scores[labels == 1].min() > scores[labels == 0].max()
    flowery = " ".join(FLOWERY[:3])
    towards_machine = model.top_terms(flowery, k=3, direction=1.0)
    assert len(towards_machine) == 3 and all(t in flowery.lower() for t in towards_machine)
    # the terms pulling the other way are ones the plain style uses too
    plain_words = " ".join(PLAIN).lower()
    assert all(t in plain_words for t in model.top_terms(flowery, k=3, direction=-1.0))
    assert model.top_terms("", k=3) == []


def test_training_rows_get_out_of_fold_scores_and_other_rows_the_full_model(rows, labels):
    texts = [r["text"] for r in rows]
    groups = np.array([str(i) for i in range(len(rows))])
    train = np.arange(len(rows)) < 20
    fold_list = folds(labels[train], groups[train], 4, 0)
    column, full = wording_column(texts, labels, train, fold_list)
    np.testing.assert_allclose(column[~train], full.decision_function(np.array(texts, dtype=object)[~train]))
    # a training row's score is not the full model's (that model saw it)
    assert not np.allclose(column[train], full.decision_function(np.array(texts, dtype=object)[train]))


def test_the_wording_feature_is_stacked_saved_and_needs_the_texts(wording_fitted, rows, tmp_path):
    model = wording_fitted.model
    assert model.feature_names == ["toy.noise_a", "toy.noise_b", feature_name("toy")]
    assert model.wording_feature == "lexical.toy_wording"
    assert model.input_feature_names == ["toy.noise_a", "toy.noise_b"]
    X = np.zeros((2, 2))  # noqa: N806
    with pytest.raises(ValueError, match="pass the article texts"):
        model.columns(X, ["toy.noise_a", "toy.noise_b"])
    full = model.columns(X, ["toy.noise_a", "toy.noise_b"], [rows[0]["text"], rows[1]["text"]])
    assert full.shape == (2, 3)
    save_model(model, tmp_path / "toy.npz")
    again = load_model(tmp_path / "toy.npz")
    np.testing.assert_allclose(again.columns(X, ["toy.noise_a", "toy.noise_b"], [rows[0]["text"], rows[1]["text"]]),
                               full)


def test_scorer_reason_for_wording_quotes_the_articles_phrases(wording_fitted):
    scorer = ModelScorer(wording_fitted.model, None)
    report = analyze(" ".join(FLOWERY * 2), scorer=scorer)
    reasons = report.scores["ai_generated"].reasons
    wording = [r for r in reasons if r.feature == "lexical.toy_wording"]
    assert wording, reasons
    assert wording[0].contribution > 0
    assert wording[0].text.startswith("word and phrase choice ('")
    assert wording[0].text.endswith("points to machine-written")
    plain = analyze(" ".join(PLAIN * 2), scorer=scorer)
    assert plain.ai_probability < report.ai_probability


def test_language_balancing_stops_a_language_from_standing_for_a_class():
    from credibility.models.lexical import language_balanced

    y = np.array([0, 0, 0, 0, 1, 0, 1, 1])
    langs = ["nl", "nl", "nl", "nl", "nl", "en", "en", "en"]
    w = language_balanced(np.ones(8), y, langs)
    for lang in ("nl", "en"):
        m = np.array(langs) == lang
        assert w[m & (y == 0)].sum() == pytest.approx(w[m & (y == 1)].sum())
    # a language with one class only is left out of the wording model's training
    w = language_balanced(np.ones(4), np.array([0, 1, 0, 0]), ["en", "en", "nl", "nl"])
    np.testing.assert_allclose(w, [1.0, 1.0, 0.0, 0.0])
    # no language with both classes: weights unchanged rather than all zero
    np.testing.assert_allclose(language_balanced(np.ones(2), np.array([0, 1]), ["en", "nl"]), [1.0, 1.0])


def test_masked_text_keeps_construction_and_drops_topic():
    from credibility.models.masked_text import masked_text, readable

    masked = masked_text("The Pentagon said 40 troops would leave — “soon”.\nHowever, it’s unclear.")
    assert masked.split()[:6] == ["f_the", "Xcap", "Xw", "Xnum", "Xw", "f_would"]
    assert "pentagon" not in masked.lower() and "troops" not in masked
    assert masked == masked_text("The Senate said 12 ships would leave — \"soon\". However, it's unclear.")
    assert readable("f_in Xw P2c") == "in … ,"
    assert readable("P110000") == "P110000"  # a code point out of range (from a file) is shown, not raised


def test_a_masked_wording_model_round_trips_through_a_model_file(rows, labels, tmp_path):
    texts = [r["text"] for r in rows]
    model = fit_binary(np.zeros((len(rows), 1)) + np.arange(len(rows))[:, None] % 2, labels,
                       [r["story"] + r["label"] for r in rows], ["toy.noise"], name="toy", task="ai_generated",
                       classes=("human", "machine"), candidates=("linear",), n_splits=3, texts=texts,
                       wording_view="masked").model
    assert model.wording.view == "masked"
    save_model(model, tmp_path / "toy.npz")
    loaded = load_model(tmp_path / "toy.npz")
    assert loaded.wording.view == "masked"
    np.testing.assert_allclose(loaded.wording.decision_function(texts), model.wording.decision_function(texts))
    assert all(not t.startswith(("f_", "X")) for t in loaded.wording.top_terms(texts[0], k=3))
