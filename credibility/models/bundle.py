"""A trained binary model as plain arrays: scaling, learned part, fixed expert terms, calibration, threshold.

The score of an article is a sum of per-feature terms on the log-odds scale of P(positive class):

- the **learned part**, fitted on data: a linear model or gradient-boosted trees over the standardised
  features (training mean and scale, clipped to ±5 standard deviations so one extreme rate of a very short
  text cannot decide a score), Platt-calibrated (``a × raw + b``);
- **expert terms** (``prior_weight``): fixed log-odds per unit of a feature, measured from a reference value
  (``prior_reference``). They carry directions editors agree on for evidence the training corpora do not
  hold (no article in them has an AI banner or a generated question list), so the data cannot teach them.

Per-article explanations are exact decompositions of the model's own log-odds, never a surrogate:

- linear model: ``a × coef × z`` per feature;
- gradient-boosted trees: path attribution (Saabas' "tree interpreter"): walking each tree from the
  root to the article's leaf, every split moves the expected output from the parent's to the child's
  (count-weighted mean of the leaves below), and that change is credited to the split's feature. For trees
  that each use one feature (``interaction_cst="no_interactions"``, the ``gam`` kind) this equals the
  feature's SHAP value with the training data as background;
- expert terms: ``prior_weight × (x − prior_reference)`` above the reference, zero at or below it.

So the contributions plus :meth:`TrainedModel.bias` always equal the calibrated log-odds; a reason can never
point the other way from what the model did for that article. ``monotonic`` records each feature's
guaranteed direction (+1: never lowers P(positive) as the feature grows, −1: never raises it, 0: free); the
trees are fitted with those constraints and expert weights must agree with them (checked on load).

Nothing here is pickled: :mod:`credibility.models.store` writes these arrays to ``.npz`` and the rest to
the JSON card.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

CLIP = 5.0
KINDS = ("linear", "gam", "gbt")


@dataclass
class TrainedModel:
    """Everything needed to score and explain one task."""

    name: str
    task: str
    classes: tuple[str, str]  # (negative, positive); probabilities are P(positive)
    feature_names: list[str]
    kind: str  # "linear" | "gbt" | "gam" (trees without feature interactions)
    mean: np.ndarray
    scale: np.ndarray
    calibration: tuple[float, float]  # Platt: log-odds = a * raw + b (+ expert terms)
    threshold: float  # on P(positive)
    target_fpr: float | None
    explain_coef: np.ndarray  # global signed effect per feature (card and dashboard), not used per article
    linear: tuple[np.ndarray, float] | None = None  # (coef over the learned features, intercept)
    trees: dict | None = None  # packed trees over the learned features (pack_trees)
    monotonic: np.ndarray | None = None  # int8 per feature: +1 / -1 / 0
    prior_weight: np.ndarray | None = None  # per feature; 0 where the feature is learned (or unused)
    prior_reference: np.ndarray | None = None
    metadata: dict = field(default_factory=dict)
    # Optional stacked wording model (lexical.py); its score is the last feature, computed from the text.
    wording: Any = None
    # Training-time only (not saved): the fitted scikit-learn estimator the arrays were taken from.
    estimator: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        n = len(self.feature_names)
        if self.monotonic is None:
            self.monotonic = np.zeros(n, dtype=np.int8)
        if self.prior_weight is None:
            self.prior_weight = np.zeros(n)
        if self.prior_reference is None:
            self.prior_reference = np.zeros(n)
        self.monotonic = np.asarray(self.monotonic, dtype=np.int8)
        self.prior_weight = np.asarray(self.prior_weight, dtype=np.float64)
        self.prior_reference = np.asarray(self.prior_reference, dtype=np.float64)

    # -- features ----------------------------------------------------------------------------------
    @property
    def wording_feature(self) -> str | None:
        """Name of the stacked wording feature (computed from the text, not by the extractors), if any."""
        return self.feature_names[-1] if self.wording is not None else None

    @property
    def input_feature_names(self) -> list[str]:
        """The features a caller supplies (from ``Report.features``); the wording feature is added from text."""
        return self.feature_names[:-1] if self.wording is not None else list(self.feature_names)

    @property
    def learned(self) -> np.ndarray:
        """Indices of the features the learned part reads (every feature without an expert term)."""
        return np.flatnonzero(self.prior_weight == 0)

    def columns(self, X: np.ndarray, names: Sequence[str],  # noqa: N803
                texts: Sequence[str] | None = None, wording_scores: np.ndarray | None = None) -> np.ndarray:
        """The columns of ``X`` (named ``names``) in this model's feature order; a feature ``names``
        lacks is filled with its training mean (typical, so it has no effect on the score). A model with
        a wording model needs the ``texts`` (one per row) to compute that feature, or its scores."""
        X = np.asarray(X, dtype=np.float64)  # noqa: N806
        index = {n: i for i, n in enumerate(names)}
        cols = [X[:, index[n]] if n in index else np.full(len(X), self.mean[j])
                for j, n in enumerate(self.input_feature_names)]
        if self.wording is not None:
            if wording_scores is None and texts is None:
                raise ValueError(f"model {self.name!r} scores wording: pass the article texts")
            if wording_scores is None:
                wording_scores = self.wording.decision_function(texts) if len(X) else np.zeros(0)
            cols.append(np.asarray(wording_scores, dtype=np.float64))
        return np.column_stack(cols) if cols else np.zeros((len(X), 0))

    def standardise(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        z = (np.asarray(X, dtype=np.float64) - self.mean) / self.scale
        if not np.isfinite(z).all():
            z = np.nan_to_num(z, nan=0.0, posinf=CLIP, neginf=-CLIP)
        return np.clip(z, -CLIP, CLIP)

    # -- scoring -----------------------------------------------------------------------------------
    def raw_score(self, Z: np.ndarray) -> np.ndarray:  # noqa: N803
        """The learned part's uncalibrated score of standardised rows ``Z`` (all features' columns)."""
        Zl = Z[:, self.learned]  # noqa: N806
        if self.kind == "linear":
            coef, intercept = self._linear()
            return Zl @ coef + intercept
        return trees_raw(self._trees(), Zl)

    def expert_terms(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        """Each feature's expert-term contribution (rows × features; zero where learned)."""
        return expert_terms(X, self.prior_weight, self.prior_reference)

    def bias(self) -> float:
        """The log-odds of an article whose contributions are all zero: contributions + bias = log-odds."""
        a, b = self.calibration
        if self.kind == "linear":
            return a * self._linear()[1] + b
        return a * self._trees()["expected_total"] + b

    def predict_proba(self, X: np.ndarray) -> np.ndarray:  # noqa: N803
        """P(positive class) for each row of raw feature values (columns in ``feature_names`` order)."""
        X = np.atleast_2d(np.asarray(X, dtype=np.float64))  # noqa: N806
        a, b = self.calibration
        return sigmoid(a * self.raw_score(self.standardise(X)) + b + self.expert_terms(X).sum(axis=1))

    def contributions(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # noqa: N803
        """(probabilities, per-feature signed contributions on the log-odds scale) for each row."""
        X = np.atleast_2d(np.asarray(X, dtype=np.float64))  # noqa: N806
        Z = self.standardise(X)  # noqa: N806
        a, b = self.calibration
        learned = self.learned
        contrib = self.expert_terms(X)
        if self.kind == "linear":
            coef, _ = self._linear()
            contrib[:, learned] = Z[:, learned] * (a * coef)
        else:
            _, credit = trees_raw_and_credit(self._trees(), Z[:, learned])
            contrib[:, learned] = a * credit
        return sigmoid(self.bias() + contrib.sum(axis=1)), contrib

    def _linear(self) -> tuple[np.ndarray, float]:
        if self.linear is None:
            raise ValueError(f"model {self.name!r} ({self.kind}) has no linear coefficients")
        return self.linear

    def _trees(self) -> dict:
        if self.trees is None:
            raise ValueError(f"model {self.name!r} ({self.kind}) has no trees")
        return self.trees


def expert_terms(X: np.ndarray, weight: np.ndarray, reference: np.ndarray) -> np.ndarray:  # noqa: N803
    """One-sided expert terms: ``weight × (x − reference)`` above the reference, zero at or below it.

    Evidence counts only where there is more of it than the reference: an AI probability of 0.3 is no
    evidence of machine writing, and a flag (reference 0) counts when it is present.
    """
    X = np.nan_to_num(np.asarray(X, dtype=np.float64))  # noqa: N806
    return (np.maximum(X, reference) - reference) * weight


def from_estimator(est, kind: str) -> dict:
    """The plain-array form of a fitted scikit-learn estimator: ``{"linear": ...}`` or ``{"trees": ...}``."""
    if kind == "linear":
        return {"linear": (np.asarray(est.coef_, dtype=np.float64).ravel(), float(np.ravel(est.intercept_)[0]))}
    return {"trees": pack_trees(est)}


def pack_trees(est) -> dict:
    """The fitted HistGradientBoosting trees as padded numpy arrays, for vectorised prediction and storage.

    scikit-learn's own predict costs milliseconds per call (thread start-up); walking all trees at once
    in numpy costs microseconds per article. Equality with ``decision_function`` is tested.
    """
    preds = [iteration[0] for iteration in est._predictors]
    width = max(len(p.nodes) for p in preds)
    shape = (len(preds), width)
    packed = {
        "feature": np.zeros(shape, dtype=np.int32),
        "threshold": np.zeros(shape),
        "left": np.zeros(shape, dtype=np.int32),
        "right": np.zeros(shape, dtype=np.int32),
        "leaf": np.ones(shape, dtype=bool),
        "value": np.zeros(shape),
        "expected": np.zeros(shape),
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
        packed["expected"][t, :k] = _expected_values(nodes)
        depth = max(depth, int(nodes["depth"].max()))
    packed["depth"] = depth
    packed["baseline"] = float(np.ravel(est._baseline_prediction)[0])
    packed["n_features"] = int(est.n_features_in_)
    # Output of an article that takes every tree's expected path: the origin of the path credits.
    packed["expected_total"] = packed["baseline"] + float(packed["expected"][:, 0].sum())
    return packed


def _expected_values(nodes: np.ndarray) -> np.ndarray:
    """Each node's expected output: its leaf value, or the training-count-weighted mean of its children's."""
    expected = nodes["value"].astype(np.float64).copy()
    count = nodes["count"].astype(np.float64)
    # Children always have larger indices than their parent, so one reverse pass fills every node.
    for i in range(len(nodes) - 1, -1, -1):
        if not nodes["is_leaf"][i]:
            left, right = int(nodes["left"][i]), int(nodes["right"][i])
            total = count[left] + count[right]
            expected[i] = (count[left] * expected[left] + count[right] * expected[right]) / total if total else 0.0
    return expected


def trees_raw(packed: dict, Z: np.ndarray) -> np.ndarray:  # noqa: N803
    """Sum of leaf values over all trees plus the baseline (the trees' log-odds) for each row of ``Z``."""
    return _walk_trees(packed, Z, credit=False)[0]


def trees_raw_and_credit(packed: dict, Z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # noqa: N803
    """The trees' log-odds per row and each feature's path credit (rows × features; see module docstring).

    ``credit.sum(axis=1) + packed["expected_total"]`` equals the log-odds exactly.
    """
    return _walk_trees(packed, Z, credit=True)  # type: ignore[return-value]


def _walk_trees(packed: dict, Z: np.ndarray, *, credit: bool) -> tuple[np.ndarray, np.ndarray | None]:  # noqa: N803
    """Every row down every tree at once (one numpy step per level); with ``credit``, each split's change of
    expected output is added to its feature's credit on the way."""
    n, n_trees = len(Z), packed["value"].shape[0]
    n_features = packed["n_features"]
    rows = np.arange(n)[:, None]
    trees = np.arange(n_trees)[None, :]
    node = np.zeros((n, n_trees), dtype=np.intp)
    credits = np.zeros(n * n_features) if credit else None
    row_offset = np.repeat(np.arange(n) * n_features, n_trees).reshape(n, n_trees) if credit else None
    for _ in range(packed["depth"]):
        feature = packed["feature"][trees, node]
        x = Z[rows, feature]
        nxt = np.where(x <= packed["threshold"][trees, node], packed["left"][trees, node], packed["right"][trees, node])
        leaf = packed["leaf"][trees, node]
        nxt = np.where(leaf, node, nxt)
        if credits is not None:
            step = np.where(leaf, 0.0, packed["expected"][trees, nxt] - packed["expected"][trees, node])
            credits += np.bincount((row_offset + feature).ravel(), weights=step.ravel(), minlength=n * n_features)
        node = nxt
    raw = packed["baseline"] + packed["value"][trees, node].sum(axis=1)
    return raw, None if credits is None else credits.reshape(n, n_features)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))
