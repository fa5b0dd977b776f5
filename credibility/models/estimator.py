"""The model code path as a scikit-learn classifier over article texts.

``ArticleClassifier`` featurises texts (signals + surface features), stacks the wording model, compares
the model families, calibrates and sets the threshold exactly as ``credibility train`` and the shipped
models do (``training.fit_binary``), so it drops into ``cross_val_score``, ``Pipeline`` or ``clone``. It
trains through the one training path (``trainer.train``, its ``fit`` hook carrying the sample weights),
so its fitted :class:`~credibility.models.bundle.TrainedModel` (``model_``) carries the same card sections
as every other trained model (data fingerprint, ROC, reliability, importances, versions) and saves with
``store.save_model``. ``ArticleClassifier.from_model`` wraps a loaded model (e.g. a shipped one) for scoring.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from ..document import normalize_text
from .bundle import TrainedModel
from .features import featurize_texts
from .labeled_data import LabeledData
from .scorer import model_matrix
from .tasks import CUSTOM
from .trainer import TrainOptions, train
from .training import CANDIDATES, Fitted, fit_binary


def _texts(X: Iterable[str]) -> list[str]:  # noqa: N803
    """Article texts from a list, array or pandas Series of strings (one article per entry)."""
    texts = list(np.asarray(X, dtype=object).ravel()) if not isinstance(X, list) else X
    bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
    if bad:
        raise TypeError(f"ArticleClassifier takes article texts (str); entry {bad[0]} is {type(texts[bad[0]]).__name__}")
    return texts


class ArticleClassifier(ClassifierMixin, BaseEstimator):
    """Two-class classifier of article texts with calibrated probabilities and a stored threshold.

    ``predict`` applies the threshold chosen for ``target_fpr`` false positives on the first class (or
    0.5 with ``target_fpr=None``), not 0.5 on the probability.
    """

    def __init__(self, *, candidates: Sequence[str] = CANDIDATES, wording: bool = True,
                 target_fpr: float | None = 0.01, n_splits: int = 5, seed: int = 0, n_jobs: int = 1,
                 name: str = "custom") -> None:
        self.candidates = candidates
        self.wording = wording
        self.target_fpr = target_fpr
        self.n_splits = n_splits
        self.seed = seed
        self.n_jobs = n_jobs
        self.name = name

    def fit(self, X: Iterable[str], y: Iterable, groups: Iterable | None = None,  # noqa: N803
            sample_weight: np.ndarray | None = None) -> ArticleClassifier:
        """Fit on article texts ``X`` and two-class labels ``y``; ``groups`` keep related articles together."""
        texts = _texts(X)
        labels = np.asarray(list(y))
        self.classes_ = np.unique(labels)
        if len(self.classes_) != 2:
            raise ValueError(f"ArticleClassifier needs exactly two classes, got {len(self.classes_)}")
        binary = (labels == self.classes_[1]).astype(int)
        group_ids = np.arange(len(texts)).astype(str) if groups is None else np.asarray(list(groups)).astype(str)
        classes = (str(self.classes_[0]), str(self.classes_[1]))
        rows = LabeledData(texts=texts, titles=None, labels=labels.astype(str), y=binary, groups=group_ids,
                           classes=classes)
        options = TrainOptions(candidates=tuple(self.candidates), n_splits=self.n_splits, seed=self.seed,
                               target_fpr=self.target_fpr, wording=self.wording, n_jobs=self.n_jobs)

        def fit(features: np.ndarray, names: list[str], tick: Callable[[], None]) -> Fitted:
            # the wording model reads the normalised text, as the scorer does (model_matrix)
            return fit_binary(
                features, binary, group_ids, names, name=self.name, task=CUSTOM, classes=classes,
                candidates=tuple(self.candidates), sample_weight=sample_weight, target_fpr=self.target_fpr,
                n_splits=self.n_splits, seed=self.seed, tick=tick,
                texts=[normalize_text(t) for t in texts] if self.wording else None,
            )

        trained = train(rows, None, options, name=self.name, fit=fit)
        self.model_ = trained.model
        self.cv_metrics_ = trained.fitted.oof_metrics
        return self

    @classmethod
    def from_model(cls, model: TrainedModel, n_jobs: int = 1) -> ArticleClassifier:
        """A fitted classifier around an already trained model (for example a shipped one)."""
        clf = cls(n_jobs=n_jobs, name=model.name, target_fpr=model.target_fpr)
        clf.model_ = model
        clf.classes_ = np.asarray(model.classes)
        clf.cv_metrics_ = dict(model.metadata.get("cross_validated_metrics", {}))
        return clf

    def _matrix(self, X: Iterable[str]) -> np.ndarray:  # noqa: N803
        check_is_fitted(self, "model_")
        texts = _texts(X)
        features, names = featurize_texts(texts, n_jobs=self.n_jobs, cache=False)
        return model_matrix(self.model_, features, names, texts)

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:  # noqa: N803
        """Calibrated probabilities, one column per class in ``classes_`` order."""
        p = self.model_.predict_proba(self._matrix(X))
        return np.column_stack([1.0 - p, p])

    def decision_function(self, X: Iterable[str]) -> np.ndarray:  # noqa: N803
        """Calibrated log-odds of the second class."""
        p = np.clip(self.predict_proba(X)[:, 1], 1e-12, 1 - 1e-12)
        return np.log(p / (1.0 - p))

    def predict(self, X: Iterable[str]) -> np.ndarray:  # noqa: N803
        """The class at the stored threshold (not at p = 0.5)."""
        return self.classes_[(self.predict_proba(X)[:, 1] >= self.model_.threshold).astype(int)]

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The names of the features the model uses, in order (signals, surface, wording)."""
        check_is_fitted(self, "model_")
        return np.asarray(self.model_.feature_names, dtype=object)
