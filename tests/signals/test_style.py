"""Style signal: rhythm, diversity, word predictability, LLM vocabulary and punctuation, en and nl."""

from __future__ import annotations

import math

import pytest

from credibility.document import build_document
from credibility.signals import EXTRACTORS
from credibility.signals.style import FEATURES, LLM_REASON, mattr, zipf

VARIED_EN = (
    "Rain fell over the harbour while fishermen mended torn nets. "
    "A ferry arrived late, carrying tourists, students and two nervous dogs. "
    "Nobody complained."
)
LLM_EN = "This pivotal study will delve into the intricate interplay of markets."
LLM_NL = "Dit is cruciaal. Bovendien is samenwerking essentieel voor een naadloze overgang."


@pytest.fixture
def style():
    extractor = EXTRACTORS["style"]

    def run(text: str, lang: str = "en"):
        doc = build_document(text, lang=lang)
        return doc, extractor(doc)

    return run


def test_mattr_window_arithmetic():
    assert mattr(["a", "b"] * 50, 50) == pytest.approx(2 / 50)
    assert mattr([f"w{i}" for i in range(120)], 50) == 1.0
    assert mattr(["a", "b", "a"], 50) == pytest.approx(2 / 3)  # shorter than the window: plain TTR
    assert mattr([], 50) == 0.0


def test_repetitive_text_has_lower_mattr(style):
    repetitive = " ".join(["The market rose. The market fell."] * 15)
    _, low = style(repetitive)
    _, high = style(" ".join([VARIED_EN, LLM_EN] * 1) + " " + VARIED_EN.replace("Rain", "Snow"))
    assert low.features["mattr_50"] < 0.15
    assert high.features["mattr_50"] > 0.6


def test_burstiness_is_zero_for_even_sentences_and_exact_otherwise(style):
    _, even = style("The cat sat down. The dog ran off. The bird flew up.")
    assert even.features["sentence_length_mean"] == 4.0
    assert even.features["sentence_length_cv"] == 0.0
    _, uneven = style("Stop now. The committee met for many hours on a very warm Tuesday.")
    # lengths 2 and 11: mean 6.5, population sd 4.5
    assert uneven.features["sentence_length_mean"] == 6.5
    assert uneven.features["sentence_length_cv"] == pytest.approx(4.5 / 6.5)


def test_english_llm_vocabulary_found_with_exact_spans(style):
    doc, signal = style(LLM_EN)
    found = [(doc.text[s.start : s.end], s.start) for s in signal.spans if s.kind == "llm_vocabulary"]
    assert found == [("pivotal", 5), ("delve", 24), ("intricate", 39), ("interplay", 49)]
    assert all(s.reason == LLM_REASON for s in signal.spans if s.kind == "llm_vocabulary")
    assert signal.features["llm_vocabulary_per_100_words"] == pytest.approx(100 * 4 / 11)


def test_capitalised_llm_word_inside_a_sentence_is_a_name(style):
    doc, signal = style("Actress Jodie Foster spoke. Foster programmes are crucial.")
    found = [(doc.text[s.start : s.end], s.start) for s in signal.spans if s.kind == "llm_vocabulary"]
    assert found == [("Foster", 28), ("crucial", 50)]


def test_dutch_llm_vocabulary_uses_the_dutch_list(style):
    doc, signal = style(LLM_NL, "nl")
    found = [doc.text[s.start : s.end] for s in signal.spans if s.kind == "llm_vocabulary"]
    assert found == ["cruciaal", "Bovendien", "essentieel", "naadloze"]
    _, as_english = style(LLM_NL, "en")
    assert not [s for s in as_english.spans if s.kind == "llm_vocabulary"]


def test_plain_news_has_no_llm_vocabulary(style):
    _, signal = style(VARIED_EN)
    assert signal.features["llm_vocabulary_per_100_words"] == 0.0


