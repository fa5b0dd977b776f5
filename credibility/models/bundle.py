"""A trained binary model as one object: scaling, estimator, calibration, threshold and explainer.

Features are standardised with the training mean and scale and clipped to ±5 standard deviations (a
handful of very short texts produce extreme rates; one such value must not decide a score). The
estimator sees the standardised values, so a linear model's per-article explanation is exactly
``coef × z`` and a tree model's is ``surrogate_coef × z`` from a linear surrogate fitted to the trees'
own output on the training data (cheap, signed, additive; documented in models/README.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

CLIP = 5.0
FORMAT_VERSION = 1


@dataclass
class TrainedModel:
    """Everything needed to score and explain; stored as a plain dict inside the model file."""

    name: str
    task: str
    classes: tuple[str, str]  # (negative, positive); probabilities are P(positive)
    feature_names: list[str]
    kind: str  # "linear" | "gbt"
    estimator: Any
    mean: np.ndarray
    scale: np.ndarray
    calibration: tuple[float, float]  # Platt: p = sigmoid(a * raw + b)
    threshold: float  # on P(positive)
    target_fpr: float | None
    explain_coef: np.ndarray
    metadata: dict = field(default_factory=dict)
    _trees: dict | None = field(default=None, init=False, repr=False, compare=False)

    # -- scoring ---------------------------------------------------------------------------------
    def columns(self, X: np.ndarray, names: Sequence[str]) -> np.ndarray:  # noqa: N803
        """The columns of ``X`` (named ``names``) in this model's feature order; a feature ``names``
        lacks is filled with its training mean (typical, so it has no effect on the score)."""
        X = np.asarray(X, dtype=np.float64)  # noqa: N806
        index = {n: i for i, n in enumerate(names)}
        return np.column_stack([X[:, index[n]] if n in index else np.full(len(X), self.mean[j])
                                for j, n in enumerate(self.feature_names)])

    def standardise(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        z = (np.asarray(X, dtype=np.float64) - self.mean) / self.scale
        if not np.isfinite(z).all():
            z = np.nan_to_num(z, nan=0.0, posinf=CLIP, neginf=-CLIP)
        return np.clip(z, -CLIP, CLIP)

    def raw_score(self, Z: np.ndarray) -> np.ndarray:  # noqa: N803
        if self.kind == "linear":
            coef = self.estimator.coef_.ravel()
            return Z @ coef + float(self.estimator.intercept_[0])
        if self._trees is None:
            self._trees = pack_trees(self.estimator)
        return trees_raw(self._trees, Z)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        """P(positive class) for each row of raw feature values (columns in ``feature_names`` order)."""
        X = np.atleast_2d(X)
        a, b = self.calibration
        return _sigmoid(a * self.raw_score(self.standardise(X)) + b)

    def contributions(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # noqa: N803
        """(probabilities, per-feature signed contributions on the log-odds scale) for each row."""
        X = np.atleast_2d(X)
        Z = self.standardise(X)  # noqa: N806
        a, b = self.calibration
        prob = _sigmoid(a * self.raw_score(Z) + b)
        return prob, Z * (a * self.explain_coef)

    # -- (de)serialisation -----------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "format_version": FORMAT_VERSION,
            "name": self.name,
            "task": self.task,
            "classes": list(self.classes),
            "feature_names": list(self.feature_names),
            "kind": self.kind,
            "estimator": self.estimator,
            "mean": self.mean,
            "scale": self.scale,
            "calibration": list(self.calibration),
            "threshold": self.threshold,
            "target_fpr": self.target_fpr,
            "explain_coef": self.explain_coef,
            "metadata": self.metadata,
        }

    @classmethod
    def from_dict(cls, d: dict) -> TrainedModel:
        if d.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"unsupported model format {d.get('format_version')!r} (expected {FORMAT_VERSION})")
        return cls(
            name=d["name"],
            task=d["task"],
            classes=tuple(d["classes"]),
            feature_names=list(d["feature_names"]),
            kind=d["kind"],
            estimator=d["estimator"],
            mean=np.asarray(d["mean"], dtype=np.float64),
            scale=np.asarray(d["scale"], dtype=np.float64),
            calibration=(float(d["calibration"][0]), float(d["calibration"][1])),
            threshold=float(d["threshold"]),
            target_fpr=d["target_fpr"],
            explain_coef=np.asarray(d["explain_coef"], dtype=np.float64),
            metadata=dict(d.get("metadata", {})),
        )


def pack_trees(est) -> dict:
    """The fitted HistGradientBoosting trees as padded numpy arrays, for vectorised prediction.

    scikit-learn's own predict costs milliseconds per call (thread start-up); walking all trees at once
    in numpy costs microseconds per article. Equality with ``decision_function`` is tested.
    """
    preds = [iteration[0] for iteration in est._predictors]
    width = max(len(p.nodes) for p in preds)
    shape = (len(preds), width)
    packed = {
        "feature": np.zeros(shape, dtype=np.intp),
        "threshold": np.zeros(shape),
        "left": np.zeros(shape, dtype=np.intp),
        "right": np.zeros(shape, dtype=np.intp),
        "leaf": np.ones(shape, dtype=bool),
        "value": np.zeros(shape),
    }
    depth = 0
    for t, p in enumerate(preds):
        nodes, k = p.nodes, len(p.nodes)
        packed["feature"][t, :k] = nodes["feature_idx"]
        packed["threshold"][t, :k] = nodes["num_threshold"]
        packed["left"][t, :k] = nodes["left"]
        packed["right"][t, :k] = nodes["right"]
        packed["leaf"][t, :k] = nodes["is_leaf"]
        packed["value"][t, :k] = nodes["value"]
        depth = max(depth, int(nodes["depth"].max()))
    packed["depth"] = depth
    packed["baseline"] = float(np.ravel(est._baseline_prediction)[0])
    return packed


def trees_raw(packed: dict, Z: np.ndarray) -> np.ndarray:  # noqa: N803
    """Sum of leaf values over all trees plus the baseline (the trees' log-odds) for each row of ``Z``."""
    n, n_trees = len(Z), packed["value"].shape[0]
    rows = np.arange(n)[:, None]
    trees = np.arange(n_trees)[None, :]
    node = np.zeros((n, n_trees), dtype=np.intp)
    for _ in range(packed["depth"]):
        x = Z[rows, packed["feature"][trees, node]]
        nxt = np.where(x <= packed["threshold"][trees, node], packed["left"][trees, node], packed["right"][trees, node])
        node = np.where(packed["leaf"][trees, node], node, nxt)
    return packed["baseline"] + packed["value"][trees, node].sum(axis=1)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))
