"""Checkable and unsupported claims: cue detection (EN/NL formats), the neighbour rule, spans and values."""

from __future__ import annotations

import time

import pytest

from credibility.document import Document, build_document
from credibility.signals import EXTRACTORS
from credibility.signals.claims import CACHE_KEY, FEATURES, Claim, checkable_claims

NO_SOURCE = "with no source in this or the neighbouring sentence"


@pytest.fixture(scope="module")
def extract():
    return EXTRACTORS["claims"]


def triggers(doc: Document, claim_type: str | None = None) -> list[str]:
    return [
        doc.text[start:end]
        for claim in checkable_claims(doc)
        for start, end, t in claim.triggers
        if claim_type is None or t == claim_type
    ]


def unsupported_texts(doc: Document) -> list[str]:
    return [doc.text[c.start : c.end] for c in checkable_claims(doc) if not c.attributed]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The deficit reached €3,2 mld last year.", "nl", ["€3,2 mld"]),
        ("Het tekort bedraagt 1,5 miljoen euro.", "nl", ["1,5 miljoen euro"]),
        ("De werkloosheid steeg naar 12 procent.", "nl", ["12 procent"]),
        ("De wet gaat in op 3 januari 2024.", "nl", ["3 januari 2024"]),
        ("Er kwamen tweehonderd mensen naar 120.000 stands.", "nl", ["tweehonderd", "120.000"]),
        ("The plan costs $3.2 billion and 40 per cent of it is borrowed.", "en", ["$3.2 billion", "40 per cent"]),
        ("The vote was on March 3, 2024 and again on 5 May 2025.", "en", ["March 3, 2024", "5 May 2025"]),
        ("The storm flooded 1,140 homes and ninety-eight shops.", "en", ["1,140", "ninety-eight"]),
        ("Hundreds of residents came, twice as many as in 2019.", "en", ["Hundreds of", "twice as", "2019"]),
    ],
)
def test_figures_in_english_and_dutch_formats(text, lang, expected):
    doc = build_document(text, lang=lang)
    assert triggers(doc, "figure") == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("COVID-19 is spreading in the region.", "en"),
        ("Follow #1April and @user2020 for updates.", "en"),
        ("Het coronavirus (COVID-19) verspreidt zich snel.", "nl"),
    ],
)
def test_names_with_digits_are_not_figures(text, lang):
    assert triggers(build_document(text, lang=lang), "figure") == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Prices will rise sharply.", "en", {"prediction": ["will"]}),
        ("I will fight for this town.", "en", {}),  # a first-person pledge, not a forecast
        ("It is the largest scheme and the most expensive one.", "en", {"superlative": ["largest", "the most expensive"]}),
        ("The floods happened because of years of neglect.", "en", {"causal": ["because of"]}),
        ("Everyone knows the council never listens.", "en", {"sweeping": ["Everyone", "never"]}),
        ("De prijzen zullen naar verwachting stijgen.", "nl", {"prediction": ["zullen", "naar verwachting"]}),
        ("Het is de grootste stijging ooit gemeten.", "nl", {"superlative": ["grootste", "ooit gemeten"]}),
        ("Er viel veel regen, waardoor de kelders onderliepen.", "nl", {"causal": ["waardoor"]}),
        ("Alle gemalen draaiden en niemand sliep.", "nl", {"sweeping": ["Alle", "niemand"]}),
    ],
)
def test_claim_types_and_triggers(text, lang, expected):
    doc = build_document(text, lang=lang)
    found: dict[str, list[str]] = {}
    for claim in checkable_claims(doc):
        for start, end, claim_type in claim.triggers:
            found.setdefault(claim_type, []).append(doc.text[start:end])
    assert found == expected


def test_unsupported_claim_span_and_reason(extract):
    text = "Prices will rise 40% next year."
    doc = build_document(text, lang="en")
    signal = extract(doc)
    spans = [(s.kind, doc.text[s.start : s.end], s.reason) for s in signal.spans]
    assert spans == [
        ("unsupported_claim", text, f"figure '40%' and prediction 'will', 'next year' {NO_SOURCE}"),
        ("claim_trigger", "will", "checkable prediction (future) in an unsourced sentence"),
        ("claim_trigger", "40%", "checkable figure (percentage) in an unsourced sentence"),
        ("claim_trigger", "next year", "checkable prediction (future date) in an unsourced sentence"),
    ]
    assert signal.features["unsupported_claim_share"] == 1.0
    assert signal.features["unsupported_claim_rate_per_100_words"] == pytest.approx(100 / 6)
    assert signal.features["unsupported_figure_rate_per_100_words"] == pytest.approx(100 / 6)
    assert signal.features["unsupported_causal_rate_per_100_words"] == 0.0


def test_quote_attributed_figure_is_not_unsupported(extract):
    doc = build_document('"Prices rose 40% last year," the minister said.', lang="en")
    (claim,) = checkable_claims(doc)
    assert claim.types == ("figure",) and claim.attributed
    signal = extract(doc)
    assert signal.spans == ()
    assert signal.features["checkable_claim_share"] == 1.0
    assert signal.features["unsupported_claim_share"] == 0.0


