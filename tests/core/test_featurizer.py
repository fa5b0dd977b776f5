"""The featurizer follows scikit-learn's transformer contract and works inside a Pipeline."""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from credibility import SignalFeaturizer, build_document
from credibility.signals import EXTRACTORS, feature_names

ARTICLES = [
    "The minister said on Monday that the budget would rise by 3% next year, according to Reuters.",
    "Experts say this is the biggest crisis ever. It will change everything. Everyone knows it.",
    "Het kabinet zei maandag dat de begroting volgend jaar met 3 procent stijgt, aldus de minister.",
    "Deskundigen zeggen dat dit de grootste crisis ooit is. Het zal alles veranderen.",
]


def test_feature_names_are_declared_and_qualified():
    names = SignalFeaturizer().fit(ARTICLES).get_feature_names_out()
    assert list(names) == feature_names()
    assert len(set(names)) == len(names)
    assert all(name.split(".")[0] in EXTRACTORS for name in names)


def test_transform_shape_finite_and_deterministic():
    featurizer = SignalFeaturizer()
    X = featurizer.fit_transform(ARTICLES)
    assert X.shape == (len(ARTICLES), len(featurizer.get_feature_names_out()))
    assert np.isfinite(X).all()
    np.testing.assert_array_equal(X, featurizer.transform(ARTICLES))


def test_documents_and_strings_give_the_same_features():
    featurizer = SignalFeaturizer().fit(ARTICLES)
    docs = [build_document(text) for text in ARTICLES]
    np.testing.assert_array_equal(featurizer.transform(docs), featurizer.transform(ARTICLES))


def test_subset_of_extractors_and_clone():
    featurizer = SignalFeaturizer(extractors=("hedging",))
    assert clone(featurizer).get_params() == {"extractors": ("hedging",), "lang": None}
    names = featurizer.fit(ARTICLES).get_feature_names_out()
    assert all(n.startswith("hedging.") for n in names)


def test_works_in_a_pipeline_with_a_classifier():
    pipeline = make_pipeline(SignalFeaturizer(), StandardScaler(), LogisticRegression())
    pipeline.fit(ARTICLES * 3, [0, 1, 0, 1] * 3)
    proba = pipeline.predict_proba(ARTICLES)
    assert proba.shape == (4, 2) and np.allclose(proba.sum(axis=1), 1)


def test_single_string_is_rejected_with_a_clear_error():
    import pytest

    with pytest.raises(TypeError, match="sequence of articles"):
        SignalFeaturizer().fit_transform("just one article")
