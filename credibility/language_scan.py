"""py3langid's byte walk done by NumPy: the same feature counts, cheaper (issue #19).

py3langid finds its byte n-gram features with an automaton walked one byte at a time in Python
(``visit_counts``), each step a dependent look-up in a 40 MB table. Its automaton (Aho-Corasick) is in a
state that depends only on the last few bytes read, so the states after all bytes are found at once: walk
from the start state over the :data:`WINDOW` bytes ending at each position, one NumPy gather per byte of
the window. The result is then *checked* against the automaton's own rule (each state is the move from
the state before it on its byte), which makes it exact by induction; if any state disagrees (a model
with longer features than the window), py3langid's own walk answers. Features are counted in the order
of their first visit, as py3langid's ``Counter`` holds them, so scores are summed in the same order and
every confidence is bit-identical.
"""

from __future__ import annotations

import numpy as np
from py3langid.langid import LanguageIdentifier

# Bytes of text a state can depend on (py3langid 0.4's model: 6; a longer model fails the check, not the answer).
WINDOW = 8


class ScanningIdentifier(LanguageIdentifier):
    """py3langid's ``LanguageIdentifier`` with :func:`feature_visits` in place of its per-byte walk."""

    __slots__ = ("_tables",)

    def _raw_score(self, text: bytes) -> np.ndarray:
        tables = getattr(self, "_tables", None)
        if tables is None:
            try:
                tables = self._tables = automaton_tables(self)
            except (AttributeError, TypeError, ValueError):  # another py3langid's internals: walk as it does
                tables = self._tables = ()
        if not tables:
            return super()._raw_score(text)
        visits = feature_visits(*tables, text)
        if visits is None:  # no feature (py3langid's own fill value) or a walk that failed the check
            return super()._raw_score(text)
        features, counts = visits  # py3langid's _sparse_score, from arrays instead of a Counter
        return np.log1p(counts.astype(np.float32)) @ self.nb_ptc[features] + self.nb_pc


def automaton_tables(identifier: LanguageIdentifier) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(moves, pre-shifted row offsets, feature of each state or -1) as NumPy arrays (moves not copied)."""
    moves = identifier.tk_nextmove
    return (np.frombuffer(moves, dtype=np.dtype(f"u{moves.itemsize}")),
            np.asarray(identifier._rowbase, dtype=np.intp), np.asarray(identifier.tk_output, dtype=np.intp))


def feature_visits(
    moves: np.ndarray, rows: np.ndarray, outputs: np.ndarray, data: bytes
) -> tuple[np.ndarray, np.ndarray] | None:
    """(features, counts): the keys and values of py3langid's ``visit_counts`` in its order; None when
    ``data`` has no feature or the states fail the check (the caller then walks as py3langid does)."""
    codes = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
    n = len(codes)
    if not n:
        return None
    states = np.zeros(n, dtype=np.intp)
    for back in range(min(WINDOW, n) - 1, -1, -1):  # state t: the walk from the start over codes[t - back .. t]
        states[back:] = moves[rows[states[back:]] + codes[: n - back]]
    previous = np.concatenate(([0], states[:-1]))
    if not np.array_equal(moves[rows[previous] + codes], states):
        return None
    features = outputs[states]
    features = features[features >= 0]
    if not len(features):
        return None
    found, first, counts = np.unique(features, return_index=True, return_counts=True)
    order = np.argsort(first)
    return found[order], counts[order]
