"""Hedging signal: hedge and booster cues with their spans and rates, English and Dutch."""

from __future__ import annotations

import math

import pytest

from credibility.document import build_document
from credibility.signals.cues import cue_matches
from credibility.signals.hedging import FEATURES

HEDGED_EN = (
    "The minister may resign next week. On May 5 the council could not agree. "
    "Officials reportedly fear a deficit, and it is not clear who will pay. The plan will clearly fail."
)
HEDGED_NL = (
    "De verdachte zou de vrouw hebben bedreigd. Bij het ongeluk vielen zeker 20 doden. "
    "Naar verluidt lijkt het kabinet te wankelen. Dat is ongetwijfeld waar. Hij kon niet komen."
)


def test_english_cues_and_features(hedging):
    doc, signal, cues = hedging(HEDGED_EN, "en")
    assert cues == [("may", "hedge"), ("reportedly", "hedge"), ("not clear", "hedge"), ("clearly", "booster")]
    assert doc.word_count == 32 and len(doc.sentences) == 4
    assert signal.features == pytest.approx(
        {
            "hedge_rate_per_100_words": 100 * 3 / 32,
            "hedged_sentence_share": 2 / 4,
            "booster_rate_per_100_words": 100 * 1 / 32,
            "boosted_sentence_share": 1 / 4,
            "hedge_booster_balance": (3 - 1) / 4,
        }
    )


def test_english_reasons_are_plain_words(hedging):
    _, signal, _ = hedging(HEDGED_EN, "en")
    reasons = {s.reason for s in signal.spans}
    assert "hedge: 'reportedly' weakens the claim" in reasons
    assert "booster: 'clearly' presents the claim as certain" in reasons
    assert all(s.signal == "hedging" for s in signal.spans)


@pytest.mark.parametrize(
    "text",
    [
        "The vote is on May 5 in the capital.",
        "Theresa May spoke to reporters in London.",
        "The rescuers could not reach the village.",
        "Police couldn't find the driver.",
        "The council will meet and must decide.",
        "Almost 300 people attended, roughly as many as last year.",
    ],
)
def test_english_non_hedges(hedging, text):
    _, signal, cues = hedging(text, "en")
    assert cues == []
    assert signal.features["hedge_rate_per_100_words"] == 0.0


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The fire could spread overnight.", "could"),
        ("It could not be ruled out that the fire was set.", "could not be ruled out"),
        ("The suspect is believed to have fled.", "is believed to"),
        ("May be it is true, he said.", "May"),
        ("The minister allegedly took bribes.", "allegedly"),
    ],
)
def test_english_hedge_context_rules(hedging, text, cue):
    _, _, cues = hedging(text, "en")
    assert cues == [(cue, "hedge")]


def test_dutch_cues_and_features(hedging):
    doc, signal, cues = hedging(HEDGED_NL, "nl")
    assert cues == [
        ("zou", "hedge"),
        ("Naar verluidt", "hedge"),
        ("lijkt", "hedge"),
        ("ongetwijfeld", "booster"),
    ]
    assert doc.word_count == 29 and len(doc.sentences) == 5
    assert signal.features["hedge_rate_per_100_words"] == pytest.approx(100 * 3 / 29)
    assert signal.features["hedged_sentence_share"] == pytest.approx(2 / 5)
    assert signal.features["booster_rate_per_100_words"] == pytest.approx(100 * 1 / 29)
    assert signal.features["boosted_sentence_share"] == pytest.approx(1 / 5)


@pytest.mark.parametrize(
    "text",
    [
        "Bij de brand vielen zeker 20 doden.",  # "zeker" before a number means "at least"
        "Hij zou graag willen komen.",  # "zou willen" is a wish, not a hedge
        "De minister kon niet komen.",
        "Het kabinet besloot dinsdag de belasting te verhogen.",
    ],
)
def test_dutch_non_hedges(hedging, text):
    _, _, cues = hedging(text, "nl")
    assert cues == []


def test_dutch_booster_zeker(hedging):
    _, _, cues = hedging("Dat is zeker waar.", "nl")
    assert cues == [("zeker", "booster")]


def test_features_are_length_robust(hedging):
    _, short, _ = hedging(HEDGED_EN, "en")
    _, long, _ = hedging("\n\n".join([HEDGED_EN] * 5), "en")
    for name in FEATURES:
        assert long.features[name] == pytest.approx(short.features[name])


def test_empty_and_unsupported_texts_give_zeros(hedging):
    for text, lang in (("", "en"), ("Il pourrait pleuvoir demain.", "fr")):
        _, signal, cues = hedging(text, lang)
        assert cues == []
        assert set(signal.features) == set(FEATURES)
        assert all(value == 0.0 and math.isfinite(value) for value in signal.features.values())


def test_cue_matches_agree_with_lexicon_matcher():
    """The fast trie matcher finds exactly what the reference PhraseMatcher finds."""
    doc = build_document(
        HEDGED_EN + " Sources say it may perhaps be so; experts suggest that it is.", lang="en"
    )
    for name in ("hedges", "boosters"):
        reference = [(m.start, m.end) for m in doc.resources.matcher(name).finditer(doc.text)]
        assert reference
        assert [(s, e) for s, e, _, _ in cue_matches(doc, name)] == reference
