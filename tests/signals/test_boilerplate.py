"""Boilerplate: AI banners, question lists, calls to action, link footers, repeats and syndication (EN/NL)."""

from __future__ import annotations

import time

import pytest

from credibility.document import Document, build_document
from credibility.signals import EXTRACTORS
from credibility.signals.base import Signal
from credibility.signals.boilerplate import FEATURES, KINDS, is_ai_disclosure


@pytest.fixture(scope="module")
def extract():
    return EXTRACTORS["boilerplate"]


def found(doc: Document, signal: Signal) -> list[tuple[str, str]]:
    return [(s.kind, doc.text[s.start : s.end]) for s in signal.spans]


def covered_share(doc: Document, signal: Signal) -> float:
    """Characters under spans (the spans of these examples never overlap) over the stripped text."""
    return sum(s.end - s.start for s in signal.spans) / len(doc.text.strip())


def test_english_ai_summary_furniture(example_doc, extract):
    doc = example_doc("ai_summary_en")
    signal = extract(doc)
    caption = "Harbour Road waterfront in Port Calder, where the new sea wall will be built."
    assert found(doc, signal) == [
        ("ai_banner", "Summarized by NewsBrief AI"),
        (
            "question_list",
            "Insights\nWhat is the Port Calder sea wall?\nHow much will the sea wall cost?\nWhen will construction "
            "begin?\nWho will pay for the project?\nHow will the wall affect local residents?",
        ),
        ("repeated_line", caption),
        ("call_to_action", "Explore more stories like this at NewsBrief"),
        ("call_to_action", "Open App"),
        (
            "link_footer",
            "Related Coverage\nCoastal towns brace for winter storms\nCouncil tax rises: what you need to know\n"
            "Climate change and Britain's shrinking coastline\nFive ways to protect your home from flooding",
        ),
    ]
    repeated = next(s for s in signal.spans if s.kind == "repeated_line")
    assert repeated.start == doc.text.rindex(caption)  # the second copy is the furniture
    reasons = {s.kind: s.reason for s in signal.spans}
    assert reasons["question_list"] == "known question-list heading 'Insights' followed by 5 short questions"
    assert reasons["link_footer"] == "heading 'Related Coverage' followed by 4 short link lines"
    assert reasons["ai_banner"] == "banner says the text was made by AI: 'Summarized by NewsBrief AI'"
    features = signal.features
    assert [features[f"has_{kind}"] for kind in KINDS] == [1.0, 1.0, 1.0, 1.0, 1.0, 0.0]
    assert features["boilerplate_kind_count"] == 5.0
    assert features["boilerplate_char_share"] == pytest.approx(covered_share(doc, signal))
    assert features["boilerplate_char_share"] > 0.25
    assert features["boilerplate_paragraph_share"] == pytest.approx(15 / 22)


def test_dutch_ai_summary_furniture(example_doc, extract):
    doc = example_doc("ai_summary_nl")
    signal = extract(doc)
    assert found(doc, signal) == [
        ("ai_banner", "Samengevat door AI"),
        (
            "question_list",
            "Veelgestelde vragen\nWaarom gaat de waterschapsbelasting omhoog?\nHoeveel ga ik meer betalen?\n"
            "Wanneer gaan de nieuwe tarieven in?\nWat doet het waterschap met het geld?",
        ),
        ("repeated_line", "Gemaal De Venen draaide deze winter wekenlang op volle kracht."),
        ("syndication", "Dit artikel verscheen eerder bij Regio Nieuws Digitaal."),
        ("call_to_action", "Ontdek meer nieuws uit jouw regio op NieuwsKort"),
        ("call_to_action", "Abonneer je nu"),
        (
            "link_footer",
            "Gerelateerd\nNatste winter in jaren zet gemalen onder druk\nZo bereid je je huis voor op wateroverlast\n"
            "Gemeentelijke lasten stijgen opnieuw",
        ),
    ]
    assert signal.features["boilerplate_kind_count"] == 6.0
    assert all(signal.features[f"has_{kind}"] == 1.0 for kind in KINDS)
    assert signal.features["boilerplate_char_share"] == pytest.approx(covered_share(doc, signal))