@pytest.mark.parametrize(
    ("text", "lang", "attributed"),
    [
        ("Prices rose 40% last year. The ministry said so on Monday.", "en", True),
        ("Prices rose 40% last year.\n\nThe ministry said so on Monday.", "en", False),  # other paragraph
        ("Volgens het CBS is dat uitzonderlijk. De prijzen stegen met 12 procent.", "nl", True),
        ("De prijzen stegen met 12 procent.\n\nVolgens het CBS is dat uitzonderlijk.", "nl", False),
    ],
)
def test_attribution_counts_in_the_neighbouring_sentence_of_the_same_paragraph(text, lang, attributed):
    doc = build_document(text, lang=lang)
    claims = [c for c in checkable_claims(doc) if "figure" in c.types]
    assert len(claims) == 1 and claims[0].attributed is attributed


def test_questions_headings_and_repeats_are_not_claims():
    text = (
        "Council approves £48 million sea wall\n\n"
        "Will the wall cost £48 million?\n\n"
        "The wall will protect 5,000 homes.\n\n"
        "The wall will protect 5,000 homes."
    )
    doc = build_document(text, lang="en")
    claims = checkable_claims(doc)
    assert [doc.text[c.start : c.end] for c in claims] == ["The wall will protect 5,000 homes."]
    assert claims[0].start == text.index("The wall")


def test_claims_are_cached_on_the_document():
    doc = build_document("Prices will rise 40% next year.", lang="en")
    claims = checkable_claims(doc)
    assert doc.extra[CACHE_KEY] is claims and checkable_claims(doc) is claims
    assert isinstance(claims[0], Claim) and claims[0].unsupported
    assert claims[0].triggers == ((7, 11, "prediction"), (17, 20, "figure"), (21, 30, "prediction"))


def test_unsupported_language_has_no_claims(extract):
    doc = build_document("Die Preise werden um 40 Prozent steigen.", lang="de")
    assert checkable_claims(doc) == []
    signal = extract(doc)
    assert set(signal.features) == set(FEATURES) and not any(signal.features.values())


def test_well_sourced_english_report_has_one_unsupported_claim(example_doc, extract):
    doc = example_doc("well_sourced_en")
    claims = checkable_claims(doc)
    assert len(claims) == 12
    # Only the news lede (the reporter's own account of a public vote) carries no source.
    assert unsupported_texts(doc) == [
        "Port Calder's borough council voted 31 to 9 on Tuesday evening to build a 2.4-kilometre sea wall along the"
        " Harbour Road waterfront, ending a dispute that has divided the town since the floods of February 2024."
    ]
    signal = extract(doc)
    assert [s.kind for s in signal.spans].count("unsupported_claim") == 1
    assert signal.features["checkable_claim_share"] == pytest.approx(12 / 23)
    assert signal.features["unsupported_claim_share"] == pytest.approx(1 / 23)
    assert signal.features["unsupported_of_checkable_share"] == pytest.approx(1 / 12)


def test_well_sourced_dutch_report_has_few_unsupported_claims(example_doc, extract):
    doc = example_doc("well_sourced_nl")
    assert unsupported_texts(doc) == [
        "Ongeveer 1,5 miljoen euro daarvan is bestemd voor noodreparaties na de winter.",
        "De nieuwe tarieven gaan in op 1 januari 2026.",
    ]
    signal = extract(doc)
    assert signal.features["unsupported_of_checkable_share"] == pytest.approx(2 / 13)
    assert signal.features["unsupported_claim_share"] == pytest.approx(2 / 22)


def test_english_ai_summary_is_full_of_unsupported_claims(example_doc, extract):
    doc = example_doc("ai_summary_en")
    unsupported = unsupported_texts(doc)
    assert unsupported[2:5] == [
        "The wall will protect more than 5,000 homes and is expected to cut flood damage by 40% over the next decade.",
        "It will also create around 600 local jobs during construction.",
        "Property values along the waterfront are likely to rise by 15% once the wall is complete.",
    ]
    assert len(unsupported) == 9
    signal = extract(doc)
    reasons = {doc.text[s.start : s.end]: s.reason for s in signal.spans if s.kind == "unsupported_claim"}
    assert reasons[unsupported[2]] == f"figure '5,000', '40%' and prediction 'will', 'is expected to' {NO_SOURCE}"
    assert signal.features["unsupported_of_checkable_share"] == pytest.approx(0.9)
    assert signal.features["unsupported_claim_rate_per_100_words"] == pytest.approx(900 / doc.word_count)


def test_dutch_ai_summary_is_full_of_unsupported_claims(example_doc, extract):
    doc = example_doc("ai_summary_nl")
    unsupported = unsupported_texts(doc)
    assert unsupported[:3] == [
        "Waterschap Lage Venen verhoogt de waterschapsbelasting volgend jaar met 9 procent.",
        "Het is de grootste stijging ooit in de geschiedenis van het waterschap en een belangrijke stap in de strijd"
        " tegen wateroverlast.",
        "De verhoging zal ruim 120.000 huishoudens raken.",
    ]
    assert len(unsupported) == 9
    signal = extract(doc)
    assert signal.features["unsupported_claim_share"] == pytest.approx(9 / 28)
    well_sourced = extract(example_doc("well_sourced_nl"))
    assert signal.features["unsupported_claim_share"] > 3 * well_sourced.features["unsupported_claim_share"]


def test_fast_enough_for_a_news_article(example_doc, extract):
    doc = example_doc("well_sourced_en")
    extract(doc)  # attribution is computed once and cached; time the claim detection itself
    best = float("inf")
    for _ in range(10):
        doc.extra.pop(CACHE_KEY, None)
        start = time.perf_counter()
        extract(doc)
        best = min(best, time.perf_counter() - start)
    assert best < 0.005  # budget 2 ms on an idle core; generous for a shared CI machine
