"""Retraining from a labeled table uploaded in the dashboard, with the project's own training code.

The table is read and checked by ``credibility.models.labeled_data`` (the rules of ``credibility
train``: an empty text or label is an error naming its rows, not silently dropped); training and the card
are ``credibility.models.trainer.train``, the function ``credibility train`` calls, so a model trained here
has the same card; files are written by ``credibility.models.store``. The metrics, ROC and reliability
curve are computed on out-of-fold predictions (grouped folds), so they describe articles the model did not
see. A retrained model is always saved under a new name; it never replaces the shipped models.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..models.tasks import TASK_NAMES, TASKS, task_named
from ..models.tasks import task_for_labels as _task_for_labels

SHIPPED_NAMES = frozenset(TASK_NAMES)
NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,47}")
MIN_PER_CLASS = 10

Progress = Callable[[float, str], None]


class TrainingInputError(ValueError):
    """The uploaded table or the chosen name cannot be used (the message says how to fix it)."""


@dataclass(slots=True)
class TrainingResult:
    name: str
    path: Path
    metrics: dict
    card: dict
    warnings: list[str] = field(default_factory=list)  # e.g. a layout trait that separates the classes


def task_for_labels(labels: list[str]) -> int:
    """Index in ``tasks.TASKS`` of the task whose class names the labels use (credible/not_credible ->
    credibility), else 0: the form's default, so a credibility table is not trained as the AI task."""
    task = _task_for_labels(labels)
    return TASKS.index(task) if task is not None else 0


def check_name(name: str, folder: Path) -> None:
    if not NAME_RE.fullmatch(name):
        raise TrainingInputError("name: use 1–48 lower-case letters, digits, '-' or '_', starting with a letter or digit")
    if name in SHIPPED_NAMES:
        raise TrainingInputError(f"'{name}' is a shipped model's name; choose a new name")
    if (folder / f"{name}.npz").exists() or (folder / f"{name}.card.json").exists():
        raise TrainingInputError(f"a model called '{name}' already exists; choose a new name")


def labels_of(frame: pd.DataFrame, label_col: str) -> list[str]:
    """The distinct non-empty labels (to offer as the positive class; empty ones are refused at training)."""
    return sorted(frame[label_col].dropna().astype(str).str.strip().replace("", np.nan).dropna().unique())


def train_from_table(
    frame: pd.DataFrame,
    *,
    text_col: str,
    label_col: str,
    positive: str,
    task: str,
    name: str,
    folder: Path,
    group_col: str | None = None,
    table_name: str = "table",
    progress: Progress | None = None,
    candidates: tuple[str, ...] | None = None,
    n_splits: int = 5,
    wording: bool = True,
) -> TrainingResult:
    """Featurise, fit (grouped cross-validation), and save ``<folder>/<name>.npz`` with its cards.

    ``task``: a name in ``tasks.TASK_NAMES``. ``candidates``: model families to compare (default: every
    family ``fit_binary`` knows; ``("linear",)`` is the fast choice, seconds instead of minutes on a few
    thousand articles). ``wording`` stacks the TF-IDF wording model in, as ``credibility train`` does by
    default.
    """
    from ..models.labeled_data import LabeledDataError, validate_labeled_frame
    from ..models.store import save_model
    from ..models.trainer import TrainOptions, TrainProgress, train
    from ..models.training import CANDIDATES

    check_name(name, folder)
    spec = task_named(task)
    if spec is None:
        raise TrainingInputError(f"task: choose one of {', '.join(TASK_NAMES)}")
    report = progress or (lambda fraction, message: None)
    try:
        data = validate_labeled_frame(
            frame, table_name, text_col=text_col, label_col=label_col, group_col=group_col,
            title_col="title" if "title" in frame and text_col != "title" else None, positive=positive,
            min_per_class=MIN_PER_CLASS,
        )  # fmt: skip
    except LabeledDataError as exc:
        raise TrainingInputError(str(exc)) from None
    negative, positive = data.classes
    counts = np.bincount(data.y, minlength=2)
    langs = frame["lang"].fillna("").astype(str).replace("", None).tolist() if "lang" in frame else None

    n = len(data.y)
    done = 0

    def featurised(count: int) -> None:
        nonlocal done
        done += count
        report(0.6 * done / n, f"Computing signals: {done} of {n} articles")

    report(0.0, f"Computing signals for {n} articles")
    candidates = tuple(candidates or CANDIDATES)
    ticks, total_ticks = 0, len(candidates) * n_splits

    def tick() -> None:
        nonlocal ticks
        ticks += 1
        report(0.6 + 0.35 * min(1.0, ticks / total_ticks), f"Cross-validating: fold {ticks} of {total_ticks}")

    options = TrainOptions(
        candidates=candidates, n_splits=n_splits, wording=wording, source=table_name,
        description=f"Retrained in the dashboard on an uploaded table of {n} articles "
                    f"({counts[0]} {negative}, {counts[1]} {positive}).",
    )  # fmt: skip
    trained = train(data, spec, options, name=name, langs=langs,
                    progress=TrainProgress(featurised=featurised, fold=tick))  # fmt: skip
    metrics = {k: v for k, v in trained.fitted.oof_metrics.items() if isinstance(v, int | float)}
    report(0.97, "Saving the model and its card")
    path = folder / f"{name}.npz"
    card = save_model(trained.model, path)
    report(1.0, "Done")
    warnings = list(data.warnings)
    if data.classes != spec.classes:
        warnings.append(f"The {spec.name} question reads P({spec.positive}) against {spec.negative}; this model's "
                        f"score is P({positive}) against {negative}, so its verdicts may read the wrong way round.")
    return TrainingResult(name=name, path=path, metrics=metrics, card=card, warnings=warnings)


def read_labeled_table(name: str, data: bytes) -> pd.DataFrame:
    """An uploaded CSV, TSV, JSONL or Parquet table as strings (labels and ids are never parsed as numbers),
    read by the reader ``credibility train`` and ``credibility score`` use (the upload is written to a
    private temporary folder under its own name); raises :class:`TrainingInputError` (a ``ValueError``)
    naming the file and the row. The frame's index holds the row numbers its messages use."""
    import tempfile
    from pathlib import PurePath

    from ..ingest.limits import DASHBOARD_MAX_TABLE_BYTES
    from ..models.labeled_data import LabeledDataError, read_labeled_frame
    from .inputs import too_large

    problem = too_large(name, len(data))
    if problem:
        raise TrainingInputError(problem)
    name = PurePath(name).name or "upload.csv"
    with tempfile.TemporaryDirectory(prefix="credibility-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            frame, _warnings = read_labeled_frame(path, name=name, max_parquet_bytes=DASHBOARD_MAX_TABLE_BYTES)
        except LabeledDataError as exc:
            raise TrainingInputError(str(exc)) from None
    return frame
