"""Ghostbuster-style likelihood features without a neural LM (#20, lever B): per-token log-probabilities
under small smoothed word models trained on HUMAN text only.

Two token views, each an interpolated Witten-Bell trigram model with an add-one unigram floor:

- ``word``: lower-cased words and punctuation marks (what was said, how predictably);
- ``masked``: the masked-text tokens of credibility.models.masked_text (function words, word shapes,
  punctuation): how predictably a sentence is *built*, with topics gone.

Machine text is, by design of its decoder, more predictable than human text under the generator's own
model; the question is whether a tiny count model of human news sees any of that. The counts are plain
sorted int64 arrays (keys) with counts, so a model ships as an .npz without pickle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from credibility.models.masked_text import function_words, masked_text

WORD = re.compile(r"\w+|[^\w\s]")
BOS = 1  # id 0 is <unk>, 1 the sentence/document start
MIN_COUNT = 2  # a word seen once in training is <unk> (keeps the vocabulary and the file small)
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)


def word_tokens(text: str) -> list[str]:
    return WORD.findall(text.lower())


def masked_tokens(text: str) -> list[str]:
    return masked_text(text).split()


VIEWS = {"word": word_tokens, "masked": masked_tokens}


def _lookup(keys: np.ndarray, values: np.ndarray, query: np.ndarray) -> np.ndarray:
    """values[keys == query] for each query (0 when absent); keys sorted."""
    if not len(keys):
        return np.zeros(len(query), dtype=values.dtype)
    pos = np.searchsorted(keys, query)
    pos = np.minimum(pos, len(keys) - 1)
    found = keys[pos] == query
    return np.where(found, values[pos], 0)


@dataclass
class TrigramModel:
    vocab: dict[str, int]
    unigram: np.ndarray  # count per id
    bigram_keys: np.ndarray  # u*V+w sorted
    bigram_counts: np.ndarray
    hist1_count: np.ndarray  # per id: tokens following it (as bigram history)
    hist1_types: np.ndarray  # per id: distinct followers
    trigram_keys: np.ndarray  # (u*V+v)*V+w sorted
    trigram_counts: np.ndarray
    hist2_keys: np.ndarray  # u*V+v sorted
    hist2_count: np.ndarray
    hist2_types: np.ndarray

    @property
    def size(self) -> int:
        return len(self.unigram)

    @classmethod
    def fit(cls, token_lists: Sequence[list[str]]) -> TrigramModel:
        from collections import Counter

        freq = Counter(t for toks in token_lists for t in toks)
        vocab = {"<unk>": 0, "<s>": BOS}
        for tok, c in freq.items():
            if c >= MIN_COUNT:
                vocab[tok] = len(vocab)
        size = len(vocab)
        ids = [cls._ids(vocab, toks) for toks in token_lists]
        seq = np.concatenate(ids) if ids else np.zeros(0, np.int64)
        # every document starts with two <s>: trigrams never span documents
        prev1 = np.concatenate([np.r_[BOS, x[:-1]] for x in ids]) if ids else seq
        prev2 = np.concatenate([np.r_[BOS, BOS, x[:-2]][: len(x)] for x in ids]) if ids else seq
        unigram = np.bincount(seq, minlength=size).astype(np.int64)
        bk, bc = np.unique(prev1 * size + seq, return_counts=True)
        hist1_count = np.bincount(bk // size, weights=bc, minlength=size).astype(np.int64)
        hist1_types = np.bincount(bk // size, minlength=size).astype(np.int64)
        tk, tc = np.unique((prev2 * size + prev1) * size + seq, return_counts=True)
        hk, inv = np.unique(tk // size, return_inverse=True)
        hist2_count = np.bincount(inv, weights=tc).astype(np.int64)
        hist2_types = np.bincount(inv).astype(np.int64)
        return cls(vocab, unigram, bk, bc.astype(np.int64), hist1_count, hist1_types, tk, tc.astype(np.int64),
                   hk, hist2_count, hist2_types)

    @staticmethod
    def _ids(vocab: dict[str, int], toks: list[str]) -> np.ndarray:
        return np.fromiter((vocab.get(t, 0) for t in toks), dtype=np.int64, count=len(toks))

    def log_probs(self, toks: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per-token natural log-probabilities: (trigram, unigram, trigram-seen flag)."""
        x = self._ids(self.vocab, toks)
        size = self.size
        p1 = (self.unigram[x] + 1.0) / (self.unigram.sum() + size)
        v = np.r_[BOS, x[:-1]][: len(x)]
        u = np.r_[BOS, BOS, x[:-2]][: len(x)]
        c2 = _lookup(self.bigram_keys, self.bigram_counts, v * size + x)
        h1, t1 = self.hist1_count[v], self.hist1_types[v]
        p2 = np.where(h1 > 0, (c2 + t1 * p1) / np.maximum(h1 + t1, 1), p1)
        hist = u * size + v
        h2 = _lookup(self.hist2_keys, self.hist2_count, hist)
        t2 = _lookup(self.hist2_keys, self.hist2_types, hist)
        c3 = _lookup(self.trigram_keys, self.trigram_counts, hist * size + x)
        p3 = np.where(h2 > 0, (c3 + t2 * p2) / np.maximum(h2 + t2, 1), p2)
        return np.log(p3), np.log(p1), c3 > 0


