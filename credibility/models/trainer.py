"""From labelled rows to a fitted model and its card: the one training path.

``credibility train``, the dashboard's retraining form, ``scripts/train_shipped_models.py`` and the
scikit-learn estimator (``estimator.ArticleClassifier``) all call :func:`train`, so every model they write
carries the same card sections:

- ``description``, ``threshold_note``;
- ``training_data``: the table's file name, the data fingerprint (``split.data_fingerprint``: sha256 of the
  texts and labels, so ``credibility evaluate`` can warn when it is shown the training data) and the rows per
  class;
- ``candidates`` (each model family's cross-validated selection score) and ``cross_validated_metrics``;
- ``roc``, ``reliability`` and ``feature_importances`` (what the dashboard's Model page plots), from the
  out-of-fold predictions, so they describe articles the model did not see;
- ``created`` and ``libraries`` (the versions that trained it).

Model choice, calibration and threshold are ``training.fit_binary``'s. A recipe with its own fitting and
evaluation (the shipped models, see ``experiments/``) passes ``fit`` (how to fit, e.g. with sample weights
and a threshold chosen on some rows only) and ``finish`` (its last steps after fitting: it may move the
decision threshold, and returns further card sections, e.g. held-out evaluation tables, which are added to
the standard ones and replace any of the same name). The caller writes the result with
``store.save_model`` (atomically, with the file's sha256 in the card).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from ..document import normalize_text
from .bundle import TrainedModel
from .labeled_data import LabeledData
from .metrics import card_curves
from .model_card import ModelCard
from .split import data_fingerprint
from .store import library_versions, model_card
from .tasks import CUSTOM, TaskSpec
from .training import CANDIDATES, Fitted, fit_binary

TOP_IMPORTANCES = 20  # features listed in the card's importances (the rest are in the model file)

FitHook = Callable[[np.ndarray, list[str], Callable[[], None]], Fitted]
FinishHook = Callable[[TrainedModel, Fitted], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class TrainOptions:
    """How to train. ``target_fpr=None`` decides at P = 0.5 (both errors equally costly)."""

    candidates: tuple[str, ...] = CANDIDATES
    n_splits: int = 5
    seed: int = 0
    target_fpr: float | None = 0.01
    wording: bool = True  # stack the TF-IDF wording model in as one more feature
    n_jobs: int = 1  # featurisation processes
    cache: bool = False  # read and write the feature cache in artifacts/
    description: str = ""
    source: str | None = None  # the table's file name, recorded in the card


@dataclass(slots=True)
class TrainProgress:
    """Callbacks while training: ``featurised(n)`` after n more texts, ``fold()`` after each fold fit."""

    featurised: Callable[[int], None] = lambda n: None
    fold: Callable[[], None] = lambda: None


@dataclass(slots=True)
class Trained:
    """The fitted model (its ``metadata`` holds the card sections), its card, and what the fit saw."""

    model: TrainedModel
    card: ModelCard  # as it will be written, less the file name and sha256 that saving adds
    fitted: Fitted
    warnings: list[str] = field(default_factory=list)


def train(
    rows: LabeledData,
    task: TaskSpec | None,
    options: TrainOptions = TrainOptions(),
    *,
    name: str,
    langs: Sequence[str | None] | None = None,
    features: tuple[np.ndarray, Sequence[str]] | None = None,
    fit: FitHook | None = None,
    finish: FinishHook | None = None,
    progress: TrainProgress | None = None,
) -> Trained:
    """Featurise ``rows`` (unless ``features`` are given), fit, and build the model's card.

    ``task``: the question the model answers (its name goes in the card, so ``--model`` and the dashboard's
    picker can put it in place of the shipped model); None for a model of other labels (``custom``).
    ``langs`` (one per row, optional) skips language detection. ``fit`` and ``finish``: see the module
    docstring.
    """
    progress = progress or TrainProgress()
    if features is None:
        from .features import featurize_texts

        X, names = featurize_texts(rows.texts, rows.titles, langs, n_jobs=options.n_jobs, cache=options.cache,  # noqa: N806
                                   progress=progress.featurised)
    else:
        X, names = np.asarray(features[0], dtype=np.float64), list(features[1])  # noqa: N806
    fitted = (fit or _fit_binary(rows, task, options, name))(X, list(names), progress.fold)
    model = fitted.model
    model.name = name
    model.task = task.name if task is not None else CUSTOM
    sections = standard_sections(rows, fitted, options, task)
    if finish is not None:
        sections.update(finish(model, fitted))
    model.metadata.update(sections)
    return Trained(model=model, card=model_card(model), fitted=fitted, warnings=list(rows.warnings))


def _fit_binary(rows: LabeledData, task: TaskSpec | None, options: TrainOptions, name: str) -> FitHook:
    def fit(X: np.ndarray, names: list[str], tick: Callable[[], None]) -> Fitted:  # noqa: N803
        return fit_binary(X, rows.y, rows.groups, names, name=name, task=task.name if task else CUSTOM,
                          classes=rows.classes, candidates=options.candidates, target_fpr=options.target_fpr,
                          n_splits=options.n_splits, seed=options.seed, tick=tick,
                          texts=[normalize_text(t) for t in rows.texts] if options.wording else None)
    return fit


def standard_sections(rows: LabeledData, fitted: Fitted, options: TrainOptions,
                      task: TaskSpec | None) -> dict[str, Any]:
    """The card sections every trained model has (see the module docstring)."""
    model = fitted.model
    negative, positive = rows.classes
    counts = {c: int((np.asarray(rows.labels) == c).sum()) for c in rows.classes}
    training_data: dict[str, Any] = {"fingerprint": data_fingerprint(rows.texts, rows.labels),
                                     "rows_per_class": counts}
    if options.source:
        training_data = {"file": options.source, **training_data}
    order = np.argsort(-np.abs(model.explain_coef))[:TOP_IMPORTANCES]
    return {
        "description": options.description or (
            f"P({positive}) against {negative}, trained on {len(rows.texts)} labelled articles"
            f"{f' ({options.source})' if options.source else ''}"
            f"{f' for the {task.name} question' if task else ''}."),
        "training_data": training_data,
        "candidates": dict(fitted.candidate_scores),
        "cross_validated_metrics": dict(fitted.oof_metrics),
        "threshold_note": threshold_note(options.target_fpr, negative),
        **card_curves(rows.y, fitted.oof_prob),
        "feature_importances": {model.feature_names[j]: round(float(model.explain_coef[j]), 4) for j in order},
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "libraries": library_versions(),
    }


def threshold_note(target_fpr: float | None, negative: str) -> str:
    if target_fpr is None:
        return "Threshold 0.5 on the calibrated probability: both kinds of error count the same."
    return f"Threshold set for {target_fpr:.1%} false positives on out-of-fold scores of {negative!r}."
