"""Tables (CSV/TSV, JSONL, Parquet): the one reader for articles to score (``credibility score``, the
dashboard's uploads) and for labelled data (``credibility train`` / ``evaluate``, the dashboard's retraining,
through :mod:`credibility.models.labeled_data`). Streamed (CSV and JSONL row by row, Parquet in record
batches) so memory stays flat on files of any size.

:func:`iter_records` yields every record with its number; :func:`iter_table` turns records into items:
rows with no text, undecodable lines and broken JSON become error items naming the file and the row, so
nothing is dropped without a trace.

Encoding: CSV/TSV are decoded in the encoding found in their first megabyte (UTF-8 with or without BOM,
UTF-16 with a BOM; otherwise cp1252 or another legacy encoding, with a warning); JSON lines are decoded
one by one the same way (a file with a UTF-16 BOM as a whole). Texts longer than ``MAX_TEXT_CHARS`` are
cut, with a warning.

Budgets (:mod:`credibility.ingest.limits`): a cell over ``MAX_CELL_BYTES`` or JSON nested deeper than
``MAX_JSON_DEPTH`` is an error for its row; a Parquet file whose columns decompress to more than its
budget is one error, found from the file's metadata before anything is decompressed.

Numbering, the same in every message (scoring, training, evaluation, dashboard):

- CSV/TSV and Parquet: ``row N`` is the N-th data row: row 1 is the first row after the header; blank
  lines are not rows, and a quoted cell may span several lines, so a message about the file's layout
  also gives the file line (``row 2 (line 3)``).
- JSONL: ``line N`` is line N of the file: line 1 is the first JSON line (one record per line, so
  it is also the record's row number when the file has no blank lines).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..surrogates import LONE_SURROGATE_RE, replace_lone_surrogates
from .decode import BinaryContent, decode_bytes
from .items import InputItem, cap_text, checked_lang, clean_meta, error_item
from .limits import MAX_CELL_BYTES, MAX_JSON_DEPTH, mib
from .lines import CsvLines, LineTooLong, bounded_lines, json_too_deep, utf16_bom
from .parquet import over_budget, parquet_rows

CSV_SUFFIXES = (".csv", ".tsv")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
TABLE_SUFFIXES = CSV_SUFFIXES + JSONL_SUFFIXES + PARQUET_SUFFIXES

TEXT_COLUMNS = ("text", "content", "body", "article")
# Optional metadata columns, by the item field they fill, in order of preference.
META_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "uid"),
    "title": ("title", "headline"),
    "site": ("site", "sitename", "source", "publisher", "domain", "outlet"),
    "url": ("url", "link"),
    "author": ("author", "authors", "byline"),
    "date": ("date", "published", "published_at", "publish_date", "pub_date"),
    "lang": ("lang", "language"),
}
DEFAULT_CHUNK_ROWS = 1000
_SNIFF_BYTES = 1 << 20


class TableColumnError(ValueError):
    """The table has no usable text column: a usage error, reported before any scoring starts."""


class TableBudgetError(ValueError):
    """The table would decompress to more than its budget: the file is not read (one error)."""


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which source column feeds each item field (``text`` always set)."""

    text: str
    meta: Mapping[str, str]
    auto: bool = True  # text column was detected, not named: JSONL records may use another name

    @property
    def needed(self) -> list[str]:
        return [self.text, *[c for c in self.meta.values() if c != self.text]]


@dataclass(frozen=True, slots=True)
class TableRecord:
    """One record of a table: its values, or the reason it could not be read (``error``, a whole message)."""

    row: int  # the record's number (see the module docstring): CSV/Parquet data row, JSONL file line
    where: str  # how messages name it: 'row 3' or 'line 7'
    values: Mapping[str, object] | None
    error: str | None = None
    warning: str | None = None  # e.g. this record was decoded as cp1252


def record_word(path: Path) -> str:
    """How records of ``path`` are named in messages: 'line' (JSONL) or 'row' (CSV/TSV, Parquet)."""
    return "line" if path.suffix.lower() in JSONL_SUFFIXES else "row"


def is_table(path: Path) -> bool:
    return path.suffix.lower() in TABLE_SUFFIXES


def sniff_encoding(path: Path, name: str | None = None) -> tuple[str | None, str | None]:
    """The text encoding of a CSV/TSV and its warning (None, None for JSONL and Parquet); ``name`` in messages."""
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES or suffix in JSONL_SUFFIXES:
        return None, None
    return _sniff_encoding(path, name)


