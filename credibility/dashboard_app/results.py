"""Batch results as tables and downloads.

The table on the page is one flat row per article (scores, verdicts, every signal); the downloads are
written by :mod:`credibility.output`, so they are the same files ``credibility score --format csv|jsonl``
writes.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence

import pandas as pd

from ..aggregate import UNKNOWN_SOURCE, SourceAggregator, source_key
from ..models.tasks import AI_GENERATED, CREDIBILITY
from ..output import make_writer
from ..report import Report

BASE_COLUMNS = (
    "id", "source", "title", "site", "lang", "word_count",
    "ai_probability", "ai_verdict", "credibility", "credibility_verdict",
    "low_confidence", "warnings", "error",
)  # fmt: skip
SCORE_COLUMNS = ("ai_probability", "credibility")
SCORE_AND_VERDICT = ("ai_probability", "ai_verdict", "credibility", "credibility_verdict")
# The Batch table leads with the answers (verdicts, then their values) right after the id, so they are on
# screen at 1,400 px; titles and ids are kept narrow, signals come after.
BATCH_LEADING_COLUMNS = ("ai_verdict", "credibility_verdict", "ai_probability", "credibility")
BATCH_COLUMN_CONFIG = {
    "id": {"label": "id", "width": "small"},
    "title": {"label": "title", "width": "medium"},
    "ai_verdict": {"label": "machine-written?", "width": "medium"},
    "credibility_verdict": {"label": "how credible?", "width": "medium"},
    "ai_probability": {"label": "AI p", "width": "small"},
    "credibility": {"label": "credibility", "width": "small"},
}


def results_frame(reports: Sequence[Report]) -> pd.DataFrame:
    """One row per report: metadata, scores and verdicts, then every signal feature as a column."""
    rows = []
    for report in reports:
        record = report.as_dict(include_spans=False)
        row = {col: record.get(col) for col in BASE_COLUMNS}
        row["warnings"] = "; ".join(record["warnings"])
        row["evidence_spans"] = len(report.spans)
        row.update(report.features)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=None if rows else [*BASE_COLUMNS, "evidence_spans"])
    for col in SCORE_COLUMNS:
        frame[col] = pd.to_numeric(frame[col], errors="coerce")
    return frame


def feature_columns(frame: pd.DataFrame) -> list[str]:
    """Signal feature columns (qualified ``family.feature`` names)."""
    return [c for c in frame.columns if "." in str(c)]


def key_signals(
    reports: Sequence[Report], frame: pd.DataFrame, limit: int = 6, preferred: Sequence[str] = ()
) -> list[str]:
    """The features the models cite most as reasons in this batch (the credibility model's editorial
    evidence first, then the AI model's style statistics), then ``preferred`` ones (e.g. those that tell
    human news from machine text best), then any that vary in the batch."""
    ranked_cited: list[str] = []
    for model in (CREDIBILITY.name, AI_GENERATED.name):
        counts = Counter(r.feature for report in reports if model in report.scores
                         for r in report.scores[model].reasons)
        ranked_cited += [f for f, _ in counts.most_common() if f not in ranked_cited]
    features = feature_columns(frame)
    ranked = [f for f in ranked_cited if f in features]
    ranked += [f for f in preferred if f in features and f not in ranked]
    if len(ranked) < limit:
        varying = [f for f in features if pd.to_numeric(frame[f], errors="coerce").nunique() > 1]
        ranked += [f for f in varying if f not in ranked]
    return ranked[:limit]


def to_csv_bytes(reports: Sequence[Report]) -> bytes:
    """The CLI's CSV output (header, then one flat row per article with every feature)."""
    return _written("csv", reports)


def to_jsonl_bytes(reports: Sequence[Report]) -> bytes:
    """The documented output schema (``Report.as_dict``), spans included, one article per line."""
    return _written("jsonl", reports)


def _written(fmt: str, reports: Sequence[Report]) -> bytes:
    buffer = io.StringIO()
    writer = make_writer(fmt, buffer)
    for report in reports:
        writer.write(report)
    return buffer.getvalue().encode("utf-8")


def per_source(reports: Sequence[Report], signals: Sequence[str] = ()) -> pd.DataFrame:
    """Per-source aggregates (as the CLI computes them) plus the mean of each key signal.

    Empty when no article names its source (no site column, no HTML site metadata, no URL).
    """
    keys = [source_key(r) for r in reports]
    if all(k == UNKNOWN_SOURCE for k in keys):
        return pd.DataFrame()
    aggregator = SourceAggregator()
    for report in reports:
        aggregator.add(report)
    table = pd.DataFrame(aggregator.rows())
    table["boilerplate_kinds"] = table["boilerplate_kinds"].map(lambda kinds: ", ".join(f"{k} ({n})" for k, n in kinds))
    table = table.dropna(axis="columns", how="all")
    if signals:
        values = pd.DataFrame([{s: r.features.get(s) for s in signals} for r in reports if r.error is None])
        values["source"] = [k for k, r in zip(keys, reports, strict=True) if r.error is None]
        means = values.groupby("source").mean().add_prefix("mean ").reset_index()
        table = table.merge(means, on="source", how="left")
    return table
