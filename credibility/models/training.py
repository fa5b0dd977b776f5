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

from .bundle import CLIP, TrainedModel, expert_terms, from_estimator, sigmoid
from .lexical import WordingModel, wording_column
from .lexical import feature_name as wording_feature_name
from .metrics import auroc, binary_metrics, threshold_for_fpr

CANDIDATES = ("linear", "gam", "gbt")
# A richer model must beat a simpler one by this much out-of-fold to be kept (simpler = easier to explain).
SIMPLICITY_MARGIN = 0.003


def make_estimator(kind: str, seed: int = 0, monotonic: Sequence[int] | None = None):
    """The model families compared for every task, simplest first.

    ``gam``: boosted trees of one feature each (a generalised additive model), so each feature's
    contribution is a curve of its own value; ``gbt``: the same trees free to combine features.
    ``monotonic`` (+1 / -1 / 0 per column) constrains the trees' direction per feature; a linear model
    cannot take it and is not a candidate when any constraint is set.
    """
    constrained = monotonic is not None and any(monotonic)
    if kind == "linear":
        if constrained:
            raise ValueError("a linear model cannot guarantee monotonic directions; use 'gam' or 'gbt'")
        return LogisticRegression(C=0.5, class_weight="balanced", max_iter=5000)
    if kind in ("gbt", "gam"):
        return HistGradientBoostingClassifier(
            max_iter=250, learning_rate=0.06, max_leaf_nodes=15, min_samples_leaf=30,
            l2_regularization=1.0, class_weight="balanced", random_state=seed,
            interaction_cst="no_interactions" if kind == "gam" else None,
            monotonic_cst=list(monotonic) if constrained else None,
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


def _fit(kind: str, Z: np.ndarray, y: np.ndarray, w: np.ndarray | None, seed: int,  # noqa: N803
         monotonic: Sequence[int] | None = None):
    est = make_estimator(kind, seed, monotonic)
    est.fit(Z, y, sample_weight=w)
    return est


def _raw(est, Z):  # noqa: N803
    return np.asarray(est.decision_function(Z), dtype=np.float64)


def with_wording(X: np.ndarray, texts: Sequence[str], y: np.ndarray, train: np.ndarray,  # noqa: N803
                 groups: np.ndarray, sample_weight: np.ndarray | None = None, seed: int = 0,
                 n_splits: int = 5, langs: Sequence[str] | None = None,
                 view: str = "words") -> tuple[np.ndarray, WordingModel]:
    """``X`` plus the stacked wording column for a fit on the ``train`` rows only: out-of-fold on those
    rows, elsewhere from the wording model fitted on all of them (returned too; it never sees other rows)."""
    train = np.asarray(train, dtype=bool)
    y = np.asarray(y).astype(int)
    fold_list = folds(y[train], np.asarray(groups)[train], n_splits, seed)
    column, model = wording_column(texts, y, train, fold_list, sample_weight, seed, langs, view)
    return np.column_stack([X, column]), model


def global_effects(model: TrainedModel, X: np.ndarray) -> np.ndarray:  # noqa: N803
    """Signed size of each feature's effect over the rows ``X``, for the card and dashboard chart.

    Linear: the calibrated coefficient (log-odds per standard deviation). Trees: the mean absolute
    per-article contribution, signed by whether higher values of the feature tend to raise the score.
    """
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
                tick: Callable[[], None] | None = None, monotonic: Sequence[int] | None = None) -> np.ndarray:
    """Out-of-fold raw decision scores (each row scored by a model that never saw its group)."""
    raw = np.zeros(len(y))
    for train_idx, test_idx in folds(y, groups, n_splits, seed):
        mean, scale = scaling(X[train_idx])
        est = _fit(kind, _standardise(X[train_idx], mean, scale), y[train_idx],
                   None if w is None else w[train_idx], seed, monotonic)
        raw[test_idx] = _raw(est, _standardise(X[test_idx], mean, scale))
        if tick:
            tick()
    return raw


