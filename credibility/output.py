"""Writers for scored reports: a readable table, JSON lines, or flat CSV, each streamed record by record.

Each record is written with one ``write`` and flushed, so an interrupted run leaves whole records (plus at
most one cut-off last line, which :func:`prepare_resume` removes) and ``--resume`` can carry on.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol, TextIO

from .report import Report
from .signals import feature_names
from .surrogates import LONE_SURROGATE_RE, replace_lone_surrogates
from .verdicts import ai_verdict

FORMATS = ("table", "jsonl", "csv")
# Lone UTF-16 surrogates cannot be written as UTF-8. They reach reports from JSON escapes ("\ud800") and from
# file names that are not valid UTF-8 (Python keeps their bytes as surrogates), and one would stop the
# whole run at the first write. JSON lines keep them as \uXXXX escapes (read back identically, so
# --resume still matches the id); text and CSV show U+FFFD.


def _json_line(value: Any) -> str:
    line = json.dumps(value, ensure_ascii=False, default=_json_default)
    return LONE_SURROGATE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", line) + "\n"


def writable(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, so it can be written as UTF-8."""
    return replace_lone_surrogates(text)
# Scalar columns of the CSV, in order; then every feature, then JSON-encoded structures.
CSV_BASE_COLUMNS = (
    "schema_version",
    "id",
    "source",
    "title",
    "author",
    "date",
    "site",
    "url",
    "lang",
    "lang_confidence",
    "supported",
    "word_count",
    "sentence_count",
    "low_confidence",
    "ai_probability",
    "ai_verdict",
    "credibility",
    "credibility_verdict",
)
CSV_TAIL_COLUMNS = ("warnings", "error", "reasons", "spans")


def csv_columns() -> list[str]:
    """The CSV header: fixed, so files from different runs (and resumed runs) line up."""
    return [*CSV_BASE_COLUMNS, *feature_names(), *CSV_TAIL_COLUMNS]


class ReportWriter(Protocol):
    def write(self, report: Report) -> None: ...


