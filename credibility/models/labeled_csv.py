"""Reading and validating a user's labelled CSV for ``credibility train`` / ``evaluate`` and the
dashboard's retraining form (one set of rules everywhere).

Every problem is reported as a :class:`LabeledDataError` with a message that says what to fix, naming
rows by their number among the data rows (1 = the first row after the header; a quoted cell may span
several lines of the file, so file line numbers would mislead). Files that are not UTF-8 are decoded
like any other input (cp1252, then other legacy encodings) with a warning in ``LabeledData.warnings``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .layout_check import layout_warnings

MIN_ROWS_PER_CLASS = 10
# Label values understood as the positive class when the user does not say which it is.
POSITIVE_HINTS = ("machine", "ai", "generated", "fake", "not_credible", "false", "1", "true", "yes", "positive")


class LabeledDataError(ValueError):
    """The CSV cannot be used as given; the message says why and how to fix it."""


@dataclass
class LabeledData:
    texts: list[str]
    titles: list[str | None] | None
    labels: np.ndarray  # original label strings
    y: np.ndarray  # 1 for the positive class
    groups: np.ndarray
    classes: tuple[str, str]  # (negative, positive)
    warnings: list[str] = field(default_factory=list)  # e.g. decoded as cp1252, texts cut to length


def read_labeled_csv(path: Path | str, *, text_col: str = "text", label_col: str = "label",
                     title_col: str | None = None, group_col: str | None = None,
                     positive: str | None = None, min_per_class: int = MIN_ROWS_PER_CLASS,
                     classes: tuple[str, str] | None = None) -> LabeledData:
    """Load and check a labelled CSV; ``classes`` forces the (negative, positive) labels (evaluation)."""
    path = Path(path)
    if not path.exists():
        raise LabeledDataError(f"{path}: file not found")
    if not path.is_file():
        raise LabeledDataError(f"{path}: not a regular file")
    df, warnings = read_labeled_bytes(path.name, path.read_bytes())
    data = validate_labeled_frame(df, path.name, text_col=text_col, label_col=label_col, title_col=title_col,
                                  group_col=group_col, positive=positive, min_per_class=min_per_class,
                                  classes=classes)
    data.warnings[:0] = warnings
    return data


def read_labeled_bytes(name: str, data: bytes) -> tuple[pd.DataFrame, list[str]]:
    """A labelled CSV (or, by its name, JSONL) as a frame of strings, and any decoding warning."""
    from ..ingest.decode import BinaryContent, decode_bytes

    if not data.strip():
        raise LabeledDataError(f"{name}: empty file")
    try:
        decoded = decode_bytes(data, name)
    except BinaryContent:
        raise LabeledDataError(f"{name}: binary file, not a CSV") from None
    text = decoded.text
    try:
        if name.lower().endswith((".jsonl", ".ndjson")):
            df = pd.read_json(io.StringIO(text), lines=True, dtype=False)
            df = df.astype("string").fillna("").astype(object)
        else:
            df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        kind = "JSON lines file" if name.lower().endswith((".jsonl", ".ndjson")) else "CSV"
        raise LabeledDataError(f"{name}: not a readable {kind} ({_first_line(exc)})") from None
    df.columns = [str(c) for c in df.columns]
    return df, [decoded.warning] if decoded.warning else []


def validate_labeled_frame(df: pd.DataFrame, name: str, *, text_col: str = "text", label_col: str = "label",
                           title_col: str | None = None, group_col: str | None = None,
                           positive: str | None = None, min_per_class: int = MIN_ROWS_PER_CLASS,
                           classes: tuple[str, str] | None = None) -> LabeledData:
    """Check a labelled table (columns, empty cells, classes, rows per class) and build :class:`LabeledData`."""
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
    text_list, warnings = _capped(texts.tolist(), name)
    warnings += layout_warnings(text_list, y, classes, name)
    return LabeledData(text_list, titles, labels.to_numpy(), y, groups, classes, warnings)


def _capped(texts: list[str], name: str) -> tuple[list[str], list[str]]:
    """Texts longer than one article may be are cut, as ``credibility score`` cuts them (with a warning)."""
    from ..ingest.items import MAX_TEXT_CHARS, InputItem, cap_text

    long_rows = [i for i, t in enumerate(texts) if len(t) > MAX_TEXT_CHARS]
    if not long_rows:
        return texts, []
    texts = list(texts)
    for i in long_rows:
        texts[i] = cap_text(InputItem(id=str(i + 1), text=texts[i])).text
    shown = ", ".join(str(i + 1) for i in long_rows[:10])
    return texts, [f"{name}: {len(long_rows)} text(s) longer than {MAX_TEXT_CHARS:,} characters were cut to that "
                   f"length (row(s) {shown})"]


def _rows(mask: pd.Series) -> str:
    """Data-row numbers (1 = first row after the header) of the True entries, at most ten."""
    rows = np.flatnonzero(mask.to_numpy()) + 1
    shown = ", ".join(str(r) for r in rows[:10])
    return f"row{'s' if len(rows) > 1 else ''} {shown}{', …' if len(rows) > 10 else ''}"


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
