"""Attribution signal: reporting verbs, "according to", named vs vague sources and quotes, en and nl."""

from __future__ import annotations

import math

import pytest

from credibility.document import build_document
from credibility.signals.attribution import FEATURES, attributed_sentence_indices

SOURCED_EN = (
    "Prime Minister Mark Rutte said on Monday that taxes would rise. "
    '"We have no choice," he added. '
    "Sources close to the cabinet say the plan is agreed. "
    "The weather was fine. "
    "According to the Bank of England, inflation is high."
)
SOURCED_NL = (
    "De belastingen gaan omhoog, zei premier Rutte maandag. "
    '"We hebben geen keus," aldus Rutte. '
    "Volgens ingewijden is het plan al rond. "
    "Het weer was mooi. "
    "Experts zeggen dat de prijzen dalen."
)


def test_english_spans(attribution):
    _, signal, cues = attribution(SOURCED_EN, "en")
    assert cues == [
        ("Prime Minister Mark Rutte", "named_source"),
        ("said", "reporting_verb"),
        ('"We have no choice,"', "quote"),
        ("he", "pronoun_source"),
        ("added", "reporting_verb"),
        ("Sources", "vague_source"),
        ("say", "reporting_verb"),
        ("According to", "according_to"),
        ("the Bank of England", "named_source"),
    ]
    reasons = {s.reason for s in signal.spans}
    assert "vague source: 'Sources' does not say who the source is" in reasons
    assert "named source: 'the Bank of England' is given for the claim" in reasons


def test_english_features(attribution):
    doc, signal, _ = attribution(SOURCED_EN, "en")
    assert doc.word_count == 40 and len(doc.sentences) == 5
    # Four attributions: said (named), added ("he": unspecified), say (vague), according to (named).
    assert signal.features == pytest.approx(
        {
            "attributed_sentence_share": 4 / 5,
            "attribution_rate_per_100_words": 100 * 4 / 40,
            "named_source_share": 2 / 4,
            "vague_source_share": 1 / 4,
            "vague_source_rate_per_100_words": 100 * 1 / 40,
            "quote_share": 1 / 5,
        }
    )


def test_attributed_sentence_indices_is_cached(attribution):
    doc, _, _ = attribution(SOURCED_EN, "en")
    fresh = build_document(SOURCED_EN, lang="en")
    indices = attributed_sentence_indices(fresh)
    assert indices == frozenset({0, 1, 2, 4})
    assert fresh.extra["attributed_sentences"] is indices
    assert attributed_sentence_indices(doc) == indices


def test_dutch_spans_and_features(attribution):
    doc, signal, cues = attribution(SOURCED_NL, "nl")
    assert cues == [
        ("zei", "reporting_verb"),
        ("premier Rutte", "named_source"),
        ('"We hebben geen keus,"', "quote"),
        ("aldus", "according_to"),
        ("Rutte", "named_source"),
        ("Volgens", "according_to"),
        ("ingewijden", "vague_source"),
        ("Experts", "vague_source"),
        ("zeggen", "reporting_verb"),
    ]
    assert doc.word_count == 31
    assert attributed_sentence_indices(doc) == frozenset({0, 1, 2, 4})
    assert signal.features["named_source_share"] == pytest.approx(2 / 4)
    assert signal.features["vague_source_share"] == pytest.approx(2 / 4)
    assert signal.features["vague_source_rate_per_100_words"] == pytest.approx(100 * 2 / 31)
    assert signal.features["quote_share"] == pytest.approx(1 / 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "De minister liet weten dat hij aftreedt.",
            [("De minister", "named_source"), ("liet weten", "reporting_verb")],
        ),
        ("Dat stelde De Jonge dinsdag.", [("stelde", "reporting_verb"), ("De Jonge", "named_source")]),
        ("Naar verluidt is de deal rond.", [("Naar verluidt", "vague_source")]),
        (
            "Dat blijkt uit cijfers van het CBS.",
            [("blijkt uit", "according_to"), ("het CBS", "named_source")],
        ),
        (
            "De minister noemde het plan onzin.",
            [("De minister", "named_source"), ("noemde", "reporting_verb")],
        ),
        ("Het kabinet stelt zich op het standpunt dat het klopt.", []),
    ],
)
def test_dutch_verb_forms(attribution, text, expected):
    _, _, cues = attribution(text, "nl")
    assert cues == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Experts say prices could fall.", [("Experts", "vague_source"), ("say", "reporting_verb")]),
        ("The dam reportedly failed.", [("reportedly", "vague_source")]),
        ("It is said that the mayor resigned.", [("It is said", "vague_source")]),
        # Reuters is the addressee; "He" is the source, a pronoun.
        ("He told Reuters the talks had failed.", [("He", "pronoun_source"), ("told", "reporting_verb")]),
        ("The results were released in the United States.", []),
        ("It is hard to say what happened.", []),
        (
            "Sandra Bell, who runs a cafe on Harbour Road, said sales fell.",
            [("Sandra Bell", "named_source"), ("said", "reporting_verb")],
        ),
        ("In London, Smith said it rained.", [("Smith", "named_source"), ("said", "reporting_verb")]),
        (
            "The tax will rise, said Prime Minister Mark Rutte.",
            [("said", "reporting_verb"), ("Prime Minister Mark Rutte", "named_source")],
        ),
        # Trump is in the reported clause.
        ("He said Trump has won.", [("He", "pronoun_source"), ("said", "reporting_verb")]),
    ],
)
def test_english_sources(attribution, text, expected):
    _, _, cues = attribution(text, "en")
    assert cues == expected


def test_unattributed_quote_is_not_a_quote_span(attribution):
    _, signal, cues = attribution('The so-called "reform" was passed. Nobody knew why.', "en")
    assert cues == []
    assert signal.features["quote_share"] == 0.0


def test_apostrophes_do_not_pair_as_quotes(attribution):
    _, _, cues = attribution("The players' union said it's fine, 'for now'.", "en")
    assert ("'for now'", "quote") in cues
    assert all(kind != "quote" or text == "'for now'" for text, kind in cues)


def test_features_are_length_robust(attribution):
    _, short, _ = attribution(SOURCED_EN, "en")
    _, long, _ = attribution("\n\n".join([SOURCED_EN] * 4), "en")
    for name in FEATURES:
        assert long.features[name] == pytest.approx(short.features[name])


def test_empty_and_unsupported_texts_give_zeros(attribution):
    for text, lang in (("", "en"), ("Selon le ministre, il pleuvra.", "fr")):
        doc, signal, cues = attribution(text, lang)
        assert cues == []
        assert all(value == 0.0 and math.isfinite(value) for value in signal.features.values())
        assert attributed_sentence_indices(doc) == frozenset()


def test_dutch_newspaper_quotes_and_quotes_in_other_sentences(attribution):
    doc, signal, cues = attribution(",,Mijn dochter leert er veel van,'' zegt Simons. Het is 'mooi'.", "nl")
    assert cues == [
        (",,Mijn dochter leert er veel van,''", "quote"),
        ("zegt", "reporting_verb"),
        ("Simons", "named_source"),
    ]
    assert attributed_sentence_indices(doc) == frozenset({0})
    assert signal.features["quote_share"] == pytest.approx(1 / 2)
