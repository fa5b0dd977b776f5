"""The wording model: one stacked feature saying how much an article's words and phrases resemble one class.

The signal features see style (hedging, attribution, rhythm, word frequency); they miss *which* words a
writer picks. A TF-IDF (word 1–2-grams) logistic regression captures that, and on the held-out sets it
lifts every generator's AUROC (see models/README.md). It enters the main model as a single feature,
``lexical.<model>_wording``, so the main model decides how far to trust it next to the signals, and a
reason for it names the article's own phrases that pushed it (``top_terms``).

Stacking without leaking: on the rows a main model is fitted on, the feature is the *out-of-fold*
score (each row scored by a wording model that never saw its group); other rows are scored by one
wording model fitted on all training rows, which is the one stored in the model file.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from .masked_text import masked_text, readable
from .ngram_counts import NgramCounter

FAMILY = "lexical"
# Each vocabulary entry must occur in this many training texts: rare names and one-off strings
# would otherwise be learned as "wording".
MIN_DOCUMENT_FREQUENCY = 5
MAX_VOCABULARY = 20_000
MIN_TERM_LENGTH_PATTERN = r"(?u)\b\w\w+\b"
# What the wording model reads: the words themselves ("words": topical, best in-domain), or the text with
# its content words masked to their shapes ("masked", masked_text.py: sentence construction, not topic).
VIEWS = ("words", "masked")
MASKED_NGRAMS = (1, 3)


def feature_name(model_name: str) -> str:
    """``lexical.<model>_wording``: one name per model, so two models' wording scores never mix."""
    return f"{FAMILY}.{model_name}_wording"


