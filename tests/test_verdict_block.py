"""The verdict block (#17 item 1): verdict words with their false-positive rate from the card, reasons with
evidence, a declared banner as the decisive reason with the model's own view beside it."""

from __future__ import annotations

import json

import pytest

from credibility import analyze
from credibility.models.thresholds import Threshold, ai_thresholds, credibility_threshold, find_card
from credibility.paths import PROJECT_ROOT
from credibility.report import Reason, Report, Score
from credibility.signals.base import Span
from credibility.verdict_block import one_in, verdict_block

SHIPPED_AI_CARD = json.loads((PROJECT_ROOT / "models" / "ai_generated.card.json").read_text(encoding="utf-8"))
CARD = {"name": "ai", "threshold": 0.9, "thresholds": {"possibly": {"probability": 0.7, "fpr_on_human_news": 0.05},
                                                       "likely": {"probability": 0.9, "fpr_on_human_news": 0.01}}}
CRED_CARD = {"name": "cred", "threshold": 0.6, "metrics": {"held_out_credible_called_low": 0.125}}


def cards(name: str) -> dict:
    return {"ai": CARD, "cred": CRED_CARD}.get(name, {})


def report_with(ai: float, verdict: str, *, declared: str | None = None, cred: float = 80.0,
                cred_verdict: str = "likely credible") -> Report:
    report = Report(id="r", lang="en", supported=True, word_count=300, text="Summarized by AI. Experts say so.")
    report.spans = [Span(0, 16, "ai_banner", "r", "boilerplate"), Span(18, 29, "vague_source", "r", "attribution")]
    report.scores["ai_generated"] = Score("ai", ai, verdict, 0.9, [Reason("lexical.w", 1.0, 0.8, "wording")],
                                          declared=declared)
    report.scores["credibility"] = Score("cred", cred, cred_verdict, 40.0, [
        Reason("attribution.vague", 1.0, -0.3, "vague sources: lowers credibility", ("vague_source",)),
        Reason("claims.x", 1.0, 0.1, "claims: raises credibility"),
    ])
    return report


@pytest.mark.parametrize(("rate", "said"), [(0.0041, "about 1 in 240"), (0.0758, "about 1 in 13"),
                                            (0.131, "about 1 in 8"), (0.01, "about 1 in 100"), (0.6, "60% of")])
def test_rates_read_as_one_in_n(rate, said):
    assert one_in(rate) == said


def test_shipped_card_states_both_lines_with_their_held_out_rates():
    stored = SHIPPED_AI_CARD["thresholds"]
    for lang in ("en", "nl"):
        possibly, likely = ai_thresholds(SHIPPED_AI_CARD, lang)
        assert possibly == Threshold("possibly", stored["possibly"]["probability"],
                                     stored["possibly"]["fpr_by_lang"][lang])
        assert likely == Threshold("likely", stored["likely"]["probability"], stored["likely"]["fpr_by_lang"][lang])
        assert likely.probability == pytest.approx(SHIPPED_AI_CARD["threshold"], abs=1e-6)
        assert possibly.probability < likely.probability and likely.fpr_on_human_news <= 0.01


def test_a_card_without_a_possibly_line_falls_back_to_half_with_its_measured_rate():
    card = {k: v for k, v in SHIPPED_AI_CARD.items() if k != "thresholds"}
    rows = {row["human set"]: row for table in card["evaluation"] for row in table["rows"] if "human set" in row}
    possibly, likely = ai_thresholds(card, "en")
    assert possibly == Threshold("possibly", 0.5, rows["English human news (credibility/, all)"]["fpr@p>=0.5"])
    assert likely.probability == pytest.approx(card["threshold"])
    assert likely.fpr_on_human_news == card["metrics"]["fpr_english_human_news"]
    dutch_possibly, _ = ai_thresholds(card, "nl")
    assert dutch_possibly.fpr_on_human_news == rows["Dutch human news (news_nl/dpgmedia2019)"]["fpr@p>=0.5"]


def test_a_card_with_both_lines_is_read_as_stored():
    assert ai_thresholds(CARD, "en") == (Threshold("possibly", 0.7, 0.05), Threshold("likely", 0.9, 0.01))
    listed = {**CARD, "thresholds": [{"name": "possibly machine-written", "threshold": 0.6, "fpr": 0.08,
                                      "fpr_by_lang": {"nl": 0.02}}]}
    assert ai_thresholds(listed, "nl")[0] == Threshold("possibly", 0.6, 0.02)
    assert credibility_threshold(CRED_CARD, "en") == Threshold("low credibility", 0.6, 0.125)


