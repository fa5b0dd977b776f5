"""Reading and validating a user's labelled table for ``credibility train`` / ``evaluate`` and the
dashboard's retraining form (one set of rules everywhere).

Tables are read by the reader ``credibility score`` uses (:func:`credibility.ingest.tables.iter_records`):
CSV, TSV, JSONL and Parquet; the same encoding detection (UTF-8 with or without BOM, else cp1252 or
another legacy encoding, with a warning in ``LabeledData.warnings``); texts longer than one article may be
cut the same way, with a warning; and the same numbering in every message: ``row N`` is the N-th data
row of a CSV/TSV (row 1 = the first row after the header; blank lines are not rows) or Parquet file,
``line N`` is line N of a JSONL file (line 1 = the first JSON line). Every problem is reported as a
:class:`LabeledDataError` with a message naming the file and the rows and saying what to fix.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .layout_check import layout_warnings

MIN_ROWS_PER_CLASS = 10
# Label values understood as the positive class when the user does not say which it is.
POSITIVE_HINTS = ("machine", "ai", "generated", "fake", "not_credible", "false", "1", "true", "yes", "positive")


class LabeledDataError(ValueError):
    """The table cannot be used as given; the message says why and how to fix it."""


@dataclass
class LabeledData:
    texts: list[str]
    titles: list[str | None] | None
    labels: np.ndarray  # original label strings
    y: np.ndarray  # 1 for the positive class
    groups: np.ndarray
    classes: tuple[str, str]  # (negative, positive)
    warnings: list[str] = field(default_factory=list)  # e.g. decoded as cp1252, texts cut to length


def read_labeled(path: Path | str, *, text_col: str = "text", label_col: str = "label",
                 title_col: str | None = None, group_col: str | None = None,
                 positive: str | None = None, min_per_class: int = MIN_ROWS_PER_CLASS,
                 classes: tuple[str, str] | None = None, name: str | None = None) -> LabeledData:
    """Load and check a labelled table (CSV, TSV, JSONL, Parquet); ``classes`` forces the (negative,
    positive) labels (evaluation); ``name``: the file as messages name it (default: the path as given)."""
    name = name or str(path)
    df, warnings = read_labeled_frame(path, name=name)
    data = validate_labeled_frame(df, name, text_col=text_col, label_col=label_col, title_col=title_col,
                                  group_col=group_col, positive=positive, min_per_class=min_per_class,
                                  classes=classes)
    data.warnings[:0] = warnings
    return data


def read_labeled_frame(
    path: Path | str, *, name: str | None = None, max_parquet_bytes: int | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Every column of a table as strings (labels and ids are never parsed as numbers; a missing cell is
    ''), and the reader's warnings. The index holds each record's number and is named by the word
    messages use ('row' or 'line'), so messages name the rows of the file whatever is done to the frame.
    ``max_parquet_bytes``: how much a Parquet file may decompress to (default: the CLI's budget, see ingest.limits).
    """
    from ..ingest.decode import looks_binary
    from ..ingest.tables import (
        JSONL_SUFFIXES,
        PARQUET_SUFFIXES,
        TableBudgetError,
        iter_records,
        record_word,
        sniff_encoding,
        table_columns,
    )

    path = Path(path)
    name = name or str(path)
    if not path.exists():
        raise LabeledDataError(f"{name}: file not found")
    if not path.is_file():
        raise LabeledDataError(f"{name}: not a regular file")
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not head.strip():
        raise LabeledDataError(f"{name}: empty file")
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES and looks_binary(head):  # as for scoring: NUL bytes on the first line
        head = head.split(b"\n", 1)[0]
    if suffix not in PARQUET_SUFFIXES and looks_binary(head):
        raise LabeledDataError(f"{name}: binary file, not text")
    word = record_word(path)
    try:
        encoding, warning = sniff_encoding(path, name)
        columns = [str(c) for c in table_columns(path, encoding)]
        cells: dict[str, list[str]] = {c: [] for c in columns}
        rows: list[int] = []
        warnings: list[str] = []
        for record in iter_records(path, encoding=encoding, warning=warning, name=name,
                                   max_parquet_bytes=max_parquet_bytes):
            if record.values is None:
                raise LabeledDataError(record.error or f"{name}: {record.where}: unreadable")
            if record.warning:
                warnings.append(record.warning)
            for key in record.values:
                if str(key) not in cells:  # a JSON line with a field the first one lacks
                    cells[str(key)] = [""] * len(rows)
            values = {str(k): v for k, v in record.values.items()}
            for column, column_cells in cells.items():
                column_cells.append(_cell(values.get(column)))
            rows.append(record.row)
    except LabeledDataError:
        raise
    except TableBudgetError as exc:
        raise LabeledDataError(str(exc)) from None
    except Exception as exc:  # a corrupt Parquet file, a header that cannot be read
        raise LabeledDataError(f"{name}: cannot read table ({_first_line(exc)})") from None
    frame = pd.DataFrame(cells, index=pd.Index(rows, name=word, dtype="int64"), dtype=object)
    if warnings:  # one per JSON line decoded as cp1252, or the same one for every CSV row
        first = warnings[0]
        more = sum(w != first for w in warnings)
        warnings = [first + (f" (and {more} more {word}(s) likewise)" if more else "")]
    return frame, warnings


