"""Property-based checks over arbitrary Unicode: no extractor raises, features are finite, spans are valid."""

from __future__ import annotations

import html
import json
import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credibility.analysis import analyze_document
from credibility.document import build_document
from credibility.signals import EXTRACTORS

NEWSLIKE = st.lists(
    st.sampled_from(
        [
            "The minister said", "may", "could", "according to", "experts say", "40%", "€3 billion",
            "Insights", "What is next?", "Related Coverage", "volgens", "zou", "mogelijk", "\n", "\n\n",
            ".", "?", "\"", "“", "”", "Mr.", "p.m.", "—", "2024", "biggest ever", "will", "because",
        ]
    )
    | st.text(max_size=20),
    max_size=60,
).map(" ".join)

ANY_TEXT = st.text(max_size=400) | NEWSLIKE


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, lang=st.sampled_from([None, "en", "nl"]))
def test_every_extractor_is_total_finite_and_spans_match_the_text(text, lang):
    doc = build_document(text, lang=lang)
    for extractor in EXTRACTORS.values():
        signal = extractor(doc)
        assert set(signal.features) == set(extractor.feature_names)
        assert all(math.isfinite(v) for v in signal.features.values()), (extractor.name, signal.features)
        for span in signal.spans:
            assert 0 <= span.start < span.end <= len(doc.text)
            assert span.kind and span.reason


@settings(max_examples=60, deadline=None)
@given(text=ANY_TEXT)
def test_report_spans_carry_the_substring_they_point_at(text):
    report = analyze_document(build_document(text, lang="en"))
    record = report.as_dict()
    for span in record["spans"]:
        assert span["text"] == report.text[span["start"] : span["end"]]
    assert all(math.isfinite(v) for v in record["features"].values())


# -- whole reports, every language path, with the shipped models ---------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, lang=st.sampled_from([None, "en", "nl"]))
def test_reports_in_every_language_path_have_valid_spans_and_finite_scores(text, lang):
    from credibility.models.scorer import load_default_scorer

    report = analyze_document(build_document(text, lang=lang), load_default_scorer())
    record = report.as_dict()
    for span in record["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(report.text)
        assert span["text"] == report.text[span["start"] : span["end"]] and span["text"]
    assert [s["start"] for s in record["spans"]] == sorted(s["start"] for s in record["spans"])
    assert all(math.isfinite(v) for v in record["features"].values())
    for score in report.scores.values():
        assert math.isfinite(score.value) and all(math.isfinite(r.contribution) for r in score.reasons)
    json.dumps(record, allow_nan=False)  # the JSONL output never holds NaN or infinity


# -- readers: arbitrary bytes never raise, they give text or an error naming the input ------------------------


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=600) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_text_readers_never_raise_on_arbitrary_bytes(data):
    from credibility.ingest.decode import BinaryContent, decode_bytes
    from credibility.ingest.text_files import parse_text_bytes

    try:
        decoded = decode_bytes(data, "x.txt")
    except BinaryContent:
        pass
    else:
        assert isinstance(decoded.text, str)
    for markdown in (False, True):
        item = parse_text_bytes(data, id="x.txt", source_path="x.txt", markdown=markdown)
        assert (item.error is None) == bool(item.text.strip())
        assert item.error is None or item.error.startswith("x.txt: ")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.text(max_size=200), junk=st.binary(max_size=60))
def test_html_reader_never_raises(body, junk):
    from credibility.ingest.html import parse_html

    for data in (f"<html><body><p>{body}</p></body></html>".encode(), junk, b"<html>" + junk):
        item = parse_html(data, id="p.html", source_path="p.html")
        assert item.error is None or item.error.startswith("p.html: ")


@settings(max_examples=100, deadline=None)
@given(text=st.text(min_size=1, max_size=300), limit=st.integers(min_value=10, max_value=120))
def test_cut_text_is_a_prefix_within_the_limit_and_says_so(text, limit):
    from credibility.ingest import items

    saved = items.MAX_TEXT_CHARS
    items.MAX_TEXT_CHARS = limit
    try:
        item = items.cap_text(items.InputItem(id="t", text=text))
    finally:
        items.MAX_TEXT_CHARS = saved
    assert text.startswith(item.text) and len(item.text) <= limit
    assert bool(item.warnings) == (len(text) > limit)


# -- dashboard rendering: user text is always shown as text ---------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200))
def test_plain_leaves_no_markdown_construct_unescaped(text):
    from credibility.dashboard_app.render import plain

    shown = plain(text)
    assert "\n" not in shown
    unescaped = re.sub(r"\\.", "", shown)  # drop every backslash escape; what is left must be inert
    assert not set(unescaped) & set("`*_[]()<>!|~$:{}#&\\")


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200), cuts=st.lists(st.tuples(st.integers(-5, 210), st.integers(-5, 210)), max_size=8),
       kind=st.text(max_size=12))
def test_highlighted_article_holds_no_markup_but_its_own(text, cuts, kind):
    from credibility.dashboard_app.render import highlight_html
    from credibility.signals.base import Span

    spans = [Span(a, b, kind or "k", f"reason <b>{kind}</b>") for a, b in cuts]
    out = highlight_html(text, spans)
    own = re.sub(r'<mark class="cred-span"(?: id="cred-at-\d+")? data-kind="[^"<>]*" data-direction="\w+" '
                 r'title="[^"<>]*" style="[^"<>]*">|</mark>', "", out)
    own = re.sub(r'^<div class="cred-article" style="[^"<>]*">|</div>$', "", own)
    assert "<" not in own and ">" not in own
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
