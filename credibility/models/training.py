"""Fitting a binary model from a feature matrix: compare candidates by grouped cross-validation,
calibrate on out-of-fold scores, choose the threshold on negatives at a target false-positive rate.

Everything that decides something (model choice, calibration, threshold) is learned from out-of-fold
predictions, never from predictions on rows the model was fitted on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedGroupKFold

from .bundle import CLIP, TrainedModel
from .lexical import WordingModel, wording_column
from .lexical import feature_name as wording_feature_name
from .metrics import auroc, binary_metrics, threshold_for_fpr

CANDIDATES = ("linear", "gam", "gbt")
# A richer model must beat a simpler one by this much out-of-fold to be kept (simpler = easier to explain).
SIMPLICITY_MARGIN = 0.003


def make_estimator(kind: str, seed: int = 0):
    """The model families compared for every task, simplest first.

    ``gam``: boosted trees of one feature each (a generalised additive model), so each feature's
    contribution is a curve of its own value; ``gbt``: the same trees free to combine features.
    """
    if kind == "linear":
        return LogisticRegression(C=0.5, class_weight="balanced", max_iter=5000)
    if kind in ("gbt", "gam"):
        return HistGradientBoostingClassifier(
            max_iter=250, learning_rate=0.06, max_leaf_nodes=15, min_samples_leaf=30,
            l2_regularization=1.0, class_weight="balanced", random_state=seed,
            interaction_cst="no_interactions" if kind == "gam" else None,
        )
    raise ValueError(f"unknown model kind {kind!r}; choose from {CANDIDATES}")


def choose_kind(scores: dict[str, float], candidates: Sequence[str]) -> str:
    """The best-scoring kind, unless a simpler one (earlier in ``candidates``) is within the margin."""
    clean = {k: float(np.nan_to_num(scores[k], nan=-1.0)) for k in candidates}
    top = max(clean.values())
    return next(k for k in candidates if clean[k] >= top - SIMPLICITY_MARGIN)


@dataclass
class Fitted:
    """The chosen model plus what the comparison saw."""

    model: TrainedModel
    oof_prob: np.ndarray  # calibrated out-of-fold P(positive) of the chosen kind
    candidate_scores: dict[str, float]  # selection score per candidate
    oof_metrics: dict


def scaling(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # noqa: N803
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    return mean, scale


def _standardise(X, mean, scale):  # noqa: N803
    return np.clip((X - mean) / scale, -CLIP, CLIP)


def _fit(kind: str, Z: np.ndarray, y: np.ndarray, w: np.ndarray | None, seed: int):  # noqa: N803
    est = make_estimator(kind, seed)
    est.fit(Z, y, sample_weight=w)
    return est


def _raw(est, Z):  # noqa: N803
    return np.asarray(est.decision_function(Z), dtype=np.float64)


def with_wording(X: np.ndarray, texts: Sequence[str], y: np.ndarray, train: np.ndarray,  # noqa: N803
                 groups: np.ndarray, sample_weight: np.ndarray | None = None, seed: int = 0,
                 n_splits: int = 5, langs: Sequence[str] | None = None) -> tuple[np.ndarray, WordingModel]:
    """``X`` plus the stacked wording column for a fit on the ``train`` rows only: out-of-fold on those
    rows, elsewhere from the wording model fitted on all of them (returned too; it never sees other rows)."""
    train = np.asarray(train, dtype=bool)
    y = np.asarray(y).astype(int)
    fold_list = folds(y[train], np.asarray(groups)[train], n_splits, seed)
    column, model = wording_column(texts, y, train, fold_list, sample_weight, seed, langs)
    return np.column_stack([X, column]), model


def global_effects(model: TrainedModel, X: np.ndarray) -> np.ndarray:  # noqa: N803
    """Signed size of each feature's effect over the rows ``X``, for the card and dashboard chart.

    Linear: the calibrated coefficient (log-odds per standard deviation). Trees: the mean absolute
    per-article contribution, signed by whether higher values of the feature tend to raise the score.
    """
    if model.kind == "linear":
        return model.calibration[0] * model.estimator.coef_.ravel().astype(np.float64)
    _, contrib = model.contributions(X)
    Z = model.standardise(X)  # noqa: N806
    sign = np.sign(((Z - Z.mean(axis=0)) * (contrib - contrib.mean(axis=0))).sum(axis=0))
    return sign * np.abs(contrib).mean(axis=0)


def folds(y: np.ndarray, groups: np.ndarray, n_splits: int, seed: int):
    """Grouped folds, stratified when every fold can hold both classes."""
    n_splits = max(2, min(n_splits, len(np.unique(groups)), int(np.bincount(y).min())))
    try:
        splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        return list(splitter.split(np.zeros(len(y)), y, groups))
    except ValueError:
        return list(GroupKFold(n_splits=n_splits).split(np.zeros(len(y)), y, groups))


def out_of_fold(kind: str, X: np.ndarray, y: np.ndarray, groups: np.ndarray,  # noqa: N803
                w: np.ndarray | None = None, n_splits: int = 5, seed: int = 0,
                tick: Callable[[], None] | None = None) -> np.ndarray:
    """Out-of-fold raw decision scores (each row scored by a model that never saw its group)."""
    raw = np.zeros(len(y))
    for train_idx, test_idx in folds(y, groups, n_splits, seed):
        mean, scale = scaling(X[train_idx])
        est = _fit(kind, _standardise(X[train_idx], mean, scale), y[train_idx],
                   None if w is None else w[train_idx], seed)
        raw[test_idx] = _raw(est, _standardise(X[test_idx], mean, scale))
        if tick:
            tick()
    return raw


def platt(raw: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Sigmoid calibration of raw scores to probabilities (fitted on out-of-fold scores)."""
    lr = LogisticRegression(C=1e4, max_iter=1000)
    lr.fit(raw.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def fit_binary(
    X: np.ndarray,  # noqa: N803
    y: np.ndarray,
    groups: Sequence,
    feature_names: Sequence[str],
    *,
    name: str,
    task: str,
    classes: tuple[str, str],
    candidates: Sequence[str] = CANDIDATES,
    sample_weight: np.ndarray | None = None,
    target_fpr: float | None = 0.01,
    threshold_mask: np.ndarray | None = None,
    select: Callable[[np.ndarray], float] | None = None,
    n_splits: int = 5,
    seed: int = 0,
    tick: Callable[[], None] | None = None,
    texts: Sequence[str] | None = None,
    langs: Sequence[str] | None = None,
) -> Fitted:
    """Compare ``candidates`` out-of-fold, keep the best, calibrate, set the threshold, refit on all rows.

    ``select(oof_raw)`` scores a candidate (default: out-of-fold AUROC). The threshold is the one giving
    ``target_fpr`` on the out-of-fold probabilities of the negatives (only those in ``threshold_mask``,
    when given); with ``target_fpr=None`` it is 0.5. With ``texts``, a wording model (lexical.py) is
    stacked in as one more feature: out-of-fold on these rows, and stored in the model for new ones;
    ``langs`` (one per row) balances its classes within each language.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(int)
    groups = np.asarray(groups)
    feature_names = list(feature_names)
    wording = None
    if texts is not None:
        X, wording = with_wording(X, texts, y, np.ones(len(y), bool), groups, sample_weight, seed,  # noqa: N806
                                  n_splits, langs)
        feature_names.append(wording_feature_name(name))
    select = select or (lambda raw: auroc(y, raw))
    oof: dict[str, np.ndarray] = {}
    scores: dict[str, float] = {}
    for kind in candidates:
        oof[kind] = out_of_fold(kind, X, y, groups, sample_weight, n_splits, seed, tick)
        scores[kind] = float(select(oof[kind]))
    best = choose_kind(scores, candidates)
    a, b = platt(oof[best], y)
    prob = 1.0 / (1.0 + np.exp(-np.clip(a * oof[best] + b, -50, 50)))
    if target_fpr is None:
        threshold = 0.5
    else:
        neg = (y == 0) if threshold_mask is None else ((y == 0) & threshold_mask)
        threshold = threshold_for_fpr(prob[neg], target_fpr)
    mean, scale = scaling(X)
    Z = _standardise(X, mean, scale)  # noqa: N806
    est = _fit(best, Z, y, sample_weight, seed)
    model = TrainedModel(
        name=name, task=task, classes=classes, feature_names=list(feature_names), kind=best, estimator=est,
        mean=mean, scale=scale, calibration=(a, b), threshold=float(threshold), target_fpr=target_fpr,
        explain_coef=np.zeros(len(feature_names)), wording=wording,
    )
    model.explain_coef = global_effects(model, X)
    metrics = binary_metrics(y, prob, threshold, target_fpr or 0.01)
    return Fitted(model=model, oof_prob=prob, candidate_scores=scores, oof_metrics=metrics)
