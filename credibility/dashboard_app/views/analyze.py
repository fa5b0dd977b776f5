"""Analyze page: one article pasted, uploaded or picked from the examples; scores, signals, evidence."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from credibility.dashboard_app.inputs import ARTICLE_TYPES, MAX_UPLOAD_MB, example_files, read_article
from credibility.dashboard_app.reference import (
    comparison_frame,
    distinctive_features,
    load_reference,
    reference_for,
)
from credibility.dashboard_app.render import highlight_html, legend_html, passages_html, plain, title_html
from credibility.dashboard_app.services import analyze_passages, analyze_text
from credibility.dashboard_app.widgets import verdict_section
from credibility.ingest.items import MAX_TEXT_CHARS
from credibility.models.tasks import AI_GENERATED
from credibility.passages import WINDOW_RELIABILITY, WINDOW_SENTENCES

SOURCES = ("Paste text", "Upload a file", "Example")
LANGUAGES = {"auto-detect": None, "English": "en", "Dutch": "nl"}

st.title("Analyze an article")

source = st.radio("Input", SOURCES, horizontal=True, key="input_source", label_visibility="collapsed")
text, title, read_warnings = "", None, []  # read_warnings: e.g. a file not in UTF-8
if source == "Paste text":
    title = st.text_input("Title (optional)", key="paste_title")
    text = st.text_area("Article text", height=220, key="paste_text", placeholder="Paste a news article here…",
                        max_chars=MAX_TEXT_CHARS)
    st.button("Analyze", type="primary", key="analyze_button")
elif source == "Upload a file":
    upload = st.file_uploader("Article file", type=list(ARTICLE_TYPES), key="article_file", max_upload_size=MAX_UPLOAD_MB)
    if upload is not None:
        item = read_article(upload.name, upload.getvalue())
        if item.error:
            st.error(plain(item.error))
        text, title, read_warnings = item.text, item.title, item.warnings
else:
    examples = example_files()
    if not examples:
        st.info("No bundled examples found (data/examples/ is not in this installation).")
    else:
        chosen = st.selectbox("Example", examples, format_func=lambda p: p.name, key="example")
        item = read_article(chosen.name, chosen.read_bytes())
        text, title, read_warnings = item.text, item.title, item.warnings
lang = LANGUAGES[st.selectbox("Language", list(LANGUAGES), key="lang", help="Force the language of the text.")]

if not text.strip():
    st.stop()

report, seconds = analyze_text(text, title, lang)
st.caption(
    f"{report.word_count} words · {report.sentence_count} sentences · language {report.lang} "
    f"(p={report.lang_confidence:.2f}) · analysed in {seconds * 1000:.0f} ms"
)
for warning in [*read_warnings, *report.warnings]:
    st.warning(plain(warning))

st.subheader("Verdict")
verdict_section(report)

st.subheader("Signals against human news and machine text")
ref_lang, groups = reference_for(report.lang, load_reference())
frame = comparison_frame(report.features, groups) if groups and report.supported else pd.DataFrame()
if not report.supported:
    st.info(f"No comparison: the signals are not computed for this language ({plain(report.lang)}).")
elif frame.empty:
    st.info("No reference distributions for these signals yet (run scripts/build_reference_distributions.py).")
else:
    show_all = st.toggle("Show all signals", key="all_signals")
    if show_all:
        families = sorted(frame["family"].unique())
        shown = st.multiselect("Signal families", families, default=families, key="families")
        frame = frame[frame["family"].isin(shown)]
    else:
        frame = frame[frame["feature"].isin(distinctive_features(frame))]
        st.caption("The 15 signals that differ most between human news and machine text.")
    if not frame.empty:
        # Altair: imported by the background warm-up (services.warm_up), not by the landing page
        from credibility.dashboard_app import charts

        st.altair_chart(charts.signals_vs_reference(frame), width="stretch")
        st.caption(
            f"Red diamond: this article. Bars: middle 50 % of each reference ({ref_lang}); lines: 5th–95th "
            "percentile; black tick: median. Hover for raw values."
        )

st.subheader("Evidence in the text")
kinds = sorted({s.kind for s in report.spans})
chosen_kinds = st.multiselect("Cue kinds", kinds, default=kinds, key="kinds") if kinds else []
spans = [s for s in report.spans if s.kind in chosen_kinds]
st.html(legend_html(spans))
if report.title:
    st.html(title_html(report.title))
st.html(highlight_html(report.text, spans))

if AI_GENERATED.name in report.scores:
    st.subheader("Where it reads as machine-written")
    st.caption(
        f"Each window of about {WINDOW_SENTENCES} sentences scored alone by the same AI model, shaded by its "
        f"probability. {WINDOW_RELIABILITY}"
    )
    st.html(passages_html(report.text, analyze_passages(text, report.lang)))

with st.expander("All signal values"):
    st.dataframe(
        pd.DataFrame({"feature": list(report.features), "value": list(report.features.values())}),
        hide_index=True,
        width="stretch",
    )
with st.expander("Evidence list"):
    st.dataframe(
        pd.DataFrame(
            [{"kind": s.kind, "text": report.span_text(s), "reason": s.reason, "signal": s.signal} for s in report.spans],
            columns=["kind", "text", "reason", "signal"],
        ),
        hide_index=True,
        width="stretch",
    )
st.download_button(
    "Download report (JSON)",
    json.dumps(report.as_dict(include_text=True), ensure_ascii=False, indent=1),
    file_name="credibility_report.json",
    mime="application/json",
    key="download_report",
)