def iter_records(
    path: Path,
    *,
    encoding: str | None = None,
    warning: str | None = None,
    columns: list[str] | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    name: str | None = None,
    max_parquet_bytes: int | None = None,
) -> Iterator[TableRecord]:
    """Every record of one table, streamed, numbered as the module docstring says.

    ``encoding``/``warning``: a CSV's, from :func:`sniff_encoding` (found here when not given);
    ``columns``: the Parquet columns to read (default all); ``name``: the file as messages name it
    (default the path); ``max_parquet_bytes``: the decompressed budget of a Parquet file (default:
    :func:`credibility.ingest.parquet.file_budget`; raises :class:`TableBudgetError` before reading when
    over it).
    """
    suffix = path.suffix.lower()
    label = name or str(path)
    if suffix in PARQUET_SUFFIXES:
        yield from _parquet_records(path, columns, chunk_rows, label, max_parquet_bytes)
    elif suffix in JSONL_SUFFIXES:
        yield from _jsonl_records(path, label)
    else:
        if encoding is None:
            encoding, warning = _sniff_encoding(path, name)
        yield from _csv_records(path, encoding, warning, label)


def table_columns(path: Path, encoding: str | None = None) -> list[str]:
    """Column names, reading only the header (or the first JSON record); ``encoding``: a CSV's, if known."""
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        import pyarrow.parquet as pq

        return list(pq.ParquetFile(path).schema_arrow.names)
    if suffix in JSONL_SUFFIXES:
        for _, text, _note in _jsonl_lines(path, str(path)):
            if text is None or json_too_deep(text):
                continue
            try:
                record = json.loads(text)
            except (ValueError, RecursionError):
                continue
            if isinstance(record, dict):
                return list(record)
        return []
    if encoding is None:
        encoding, _ = _sniff_encoding(path)
    csv.field_size_limit(MAX_CELL_BYTES)
    with _open_csv(path, encoding) as fh:
        header = next(csv.reader(CsvLines(fh), delimiter=_sep(path)), None)
    if header is None:
        raise ValueError("no header row")
    return header


def resolve_columns(path: Path, columns: list[str], text_col: str | None = None) -> ColumnMap:
    """Pick the text column (``text_col`` or the first of :data:`TEXT_COLUMNS`) and metadata columns."""
    by_lower = {c.lower(): c for c in reversed(columns)}
    if text_col is not None:
        if text_col in columns:
            text = text_col
        elif text_col.lower() in by_lower:
            text = by_lower[text_col.lower()]
        else:
            raise TableColumnError(
                f"{path}: no column '{text_col}' (--text-col); columns are: {_listing(columns)}"
            )
    else:
        found = [by_lower[c] for c in TEXT_COLUMNS if c in by_lower]
        if not found:
            raise TableColumnError(
                f"{path}: no text column found (looked for {', '.join(TEXT_COLUMNS)}); "
                f"columns are: {_listing(columns)}; choose one with --text-col"
            )
        text = found[0]
    meta = {}
    for field, candidates in META_COLUMNS.items():
        for candidate in candidates:
            column = by_lower.get(candidate)
            if column is not None and column != text:
                meta[field] = column
                break
    return ColumnMap(text, meta, auto=text_col is None)


def iter_table(
    path: Path,
    text_col: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    max_parquet_bytes: int | None = None,
) -> Iterator[InputItem]:
    """Items from one table, streamed chunk by chunk (``max_parquet_bytes``: see :func:`iter_records`)."""
    suffix = path.suffix.lower()
    is_csv = suffix not in PARQUET_SUFFIXES and suffix not in JSONL_SUFFIXES
    try:
        encoding, warning = _sniff_encoding(path) if is_csv else (None, None)  # once, for header and rows
        columns = resolve_columns(path, table_columns(path, encoding), text_col)
    except TableColumnError:
        raise
    except Exception as exc:  # unreadable header: one error item, the batch goes on
        yield error_item(str(path), f"{path}: cannot read table ({exc})", source_path=str(path))
        return
    records = iter_records(path, encoding=encoding, warning=warning, columns=columns.needed, chunk_rows=chunk_rows,
                           max_parquet_bytes=max_parquet_bytes)
    try:
        yield from _record_items(path, columns, records)
    except TableBudgetError as exc:
        yield error_item(str(path), str(exc), source_path=str(path))


