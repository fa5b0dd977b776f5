"""The AI model's reasons read in plain words, against human news and machine text of the article's language."""

from __future__ import annotations

import json

import pytest

from credibility.analysis import analyze
from credibility.models.ai_reasons import PLAIN, plain_ai_reason, reference_medians
from credibility.models.scorer import MODELS_DIR, load_default_scorer
from credibility.reference import REFERENCE_PATH

SHIPPED_AI_CARD = MODELS_DIR / "ai_generated.card.json"
JARGON = ("(surface)", "(style)", "(readability)", "than typical", "_")


@pytest.mark.skipif(not SHIPPED_AI_CARD.exists(), reason="shipped models not built")
def test_every_input_of_the_shipped_ai_model_has_a_plain_description():
    card = json.loads(SHIPPED_AI_CARD.read_text(encoding="utf-8"))
    missing = [n for n in card["feature_names"] if n not in PLAIN and not n.startswith("lexical.")]
    assert missing == []


def test_every_described_input_has_references_in_both_languages():
    languages = json.loads(REFERENCE_PATH.read_text(encoding="utf-8"))["languages"]
    for lang in ("en", "nl"):
        for group in ("human_news", "machine_text"):
            absent = [n for n in PLAIN if n not in languages[lang][group]["features"]]
            assert absent == [], (lang, group)


def test_a_rate_reads_with_its_unit_and_both_references():
    human, machine = reference_medians("style.commas_per_100_words", "en")
    text = plain_ai_reason("style.commas_per_100_words", 7.25, "en", "points to machine-written")
    assert text == (f"commas: 7.2 per 100 words (human news typically {human:.1f}, machine text {machine:.1f})"
                    ": points to machine-written")


def test_a_share_reads_as_a_percentage_and_flags_as_presence():
    text = plain_ai_reason("surface.digit_word_share", 0.04, "nl", "points to human-written")
    assert text.startswith("words with digits: 4% (") and text.endswith(": points to human-written")
    assert plain_ai_reason("boilerplate.has_link_footer", 1.0, "en", "x") == "has a footer of links: x"
    assert plain_ai_reason("boilerplate.has_link_footer", 0.0, "en", "x") == "no footer of links: x"


def test_dutch_reads_against_dutch_references_and_unknown_languages_against_english():
    name = "surface.word_length_mean"
    assert reference_medians(name, "nl") != reference_medians(name, "en")
    assert reference_medians(name, "und") == reference_medians(name, "en")
    assert plain_ai_reason("not.a_feature", 1.0, "en", "x") is None


@pytest.mark.skipif(not SHIPPED_AI_CARD.exists(), reason="shipped models not built")
@pytest.mark.parametrize("name", ["well_sourced_en", "aggregator_rewrite_en", "ai_summary_nl", "well_sourced_nl"])
def test_shipped_ai_reasons_carry_no_feature_jargon(example_text, name):
    report = analyze(example_text(name), scorer=load_default_scorer())
    for reason in report.scores["ai_generated"].reasons:
        assert not any(j in reason.text for j in JARGON), reason.text