def view_features(model: TrigramModel, toks: list[str], prefix: str, fw: frozenset[str] | None) -> dict[str, float]:
    out: dict[str, float] = {}
    if len(toks) < 3:
        lp3 = lp1 = np.zeros(1)
        seen = np.zeros(1, bool)
    else:
        lp3, lp1, seen = model.log_probs(toks)
    out[f"{prefix}_lp_mean"] = float(lp3.mean())
    out[f"{prefix}_lp_std"] = float(lp3.std())
    for q, val in zip(QUANTILES, np.quantile(lp3, QUANTILES), strict=True):
        out[f"{prefix}_lp_q{int(q * 100)}"] = float(val)
    out[f"{prefix}_uni_mean"] = float(lp1.mean())
    out[f"{prefix}_context_gain"] = float((lp3 - lp1).mean())
    out[f"{prefix}_trigram_seen"] = float(seen.mean())
    if fw is not None and len(toks) >= 3:
        is_fw = np.fromiter((t in fw for t in toks), dtype=bool, count=len(toks))
        is_word = np.fromiter((t[0].isalnum() for t in toks), dtype=bool, count=len(toks))
        content = is_word & ~is_fw
        out[f"{prefix}_lp_function"] = float(lp3[is_fw].mean()) if is_fw.any() else 0.0
        out[f"{prefix}_lp_content"] = float(lp3[content].mean()) if content.any() else 0.0
    elif fw is not None:
        out[f"{prefix}_lp_function"] = out[f"{prefix}_lp_content"] = 0.0
    return out


class LikelihoodFeatures:
    """Both views' trigram models for one language."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.models = {name: TrigramModel.fit([fn(t) for t in texts]) for name, fn in VIEWS.items()}

    def features(self, text: str) -> dict[str, float]:
        fw = function_words()
        out: dict[str, float] = {}
        for name, fn in VIEWS.items():
            out |= view_features(self.models[name], fn(text), f"ngram_{name}", fw if name == "word" else None)
        return out


def likelihood_matrix(texts: Sequence[str], langs: Sequence[str], human_train: np.ndarray,
                      fold_of: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Features for every row, cross-fitted: a row with ``fold_of >= 0`` (a training row) is scored by
    models trained on the human training rows of the *other* folds; every other row by models trained on
    all human training rows. So no row is ever scored by a model that read its own text."""
    texts = list(texts)
    langs = np.asarray(list(langs), dtype=object)
    fold_of = np.asarray(fold_of)
    rows: list[dict[str, float] | None] = [None] * len(texts)
    for lang in sorted(set(langs)):
        in_lang = langs == lang
        for k in [*sorted(set(fold_of[fold_of >= 0])), -1]:
            fit_rows = human_train & in_lang & (fold_of != k) if k >= 0 else human_train & in_lang
            score_rows = np.flatnonzero(in_lang & (fold_of == k)) if k >= 0 else np.flatnonzero(in_lang & (fold_of < 0))
            if not len(score_rows):
                continue
            lf = LikelihoodFeatures([texts[i] for i in np.flatnonzero(fit_rows)])
            for i in score_rows:
                rows[i] = lf.features(texts[i])
    names = list(rows[0])
    return np.array([[r[n] for n in names] for r in rows], dtype=np.float64), names