def test_punctuation_rates_per_100_words(style):
    text = 'He said: "Costs rose to 1,000 euros — again; at 10:30!" Why? Prices – she said – vary - a lot.'
    doc, signal = style(text)
    f = signal.features
    per_word = 100 / doc.word_count
    assert f["commas_per_100_words"] == 0.0  # the thousands separator is not a comma
    assert f["colons_per_100_words"] == pytest.approx(per_word)  # 10:30 is not a colon
    assert f["semicolons_per_100_words"] == pytest.approx(per_word)
    assert f["em_dashes_per_100_words"] == pytest.approx(per_word)
    assert f["en_dashes_per_100_words"] == pytest.approx(3 * per_word)
    assert f["exclamations_per_100_words"] == pytest.approx(per_word)
    assert f["questions_per_100_words"] == pytest.approx(per_word)
    assert f["quotes_per_100_words"] == pytest.approx(2 * per_word)
    dashes = [s for s in signal.spans if s.kind == "em_dash"]
    assert [doc.text[s.start : s.end] for s in dashes] == ["—"] and dashes[0].start == text.index("—")


def test_dutch_decimal_comma_and_apostrophes_are_not_punctuation(style):
    _, signal = style("De auto's kostten 3,5 miljoen. 'Te duur,' zei ze.", "nl")
    f = signal.features
    assert f["commas_per_100_words"] == pytest.approx(100 / 9)  # only the comma after "duur"; 9 words
    assert f["quotes_per_100_words"] == pytest.approx(200 / 9)  # 'Te ... duur,' but not auto's


def test_repeated_sentence_starts_and_paragraph_length(style):
    text = "The plan failed. The mayor resigned. Voters were angry.\n\nThe end came fast. The city moved on."
    _, signal = style(text)
    # pairs within a paragraph: (The, The) (The, Voters) | (The, The) -> 2 of 3
    assert signal.features["repeated_sentence_start_share"] == pytest.approx(2 / 3)
    assert signal.features["paragraph_length_mean"] == pytest.approx((9 + 8) / 2)


def test_word_frequency_features(style):
    assert zipf("the", "en") > 7
    assert zipf("de", "nl") > 7
    assert zipf("qwzxv", "en") == 0.0
    assert 4 < zipf("well-known", "en") < zipf("well", "en")
    _, plain = style("The cat sat on the mat and the dog ran home.")
    _, rare = style("The ocelot perambulated past quiescent axolotls and obstreperous marmosets.")
    assert plain.features["mean_content_word_zipf"] > rare.features["mean_content_word_zipf"] + 1.5
    assert rare.features["rare_word_share"] > 0.4
    assert plain.features["rare_word_share"] == 0.0
    assert plain.features["function_word_share"] == pytest.approx(5 / 11)  # the x3, on, and


def test_dutch_word_frequencies_use_dutch_table(style):
    _, dutch = style("De regering heeft het plan vandaag gepresenteerd.", "nl")
    _, as_english = style("De regering heeft het plan vandaag gepresenteerd.", "en")
    assert dutch.features["mean_content_word_zipf"] > as_english.features["mean_content_word_zipf"] + 1
    assert dutch.features["rare_word_share"] == 0.0


def test_features_do_not_grow_with_length(style):
    text = VARIED_EN + " " + LLM_EN
    _, once = style(text)
    _, four = style("\n\n".join([text] * 4))
    for name in FEATURES:
        if name not in ("mattr_50", "repeated_sentence_start_share"):
            assert four.features[name] == pytest.approx(once.features[name]), name


def test_unsupported_language_keeps_lexicon_free_features(style):
    doc, signal = style("Kuna mvua leo. Watoto wanacheza nje — kwa furaha!", "xx")
    assert doc.resources is None
    f = signal.features
    assert f["sentence_length_mean"] == 4.0
    assert f["em_dashes_per_100_words"] == pytest.approx(100 / 8)
    assert f["mattr_50"] == 1.0
    assert f["llm_vocabulary_per_100_words"] == 0.0 and f["mean_content_word_zipf"] == 0.0


@pytest.mark.parametrize("text", ["", "\n\n", "— ; !"])
def test_empty_text_gives_finite_values(style, text):
    _, signal = style(text)
    assert set(signal.features) == set(FEATURES)
    assert all(math.isfinite(v) for v in signal.features.values())
    assert signal.features["sentence_length_mean"] == 0.0
