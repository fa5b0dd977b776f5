"""Writers for scored reports: a readable table, JSON lines, or flat CSV, each streamed record by record.

Each record is written with one ``write`` and flushed, so an interrupted run leaves whole records (plus at
most one cut-off last record, which :func:`credibility.resume.prepare_resume` removes) and ``--resume``
can carry on.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol, TextIO

from .report import Report
from .signals import feature_names
from .surrogates import LONE_SURROGATE_RE, replace_lone_surrogates

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


# Output neutralisation (issue #18). A spreadsheet opening a CSV runs a cell that starts with one of these
# as a formula (=HYPERLINK(...), +cmd|..., -2+3, @SUM(...); tab and carriage return are trimmed first by
# some programs). OWASP's recommendation: prefix such a cell with a single quote, so it is shown as text.
# A value that already starts with quotes followed by one of these gets one more, so reading a cell back
# (``csv_unguard``, used by --resume) is exact. Only strings are guarded: numbers we write stay numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_RE = re.compile(r"'*[=+\-@\t\r]")


def csv_guard(value: Any) -> Any:
    """``value`` prefixed with ``'`` when a spreadsheet would read it as a formula; other values as they are."""
    if isinstance(value, str) and _FORMULA_RE.match(value):
        return "'" + value
    return value


def csv_unguard(cell: str) -> str:
    """The value :func:`csv_guard` was given, from the cell it wrote."""
    return cell[1:] if cell.startswith("'") and _FORMULA_RE.match(cell, 1) else cell


# Control characters in user-supplied strings (ids, file names, titles, error messages) would act on a
# terminal: ESC starts sequences that retitle the window, clear the screen or set the clipboard, BEL rings,
# CR and line breaks overwrite or forge lines. Shown as escapes instead: C0, DEL, C1, the Unicode line and
# paragraph separators and the bidirectional overrides (which reorder what is displayed).
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_control(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` as one line a terminal only displays: control characters (and line breaks) escaped
    (``\\x1b``, ``\\n``, ``\\u202e``), lone surrogates replaced."""
    return writable(_CONTROL_RE.sub(_escape_control, text))


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
    """Flat rows: metadata, scores, every feature as a column, spans/reasons as JSON strings.

    With ``guard`` (the default) text cells a spreadsheet would run as formulas are prefixed with ``'``
    (:func:`csv_guard`); numbers are written as numbers.
    """

    def __init__(self, stream: TextIO, *, header: bool = True, guard: bool = True) -> None:
        self.stream = stream
        self.columns = csv_columns()
        self.guard = guard
        if header:
            self._emit(self.columns)

    def write(self, report: Report) -> None:
        cells = [_cell(v) for v in csv_row(report, self.columns)]
        self._emit([csv_guard(c) for c in cells] if self.guard else cells)

    def _emit(self, values: Sequence[Any]) -> None:
        self.stream.write(writable(_csv_line(values)))
        self.stream.flush()


def _csv_line(values: Sequence[Any]) -> str:
    """One CSV record ending in ``\\n``. Written with a ``\\r\\n`` terminator (then swapped) because the csv
    module quotes only the characters of its terminator: with ``\\n`` alone, a cell holding a lone carriage
    return was written unquoted, and readers (spreadsheets included) split the record there."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()[:-2] + "\n"


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


def make_writer(fmt: str, stream: TextIO, *, header: bool = True, csv_guard: bool = True) -> ReportWriter:
    """``csv_guard``: prefix formula-like CSV cells (see :func:`csv_guard`); only the CSV format uses it."""
    if fmt == "jsonl":
        return JsonlWriter(stream)
    if fmt == "csv":
        return CsvWriter(stream, header=header, guard=csv_guard)
    if fmt == "table":
        from .table import TableWriter  # the readable table has its own module (it imports this one)

        return TableWriter(stream)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def write_aggregates(
    rows: Iterable[dict[str, Any]], fmt: str, stream: TextIO, *, csv_guard: bool = True
) -> None:
    """Per-source aggregates (see :mod:`credibility.aggregate`) in the chosen format; ``csv_guard`` as
    for :class:`CsvWriter` (the source names come from the articles)."""
    rows = list(rows)
    if fmt == "jsonl":
        for row in rows:
            stream.write(_json_line(row))
    elif fmt == "csv":
        if rows:
            columns = list(rows[0])
            stream.write(_csv_line(columns))
            for row in rows:
                stream.write(_csv_line([_aggregate_cell(row[c], csv_guard) for c in columns]))
    else:
        stream.write(writable(_aggregate_table(rows)))
    stream.flush()


def _aggregate_table(rows: list[dict[str, Any]]) -> str:
    headers = ["source", "articles", "failed", "ai p10/p50/p90", "cred p10/p50/p90", "flagged", "boilerplate"]
    table = [headers]
    for row in rows:
        table.append(
            [
                terminal_safe(str(row["source"])),
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


def _aggregate_cell(value: Any, guard: bool) -> Any:
    value = _cell(value)
    if isinstance(value, str):
        value = writable(value)
    return csv_guard(value) if guard else value


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