def _record_items(path: Path, columns: ColumnMap, records: Iterator[TableRecord]) -> Iterator[InputItem]:
    for record in records:
        if record.values is None:
            yield error_item(f"{path}:{record.row}", record.error or f"{path}: {record.where}: unreadable",
                             source_path=str(path))
            continue
        item = record_item(record.values, columns, path=path, row=record.row, where=record.where)
        if record.warning:
            item.warnings.append(record.warning)
        yield item


def record_item(
    record: Mapping[str, object], columns: ColumnMap, *, path: Path, row: int, where: str
) -> InputItem:
    """One record to an item; ``where`` names the record in messages (e.g. 'row 3', 'line 7')."""
    meta = {field: clean_meta(record.get(column)) for field, column in columns.meta.items()}
    lang, lang_warning = checked_lang(meta.pop("lang", None), f"{path}: {where}")
    item_id = meta.pop("id", None) or f"{path}:{row}"
    text_key = columns.text
    if text_key not in record and columns.auto:
        text_key = next((k for k in record if str(k).lower() in TEXT_COLUMNS), text_key)
    raw = record.get(text_key)
    if raw is not None and not isinstance(raw, str) and not _is_nan(raw):
        return error_item(
            item_id,
            f"{path}: {where}: '{text_key}' is {_kind(raw)}, not text; only a string can be scored",
            source_path=str(path),
            **{k: replace_lone_surrogates(v) if v else v for k, v in meta.items()},
        )
    text = raw if isinstance(raw, str) else ""
    bad = len(LONE_SURROGATE_RE.findall(text))
    if bad:  # "\ud800" escapes in JSON: not characters; they cannot be analysed or written as UTF-8
        text = replace_lone_surrogates(text)
    meta = {k: replace_lone_surrogates(v) if v else v for k, v in meta.items()}
    item_id = replace_lone_surrogates(item_id)
    if not text.strip():
        label = f" (id {item_id})" if "id" in columns.meta else ""
        problem = f"empty text in column '{text_key}'" if text_key in record else f"no '{text_key}' field"
        return error_item(item_id, f"{path}: {where}{label}: {problem}", source_path=str(path), **meta)
    item = InputItem(id=item_id, text=text, source_path=str(path), lang=lang, **meta)
    if lang_warning:
        item.warnings.append(lang_warning)
    if bad:
        item.warnings.append(f"{path}: {where}: {bad} invalid character escape(s) (lone surrogates) replaced by U+FFFD")
    return cap_text(item)


def _is_nan(value: object) -> bool:
    return isinstance(value, float) and value != value


def _kind(value: object) -> str:
    """How a JSON/Parquet value is named in messages: 'a number', 'a list', ..."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__} value"


def _csv_records(path: Path, encoding: str, warning: str | None, label: str) -> Iterator[TableRecord]:
    """Rows read with the csv module: exact row and line numbers, and rows with a wrong number of fields
    are errors (pandas would silently cut or pad them when only some columns are read). A row with a
    field over the cell budget is an error for that row; the rows after it are read."""
    row = 0
    # Article texts in one cell can be far longer than the csv module's default 128 KB limit; a longer
    # field is an error for its row. Set on every read: the limit is global, other libraries change it.
    csv.field_size_limit(MAX_CELL_BYTES)
    with _open_csv(path, encoding) as fh:
        lines = CsvLines(fh)
        reader = csv.reader(lines, delimiter=_sep(path))
        try:
            header = next(reader, [])
        except (csv.Error, LineTooLong) as exc:
            yield TableRecord(1, "row 1", None, f"{label}: header could not be read ({_first_line(exc)})")
            return
        width = len(header)
        while True:
            lines.start_record()
            try:
                fields = next(reader, None)
            except (csv.Error, LineTooLong) as exc:
                row += 1
                if not _over_budget(exc):
                    yield TableRecord(
                        row, f"row {row}", None,
                        f"{label}: CSV could not be read after row {row - 1} ({_first_line(exc)}); "
                        "the rest of the file was skipped",
                    )  # fmt: skip
                    return
                lines.skip_record()
                yield TableRecord(
                    row, f"row {row}", None,
                    f"{label}: row {row} (line {lines.record_line}): a field longer than {mib(MAX_CELL_BYTES)} "
                    "(the cell budget); row skipped",
                )  # fmt: skip
                continue
            except UnicodeDecodeError as exc:
                yield TableRecord(
                    row + 1, f"row {row + 1}", None,
                    f"{label}: CSV could not be read after row {row} ({_first_line(exc)}); the rest of the file was skipped",
                )  # fmt: skip
                return
            if fields is None:
                return
            if len(fields) <= 1 and not "".join(fields).strip():
                continue  # a blank line; a row of bare separators (",,") is a record, reported below
            row += 1
            if len(fields) != width:
                hint = "; a quote may be left open" if len(fields) < width and any("\n" in f for f in fields) else ""
                yield TableRecord(
                    row, f"row {row}", None,
                    f"{label}: row {row} (line {reader.line_num}): {len(fields)} fields, the header has {width}{hint}",
                )  # fmt: skip
                continue
            yield TableRecord(row, f"row {row}", dict(zip(header, fields, strict=True)), warning=warning)


def _over_budget(exc: Exception) -> bool:
    """The csv module's field-limit error, or our own line-length one (both: a cell over the budget)."""
    return isinstance(exc, LineTooLong) or "field larger than field limit" in str(exc)


