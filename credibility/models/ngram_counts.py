"""N-gram counts of whitespace-tokenised texts over a fixed vocabulary, with NumPy (issue #19).

The masked wording model (``lexical.py``, ``view="masked"``) reads texts of a few hundred distinct tokens
("f_the Xcap Xw P2e") through scikit-learn's ``CountVectorizer``, which joins every 1- to 3-gram into a
string and looks it up, one Python step per gram: ~1 ms per article. Here each token becomes a small
integer, each n-gram one integer (its tokens' digits in base ``len(tokens) + 1``), and the known n-grams
are found with one ``searchsorted`` per n. The count matrix is the one ``CountVectorizer.transform``
returns (same columns, counts, sorted indices, float64), so the TF-IDF rows built from it are identical.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain, repeat

import numpy as np
from scipy import sparse

_MAX_CODE = 2**62  # n-gram codes stay exact int64


class NgramCounter:
    """Counts the n-grams (``ngram_range``, tokens split on whitespace) of ``vocabulary`` in texts."""

    def __init__(self, vocabulary: Mapping[str, int], ngram_range: tuple[int, int]) -> None:
        self.min_n, self.max_n = ngram_range
        self.width = len(vocabulary)
        terms = [term.split(" ") for term in vocabulary]
        tokens = sorted(set(chain.from_iterable(terms)))
        self.token_ids = dict(zip(tokens, range(1, len(tokens) + 1), strict=True))  # 0: a token no term holds
        self.base = len(tokens) + 1
        if self.base**self.max_n >= _MAX_CODE:
            raise ValueError("vocabulary too large for integer n-gram codes")
        lengths = np.fromiter(map(len, terms), dtype=np.intp, count=len(terms))
        ids = np.fromiter(map(self.token_ids.__getitem__, chain.from_iterable(terms)), dtype=np.int64)
        firsts = np.cumsum(lengths) - lengths
        columns = np.fromiter(vocabulary.values(), dtype=np.intp, count=len(terms))
        self.known: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # n → (sorted codes, their columns)
        for n in np.unique(lengths).tolist():
            chosen = np.flatnonzero(lengths == n)
            codes = np.zeros(len(chosen), dtype=np.int64)
            for k in range(n):
                codes = codes * self.base + ids[firsts[chosen] + k]
            order = np.argsort(codes)
            self.known[n] = (codes[order], columns[chosen][order])

    def count_matrix(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """texts × vocabulary counts (float64, sorted indices), as ``CountVectorizer.transform`` gives.

        All texts are read as one token sequence with a 0 (unknown) between two texts, so that no n-gram
        spans two of them; each occurrence's row is found from where the texts start.
        """
        get = self.token_ids.get
        ids_per_text = [np.fromiter(map(get, text.split(), repeat(0)), dtype=np.int64) for text in texts]
        starts = np.cumsum([0] + [len(ids) + 1 for ids in ids_per_text])  # each text's first position
        ids = np.concatenate([np.append(ids, 0) for ids in ids_per_text]) if texts else np.zeros(0, np.int64)
        keys = []
        for n in range(self.min_n, self.max_n + 1):
            count = len(ids) - n + 1
            if n not in self.known or count <= 0:
                continue
            codes = ids[:count].copy()
            valid = codes > 0
            for k in range(1, n):
                part = ids[k : k + count]
                codes = codes * self.base + part
                valid &= part > 0
            positions = np.flatnonzero(valid)
            codes = codes[positions]
            known_codes, known_columns = self.known[n]
            at = np.minimum(np.searchsorted(known_codes, codes), len(known_codes) - 1)
            hit = known_codes[at] == codes
            rows = np.searchsorted(starts, positions[hit], side="right") - 1
            keys.append(rows * self.width + known_columns[at[hit]])
        found, counts = np.unique(np.concatenate(keys) if keys else np.zeros(0, np.int64), return_counts=True)
        rows, columns = np.divmod(found, self.width)
        indptr = np.searchsorted(rows, np.arange(len(texts) + 1), side="left")
        return sparse.csr_matrix(
            (counts.astype(np.float64), columns.astype(np.int32), indptr.astype(np.int32)),
            shape=(len(texts), self.width),
        )