def _cell(value: object) -> str:
    """A cell as text, as ``credibility score`` reads metadata: missing is '', numbers as written."""
    from ..surrogates import replace_lone_surrogates

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        return replace_lone_surrogates(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def validate_labeled_frame(df: pd.DataFrame, name: str, *, text_col: str = "text", label_col: str = "label",
                           title_col: str | None = None, group_col: str | None = None,
                           positive: str | None = None, min_per_class: int = MIN_ROWS_PER_CLASS,
                           classes: tuple[str, str] | None = None) -> LabeledData:
    """Check a labelled table (columns, empty cells, classes, rows per class) and build :class:`LabeledData`."""
    text_col, label_col, title_col, group_col = (
        _column(df, c) for c in (text_col, label_col, title_col, group_col)
    )
    wanted = [c for c in (text_col, label_col, title_col, group_col) if c]
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        raise LabeledDataError(
            f"{name}: missing column(s) {', '.join(repr(c) for c in missing)}; found "
            f"{', '.join(repr(c) for c in df.columns) or 'none'} (choose with --text-col / --label-col / "
            "--title-col / --group-col)"
        )
    if df.empty:
        raise LabeledDataError(f"{name}: no rows")
    texts = df[text_col].fillna("").astype(str)
    empty = texts.str.strip().eq("")
    if empty.any():
        raise LabeledDataError(f"{name}: {int(empty.sum())} row(s) with an empty {text_col!r} "
                               f"({_rows(empty)}); fill them in or remove them")
    labels = df[label_col].fillna("").astype(str).str.strip()
    if labels.eq("").any():
        raise LabeledDataError(f"{name}: {int(labels.eq('').sum())} row(s) with an empty {label_col!r} "
                               f"({_rows(labels.eq(''))}); fill them in or remove them")
    values = sorted(labels.unique())
    if classes is None:
        if len(values) == 1:
            raise LabeledDataError(f"{name}: only one class ({values[0]!r}) in {label_col!r}; need two")
        if len(values) > 2:
            raise LabeledDataError(f"{name}: {len(values)} classes in {label_col!r} ({', '.join(values[:6])}); "
                                   "training needs exactly two")
        classes = _order_classes(values, positive, name)
    else:
        unknown = sorted(set(values) - set(classes))
        if unknown:
            raise LabeledDataError(f"{name}: label(s) {unknown} are not the model's classes {list(classes)}")
    counts = labels.value_counts()
    few = {c: int(counts.get(c, 0)) for c in classes if counts.get(c, 0) < min_per_class}
    if few:
        raise LabeledDataError(
            f"{name}: too few rows per class ({', '.join(f'{c!r}: {n}' for c, n in few.items())}); "
            f"need at least {min_per_class} of each"
        )
    y = (labels == classes[1]).astype(int).to_numpy()
    groups = df[group_col].astype(str).to_numpy() if group_col else np.array([f"row-{i}" for i in range(len(df))])
    titles = df[title_col].astype(str).tolist() if title_col else None
    text_list, warnings = _capped(texts.tolist(), _row_numbers(df), _row_word(df), name)
    warnings += layout_warnings(text_list, y, classes, name)
    return LabeledData(text_list, titles, labels.to_numpy(), y, groups, classes, warnings)


def _column(df: pd.DataFrame, column: str | None) -> str | None:
    """``column``, or the one column named like it in another case (as ``--text-col`` for scoring)."""
    if column is None or column in df.columns:
        return column
    alike = [c for c in df.columns if str(c).lower() == column.lower()]
    return alike[0] if len(alike) == 1 else column


def _row_numbers(df: pd.DataFrame) -> np.ndarray:
    """Each row's number in messages: the record number a table was read with, else its position + 1."""
    if df.index.name in ("row", "line"):
        return df.index.to_numpy()
    return np.arange(1, len(df) + 1)


def _row_word(df: pd.DataFrame) -> str:
    return df.index.name if df.index.name in ("row", "line") else "row"


def _capped(texts: list[str], numbers: np.ndarray, word: str, name: str) -> tuple[list[str], list[str]]:
    """Texts longer than one article may be are cut, as ``credibility score`` cuts them (with a warning)."""
    from ..ingest.items import MAX_TEXT_CHARS, InputItem, cap_text

    long_rows = [i for i, t in enumerate(texts) if len(t) > MAX_TEXT_CHARS]
    if not long_rows:
        return texts, []
    texts = list(texts)
    for i in long_rows:
        texts[i] = cap_text(InputItem(id=str(numbers[i]), text=texts[i])).text
    shown = ", ".join(str(numbers[i]) for i in long_rows[:10])
    return texts, [f"{name}: {len(long_rows)} text(s) longer than {MAX_TEXT_CHARS:,} characters were cut to that "
                   f"length ({word}(s) {shown})"]


def _rows(mask: pd.Series) -> str:
    """The numbers of the True entries (see the module docstring), at most ten: 'rows 3, 6' or 'line 4'."""
    numbers = _row_numbers(mask.to_frame())[mask.to_numpy()]
    word = _row_word(mask.to_frame())
    shown = ", ".join(str(r) for r in numbers[:10])
    return f"{word}{'s' if len(numbers) > 1 else ''} {shown}{', …' if len(numbers) > 10 else ''}"


def _first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n")[0]


def _order_classes(values: list[str], positive: str | None, name: str) -> tuple[str, str]:
    if positive is not None:
        if positive not in values:
            raise LabeledDataError(f"{name}: --positive {positive!r} is not one of the labels {values}")
        return (values[0] if values[1] == positive else values[1], positive)
    for hint in POSITIVE_HINTS:
        for v in values:
            if v.lower() == hint:
                other = values[0] if values[1] == v else values[1]
                return (other, v)
    return (values[0], values[1])