def _open_csv(path: Path, encoding: str) -> TextIO:
    return path.open(encoding=encoding, newline="")


def _jsonl_lines(path: Path, label: str) -> Iterator[tuple[int, str | None, str | None]]:
    """``(line number, text, note)`` of every non-blank line: ``note`` is the decoding warning, or, when
    ``text`` is None, why the line cannot be read (over the cell budget, binary). A file with a UTF-16
    byte-order mark is decoded as a whole; otherwise each line on its own (UTF-8, else a legacy
    encoding with a warning)."""
    too_long = f"longer than {mib(MAX_CELL_BYTES)} (the cell budget); line skipped"
    if utf16_bom(path):
        with path.open(encoding="utf-16", errors="replace") as fh:
            for line_no, line in bounded_lines(fh):
                if line is None:
                    yield line_no, None, too_long
                elif line.strip():
                    yield line_no, line, None
        return
    with path.open("rb") as fh:
        for line_no, raw in bounded_lines(fh):
            if raw is None:
                yield line_no, None, too_long
            elif raw.strip():
                try:
                    decoded = decode_bytes(raw, f"{label}: line {line_no}")
                except BinaryContent:
                    yield line_no, None, "binary data, not text"
                    continue
                yield line_no, decoded.text, decoded.warning


def _jsonl_records(path: Path, label: str) -> Iterator[TableRecord]:
    for line_no, text, note in _jsonl_lines(path, label):
        where = f"line {line_no}"
        if text is None:
            yield TableRecord(line_no, where, None, f"{label}: {where}: {note}")
            continue
        if json_too_deep(text):
            yield TableRecord(line_no, where, None,
                              f"{label}: {where}: JSON nested more than {MAX_JSON_DEPTH} levels deep; line skipped")
            continue
        try:
            record = json.loads(text)
        except RecursionError:  # json_too_deep counts brackets; this is the decoder's own limit
            yield TableRecord(line_no, where, None, f"{label}: {where}: JSON nested too deeply; line skipped")
            continue
        except ValueError as exc:
            yield TableRecord(line_no, where, None, f"{label}: {where}: invalid JSON ({exc})")
            continue
        if not isinstance(record, dict):
            yield TableRecord(
                line_no, where, None, f"{label}: {where}: expected a JSON object, got {type(record).__name__}"
            )
            continue
        yield TableRecord(line_no, where, record, warning=note)


def _parquet_records(
    path: Path, columns: list[str] | None, chunk_rows: int, label: str, max_bytes: int | None
) -> Iterator[TableRecord]:
    problem = over_budget(path, columns, label, max_bytes)
    if problem:
        raise TableBudgetError(problem)
    for row, values, error in parquet_rows(path, columns, chunk_rows, label):
        yield TableRecord(row, f"row {row}", values, error)


def _sniff_encoding(path: Path, name: str | None = None) -> tuple[str, str | None]:
    """The encoding of a CSV from its first megabyte (the file is opened as text in one encoding)."""
    with path.open("rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    try:
        head.decode("utf-8")
        return "utf-8-sig", None
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and len(head) == _SNIFF_BYTES:  # cut inside a character
            return "utf-8-sig", None
    try:
        decoded = decode_bytes(head, name or str(path))
    except BinaryContent:
        return "utf-8-sig", None
    return decoded.encoding, decoded.warning


def _sep(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","


def _listing(columns: list[str]) -> str:
    return ", ".join(repr(c) for c in columns) if columns else "(none)"


def _first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n")[0]
