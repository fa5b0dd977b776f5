"""Highlighted article HTML: every piece of text escaped, spans marked with kind and reason."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as hs

from credibility.dashboard_app.render import highlight_html, kind_colour, legend_html
from credibility.signals.base import Span

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


def test_span_is_a_mark_with_kind_colour_and_reason():
    text = "Experts say it may rain."
    out = highlight_html(text, [Span(0, 7, "vague_source", "no named source")])
    assert (
        f'<mark class="cred-span" data-kind="vague_source" title="vague_source: no named source" '
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


def test_legend_counts_kinds_and_escapes_them():
    spans = [Span(0, 1, "hedge", ""), Span(2, 3, "hedge", ""), Span(4, 5, "<i>odd</i>", "")]
    out = legend_html(spans)
    assert "hedge · 2" in out and "&lt;i&gt;odd&lt;/i&gt; · 1" in out and "<i>" not in out
    assert "No evidence spans" in legend_html([])


def test_unknown_kinds_get_a_stable_colour():
    assert kind_colour("brand_new_kind") == kind_colour("brand_new_kind")
    assert kind_colour("hedge") != kind_colour("booster")


@given(
    hs.text(alphabet=hs.sampled_from(list("ab <>&\"'\n/=")), max_size=40),
    hs.lists(hs.tuples(hs.integers(0, 40), hs.integers(1, 10)), max_size=5),
)
def test_visible_text_is_always_the_original(text, raw_spans):
    spans = [Span(s, s + n, "hedge", "<r>") for s, n in raw_spans]
    out = highlight_html(text, spans)
    assert visible_text(out) == text
    assert "<" not in re.sub(r"</?(?:mark|div)\b[^>]*>", "", out)  # no markup but the markup built here
