"""Evaluation gate for the shipped models: their held-out figures are recomputed from ../shared and must
(1) reproduce what their cards say and (2) stay at or above pinned floors.

Like trafilatura's evaluation gate: a change to an extractor, a lexicon or the training code that makes
the shipped models worse, or that makes them disagree with their cards, fails here instead of sliding by
unnoticed. The floors sit a little under the figures measured when the models were trained (see the
cards); lowering one is a decision to write in the commit message, never a silent edit.
Only held-out rows are featurised (about 3,500 texts; a minute or two on 2 cores, cached afterwards).
"""

from __future__ import annotations

import numpy as np
import pytest

from credibility.models.metrics import auroc
from credibility.models.scorer import AI_MODEL_FILE, CREDIBILITY_MODEL_FILE, MODELS_DIR
from credibility.models.store import load_model, read_card
from experiments.data import SHARED_DIR

pytestmark = [
    pytest.mark.shared,
    pytest.mark.slow,  # featurises every held-out article: CI runs it, the quick loop does not
    pytest.mark.skipif(not SHARED_DIR.is_dir(), reason="needs the ../shared corpora"),
]

# Pinned floors (held-out AUROC against held-out human news) per generator family; see ai_generated.md.
AI_AUROC_FLOORS = {
    "Gemini-1.5-Pro": 0.97,  # left out of training entirely
    "Llama-3-70B": 0.97,
    "davinci": 0.93,
    "gpt-3.5-turbo": 0.97,
    "gpt-4/vicuna-13b (clin33)": 0.97,
    "gpt-j-6B": 0.94,
    "gpt-neo-2.7B": 0.945,
    "gpt-neox-20b": 0.935,
    "gpt2-xl": 0.945,
    "llama-2": 0.98,
    "opt-2.7b": 0.93,
    "vicuna": 0.97,
}
AI_FPR_CEILINGS = {"credibility": 0.01, "news_nl": 0.01}  # human news called machine-written at the threshold
# Per human genre, held-out: news genres hold the 1% the line is set for (small genres: one text is 1-2%: the
# BBC set's 98 held-out texts have 2 over the line);
# the other genres are reported, not met (see the card), and must not slide past what was measured (the retrain of
# 2026-12-02 09:14 moved one of the 27 held-out debate-transcript chunks over the line: 2 -> 3, 7.4% -> 11.1%).
AI_GENRE_FPR_CEILINGS = {"news": 0.025, "other": 0.12}
# Credibility (see credibility.md): floors a little under the measured held-out figures.
CRED_AUROC_FLOOR = 0.77
CRED_CREDIBLE_CALLED_LOW_CEILING = 0.15  # issue #13: <= 15% of English credible news called low credibility
CRED_DUTCH_CALLED_LOW_CEILING = 0.10  # issue #13: <= 10% of Dutch human news
CRED_PAIR_FLOORS = {  # issue #13: machine rewrites below their originals in >= 85% of pairs
    "original vs rewrite:sensational": 0.85,
    "original vs rewrite:emotionally_triggering": 0.85,
    "original vs information_manipulation": 0.85,
}
CARD_TOLERANCE = 1e-6


@pytest.fixture(scope="module")
def ai_heldout():
    from experiments import ai_experiment as ai

    frame = ai.ai_frame()
    rows = (frame["split"].eq("test") | frame["family"].eq(ai.LEFT_OUT_FAMILY)).to_numpy()
    data = ai.load_ai_data(rows=rows)
    model = load_model(MODELS_DIR / AI_MODEL_FILE)
    prob = model.predict_proba(model.columns(data.X, data.names, data.df["text"].tolist()))
    return data, model, prob


def test_ai_generated_auroc_per_generator_stays_above_its_floor(ai_heldout):
    data, _, prob = ai_heldout
    df = data.df
    y = df["y"].to_numpy()
    negatives = data.test & data.human_news
    measured = {}
    for family in sorted(df.loc[df["y"].eq(1), "family"].unique()):
        positives = df["family"].eq(family).to_numpy() & (y == 1)
        labels = np.r_[np.zeros(negatives.sum()), np.ones(positives.sum())]
        measured[family] = auroc(labels, np.r_[prob[negatives], prob[positives]])
    assert set(measured) == set(AI_AUROC_FLOORS), "a generator family was added or lost: pin its floor"
    below = {f: round(v, 4) for f, v in measured.items() if v < AI_AUROC_FLOORS[f]}
    assert not below, f"held-out AUROC under its floor: {below}"