class WordingModel:
    """TF-IDF n-grams → logistic regression; ``decision_function`` is the log-odds of class 1.

    ``view="words"`` reads word 1–2-grams; ``view="masked"`` reads 1–3-grams of the masked text
    (function words, word shapes, punctuation), which carry how a text is written rather than its topic.
    """

    def __init__(self, C: float = 4.0, min_df: int = MIN_DOCUMENT_FREQUENCY,  # noqa: N803
                 max_features: int = MAX_VOCABULARY, seed: int = 0, view: str = "words") -> None:
        if view not in VIEWS:
            raise ValueError(f"unknown wording view {view!r}; choose from {VIEWS}")
        self.C = C
        self.min_df = min_df
        self.max_features = max_features
        self.seed = seed
        self.view = view

    def _view(self, texts: Sequence[str]) -> list[str]:
        return [masked_text(t) for t in texts] if self.view == "masked" else list(texts)

    def fit(self, texts: Sequence[str], y: np.ndarray, sample_weight: np.ndarray | None = None) -> WordingModel:
        return self.fit_classifier(self.fit_vocabulary(texts), y, sample_weight)

    def fit_vocabulary(self, texts: Sequence[str]):
        """Learn the vocabulary and IDF weights (no labels); returns the texts' TF-IDF matrix."""
        # min_df cannot exceed the number of texts (tiny user CSVs).
        min_df = max(1, min(self.min_df, len(texts) // 4))
        self.vectorizer_ = _vectorizer(min_df=min_df, max_features=self.max_features, view=self.view)
        matrix = self.vectorizer_.fit_transform(self._view(texts))
        self.terms_ = self.vectorizer_.get_feature_names_out()
        return matrix

    def new_classifier(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000, random_state=self.seed)

    def fit_classifier(self, matrix, y: np.ndarray, sample_weight: np.ndarray | None = None) -> WordingModel:
        """Fit the classifier on a TF-IDF ``matrix`` from this model's vocabulary."""
        classifier = self.new_classifier().fit(matrix, np.asarray(y).astype(int), sample_weight=sample_weight)
        self.coef_ = classifier.coef_.ravel().astype(np.float64)
        self.intercept_ = float(classifier.intercept_[0])
        return self

    # -- plain arrays (model files hold no pickle) ---------------------------------------------------
    def to_arrays(self) -> dict[str, np.ndarray]:
        """Vocabulary, IDF weights and coefficients: everything scoring needs, as plain arrays."""
        return {"terms": np.asarray(self.terms_, dtype=str), "idf": np.asarray(self.vectorizer_.idf_, dtype=np.float64),
                "coef": self.coef_, "intercept": np.array([self.intercept_]), "view": np.asarray(self.view)}

    @classmethod
    def from_arrays(cls, terms: np.ndarray, idf: np.ndarray, coef: np.ndarray, intercept: float,
                    view: str = "words") -> WordingModel:
        """Rebuild a fitted model from :meth:`to_arrays`. The tokeniser settings are this module's constants,
        never read from a file (a stored regex could be made to hang); ``view`` must be one of :data:`VIEWS`."""
        model = cls(view=view)
        model.vectorizer_ = _vectorizer(min_df=1, max_features=None, view=view,
                                        vocabulary={str(t): i for i, t in enumerate(terms)})
        model.vectorizer_.idf_ = np.asarray(idf, dtype=np.float64)
        model.terms_ = np.asarray(terms, dtype=object)
        model.coef_ = np.asarray(coef, dtype=np.float64)
        model.intercept_ = float(intercept)
        return model

    def transform(self, texts: Sequence[str]):
        """The texts' TF-IDF rows (sparse), to score and explain a batch with one vectorisation.

        The masked view's counts come from :class:`NgramCounter` (the same matrix as scikit-learn's, several
        times faster), weighted as the vectoriser's ``TfidfTransformer`` weights them.
        """
        if self.view != "masked":
            return self.vectorizer_.transform(self._view(texts))
        counter = getattr(self, "_masked_counter", None)
        if counter is None or counter[0] is not self.vectorizer_:
            counter = self._masked_counter = (self.vectorizer_, NgramCounter(self.vectorizer_.vocabulary_, self.vectorizer_.ngram_range))
        return _tfidf_rows(counter[1].count_matrix(self._view(texts)), self.vectorizer_.idf_)

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        return self.decision_from_matrix(self.transform(texts))

    def decision_from_matrix(self, matrix) -> np.ndarray:
        return np.asarray(matrix @ self.coef_, dtype=np.float64).ravel() + self.intercept_

    def top_terms(self, text: str, k: int = 4, direction: float = 1.0,
                  skip: frozenset[str] = frozenset()) -> list[str]:
        """The article's ``k`` terms that pushed its score most in ``direction`` (+1: towards class 1).

        Terms made only of words in ``skip`` (the language's function words: 'the', 'de') are passed
        over: they carry weight in the model but tell a reader nothing.
        """
        return self.top_terms_of_row(self.transform([text]), k, direction, skip)

    def top_terms_of_row(self, row, k: int = 4, direction: float = 1.0,
                         skip: frozenset[str] = frozenset()) -> list[str]:
        """:meth:`top_terms` for one already-vectorised row (a 1 × vocabulary sparse matrix)."""
        row = row.tocsr()
        weights = row.data * self.coef_[row.indices] * direction
        out: list[str] = []
        for i in np.argsort(-weights):
            if weights[i] <= 0 or len(out) == k:
                break
            term = str(self.terms_[row.indices[i]])
            if self.view == "masked":
                if " " in term or not term.startswith("f_"):  # a lone function word tells a reader nothing
                    out.append(readable(term))
            elif not all(word in skip for word in term.split()):
                out.append(term)
        return out


def _tfidf_rows(counts, idf: np.ndarray):
    """``TfidfTransformer.transform`` of a count matrix with :func:`_vectorizer`'s settings (sublinear tf,
    idf, l2 norm), step by step as scikit-learn takes them, without its per-call validation."""
    np.log(counts.data, counts.data)
    counts.data += 1.0
    counts.data *= idf[counts.indices]
    return normalize(counts, norm="l2", copy=False)


def _vectorizer(*, min_df: int, max_features: int | None, vocabulary: dict[str, int] | None = None,
                view: str = "words") -> TfidfVectorizer:
    if view == "masked":  # masked tokens are space-separated and never need a pattern of their own
        return TfidfVectorizer(ngram_range=MASKED_NGRAMS, min_df=min_df, max_features=max_features,
                               vocabulary=vocabulary, sublinear_tf=True, lowercase=False, token_pattern=None,
                               tokenizer=str.split, dtype=np.float64)
    return TfidfVectorizer(ngram_range=(1, 2), min_df=min_df, max_features=max_features, vocabulary=vocabulary,
                           sublinear_tf=True, token_pattern=MIN_TERM_LENGTH_PATTERN, dtype=np.float64)


def language_balanced(weights: np.ndarray, y: np.ndarray, langs: Sequence[str]) -> np.ndarray:
    """Weights under which, within each language, both classes carry the same total.

    Without this, a language that is mostly one class in the training data (the Dutch texts here are
    mostly human news) teaches the wording model "Dutch words mean human". A language that has only one
    class gets weight 0: the wording model is not trained on it (its texts are still scored, and then
    mostly by the words it shares with other languages). When no language has both classes, the weights
    are returned unchanged.
    """
    w = np.asarray(weights, dtype=np.float64).copy()
    y = np.asarray(y).astype(int)
    langs = np.asarray([str(x) for x in langs])
    out = w.copy()
    balanced_any = False
    for lang in np.unique(langs):
        m = langs == lang
        totals = [w[m & (y == c)].sum() for c in (0, 1)]
        if min(totals) <= 0:
            out[m] = 0.0
            continue
        balanced_any = True
        target = sum(totals) / 2
        for c in (0, 1):
            out[m & (y == c)] *= target / totals[c]
    return out if balanced_any else w


def wording_column(
    texts: Sequence[str],
    y: np.ndarray,
    train: np.ndarray,
    folds: list[tuple[np.ndarray, np.ndarray]],
    sample_weight: np.ndarray | None = None,
    seed: int = 0,
    langs: Sequence[str] | None = None,
    view: str = "words",
) -> tuple[np.ndarray, WordingModel]:
    """The stacked feature for every row, and the wording model fitted on all ``train`` rows.

    ``folds`` index the training rows (``np.flatnonzero(train)``): each training row gets the score of a
    classifier fitted on the other folds; every other row gets the score of the one fitted on all of them.
    The vocabulary and IDF weights (no labels) are learned once from all training rows, never from others.
    With ``langs``, classes are balanced within each language (:func:`language_balanced`).
    """
    texts = np.asarray(list(texts), dtype=object)
    y = np.asarray(y).astype(int)
    idx = np.flatnonzero(train)
    column = np.zeros(len(texts))
    weights = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)[idx]
    if langs is not None:
        base = np.ones(len(idx)) if weights is None else weights
        weights = language_balanced(base, y[idx], np.asarray(list(langs), dtype=object)[idx])
    model = WordingModel(seed=seed, view=view)
    matrix = model.fit_vocabulary(texts[idx].tolist())
    for fold_train, fold_test in folds:
        clf = model.new_classifier().fit(matrix[fold_train], y[idx][fold_train],
                                         sample_weight=None if weights is None else weights[fold_train])
        column[idx[fold_test]] = clf.decision_function(matrix[fold_test])
    model.fit_classifier(matrix, y[idx], weights)
    rest = np.flatnonzero(~np.asarray(train, dtype=bool))
    if rest.size:
        column[rest] = model.decision_function(texts[rest].tolist())
    return column, model
