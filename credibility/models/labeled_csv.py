"""Reading and validating a user's labelled CSV for ``credibility train`` / ``evaluate``.

Every problem is reported as a :class:`LabeledDataError` with a message that says what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

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


def read_labeled_csv(path: Path | str, *, text_col: str = "text", label_col: str = "label",
                     title_col: str | None = None, group_col: str | None = None,
                     positive: str | None = None, min_per_class: int = MIN_ROWS_PER_CLASS,
                     classes: tuple[str, str] | None = None) -> LabeledData:
    """Load and check a labelled CSV; ``classes`` forces the (negative, positive) labels (evaluation)."""
    path = Path(path)
    if not path.exists():
        raise LabeledDataError(f"{path}: file not found")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise LabeledDataError(f"{path.name}: not a readable CSV ({exc})") from None
    wanted = [c for c in (text_col, label_col, title_col, group_col) if c]
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        raise LabeledDataError(
            f"{path.name}: missing column(s) {', '.join(repr(c) for c in missing)}; found "
            f"{', '.join(repr(c) for c in df.columns) or 'none'} (choose with --text-col / --label-col / "
            "--title-col / --group-col)"
        )
    if df.empty:
        raise LabeledDataError(f"{path.name}: no rows")
    texts = df[text_col].astype(str)
    empty = texts.str.strip().eq("")
    if empty.any():
        rows = ", ".join(str(i + 2) for i in np.flatnonzero(empty.to_numpy())[:10])
        raise LabeledDataError(f"{path.name}: {int(empty.sum())} row(s) with an empty {text_col!r} (line(s) {rows})")
    labels = df[label_col].astype(str).str.strip()
    if labels.eq("").any():
        rows = ", ".join(str(i + 2) for i in np.flatnonzero(labels.eq("").to_numpy())[:10])
        raise LabeledDataError(f"{path.name}: empty {label_col!r} in line(s) {rows}")
    values = sorted(labels.unique())
    if classes is None:
        if len(values) == 1:
            raise LabeledDataError(f"{path.name}: only one class ({values[0]!r}) in {label_col!r}; need two")
        if len(values) > 2:
            raise LabeledDataError(f"{path.name}: {len(values)} classes in {label_col!r} ({', '.join(values[:6])}); "
                                   "training needs exactly two")
        classes = _order_classes(values, positive, path.name)
    else:
        unknown = sorted(set(values) - set(classes))
        if unknown:
            raise LabeledDataError(f"{path.name}: label(s) {unknown} are not the model's classes {list(classes)}")
    counts = labels.value_counts()
    few = {c: int(counts.get(c, 0)) for c in classes if counts.get(c, 0) < min_per_class}
    if few:
        raise LabeledDataError(
            f"{path.name}: too few rows per class ({', '.join(f'{c!r}: {n}' for c, n in few.items())}); "
            f"need at least {min_per_class} of each"
        )
    y = (labels == classes[1]).astype(int).to_numpy()
    groups = df[group_col].astype(str).to_numpy() if group_col else np.array([f"row-{i}" for i in range(len(df))])
    titles = df[title_col].astype(str).tolist() if title_col else None
    return LabeledData(texts.tolist(), titles, labels.to_numpy(), y, groups, classes)


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
