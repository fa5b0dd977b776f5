"""Deterministic held-out split by group: the same article lands on the same side on every run."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np

SALT = "credibility-heldout-v1"
TEST_SHARE = 0.2


def is_test_group(groups: Iterable[str], share: float = TEST_SHARE, salt: str = SALT) -> np.ndarray:
    """True for rows whose group hashes into the held-out share (no randomness, no row-level leaks)."""
    out = []
    for g in groups:
        h = int(hashlib.sha256(f"{salt}:{g}".encode()).hexdigest()[:12], 16) / 16**12
        out.append(h < share)
    return np.asarray(out, dtype=bool)


def data_fingerprint(texts: Iterable[str], labels: Iterable) -> str:
    """sha256 over the sorted (text sha256, label) pairs: identifies the training data, order-free."""
    pairs = sorted(f"{hashlib.sha256(t.encode()).hexdigest()}\t{lab}" for t, lab in zip(texts, labels, strict=True))
    return hashlib.sha256("\n".join(pairs).encode()).hexdigest()