def platt(raw: np.ndarray, y: np.ndarray, offset: np.ndarray | None = None,
          sample_weight: np.ndarray | None = None) -> tuple[float, float]:
    """Sigmoid calibration ``p = sigmoid(a × raw + b + offset)`` (fitted on out-of-fold scores).

    ``offset`` holds each row's fixed expert terms, which the calibration must not re-weigh. The slope is
    kept positive, so calibration never reverses a direction the model guarantees.
    """
    from scipy.optimize import minimize

    raw = np.asarray(raw, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    off = np.zeros(len(raw)) if offset is None else np.asarray(offset, dtype=np.float64)
    w = np.ones(len(raw)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        a, b = params
        z = a * raw + b + off
        p = sigmoid(z)
        nll = np.sum(w * (np.logaddexp(0.0, z) - y * z)) + 1e-4 * a * a
        g = w * (p - y)
        return float(nll), np.array([np.sum(g * raw) + 2e-4 * a, np.sum(g)])

    result = minimize(loss, np.array([1.0, 0.0]), jac=True, method="L-BFGS-B", bounds=[(1e-6, None), (None, None)])
    return float(result.x[0]), float(result.x[1])


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
    monotonic: Sequence[int] | None = None,
    prior_weight: Sequence[float] | None = None,
    prior_reference: Sequence[float] | None = None,
    wording_view: str = "words",
) -> Fitted:
    """Compare ``candidates`` out-of-fold, keep the best, calibrate, set the threshold, refit on all rows.

    ``select(oof_raw)`` scores a candidate (default: out-of-fold AUROC). The threshold is the one giving
    ``target_fpr`` on the out-of-fold probabilities of the negatives (only those in ``threshold_mask``,
    when given); with ``target_fpr=None`` it is 0.5. With ``texts``, a wording model (lexical.py) is
    stacked in as one more feature: out-of-fold on these rows, and stored in the model for new ones;
    ``langs`` (one per row) balances its classes within each language.

    ``monotonic`` (+1 / -1 / 0 per feature, on P(positive)) constrains the trees; ``prior_weight`` and
    ``prior_reference`` give features fixed expert terms (bundle.py) that are not learned: the learned part
    is fitted on the other features, and calibration takes the expert terms as a fixed offset.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(int)
    groups = np.asarray(groups)
    feature_names = list(feature_names)
    wording = None
    if texts is not None:
        X, wording = with_wording(X, texts, y, np.ones(len(y), bool), groups, sample_weight, seed,  # noqa: N806
                                  n_splits, langs, wording_view)
        feature_names.append(wording_feature_name(name))
    n_features = X.shape[1]
    mono = np.zeros(n_features, dtype=np.int8) if monotonic is None else np.asarray(list(monotonic) + [0] * (
        n_features - len(monotonic)), dtype=np.int8)
    prior_w = np.zeros(n_features) if prior_weight is None else np.r_[prior_weight, np.zeros(n_features - len(prior_weight))]
    prior_r = np.zeros(n_features) if prior_reference is None else np.r_[
        prior_reference, np.zeros(n_features - len(prior_reference))]
    if (prior_w * mono < 0).any():
        raise ValueError("an expert weight runs against its feature's monotonic direction")
    learned = np.flatnonzero(prior_w == 0)
    offset = expert_terms(X, prior_w, prior_r).sum(axis=1)
    XL, mono_l = X[:, learned], mono[learned]  # noqa: N806
    if mono_l.any():
        candidates = tuple(k for k in candidates if k != "linear") or ("gam",)
    select = select or (lambda raw: auroc(y, raw + offset))
    oof: dict[str, np.ndarray] = {}
    scores: dict[str, float] = {}
    for kind in candidates:
        oof[kind] = out_of_fold(kind, XL, y, groups, sample_weight, n_splits, seed, tick, mono_l)
        scores[kind] = float(select(oof[kind]))
    best = choose_kind(scores, candidates)
    a, b = platt(oof[best], y, offset)
    prob = sigmoid(a * oof[best] + b + offset)
    if target_fpr is None:
        threshold = 0.5
    else:
        neg = (y == 0) if threshold_mask is None else ((y == 0) & threshold_mask)
        threshold = threshold_for_fpr(prob[neg], target_fpr)
    mean, scale = scaling(X)
    Z = _standardise(X, mean, scale)  # noqa: N806
    est = _fit(best, Z[:, learned], y, sample_weight, seed, mono_l)
    model = TrainedModel(
        name=name, task=task, classes=classes, feature_names=list(feature_names), kind=best, estimator=est,
        mean=mean, scale=scale, calibration=(a, b), threshold=float(threshold), target_fpr=target_fpr,
        explain_coef=np.zeros(len(feature_names)), wording=wording, monotonic=mono, prior_weight=prior_w,
        prior_reference=prior_r, **from_estimator(est, best),
    )
    model.explain_coef = global_effects(model, X)
    metrics = binary_metrics(y, prob, threshold, target_fpr or 0.01)
    return Fitted(model=model, oof_prob=prob, candidate_scores=scores, oof_metrics=metrics)
