"""Metrics reported everywhere (cards, CLI, benchmarks), computed one way.

TPR at a fixed false-positive rate uses the same threshold rule the shipped models use, so the numbers
in a card describe the decision a user actually gets.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import brier_score_loss, f1_score, roc_auc_score, roc_curve


def threshold_for_fpr(negative_scores: np.ndarray, target_fpr: float) -> float:
    """Smallest threshold with at most ``target_fpr`` of negatives at or above it."""
    s = np.sort(np.asarray(negative_scores, dtype=float))
    if s.size == 0:
        return 0.5
    k = int(np.floor(target_fpr * s.size))  # negatives allowed at or above the threshold
    if k <= 0:
        return float(np.nextafter(s[-1], np.inf))
    # Threshold just above the (k+1)-th highest negative keeps k of them at or above it.
    return float(np.nextafter(s[-(k + 1)], np.inf))


def tpr_at_fpr(y: np.ndarray, scores: np.ndarray, target_fpr: float = 0.01) -> float:
    y = np.asarray(y)
    scores = np.asarray(scores, dtype=float)
    if (y == 1).sum() == 0 or (y == 0).sum() == 0:
        return float("nan")
    thr = threshold_for_fpr(scores[y == 0], target_fpr)
    return float((scores[y == 1] >= thr).mean())


def auroc(y: np.ndarray, scores: np.ndarray) -> float:
    y = np.asarray(y)
    if len(np.unique(y)) < 2:
        return float("nan")
    return float(roc_auc_score(y, scores))


def expected_calibration_error(y: np.ndarray, prob: np.ndarray, bins: int = 10) -> float:
    """Mean |observed rate − mean predicted probability| over equal-width bins, weighted by bin size."""
    y = np.asarray(y, dtype=float)
    prob = np.asarray(prob, dtype=float)
    if y.size == 0:
        return float("nan")
    idx = np.minimum((prob * bins).astype(int), bins - 1)
    ece = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            ece += m.mean() * abs(y[m].mean() - prob[m].mean())
    return float(ece)


def binary_metrics(y: np.ndarray, prob: np.ndarray, threshold: float = 0.5, target_fpr: float = 0.01) -> dict:
    """AUROC, F1 and accuracy at ``threshold``, TPR at ``target_fpr``, FPR at threshold, calibration."""
    y = np.asarray(y).astype(int)
    prob = np.asarray(prob, dtype=float)
    pred = (prob >= threshold).astype(int)
    neg = y == 0
    out = {
        "n": int(y.size),
        "n_positive": int(y.sum()),
        "n_negative": int(neg.sum()),
        "auroc": auroc(y, prob),
        "f1": float(f1_score(y, pred, zero_division=0)) if y.sum() else float("nan"),
        "accuracy": float((pred == y).mean()) if y.size else float("nan"),
        "tpr_at_fpr": tpr_at_fpr(y, prob, target_fpr),
        "target_fpr": target_fpr,
        "threshold": float(threshold),
        "fpr_at_threshold": float(pred[neg].mean()) if neg.any() else float("nan"),
        "tpr_at_threshold": float(pred[~neg].mean()) if (~neg).any() else float("nan"),
        "brier": float(brier_score_loss(y, prob)) if y.size else float("nan"),
        "ece": expected_calibration_error(y, prob),
    }
    return out


def reliability_curve(y: np.ndarray, prob: np.ndarray, bins: int = 10) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-bin mean predicted probability, observed positive rate and count (empty bins dropped)."""
    y = np.asarray(y, dtype=float)
    prob = np.asarray(prob, dtype=float)
    idx = np.minimum((prob * bins).astype(int), bins - 1)
    mp, obs, cnt = [], [], []
    for b in range(bins):
        m = idx == b
        if m.any():
            mp.append(prob[m].mean())
            obs.append(y[m].mean())
            cnt.append(int(m.sum()))
    return np.array(mp), np.array(obs), np.array(cnt)


def card_curves(y: np.ndarray, prob: np.ndarray, max_points: int = 60) -> dict:
    """ROC (at most ``max_points`` points) and reliability points as a card stores them for the dashboard."""
    fpr, tpr, _ = roc_curve(y, prob)
    keep = np.unique(np.linspace(0, len(fpr) - 1, min(len(fpr), max_points)).astype(int))
    predicted, observed, count = reliability_curve(y, prob)
    return {
        "roc": {"fpr": fpr[keep].round(4).tolist(), "tpr": tpr[keep].round(4).tolist()},
        "reliability": {"mean_predicted": predicted.round(4).tolist(), "fraction_positive": observed.round(4).tolist(),
                        "count": count.tolist()},
    }
