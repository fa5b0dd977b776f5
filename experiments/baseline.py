"""The bag-of-words baseline every reported figure is compared with: TF-IDF + logistic regression."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline


def make_bow(seed: int = 0) -> Pipeline:
    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=100_000, sublinear_tf=True),
        LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000, random_state=seed),
    )


def fit_bow(texts, y, sample_weight=None, seed: int = 0) -> Pipeline:
    model = make_bow(seed)
    model.fit(list(texts), np.asarray(y), logisticregression__sample_weight=sample_weight)
    return model


def bow_scores(model: Pipeline, texts) -> np.ndarray:
    return np.asarray(model.decision_function(list(texts)), dtype=np.float64)
