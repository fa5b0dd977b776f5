"""Anchors: figures normalised across English and Dutch conventions, dates, times, names, quotes."""

from __future__ import annotations

import pytest

from credibility.compare.anchors import parse_number, sentence_anchors
from credibility.compare.resources import compare_lexicon
from credibility.document import build_document


def anchors_of(text: str, lang: str) -> list[tuple[str, str, str]]:
    doc = build_document(text, lang=lang)
    lex = compare_lexicon(lang)
    return [(a.kind, a.value, a.text) for s in doc.sentences for a in sentence_anchors(doc, s, lex)]


@pytest.mark.parametrize(("raw", "lang", "value"), [
    ("1,500,000", "en", 1_500_000), ("1.5", "en", 1.5), ("1,5", "en", 1.5), ("1.500", "nl", 1500),
    ("1,5", "nl", 1.5), ("1.500.000", "nl", 1_500_000), ("2.345,67", "nl", 2345.67), ("14,000", "en", 14000),
])
def test_parse_number(raw, lang, value):
    assert parse_number(raw, lang) == pytest.approx(value)


def test_amounts_match_across_languages():
    en = anchors_of("The ministry paid €1.5 million to Acme on 12 March.", "en")
    nl = anchors_of("Het ministerie betaalde 1,5 miljoen euro aan Acme op 12 maart.", "nl")
    assert ("money", "EUR:1.5e+06", "€1.5 million") in en
    assert ("money", "EUR:1.5e+06", "1,5 miljoen euro") in nl
    assert ("date", "03-12", "12 March") in en and ("date", "03-12", "12 maart") in nl
    assert ("name", "acme", "Acme") in en and ("name", "acme", "Acme") in nl


def test_percent_year_weekday_and_number_words():
    found = anchors_of("Prices rose 12% in 2024, and twelve shops closed on Monday.", "en")
    assert ("percent", "12", "12%") in found
    assert ("year", "2024", "2024") in found
    assert ("count", "12", "twelve") in found
    assert ("weekday", "1", "Monday") in found


def test_times_need_a_cue():
    assert ("time", "21:30", "21.30 uur") in anchors_of("De brand brak om 21.30 uur uit in de hal.", "nl")
    assert ("time", "09:15", "9:15") in anchors_of("The meeting began at 9:15 in the hall.", "en")
    assert ("count", "2.5", "2.5") in anchors_of("The index fell by 2.5 in the hall today.", "en")


def test_quotes_and_codes():
    found = anchors_of('"This is a major step for our country," said the F-35 pilot.', "en")
    assert ("quote", "this is a major step for our country", '"This is a major step for our country,"') in found
    assert ("code", "35", "35") in found
    assert not [a for a in found if a[0] == "count"]


def test_ordinals_in_words_and_digits_but_not_in_titles_or_units():
    en = anchors_of("It was their first night in Belfast. Bromley drop to 14th. First Minister Arlene Foster "
                    "waited one second, then a second time.", "en")
    nl = anchors_of("Het was hun derde nacht in Belfast. Bromley zakt naar de 14de plaats. De Eerste Kamer stemt.", "nl")
    assert ("ordinal", "1", "first") in en and ("ordinal", "14", "14th") in en
    assert ("count", "14", "14") not in en  # "14th" is a place in a row, not fourteen of something
    assert [a for a in en if a[0] == "ordinal"] == [("ordinal", "1", "first"), ("ordinal", "14", "14th")]
    assert [a for a in nl if a[0] == "ordinal"] == [("ordinal", "3", "derde"), ("ordinal", "14", "14de")]


def test_a_month_without_day_or_year_after_a_month_cue():
    en = anchors_of("The minister approved the plan in June. Theresa May spoke. May it rain.", "en")
    nl = anchors_of("De minister keurde het plan in juni goed. Jan de Vries sprak.", "nl")
    assert [a for a in en if a[0] == "month"] == [("month", "6", "June")]
    assert [a for a in nl if a[0] == "month"] == [("month", "6", "juni")]
