"""The shipped credibility model: guaranteed directions, exact reasons, one scoring path, and the order
editors expect on our own story sets (originals > aggregator copies > AI summaries; removing the machine
furniture from an AI summary raises its score)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from credibility.analysis import analyze
from credibility.models.credibility_task import AI_PROBABILITY, BY_NAME, FEATURE_NAMES
from credibility.models.estimator import ArticleClassifier
from credibility.models.scorer import CREDIBILITY_MODEL_FILE, MODELS_DIR
from credibility.models.store import load_model, read_card

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.txt"))

pytestmark = pytest.mark.skipif(not (MODELS_DIR / CREDIBILITY_MODEL_FILE).exists(), reason="shipped model not built")


@pytest.fixture(scope="module")
def model():
    return load_model(MODELS_DIR / CREDIBILITY_MODEL_FILE)


@pytest.fixture(scope="module")
def example_rows(model) -> np.ndarray:
    """The model's inputs for the bundled examples, as the scorer computed them."""
    reports = [analyze(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    return np.array([[r.features[n] for n in model.feature_names] for r in reports])


def test_the_shipped_model_reads_editorial_evidence_only(model):
    assert tuple(model.feature_names) == FEATURE_NAMES
    assert model.wording is None
    assert not any(n.startswith(("surface.", "lexical.", "readability.")) for n in model.feature_names)


@pytest.mark.parametrize("name", [n for n in FEATURE_NAMES if BY_NAME[n].direction])
def test_every_constrained_feature_moves_the_score_only_its_way(model, example_rows, name):
    """Everything else equal, raising the feature from 0 to far above anything seen never moves
    P(not credible) against its stated direction, on every example article."""
    j = model.feature_names.index(name)
    direction = BY_NAME[name].direction
    top = max(1.0, float(model.mean[j] + 6 * model.scale[j]))
    for row in example_rows:
        grid = np.tile(row, (60, 1))
        grid[:, j] = np.linspace(0.0, top, 60)
        steps = np.diff(model.predict_proba(grid)) * direction
        assert (steps >= -1e-12).all(), f"{name} moved the score against its direction"


def test_directions_and_expert_terms_are_documented_in_the_card(model):
    card = read_card(MODELS_DIR / CREDIBILITY_MODEL_FILE)
    for name in FEATURE_NAMES:
        spec = BY_NAME[name]
        assert card["monotonic_constraints"].get(name, 0) == spec.direction
        if spec.expert_weight:
            assert card["expert_terms"][name]["weight"] == pytest.approx(spec.expert_weight)
    tables = {t["title"] for t in card["evaluation"]}
    assert "Inputs, guaranteed directions and why" in tables


def test_reasons_are_an_exact_split_of_the_score(model, example_rows):
    prob, contrib = model.contributions(example_rows)
    logit = np.log(prob / (1 - prob))
    np.testing.assert_allclose(contrib.sum(axis=1) + model.bias(), logit, atol=1e-9)
    np.testing.assert_allclose(prob, model.predict_proba(example_rows), atol=1e-12)


def test_analyze_and_the_estimator_are_one_scoring_path(model):
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    via_report = [analyze(t).scores["credibility"].value for t in texts]
    via_estimator = ArticleClassifier.from_model(model).predict_proba(texts)[:, 1]
    np.testing.assert_allclose(via_report, np.round(100 * (1 - via_estimator), 1), atol=0.051)


def test_reasons_read_as_counts_with_evidence():
    report = analyze((ROOT / "data" / "examples" / "ai_summary_en.txt").read_text(encoding="utf-8"))
    score = report.scores["credibility"]
    texts = " | ".join(r.text for r in score.reasons)
    assert "Summarized by NewsBrief AI" in texts  # the declaring banner, quoted
    assert any(r.feature == AI_PROBABILITY for r in score.reasons)
    declared = next(r for r in score.reasons if r.feature == "boilerplate.declares_ai")
    assert declared.evidence == ("ai_banner",) and declared.contribution < 0
    assert report.features[AI_PROBABILITY] == pytest.approx(report.scores["ai_generated"].value, abs=5e-5)
    well = analyze((ROOT / "data" / "examples" / "well_sourced_en.txt").read_text(encoding="utf-8"))
    sentences = [r.text for r in well.scores["credibility"].reasons if " of " in r.text and "sentences" in r.text]
    assert sentences and all("typical credible news" in t for t in sentences)
    assert not any(math.isnan(r.contribution) for r in well.scores["credibility"].reasons)


# Orderings the model is known to get wrong, with why. A check listed here that starts to hold fails the
# test too, so the list cannot go stale.
KNOWN_WRONG = {
    # The 66-word "AI summary" written for compare carries no machine marks at all (no banner, no furniture,
    # AI model 0.33, named sources), while the aggregator copy carries a syndication notice. Telling them apart
    # needs the other versions of the story: `credibility compare` flags its contradictions.
    "defence_network: aggregator > ai_summary",
}


def test_story_sets_and_examples_keep_the_order_editors_expect():
    from experiments.story_sets import story_checks

    checks = story_checks()
    assert len(checks) >= 15
    failed = {c["check"] for c in checks if not c["holds"]}
    assert failed == KNOWN_WRONG, [c for c in checks if (c["check"] in failed) != (c["check"] in KNOWN_WRONG)]


def test_removing_machine_furniture_raises_the_score(model, example_rows):
    """Counterfactual on the features: the AI-summary example without banner, question list, call to
    action, footer or syndication notice scores higher."""
    i = next(k for k, p in enumerate(EXAMPLES) if p.stem == "ai_summary_en")
    row = example_rows[i].copy()
    furniture = [j for j, n in enumerate(model.feature_names) if n.startswith("boilerplate.") and row[j] > 0]
    assert furniture
    cleaned = row.copy()
    cleaned[furniture] = 0.0
    assert model.predict_proba(cleaned[None])[0] < model.predict_proba(row[None])[0]
