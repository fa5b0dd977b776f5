"""wordfreq's tables and Zipf frequencies without importing wordfreq (credibility/word_frequencies.py):
equal to wordfreq's own answers, word for word, in English and Dutch."""

from __future__ import annotations

import random

import pytest
import wordfreq

from credibility import word_frequencies
from credibility.word_frequencies import frequency_table, zipf_frequency

LANGS = ("en", "nl")
# Words wordfreq's tokeniser changes or splits (case, curly apostrophes, hyphens, digits, accents, scripts):
# these go to wordfreq itself and must come back unchanged.
UNUSUAL_WORDS = (
    "", "The", "USA", "don't", "don’t", "auto's", "well-known", "covid-19", "2024", "3.5", "u.s.", "café",
    "coöperatie", "naïve", "straße", "ﬁnance", "Ελλάδα", "москва", "北京", "e-mail", "a b", "zzzqxj", "x",
)


@pytest.mark.parametrize("lang", LANGS)
def test_table_is_wordfreqs_own(lang):
    table = frequency_table(lang)
    expected = wordfreq.get_frequency_dict(lang)
    assert table == expected
    assert list(table) == list(expected)


def _plain_words(lang: str) -> list[str]:
    return [w for w in frequency_table(lang) if w.isascii() and w.isalpha() and w.islower()]


@pytest.mark.parametrize("lang", LANGS)
def test_zipf_frequency_is_wordfreqs_on_a_sample_and_unusual_words(lang):
    words = random.Random(16).sample(_plain_words(lang), 4000)
    words += ["qzxv" + w for w in words[:200]]  # absent from the table: Zipf 0
    words += list(UNUSUAL_WORDS)
    assert [zipf_frequency(w, lang) for w in words] == [wordfreq.zipf_frequency(w, lang) for w in words]
    assert zipf_frequency("qzxvthe", lang) == 0.0


@pytest.mark.slow  # every plain word of both tables through wordfreq (~600,000 look-ups)
@pytest.mark.parametrize("lang", LANGS)
def test_zipf_frequency_is_wordfreqs_on_every_plain_word(lang):
    words = _plain_words(lang)
    assert [zipf_frequency(w, lang) for w in words] == [wordfreq.zipf_frequency(w, lang) for w in words]


def test_without_wordfreqs_data_folder_wordfreq_answers(monkeypatch):
    """Another layout of the wordfreq package: the same values, from wordfreq itself."""
    monkeypatch.setattr(word_frequencies, "_table_path", lambda lang: None)
    word_frequencies.frequency_table.cache_clear()
    try:
        assert frequency_table("nl") == wordfreq.get_frequency_dict("nl")
        assert zipf_frequency("minister", "nl") == wordfreq.zipf_frequency("minister", "nl")
    finally:
        word_frequencies.frequency_table.cache_clear()


def test_a_language_code_wordfreq_would_map_goes_to_wordfreq():
    assert word_frequencies._table_path("en-GB") is None
    assert zipf_frequency("colour", "en-GB") == wordfreq.zipf_frequency("colour", "en-GB")


def test_a_file_that_is_not_a_frequency_table_is_refused(tmp_path, monkeypatch):
    import gzip

    import msgpack

    bad = tmp_path / "large_xx.msgpack.gz"
    bad.write_bytes(gzip.compress(msgpack.packb([{"format": "other"}, ["word"]])))
    monkeypatch.setattr(word_frequencies, "_table_path", lambda lang: bad)
    word_frequencies.frequency_table.cache_clear()
    try:
        with pytest.raises(ValueError, match="not a wordfreq cBpack file"):
            frequency_table("xx")
    finally:
        word_frequencies.frequency_table.cache_clear()
