"""Align claim units across sources: which sentence of source B says the same thing as one of source A.

Similarity is the cosine of TF-IDF vectors over English-pivot content words plus anchor tokens
(figures, dates, names, quotes; weighted double because they survive translation). IDF is fitted on the
sentences of the story itself, so words every source repeats ("contract", the company name) count less
than the words that pin down one claim. Each unit is linked to its best match in every other source
when that match is similar enough; linked units form one claim. Deterministic and fast: one sparse
matrix product per story.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .units import ClaimUnit

# A link needs this similarity; calibrated on the story sets in data/stories (see README there).
LINK_THRESHOLD = 0.28
ANCHOR_WEIGHT = 2


@dataclass(frozen=True, slots=True)
class Link:
    """Unit ``a`` (index into the unit list) and unit ``b`` of another source say the same thing."""

    a: int
    b: int
    similarity: float


def unit_features(unit: ClaimUnit) -> list[str]:
    features = list(unit.tokens)
    for anchor in unit.anchors:
        if anchor.kind == "quote":
            features += [f"q:{w}" for w in anchor.value.split()]
        else:
            features += [f"@{anchor.key}"] * ANCHOR_WEIGHT
            if anchor.kind in ("money", "percent", "count", "year", "date"):
                features.append(f"@{anchor.kind}")  # two figures of the same kind still help
    return features


def similarity_matrix(units: list[ClaimUnit]) -> np.ndarray:
    """Cosine similarity between every pair of units (dense; stories have at most a few hundred)."""
    if not units:
        return np.zeros((0, 0))
    vectorizer = TfidfVectorizer(analyzer=lambda feats: feats, sublinear_tf=True, norm="l2")
    docs = [unit_features(u) or ["<empty>"] for u in units]
    matrix = vectorizer.fit_transform(docs)
    return (matrix @ matrix.T).toarray()


def align(units: list[ClaimUnit], threshold: float = LINK_THRESHOLD) -> tuple[list[Link], np.ndarray]:
    """Links between units of different sources: each unit to its best match in each other source."""
    sim = similarity_matrix(units)
    sources = sorted({u.source for u in units})
    by_source = {s: np.array([i for i, u in enumerate(units) if u.source == s]) for s in sources}
    found: dict[tuple[int, int], float] = {}
    for i, unit in enumerate(units):
        for other in sources:
            if other == unit.source or not len(by_source[other]):
                continue
            candidates = by_source[other]
            scores = sim[i, candidates]
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                j = int(candidates[best])
                key = (min(i, j), max(i, j))
                found[key] = float(scores[best])
    links = [Link(a, b, round(s, 4)) for (a, b), s in sorted(found.items())]
    return links, sim


def clusters(n: int, links: list[Link]) -> list[list[int]]:
    """Connected groups of linked units (union-find), each sorted, in order of first unit."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        ra, rb = find(link.a), find(link.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])
