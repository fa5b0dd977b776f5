"""Compare page: several versions of one story; which claims are corroborated, uncorroborated, contradicted."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from credibility.compare import compare_paths, compare_texts
from credibility.dashboard_app.inputs import ARTICLE_TYPES, MAX_UPLOAD_MB, read_article
from credibility.dashboard_app.render import plain
from credibility.paths import PROJECT_ROOT

# Material icons render everywhere; emoji need a font that headless or air-gapped machines may lack.
STATUS_ICONS = {
    "corroborated": ":material/check_circle:",
    "uncorroborated": ":material/help:",
    "contradicted": ":material/cancel:",
}

st.title("Compare versions of one story")
source = st.radio("Input", ("Bundled story", "Upload files"), horizontal=True, key="compare_source",
                  label_visibility="collapsed")

result = None
if source == "Bundled story":
    stories_dir = PROJECT_ROOT / "data" / "stories"
    not_stories = ("eval", "counterfactual")  # labeled pairs; AI summaries without boilerplate (README there)
    stories = (
        sorted(p for p in stories_dir.iterdir() if p.is_dir() and p.name not in not_stories)
        if stories_dir.is_dir() else []
    )
    if not stories:
        st.info("No bundled story sets found (data/stories/ is not in this installation).")
        st.stop()
    story = st.selectbox("Story set", stories, format_func=lambda p: p.name, key="story")
    result = compare_paths([str(p) for p in sorted(story.iterdir()) if p.is_file()])
else:
    uploads = st.file_uploader("Two or more versions of one story", type=list(ARTICLE_TYPES),
                               accept_multiple_files=True, key="compare_files", max_upload_size=MAX_UPLOAD_MB)
    if len(uploads or []) < 2:
        st.info("Upload at least two articles about the same story (English and Dutch may be mixed).")
        st.stop()
    items = [read_article(u.name, u.getvalue()) for u in uploads]
    for item in items:
        if item.error:
            st.error(plain(item.error))
    readable = [(u.name, item.text) for u, item in zip(uploads, items, strict=True) if not item.error]
    if len(readable) < 2:
        st.stop()
    result = compare_texts([text for _, text in readable], labels=[name for name, _ in readable])

for warning in result.warnings:
    st.warning(plain(warning))

counts = {status: len(result.by_status(status)) for status in STATUS_ICONS}
columns = st.columns(len(counts))
for column, (status, count) in zip(columns, counts.items(), strict=True):
    column.metric(status, count)

st.subheader("Sources")
st.dataframe(
    pd.DataFrame(
        {
            "source": s.label,
            "lang": s.lang,
            "verdict": s.verdict,
            "claims": s.claims,
            "corroboration rate": round(s.corroboration_rate, 2),
            "unique unsupported": s.unique_unsupported,
            "contradictions": s.contradictions,
            "relation": s.relation,
            "relation strength": max((d.strength for d in (*s.derives_from, *s.related)), default=None),
            "evidence": "; ".join(e for d in s.derives_from for e in d.evidence),
            "not claims": ", ".join(f"{n} {reason}" for reason, n in sorted(s.not_claims.items())),
        }
        for s in result.summaries
    ),
    hide_index=True,
    width="stretch",
)

st.subheader("Claims by source")
st.dataframe(result.matrix(), hide_index=True, width="stretch")

st.subheader("Evidence")
status_filter = st.multiselect("Show", list(STATUS_ICONS), default=["contradicted", "uncorroborated"],
                               key="status_filter")
for claim in result.claims:
    if claim.status not in status_filter:
        continue
    with st.expander(f"{STATUS_ICONS.get(claim.status, '')} {claim.status}: {plain(claim.text[:120])}"):
        if claim.note:
            st.caption(plain(claim.note))
        for contradiction in claim.contradictions:
            st.text(f"{contradiction.kind}: {contradiction.detail}")
        for evidence in claim.evidence:
            st.text(f"[{evidence.label}, {evidence.lang}] {evidence.text}")

st.download_button("Download comparison (JSON)", result.to_json(), file_name="comparison.json",
                   mime="application/json", key="compare_download")