class JsonlWriter:
    """One ``Report.as_dict()`` per line."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, report: Report) -> None:
        self.stream.write(_json_line(report.as_dict()))
        self.stream.flush()


class CsvWriter:
    """Flat rows: metadata, scores, every feature as a column, spans/reasons as JSON strings."""

    def __init__(self, stream: TextIO, *, header: bool = True) -> None:
        self.stream = stream
        self.columns = csv_columns()
        if header:
            self._emit(self.columns)

    def write(self, report: Report) -> None:
        self._emit([_cell(v) for v in csv_row(report, self.columns)])

    def _emit(self, values: Sequence[Any]) -> None:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(values)
        self.stream.write(writable(buffer.getvalue()))
        self.stream.flush()


def csv_row(report: Report, columns: Sequence[str]) -> list[Any]:
    record = report.as_dict()
    features = record.pop("features")
    record["warnings"] = " | ".join(report.warnings)
    record["reasons"] = (
        json.dumps({name: score["reasons"] for name, score in record["scores"].items()}, ensure_ascii=False)
        if record["scores"]
        else ""
    )
    record["spans"] = json.dumps(record.get("spans", []), ensure_ascii=False)
    return [features.get(c, "") if c in features or "." in c else record.get(c) for c in columns]


class TableWriter:
    """Human-readable lines per article: scores and verdicts, top reasons, signal counts, problems."""

    def __init__(self, stream: TextIO, *, reasons: int = 3, kinds: int = 6) -> None:
        self.stream = stream
        self.reasons = reasons
        self.kinds = kinds
        self.count = 0

    def write(self, report: Report) -> None:
        self.count += 1
        self.stream.write(writable("\n".join(self.lines(report)) + "\n\n"))
        self.stream.flush()

    def lines(self, report: Report) -> list[str]:
        head = f"[{self.count}] {report.id}"
        if report.error:
            return [head, f"    ERROR: {report.error}", *(f"    warning: {w}" for w in report.warnings)]
        head += f"  lang={report.lang}  words={report.word_count}"
        if report.title:
            head += f"  title={_shorten(report.title, 60)!r}"
        lines = [head, "    " + _score_line(report)]
        reasons = _top_reasons(report, self.reasons)
        if reasons:
            lines.append("    reasons: " + "; ".join(reasons))
        counts = Counter(span.kind for span in report.spans)
        if counts:
            shown = ", ".join(f"{kind} {n}" for kind, n in counts.most_common(self.kinds))
            lines.append(f"    signals: {shown}")
        lines.extend(f"    warning: {w}" for w in report.warnings)
        return lines


def make_writer(fmt: str, stream: TextIO, *, header: bool = True) -> ReportWriter:
    if fmt == "jsonl":
        return JsonlWriter(stream)
    if fmt == "csv":
        return CsvWriter(stream, header=header)
    if fmt == "table":
        return TableWriter(stream)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


class ResumeError(ValueError):
    """The existing output cannot be continued (other format or other columns)."""


def prepare_resume(path: Path, fmt: str) -> set[str]:
    """Ids already in ``path`` (a previous, maybe interrupted, run); cut off a partial last record."""
    if fmt not in ("jsonl", "csv"):
        raise ResumeError("--resume needs --format jsonl or csv (the table format cannot be read back)")
    if not path.exists() or path.stat().st_size == 0:
        return set()
    _drop_partial_tail(path)
    done: set[str] = set()
    with path.open(encoding="utf-8", newline="") as fh:
        if fmt == "jsonl":
            for line in fh:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and record.get("id") is not None:
                    done.add(str(record["id"]))
        else:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is not None and header != csv_columns():
                raise ResumeError(f"{path}: its CSV columns differ from this version's; cannot append to it")
            at = csv_columns().index("id")
            done.update(row[at] for row in reader if len(row) > at)
    return done


def _drop_partial_tail(path: Path) -> None:
    """An interrupted write can leave a last line without its newline: remove it so appends stay valid."""
    with path.open("rb+") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 1))
        if fh.read(1) == b"\n":
            return
        block = 1 << 16
        pos = size
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                fh.truncate(start + nl + 1)
                return
            pos = start
        fh.truncate(0)


def write_aggregates(rows: Iterable[dict[str, Any]], fmt: str, stream: TextIO) -> None:
    """Per-source aggregates (see :mod:`credibility.aggregate`) in the chosen format."""
    rows = list(rows)
    if fmt == "jsonl":
        for row in rows:
            stream.write(_json_line(row))
    elif fmt == "csv":
        if rows:
            writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: writable(v) if isinstance(v, str) else _cell(v) for k, v in row.items()}
                             for row in rows)
    else:
        stream.write(writable(_aggregate_table(rows)))
    stream.flush()


def _aggregate_table(rows: list[dict[str, Any]]) -> str:
    headers = ["source", "articles", "failed", "ai p10/p50/p90", "cred p10/p50/p90", "flagged", "boilerplate"]
    table = [headers]
    for row in rows:
        table.append(
            [
                str(row["source"]),
                str(row["articles"]),
                str(row["failed"]),
                _triple(row, "ai_probability", "{:.2f}"),
                _triple(row, "credibility", "{:.0f}"),
                "-" if row["flagged_share"] is None else f"{100 * row['flagged_share']:.0f}%",
                ", ".join(f"{k} {n}" for k, n in row["boilerplate_kinds"]) or "-",
            ]
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(headers))]
    out = io.StringIO()
    for r in table:
        out.write("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() + "\n")
    return out.getvalue()


def _triple(row: dict[str, Any], key: str, fmt: str) -> str:
    values = [row.get(f"{key}_{p}") for p in ("p10", "p50", "p90")]
    if any(v is None for v in values):
        return "-"
    return "/".join(fmt.format(v) for v in values)


def _score_line(report: Report) -> str:
    parts = []
    ai = report.scores.get("ai_generated")
    if ai is None:
        parts.append("ai: n/a (no model)")
    elif ai.declared:
        alone = ai_verdict(ai.value, ai.threshold)
        parts.append(f"ai: {ai.value:.2f} {ai.verdict} ({ai.declared!r}; model alone: {alone})")
    else:
        parts.append(f"ai: {ai.value:.2f} {ai.verdict}")
    cred = report.scores.get("credibility")
    parts.append("credibility: n/a" if cred is None else f"credibility: {cred.value:.0f}/100 {cred.verdict}")
    if report.low_confidence:
        parts.append("(low confidence)")
    return "  ".join(parts)


def _top_reasons(report: Report, n: int) -> list[str]:
    reasons = [r for score in report.scores.values() for r in score.reasons]
    reasons.sort(key=lambda r: -abs(r.contribution))
    return [r.text for r in reasons[:n]]


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, (list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
