"""Highlighted article HTML: every piece of text escaped, spans marked with kind and reason."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as hs

from credibility.dashboard_app.render import (
    highlight_html,
    kind_colour,
    legend_html,
    passages_html,
    verdict_html,
)
from credibility.passages import Passage
from credibility.report import Reason, Report, Score
from credibility.signals.base import Span
from credibility.verdict_block import verdict_block

TAGS = re.compile(r"<[^>]*>")


def visible_text(markup: str) -> str:
    return html.unescape(TAGS.sub("", markup))


def test_pasted_markup_is_escaped():
    text = 'Hi <script>alert("x")</script> and <img src=x onerror=alert(1)> end'
    out = highlight_html(text, [Span(3, 11, "hedge", "a hedge")])
    assert "&lt;script&gt;" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<script" not in out and "<img" not in out
    assert visible_text(out) == text


def test_span_is_a_mark_with_direction_colour_reason_and_anchor():
    text = "Experts say it may rain."
    out = highlight_html(text, [Span(0, 7, "vague_source", "no named source")])
    assert (
        f'<mark class="cred-span" id="cred-at-0" data-kind="vague_source" data-direction="lowers" '
        f'title="vague_source: no named source" '
        f'style="background: {kind_colour("vague_source")}; padding: 0 1px; border-radius: 2px">Experts</mark>'
    ) in out
    assert out.count("<mark") == 1


def test_reason_is_escaped_inside_the_title_attribute():
    out = highlight_html("abc def", [Span(0, 3, "hedge", 'says "x" <b>')])
    assert 'title="hedge: says &quot;x&quot; &lt;b&gt;"' in out


def test_overlapping_spans_split_and_list_every_reason():
    text = "it may well rain"
    spans = [Span(3, 11, "hedge", "hedge phrase"), Span(7, 16, "booster", "booster phrase")]
    out = highlight_html(text, spans)
    marks = re.findall(r'<mark [^>]*title="([^"]*)"[^>]*>([^<]*)</mark>', out)
    assert marks == [
        ("hedge: hedge phrase", "may "),
        ("hedge: hedge phrase\nbooster: booster phrase", "well"),
        ("booster: booster phrase", " rain"),
    ]
    assert visible_text(out) == text


def test_kind_filter_and_invalid_spans():
    text = "may rain"
    spans = [Span(0, 3, "hedge", "h"), Span(4, 8, "claim", "c"), Span(5, 99, "hedge", "outside the text")]
    out = highlight_html(text, spans, kinds=["claim"])
    assert out.count("<mark") == 1 and 'data-kind="claim"' in out


def test_legend_groups_kinds_by_direction_and_escapes_them():
    spans = [Span(0, 1, "hedge", ""), Span(2, 3, "hedge", ""), Span(4, 5, "<i>odd</i>", ""),
             Span(6, 7, "quote", ""), Span(8, 9, "ai_banner", "")]
    out = legend_html(spans)
    assert "hedge · 2" in out and "&lt;i&gt;odd&lt;/i&gt; · 1" in out and "<i>" not in out
    chips = re.findall(r'data-direction="(\w+)"[^>]*><b>([^<]*)</b>', out)
    assert chips == [("supports", "supports credibility"), ("machine", "machine furniture and vocabulary"),
                     ("context", "context (decides nothing alone)")]
    assert "No evidence spans" in legend_html([])


def test_good_and_bad_cues_never_share_a_colour():
    """#17: named sources and quotes were pink like vague sources and banners."""
    good = {kind_colour(k) for k in ("named_source", "quote", "according_to")}
    bad = {kind_colour(k) for k in ("vague_source", "unsupported_claim", "booster")}
    machine = {kind_colour(k) for k in ("ai_banner", "question_list", "link_footer")}
    assert len(good) == len(bad) == len(machine) == 1
    assert len(good | bad | machine | {kind_colour("brand_new_kind")}) == 4


@given(
    hs.text(alphabet=hs.sampled_from(list("ab <>&\"'\n/=")), max_size=40),
    hs.lists(hs.tuples(hs.integers(0, 40), hs.integers(1, 10)), max_size=5),
)
def test_visible_text_is_always_the_original(text, raw_spans):
    spans = [Span(s, s + n, "hedge", "<r>") for s, n in raw_spans]
    out = highlight_html(text, spans)
    assert visible_text(out) == text
    assert "<" not in re.sub(r"</?(?:mark|div)\b[^>]*>", "", out)  # no markup but the markup built here


def test_verdict_html_escapes_everything_and_links_evidence_to_the_article():
    text = "Experts <b>say</b> so. Summarized by <img src=x> AI."
    report = Report(id="r", text=text, lang="en", supported=True, word_count=200,
                    spans=[Span(0, 7, "vague_source", "v"), Span(23, 52, "ai_banner", "b")])
    report.scores["ai_generated"] = Score("ai", 0.2, "declared machine-written", 0.9, [],
                                          declared="Summarized by <img src=x> AI.")
    report.scores["credibility"] = Score("cred", 30.0, "low credibility", 40.0, [
        Reason("attribution.v", 1.0, -0.4, "vague <script>", ("vague_source",))])
    out = verdict_html(verdict_block(report, cards=lambda name: {}), report)
    assert "<img" not in out and "<script" not in out and "&lt;img src=x&gt;" in out
    assert 'href="#cred-at-0"' in out and 'href="#cred-at-23"' in out  # the anchors highlight_html sets
    assert 'id="cred-at-0"' in highlight_html(text, report.spans)
    assert "■ decisive" in out and "the model alone: likely human-written (p = 0.20" in out


def test_passages_are_shaded_by_probability_and_escaped():
    text = "<b>One.</b> Two. Three."
    out = passages_html(text, [Passage(0, 11, 0, 0, 1, 0.95), Passage(12, 23, 1, 2, 2, 0.3)])
    assert visible_text(out.split('<div class="cred-passages"', 1)[1].split(">", 1)[1]) == text
    shades = re.findall(r'data-p="([\d.]+)"[^>]*rgba\([\d, ]+, ([\d.]+)\)', out)
    assert shades == [("0.950", "0.16"), ("0.300", "0.0")]  # shaded against human-news windows, not at 0.5
    assert "about 1 in 4 human news windows score this high" in out
    assert "<b>" not in out
