"""The masked wording model counts its n-grams with NumPy (``ngram_counts.py``): the TF-IDF rows must be
scikit-learn's, value for value, or every score and wording reason would drift."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from credibility.document import normalize_text
from credibility.models.lexical import WordingModel
from credibility.models.ngram_counts import NgramCounter
from credibility.models.scorer import load_default_scorer

HOSTILE = ["", " ", "\u00a0\n\t", "x", ".", "the the the the", "İstanbul ΣΟΦΟΣ 12:30 — “ok”?", "a_b __init__ 3D"]


def _scikit_learn_rows(model: WordingModel, texts: list[str]) -> sparse.csr_matrix:
    return model.vectorizer_.transform(model._view(texts))


def _assert_same_rows(ours: sparse.csr_matrix, theirs: sparse.csr_matrix) -> None:
    assert type(ours) is type(theirs) and ours.shape == theirs.shape
    for name in ("indptr", "indices", "data"):
        assert getattr(ours, name).dtype == getattr(theirs, name).dtype
        assert np.array_equal(getattr(ours, name), getattr(theirs, name)), name


@pytest.fixture(scope="module")
def texts(examples_dir) -> list[str]:
    articles = [normalize_text(p.read_text(encoding="utf-8")) for p in sorted(examples_dir.glob("*.txt"))]
    return articles + HOSTILE


def test_a_fitted_masked_model_gives_scikit_learns_rows(texts):
    model = WordingModel(view="masked", min_df=1)
    model.fit_vocabulary(texts[:4])
    for batch in (texts, texts[:1], texts[-len(HOSTILE):], [""]):
        _assert_same_rows(model.transform(batch), _scikit_learn_rows(model, batch))


def test_the_shipped_masked_model_gives_scikit_learns_rows(texts):
    scorer = load_default_scorer()
    wording = [m.wording for m in (scorer.ai_model, scorer.credibility_model) if m and m.wording] if scorer else []
    masked = [w for w in wording if w.view == "masked"]
    if not masked:
        pytest.skip("no shipped model with a masked wording model")
    for model in masked:
        _assert_same_rows(model.transform(texts), _scikit_learn_rows(model, texts))


def test_no_ngram_spans_two_texts():
    counter = NgramCounter({"a b": 0, "a": 1, "b": 2}, (1, 3))
    counts = counter.count_matrix(["x a", "b y", "a b"]).toarray()
    assert counts.tolist() == [[0, 1, 0], [0, 0, 1], [1, 1, 1]]
