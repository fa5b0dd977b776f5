"""Batch page: many files or one CSV/JSONL; scores and key signals per article, per source, downloadable."""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from credibility.dashboard_app import charts
from credibility.dashboard_app.inputs import (
    ARTICLE_TYPES,
    MAX_BATCH_ARTICLES,
    MAX_UPLOAD_MB,
    TABLE_TYPES,
    TEXT_COLUMNS,
    read_upload,
)
from credibility.dashboard_app.reference import (
    comparison_frame,
    distinctive_features,
    load_reference,
    reference_for,
)
from credibility.dashboard_app.render import plain
from credibility.dashboard_app.results import (
    BATCH_COLUMN_CONFIG,
    BATCH_LEADING_COLUMNS,
    feature_columns,
    key_signals,
    per_source,
    results_frame,
    to_csv_bytes,
    to_jsonl_bytes,
)
from credibility.dashboard_app.services import analyze_items, chosen_models
from credibility.dashboard_app.widgets import model_status

st.title("Batch analysis")
model_status()
uploads = st.file_uploader(
    "Articles (.txt, .md, .html), or one table (.csv, .jsonl) with a text column",
    type=[*ARTICLE_TYPES, *TABLE_TYPES],
    accept_multiple_files=True,
    key="batch_files",
    max_upload_size=MAX_UPLOAD_MB,
    help=f"Table columns: text ({' / '.join(TEXT_COLUMNS)}), optional id, title, author, date, site/source, url, lang. "
    f"At most {MAX_BATCH_ARTICLES:,} articles per batch and {MAX_UPLOAD_MB} MB per file; use `credibility score` "
    "for more.",
)
if not uploads:
    st.stop()

# Re-analyse only when the uploaded files or the chosen models change; other widgets just rerun the display.
fingerprint = (tuple((f.file_id, f.name, f.size) for f in uploads), chosen_models())  # models picked in the sidebar
if st.session_state.get("batch_fingerprint") != fingerprint:
    items, cut_note = [], None
    for number, upload in enumerate(uploads):
        room = MAX_BATCH_ARTICLES - len(items)
        got = read_upload(upload.name, upload.getvalue(), limit=room + 1)
        items += got[:room]
        if len(got) > room:  # never silently: say where reading stopped
            unread = len(uploads) - number - 1
            cut_note = (
                f"Only the first {MAX_BATCH_ARTICLES:,} articles were analysed (the dashboard's limit per batch): "
                f"reading stopped in {plain(upload.name)}"
                + (f" and {unread} later file(s) were not read" if unread else "")
                + ". Use `credibility score` for larger batches."
            )
            break
    st.session_state["batch_cut_note"] = cut_note
    bar = st.progress(0.0, text=f"Analysing {len(items)} articles…")
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done == total or done % max(1, total // 100) == 0:  # at most ~100 updates sent to the browser
            bar.progress(done / total, text=f"Analysed {done} of {total} articles")

    reports = analyze_items(items, progress)
    st.session_state["batch_reports"] = reports
    st.session_state["batch_frame"] = results_frame(reports)
    st.session_state["batch_seconds"] = time.perf_counter() - started
    st.session_state["batch_fingerprint"] = fingerprint
    bar.empty()

reports = st.session_state["batch_reports"]
if st.session_state.get("batch_cut_note"):
    st.warning(st.session_state["batch_cut_note"], icon=":material/content_cut:")  # file name escaped above
frame = st.session_state["batch_frame"]
errors = frame[frame["error"].notna()]
seconds = st.session_state["batch_seconds"]
st.success(
    f"{len(reports)} articles analysed in {seconds:.1f} s ({1000 * seconds / max(1, len(reports)):.0f} ms each)"
    + (f"; {len(errors)} could not be read" if len(errors) else "")
)

# Filters: free text over id/title/source, language, verdicts; the table itself sorts by any column.
ok = frame[frame["error"].isna()]
left, right = st.columns(2)
query = left.text_input("Filter by id, title or source", key="batch_query")
langs = sorted(ok["lang"].dropna().unique())
chosen_langs = right.multiselect("Language", langs, default=langs, key="batch_langs")
shown = ok[ok["lang"].isin(chosen_langs)]
if query:
    haystack = shown[["id", "title", "source", "site"]].fillna("").astype(str).agg(" ".join, axis=1)
    shown = shown[haystack.str.contains(query, case=False, regex=False)]
verdict_cols = [c for c in ("ai_verdict", "credibility_verdict") if ok[c].notna().any()]
for column, verdict_col in zip(st.columns(2) if verdict_cols else [], verdict_cols, strict=False):
    values = sorted(ok[verdict_col].dropna().unique())
    label = "AI verdict" if verdict_col == "ai_verdict" else "Credibility verdict"
    chosen = column.multiselect(label, values, default=values, key=f"batch_{verdict_col}")
    shown = shown[shown[verdict_col].isin(chosen)]

features = feature_columns(frame)
_, reference = reference_for("en", load_reference())
distinct = distinctive_features(comparison_frame(dict.fromkeys(features, 0.0), reference)) if reference else []
signals = st.multiselect(
    "Signals in the table", features, default=key_signals(reports, frame, preferred=distinct), key="batch_signals"
)
score_cols = [c for c in BATCH_LEADING_COLUMNS if frame[c].notna().any()]
table_cols = ["id", *score_cols, "title", "site", "lang", *signals, "word_count", "low_confidence", "warnings", "source"]
st.caption(f"{len(shown)} of {len(ok)} articles shown; click a column header to sort.")
st.dataframe(shown[table_cols], hide_index=True, width="stretch", key="batch_table", column_config=BATCH_COLUMN_CONFIG)

st.subheader("Distributions")
plot_cols = [c for c in ("ai_probability", "credibility") if shown[c].notna().any()]
plot_choice = (
    st.selectbox("Signal to plot", features, index=features.index(signals[0]) if signals else 0, key="batch_plot_signal")
    if features
    else None
)
plots = plot_cols + ([plot_choice] if plot_choice else [])
if plots and not shown.empty:
    for column, name in zip(st.columns(len(plots)), plots, strict=True):
        column.altair_chart(charts.histogram(shown, name, colour_by="lang"), width="stretch")
else:
    st.caption("Nothing to plot.")

aggregates = per_source([reports[i] for i in [*shown.index, *errors.index]], signals)  # failures count too
if not aggregates.empty:
    st.subheader("Per source")
    st.dataframe(aggregates, hide_index=True, width="stretch", key="batch_sources")

st.subheader("Download")
d1, d2 = st.columns(2)
d1.download_button(
    "Results as CSV", to_csv_bytes(reports), file_name="credibility_results.csv", mime="text/csv", key="download_csv"
)
d2.download_button(
    "Results as JSONL",
    to_jsonl_bytes(reports),
    file_name="credibility_results.jsonl",
    mime="application/x-ndjson",
    key="download_jsonl",
)

if len(errors):
    st.subheader("Could not be analysed")
    st.dataframe(pd.DataFrame(errors[["id", "source", "error"]]), hide_index=True, width="stretch")
