"""A scikit-learn transformer from articles to the signal feature matrix.

Accepts raw strings or parsed :class:`~credibility.document.Document` objects, so any scikit-learn
model, ``Pipeline``, ``GridSearchCV`` or calibration wrapper works on articles unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .document import Document, build_document
from .signals import EXTRACTORS, extract_all, feature_names


class SignalFeaturizer(TransformerMixin, BaseEstimator):
    """Turn articles into the signal features.

    Parameters
    ----------
    extractors : tuple of str or None
        Names of the extractors to run (default: all registered).
    lang : str or None
        Force a language for raw-string input instead of identifying it per article.
    """

    def __init__(self, extractors: tuple[str, ...] | None = None, lang: str | None = None) -> None:
        self.extractors = extractors
        self.lang = lang

    def fit(self, X: Iterable[str | Document], y=None) -> SignalFeaturizer:  # noqa: N803 (sklearn naming)
        names = self._extractor_names()
        unknown = [n for n in names if n not in EXTRACTORS]
        if unknown:
            raise ValueError(f"unknown extractor(s) {unknown}; known: {sorted(EXTRACTORS)}")
        self.feature_names_out_ = np.asarray(feature_names(names), dtype=object)
        self.n_features_out_ = len(self.feature_names_out_)
        return self

    def transform(self, X: Iterable[str | Document]) -> np.ndarray:  # noqa: N803
        if not hasattr(self, "feature_names_out_"):
            self.fit(X)
        names = self._extractor_names()
        rows = [self._row(item, names) for item in _as_sequence(X)]
        if not rows:
            return np.zeros((0, self.n_features_out_), dtype=np.float64)
        return np.asarray(rows, dtype=np.float64)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        if not hasattr(self, "feature_names_out_"):
            self.fit([])
        return self.feature_names_out_.copy()

    def _row(self, item: str | Document, names: tuple[str, ...]) -> list[float]:
        doc = item if isinstance(item, Document) else build_document(str(item), lang=self.lang)
        return [value for signal in extract_all(doc, names) for value in signal.features.values()]

    def _extractor_names(self) -> tuple[str, ...]:
        return tuple(self.extractors) if self.extractors else tuple(EXTRACTORS)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.requires_fit = False
        return tags


def _as_sequence(X) -> Sequence:  # noqa: N803
    if isinstance(X, str | Document):
        raise TypeError("SignalFeaturizer expects a sequence of articles, not a single article")
    if hasattr(X, "tolist"):
        return X.tolist()
    return list(X)