def test_aggregator_rewrite_syndication_notices(example_doc, extract):
    doc = example_doc("aggregator_rewrite_en")
    signal = extract(doc)
    assert found(doc, signal) == [
        (
            "syndication",
            "The information in this article was sourced from the Port Calder Gazette and other local media reports.",
        ),
        ("syndication", "This story was originally published by Coastal Daily Digest."),
    ]
    assert signal.features["has_syndication"] == 1.0 and signal.features["boilerplate_kind_count"] == 1.0
    assert signal.features["boilerplate_paragraph_share"] == pytest.approx(2 / 11)


@pytest.mark.parametrize("name", ["well_sourced_en", "well_sourced_nl"])
def test_well_sourced_reports_have_no_boilerplate(example_doc, extract, name):
    signal = extract(example_doc(name))
    assert signal.spans == ()
    assert set(signal.features) == set(FEATURES) and not any(signal.features.values())


def test_question_list_needs_three_questions_under_an_unknown_heading(extract):
    two = "Background\nWhy now?\nWho decided?\n\nThe council met on Monday to discuss the plan in detail."
    three = "Background\nWhy now?\nWho decided?\nWhat happens next?\n\nThe council met on Monday."
    short = build_document(two, lang="en")
    assert found(short, extract(short)) == []
    doc = build_document(three, lang="en")
    assert found(doc, extract(doc)) == [("question_list", "Background\nWhy now?\nWho decided?\nWhat happens next?")]


def test_known_question_heading_needs_only_two_questions(extract):
    doc = build_document("The council met on Monday.\n\nKey questions\nWhy now?\nWho pays?", lang="en")
    assert found(doc, extract(doc)) == [("question_list", "Key questions\nWhy now?\nWho pays?")]


def test_question_list_is_found_without_a_lexicon(extract):
    text = "Die Stadt baut eine Mauer.\n\nFragen\nWarum jetzt?\nWer zahlt?\nWann beginnt der Bau?"
    doc = build_document(text, lang="de")
    assert not doc.supported
    assert found(doc, extract(doc)) == [("question_list", "Fragen\nWarum jetzt?\nWer zahlt?\nWann beginnt der Bau?")]


def test_cta_words_inside_prose_are_not_calls_to_action(extract):
    text = (
        "Readers who subscribe to the paper or sign up for our newsletter at the library were asked in a survey "
        "whether they would read more local news if the council published its budget online."
    )
    doc = build_document(text, lang="en")
    assert extract(doc).spans == ()


def test_footer_heading_needs_a_run_of_short_lines_or_an_inline_list(extract):
    lone = build_document("Related\nCouncil approves sea wall\n\nThe vote was close, councillors said.", lang="en")
    assert found(lone, extract(lone)) == []
    prose = build_document("Related costs rose sharply last year, the council said in its budget report.", lang="en")
    assert extract(prose).spans == ()
    inline = build_document("The vote was close.\n\nTopics: Politics, Climate, Port Calder", lang="en")
    assert found(inline, extract(inline)) == [("link_footer", "Topics: Politics, Climate, Port Calder")]
    nl = build_document("De stemming was krap.\n\nMeer over\nWaterschappen\nBelastingen", lang="nl")
    assert found(nl, extract(nl)) == [("link_footer", "Meer over\nWaterschappen\nBelastingen")]


def test_repeated_lines_count_every_extra_copy_but_not_trivial_lines(extract):
    line = "Photo: the harbour wall at high tide."
    text = f"{line}\n\nAdvertisement\n\nThe wall was built in 1998.\n\n{line}\n\nAdvertisement\n\n{line}"
    doc = build_document(text, lang="en")
    signal = extract(doc)
    assert found(doc, signal) == [("repeated_line", line), ("repeated_line", line)]
    assert signal.spans[0].reason == "line 'Photo: the harbour wall at high tide.' appears 3 times"
    assert signal.features["boilerplate_paragraph_share"] == pytest.approx(2 / 6)