def test_ai_generated_false_positives_on_human_news_stay_under_the_ceiling(ai_heldout):
    data, model, prob = ai_heldout
    card = read_card(MODELS_DIR / AI_MODEL_FILE)
    for source, key in (("credibility", "fpr_english_human_news"), ("news_nl", "fpr_dutch_human_news")):
        human = data.test & data.df["source"].eq(source).to_numpy()
        fpr = float((prob[human] >= model.threshold).mean())
        assert fpr <= AI_FPR_CEILINGS[source], (source, fpr)
        assert fpr == pytest.approx(card["metrics"][key], abs=CARD_TOLERANCE), f"{key} differs from the card"


def test_ai_generated_false_positives_per_human_genre_stay_under_the_ceiling(ai_heldout):
    """#20: the 'likely' line holds its false-positive rate on every human genre assembled from ../shared,
    including genres never trained on (their reporting half; the other half set the line)."""
    from experiments import ai_experiment as ai

    data, model, prob = ai_heldout
    genres = ai.load_genres(data.names, report_only=True)
    genre_prob = model.predict_proba(model.columns(genres.X, genres.names, genres.df["text"].tolist()))
    card = read_card(MODELS_DIR / AI_MODEL_FILE)
    table = next(t for t in card["evaluation"] if t["title"].startswith("False-positive rate per human genre"))
    carded = {row["human genre"]: row["fpr@likely"] for row in table["rows"]}
    measured = {}
    kinds = {}
    for name, frame, mask, kind in ai.genre_groups(data, genres):
        p = prob[mask & data.test] if frame == "ai" else genre_prob[mask]
        if len(p):
            measured[name] = float((p >= model.threshold).mean())
            kinds[name] = kind
    assert set(measured) == set(carded), "a human genre was added or lost: update the card and this gate"
    for name, fpr in measured.items():
        assert fpr == pytest.approx(carded[name], abs=CARD_TOLERANCE), f"{name}: differs from the card"
    over = {k: round(v, 4) for k, v in measured.items() if v > AI_GENRE_FPR_CEILINGS[kinds[k]]}
    assert not over, f"human genres flagged over their ceiling at the threshold: {over}"


@pytest.fixture(scope="module")
def credibility_heldout():
    from experiments import credibility_model as cred

    data = cred.load(rows=cred.credibility_frame()["split"].eq("test").to_numpy())
    model = load_model(MODELS_DIR / CREDIBILITY_MODEL_FILE)
    return cred, data, model, cred.prob(model, data)


def test_credibility_held_out_figures_reproduce_the_card_and_stay_above_their_floors(credibility_heldout):
    cred, data, model, prob = credibility_heldout
    card = read_card(MODELS_DIR / CREDIBILITY_MODEL_FILE)
    test, y = data.test, data.y
    measured = auroc(y[test], prob[test])
    assert measured == pytest.approx(card["metrics"]["held_out_auroc"], abs=CARD_TOLERANCE)
    assert measured >= CRED_AUROC_FLOOR
    credible_low = float((prob[test & (y == 0)] >= model.threshold).mean())
    assert credible_low == pytest.approx(card["metrics"]["held_out_credible_called_low"], abs=CARD_TOLERANCE)
    assert credible_low <= CRED_CREDIBLE_CALLED_LOW_CEILING


def test_credibility_out_of_distribution_figures_hold(credibility_heldout):
    """Dutch journalism (never trained on) is rarely called low credibility, and machine rewrites score
    below the human originals they were made from (held-out stories)."""
    cred, data, model, prob = credibility_heldout
    dutch = cred.dutch_rows(data, prob, model.threshold)[0]
    assert dutch["called low"] <= CRED_DUTCH_CALLED_LOW_CEILING, dutch
    pairs = {row["pair"]: row["rewrite scores lower"] for row in cred.pair_rows(data, prob)}
    below = {k: v for k, v in pairs.items() if k in CRED_PAIR_FLOORS and v < CRED_PAIR_FLOORS[k]}
    assert set(CRED_PAIR_FLOORS) <= set(pairs) and not below, pairs
