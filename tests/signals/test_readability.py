"""Readability signal: textstat formulas in the document's language, on the Document's own sentences."""

from __future__ import annotations

import math

import pytest
from textstat.textstat import textstatistics

from credibility.document import build_document
from credibility.offline_textstat import lang_config, textstat_module, word_syllables
from credibility.signals import EXTRACTORS
from credibility.signals.readability import FEATURES, LONG_SENTENCE_WORDS

EASY_EN = "The cat sat on the mat. The dog ran to the park."
PLAIN_EN = (
    "The city council approved the new budget on Tuesday evening. "
    "Several members criticised the plan because it raises local taxes. "
    "The mayor said the money would pay for schools and roads."
)
PLAIN_NL = (
    "De gemeenteraad heeft dinsdagavond de nieuwe begroting goedgekeurd. "
    "Verschillende raadsleden bekritiseerden het plan omdat de lokale belastingen stijgen. "
    "De burgemeester zei dat het geld naar scholen en wegen gaat."
)


@pytest.fixture
def readability():
    extractor = EXTRACTORS["readability"]

    def run(text: str, lang: str = "en"):
        doc = build_document(text, lang=lang)
        return doc, extractor(doc)

    return run


def test_monosyllabic_english_matches_flesch_by_hand(readability):
    _, signal = readability(EASY_EN)
    f = signal.features
    assert f["words_per_sentence"] == 6.0
    assert f["syllables_per_word"] == 1.0
    assert f["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 6 - 84.6 * 1.0)
    assert f["flesch_kincaid_grade"] == pytest.approx(0.39 * 6 + 11.8 - 15.59)
    assert f["long_word_share"] == 0.0
    assert f["lix"] == pytest.approx(6.0)


@pytest.mark.parametrize(
    ("text", "lang", "textstat_lang"), [(PLAIN_EN, "en", "en_US"), (PLAIN_NL, "nl", "nl")]
)
def test_agrees_with_textstat_itself(readability, text, lang, textstat_lang):
    """On plain prose (no hyphens, no fragments) our counts reproduce textstat's own scores."""
    textstat_module()  # patched, offline
    stats = textstatistics()
    stats.set_lang(textstat_lang)
    _, signal = readability(text, lang)
    assert signal.features["flesch_reading_ease"] == pytest.approx(stats.flesch_reading_ease(text))
    assert signal.features["syllables_per_word"] == pytest.approx(stats.avg_syllables_per_word(text))
    assert signal.features["lix"] == pytest.approx(stats.lix(text))


def test_dutch_uses_dutch_coefficients_and_hyphenation(readability):
    doc, signal = readability(PLAIN_NL, "nl")
    assert doc.resources.textstat_lang == "nl"
    f = signal.features
    douma = 206.835 - 0.93 * f["words_per_sentence"] - 77 * f["syllables_per_word"]
    assert f["flesch_reading_ease"] == pytest.approx(douma)
    english = 206.835 - 1.015 * f["words_per_sentence"] - 84.6 * f["syllables_per_word"]
    assert abs(f["flesch_reading_ease"] - english) > 5
    assert lang_config("nl", "fre_syll_per_word") == 77
    # Dutch hyphenation: zie-ken-huis, ge-meen-te-raad; not English rules.
    assert word_syllables("ziekenhuis", "nl") == 3
    assert word_syllables("gemeenteraad", "nl") == 4


def test_english_syllables_come_from_cmudict():
    assert word_syllables("idea", "en_US") == 3  # CMU: AY0 D IY1 AH0; Pyphen hyphenation would say 1
    assert word_syllables("real", "en_US") == 1  # CMU: R IY1 L; Pyphen would say 2
    assert word_syllables("government", "en_US") == 3
    assert word_syllables("don’t", "en_US") == 1  # curly apostrophe normalised
    assert word_syllables("well-known", "en_US") == 2  # parts counted separately


def test_harder_text_scores_harder(readability):
    hard = (
        "Notwithstanding considerable institutional disagreement, the parliamentary investigative committee "
        "recommended comprehensive administrative reorganisation of intergovernmental responsibilities."
    )
    _, easy = readability(EASY_EN)
    _, difficult = readability(hard)
    assert difficult.features["flesch_reading_ease"] < easy.features["flesch_reading_ease"] - 100
    assert difficult.features["flesch_kincaid_grade"] > easy.features["flesch_kincaid_grade"] + 10
    assert difficult.features["polysyllable_share"] > 0.5


def test_long_sentences_are_marked_with_exact_spans(readability):
    long_sentence = "The " + " ".join(["committee"] * (LONG_SENTENCE_WORDS + 4)) + " agreed."
    text = f"It rained. {long_sentence} Then it stopped."
    doc, signal = readability(text)
    spans = [s for s in signal.spans if s.kind == "long_sentence"]
    assert len(spans) == 1
    assert doc.text[spans[0].start : spans[0].end] == long_sentence
    assert "36 words" in spans[0].reason
    assert signal.features["long_sentence_share"] == pytest.approx(1 / 3)


def test_headings_are_not_counted_as_sentences(readability):
    _, with_heading = readability("Breaking News\n\n" + EASY_EN)
    assert with_heading.features["words_per_sentence"] == 6.0


def test_features_do_not_grow_with_length(readability):
    _, once = readability(PLAIN_EN)
    _, five_times = readability("\n\n".join([PLAIN_EN] * 5))
    for name in FEATURES:
        assert five_times.features[name] == pytest.approx(once.features[name])


@pytest.mark.parametrize("text", ["", "   \n\n ", "...!?"])
def test_empty_text_gives_finite_zeros(readability, text):
    _, signal = readability(text)
    assert set(signal.features) == set(FEATURES)
    assert all(v == 0.0 for v in signal.features.values())
    assert signal.spans == ()


def test_unsupported_language_keeps_language_neutral_measures(readability):
    _, signal = readability(PLAIN_EN, "xx")
    f = signal.features
    assert f["words_per_sentence"] == pytest.approx(31 / 3)
    assert f["lix"] > 0
    assert f["flesch_reading_ease"] == 0.0 and f["syllables_per_word"] == 0.0
    assert all(math.isfinite(v) for v in f.values())