def test_banner_inside_a_long_paragraph_marks_only_its_sentence(extract):
    text = (
        "The council approved the wall on Tuesday after a long debate in which residents, engineers and "
        "councillors argued about its cost, its height and the disruption it would bring to the waterfront "
        "for three years. This article was generated with AI and checked by an editor. The vote was 31 to 9."
    )
    doc = build_document(text, lang="en")
    assert found(doc, extract(doc)) == [("ai_banner", "This article was generated with AI and checked by an editor.")]


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        ("Het waterschap verhoogt de heffing.\n\nDit artikel is gegenereerd met AI.", "ai_banner",
         "Dit artikel is gegenereerd met AI."),
        ("Het waterschap verhoogt de heffing.\n\nLees meer", "call_to_action", "Lees meer"),
        ("Het waterschap verhoogt de heffing. Dit artikel is eerder verschenen in Het Dagblad.", "syndication",
         "Dit artikel is eerder verschenen in Het Dagblad."),
        ("The council met.\n\nSign up for our daily newsletter", "call_to_action", "Sign up for our daily newsletter"),
        ("The council met. This article is republished from The Conversation.", "syndication",
         "This article is republished from The Conversation."),
    ],
)
def test_single_cues_in_both_languages(extract, text, kind, span):
    doc = build_document(text, lang="nl" if text.startswith("Het") else "en")
    assert found(doc, extract(doc)) == [(kind, span)]


def test_cheap_enough_for_a_news_article(example_doc, extract):
    """A guard against a runaway pattern, bounded in this process's CPU time (not wall-clock time, which a
    loaded machine stretches): about 2 ms on an idle core, so 50 ms is far beyond any honest run."""
    doc = example_doc("ai_summary_en")
    extract(doc)
    best = min(_cpu_seconds(extract, doc) for _ in range(10))
    assert best < 0.05


def _cpu_seconds(extract, doc: Document) -> float:
    start = time.process_time()
    extract(doc)
    return time.process_time() - start


@pytest.mark.parametrize(
    ("text", "lang", "declares"),
    [
        ("Summarized by NewsBrief AI\n\nThe council approved the wall on Tuesday.", "en", True),
        ("Key points (AI-generated summary)\n\nThe council approved the wall on Tuesday.", "en", True),
        ("The council approved the wall.\n\nThis article was generated with AI and checked by an editor.", "en", True),
        ("Samengevat door AI\n\nHet waterschap verhoogt de heffing.", "nl", True),
        ("Het waterschap verhoogt de heffing. Dit artikel is gegenereerd met AI.", "nl", True),
        # prose about someone else's AI-made text: a mention, not the text's own disclosure
        ("Google rolled out its AI summary feature on Tuesday.\n\nUsers were unimpressed, the firm said.", "en",
         False),
        ("The report was generated with AI tools, officials said on Tuesday.", "en", False),
        ("Het rapport werd gegenereerd met AI, zei de woordvoerder van de gemeente.", "nl", False),
    ],
)
def test_ai_wording_is_a_disclosure_only_when_the_text_speaks_of_itself(extract, text, lang, declares):
    signal = extract(build_document(text, lang=lang))
    [span] = [s for s in signal.spans if s.kind == "ai_banner"]
    assert is_ai_disclosure(span) is declares
    assert span.reason.startswith("banner says" if declares else "mentions text made by AI")
    assert signal.features["has_ai_banner"] == 1.0  # the feature counts both, as the models were trained


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The ministry confirmed the plan on Tuesday.\n\nThis article originally appeared on Northsea Wire.", "en"),
        ("Het ministerie bevestigde het plan dinsdag.\n\nDit artikel verscheen eerder bij Dagblad Noord.", "nl"),
        ("Het ministerie bevestigde het plan dinsdag.\n\nOvergenomen van Omroep Oost.", "nl"),
    ],
)
def test_syndication_notice_naming_the_outlet_is_found(extract, text, lang):
    """A notice that names the outlet ("originally appeared on Northsea Wire"): the entry's capital-letter
    check must look ahead, not consume the name's first letter (the phrase matcher ends on a word edge)."""
    signal = extract(build_document(text, lang=lang))
    assert signal.features["has_syndication"] == 1.0