def test_likely_line_states_its_false_positive_rate():
    block = verdict_block(report_with(0.95, "likely machine-written"), cards=cards)
    ai, cred = block.lines
    assert (ai.question, ai.verdict, ai.value) == ("Machine-written?", "likely machine-written", "p = 0.95")
    assert ai.rate == "flags about 1 in 100 human news articles"
    assert ai.headline() == "likely machine-written (p = 0.95; flags about 1 in 100 human news articles)"
    assert cred.rate == "low below 40/100, where about 1 in 8 credible news articles fall too"
    # Both answers point different ways: the block says why.
    assert any("not who wrote the text" in note for note in block.notes)


def test_possibly_and_human_lines():
    possibly = verdict_block(report_with(0.75, "possibly machine-written"), cards=cards).lines[0]
    assert possibly.rate == "about 1 in 20 human news articles score this high too"
    human = verdict_block(report_with(0.1, "likely human-written", cred=20, cred_verdict="low credibility"),
                          cards=cards)
    assert human.lines[0].rate.startswith("weak evidence")
    assert human.lines[1].rate == "calls about 1 in 8 credible news articles low"
    assert any("not who wrote it" in note for note in human.notes)


def test_likely_human_written_above_one_half_says_it_is_more_machine_like_than_most_news():
    """p = 0.65 is under the 'possibly' line (0.7 here) yet above most human news, and the credibility model
    already counts it: 'weak evidence: much machine text scores this low too' would read as reassurance."""
    line = verdict_block(report_with(0.65, "likely human-written"), cards=cards).lines[0]
    assert line.verdict == "likely human-written"
    assert line.rate == ("more machine-like than most human news, but under the 'possibly' line (p = 0.70): "
                         "weak evidence either way")


def test_reasons_carry_their_evidence_spans_and_direction():
    cred = verdict_block(report_with(0.1, "likely human-written"), cards=cards).lines[1]
    vague, claims = cred.reasons
    assert vague.direction == "lowers" and [s.kind for s in vague.evidence] == ["vague_source"]
    assert claims.direction == "raises" and claims.evidence == ()


def test_declared_banner_is_the_decisive_reason_with_the_model_view_beside_it():
    report = report_with(0.06, "declared machine-written", declared="Summarized by AI.")
    ai = verdict_block(report, cards=cards).lines[0]
    assert ai.verdict == "declared machine-written"
    first = ai.reasons[0]
    assert first.decisive and first.text == "the text says AI made it: 'Summarized by AI.'"
    assert [report.span_text(s) for s in first.evidence] == ["Summarized by AI"]
    assert ai.model_view == "the model alone: likely human-written (p = 0.06; weak evidence: much machine text scores this low too)"
    # Never '0.06 declared machine-written' in one breath: the number belongs to the model's view.
    assert "0.06" not in ai.verdict and ai.headline().startswith("declared machine-written; the model alone: ")


def test_without_a_card_the_rates_are_said_to_be_unknown():
    ai, cred = verdict_block(report_with(0.95, "likely machine-written"), cards=lambda name: {}).lines
    assert ai.rate == "its rate on human news articles is not in the model card"
    assert "credible news" not in cred.rate


def test_find_card_by_file_or_by_the_name_inside(tmp_path):
    (tmp_path / "credibility.card.json").write_text(json.dumps({"name": "newsroom", "threshold": 0.3}))
    (tmp_path / "broken.card.json").write_text("[1, 2")
    assert find_card("credibility", tmp_path).name == "newsroom"
    assert find_card("newsroom", tmp_path).threshold == 0.3
    assert find_card("missing", tmp_path) is None


def test_shipped_models_on_the_examples(example_text):
    """The Dutch AI summary: declared by its banner although the model alone calls it human-written."""
    report = analyze(example_text("ai_summary_nl"), lang="nl")
    if "ai_generated" not in report.scores:
        pytest.skip("the shipped models are not installed")
    ai = verdict_block(report).lines[0]
    assert ai.verdict == "declared machine-written" and ai.reasons[0].decisive
    assert "Samengevat door AI" in ai.reasons[0].text and ai.reasons[0].evidence
    assert ai.model_view.startswith("the model alone: likely human-written (p = 0.0")
    human = verdict_block(analyze(example_text("well_sourced_en"))).lines[0]
    assert human.verdict == "likely human-written" and human.rate.startswith("weak evidence")
