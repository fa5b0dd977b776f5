"""Property-based checks over arbitrary Unicode: no extractor raises, features are finite, spans are valid."""

from __future__ import annotations

import math

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
