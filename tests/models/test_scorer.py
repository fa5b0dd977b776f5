import pytest
from model_test_data import FLOWERY, PLAIN, synthetic_rows

from credibility.analysis import analyze
from credibility.models.scorer import MODELS_DIR, ModelScorer, load_default_scorer
from credibility.models.store import save_model
from credibility.models.training import fit_binary
from credibility.verdicts import AI_VERDICTS, ai_verdict

SIMPLE = " ".join(PLAIN * 2)
FANCY = " ".join(FLOWERY * 2)


@pytest.fixture(scope="module")
def text_model():
    """A small model fitted on real features of the synthetic styles."""
    from credibility.models.features import featurize_texts

    rows = synthetic_rows(12)
    X, names = featurize_texts([r["text"] for r in rows], cache=False, n_jobs=1)  # noqa: N806
    y = [int(r["label"] == "machine") for r in rows]
    return fit_binary(X, y, [str(i) for i in range(len(y))], names, name="toy-ai", task="ai_generated",
                      classes=("human", "machine"), candidates=("linear",), n_splits=3).model


def test_scorer_adds_both_scores_with_reasons(text_model):
    scorer = ModelScorer(text_model, text_model)
    fancy = analyze(FANCY, scorer=scorer)
    simple = analyze(SIMPLE, scorer=scorer)
    ai = fancy.scores["ai_generated"]
    assert 0.0 <= ai.value <= 1.0 and ai.threshold == pytest.approx(text_model.threshold, abs=1e-4)
    assert fancy.ai_probability > simple.ai_probability
    assert ai.verdict == ("likely machine-written" if ai.value >= text_model.threshold
                          else "possibly machine-written" if ai.value >= 0.5 else "likely human-written")
    assert 1 <= len(ai.reasons) <= 5
    assert ai.reasons[0].text and "(" in ai.reasons[0].text
    assert abs(ai.reasons[0].contribution) >= abs(ai.reasons[-1].contribution)
    cred = fancy.scores["credibility"]
    assert cred.value == pytest.approx(round(100 * (1 - ai.value), 1), abs=0.11)
    # credibility reasons run the other way: what pushes "machine" here lowers credibility
    assert cred.reasons[0].contribution == pytest.approx(-ai.reasons[0].contribution)
    assert fancy.as_dict()["credibility"] == cred.value


def test_load_default_scorer_none_without_files_and_cached(tmp_path, text_model):
    assert load_default_scorer(tmp_path) is None
    save_model(text_model, tmp_path / "ai_generated.npz")
    first = load_default_scorer(tmp_path)
    assert first is not None and first.credibility_model is None
    assert load_default_scorer(tmp_path) is first


@pytest.mark.skipif(not (MODELS_DIR / "ai_generated.npz").exists(), reason="shipped models not built")
def test_shipped_models_score_real_looking_news():
    scorer = load_default_scorer()
    report = analyze(SIMPLE, scorer=scorer)
    assert set(report.scores) == {"ai_generated", "credibility"}
    assert 0 <= report.credibility <= 100
    assert report.scores["ai_generated"].reasons


@pytest.mark.skipif(not (MODELS_DIR / "ai_generated.npz").exists(), reason="shipped models not built")
def test_batch_scoring_equals_one_by_one_and_reasons_add_up():
    """score_many (what batches use) gives each article exactly its own scores, and each score's reasons are
    an exact share of its log-odds: the contributions of all features plus the bias give the probability."""
    import numpy as np

    from credibility.document import build_document

    scorer = load_default_scorer()
    texts = [SIMPLE, FANCY, SIMPLE + " " + FANCY]
    docs = [build_document(t) for t in texts]
    batch = [analyze(t, scorer=None) for t in texts]
    scorer.score_many(docs, batch)
    for text, report in zip(texts, batch, strict=True):
        alone = analyze(text, scorer=scorer)
        assert report.scores == alone.scores
    model = scorer.ai_model
    values = {**batch[1].features}
    from credibility.signals.surface import surface_features

    values.update(surface_features(docs[1]))
    x = model.columns(np.array([[values[n] for n in model.input_feature_names]]), model.input_feature_names,
                      [texts[1]])
    prob, contrib = model.contributions(x)
    assert contrib.sum() + model.bias() == pytest.approx(np.log(prob[0] / (1 - prob[0])), abs=1e-9)


def test_ai_verdict_has_three_levels_and_flags_only_at_the_threshold():
    assert ai_verdict(0.2, 0.93) == "likely human-written"
    assert ai_verdict(0.5, 0.93) == ai_verdict(0.92, 0.93) == "possibly machine-written"
    assert ai_verdict(0.93, 0.93) == "likely machine-written"


def test_a_text_that_declares_itself_ai_made_gets_the_declared_verdict(text_model):
    scorer = ModelScorer(text_model, text_model)
    banner = analyze(f"Summarized by NewsBrief AI\n\n{SIMPLE}", scorer=scorer)
    mention = analyze(f"{SIMPLE}\n\nThe agency said its AI summary tool was popular with readers.", scorer=scorer)
    ai = banner.scores["ai_generated"]
    assert ai.declared == "Summarized by NewsBrief AI" and ai.verdict == "declared machine-written"
    assert banner.as_dict()["ai_verdict"] == "declared machine-written"
    assert banner.as_dict()["scores"]["ai_generated"]["declared"] == "Summarized by NewsBrief AI"
    assert 0.0 <= ai.value <= 1.0  # the model's own probability is still reported
    # prose about someone else's AI tool is evidence for the signals, not a declaration
    other = mention.scores["ai_generated"]
    assert other.declared is None and other.verdict in AI_VERDICTS
    assert mention.spans_of(kind="ai_banner")
    assert banner.scores["credibility"].declared is None
