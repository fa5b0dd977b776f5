"""Align claim units across sources: which sentence of source B says the same thing as one of source A.

Similarity is the cosine of TF-IDF vectors over English-pivot content words plus anchor tokens
(figures, dates, names, quotes; weighted double because they survive translation). IDF is fitted on the
sentences of the story itself, so words every source repeats ("contract", the company name) count less
than the words that pin down one claim. Each unit is linked to its best match in every other source
when that match is similar enough; linked units form one claim. Deterministic and fast: one sparse
matrix product per story.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .units import ClaimUnit

# A link needs this similarity; calibrated on the story sets in data/stories (see README there).
LINK_THRESHOLD = 0.28
# ... or, when figures, days or names differ (exactly the rewrites worth catching), this similarity of
# the content words alone.
CONTENT_THRESHOLD = 0.5
ANCHOR_WEIGHT = 2
COGNATE_PREFIX = 5


@dataclass(frozen=True, slots=True)
class Link:
    """Unit ``a`` (index into the unit list) and unit ``b`` of another source say the same thing."""

    a: int
    b: int
    similarity: float
    positional: bool = False  # filled in from sentence order between a translation and its original
    mutual: bool = True  # each is the other's best match in its source (contradictions need this)


def cognate_key(token: str) -> str | None:
    """A spelling key shared by many English/Dutch cognates the glossary lacks ("patiënten"/"patients",
    "stabiel"/"stable"): accents dropped, the first letters only."""
    plain = unicodedata.normalize("NFKD", token)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).replace("k", "c")
    return f"~{plain[:COGNATE_PREFIX]}" if len(plain) >= COGNATE_PREFIX else None


def unit_features(unit: ClaimUnit) -> list[str]:
    features = list(unit.tokens)
    features += [key for key in map(cognate_key, unit.tokens) if key]
    for anchor in unit.anchors:
        if anchor.kind == "count" and anchor.value == "0":
            continue  # "no"/"geen" as a zero count: compared, but a weak tie between sentences
        if anchor.kind == "quote":
            features += [f"q:{w}" for w in anchor.value.split()]
        else:
            features += [f"@{anchor.key}"] * ANCHOR_WEIGHT
            if anchor.kind in ("money", "percent", "count", "year", "date", "ordinal", "month"):
                features.append(f"@{anchor.kind}")  # two figures of the same kind still help
    return features


def similarity_matrix(units: list[ClaimUnit], content_only: bool = False) -> np.ndarray:
    """Cosine similarity between every pair of units (dense; stories have at most a few hundred)."""
    if not units:
        return np.zeros((0, 0))
    vectorizer = TfidfVectorizer(analyzer=lambda feats: feats, sublinear_tf=True, norm="l2")
    docs = [(list(u.tokens) if content_only else unit_features(u)) or ["<empty>"] for u in units]
    matrix = vectorizer.fit_transform(docs)
    return (matrix @ matrix.T).toarray()


def align(units: list[ClaimUnit], threshold: float = LINK_THRESHOLD) -> tuple[list[Link], np.ndarray]:
    """Links between units of different sources: each unit to its best match in each other source.

    The score is the larger of the full similarity and the content-word similarity scaled so that
    ``CONTENT_THRESHOLD`` meets ``threshold``: a sentence reworded around other figures still aligns.
    """
    sim = np.maximum(similarity_matrix(units), similarity_matrix(units, content_only=True) * (threshold / CONTENT_THRESHOLD))
    sources = sorted({u.source for u in units})
    by_source = {s: np.array([i for i, u in enumerate(units) if u.source == s]) for s in sources}
    found: dict[tuple[int, int], float] = {}
    directions: dict[tuple[int, int], int] = {}
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
                directions[key] = directions.get(key, 0) + 1
    links = [Link(a, b, round(s, 4), mutual=directions[(a, b)] == 2) for (a, b), s in sorted(found.items())]
    links += _fill_translation_gaps(units, links, sim)
    return sorted(links, key=lambda link: (link.a, link.b)), sim


# Two sources in different languages count as parallel (a translation) when this share of the shorter
# one's units is already linked to the other.
PARALLEL_SHARE = 0.5


def _fill_translation_gaps(units: list[ClaimUnit], links: list[Link], sim: np.ndarray) -> list[Link]:
    """Between parallel sources in different languages, link an unlinked sentence to the unlinked
    sentence that sits between the same two aligned neighbours (the glossary cannot know every word,
    but a translation keeps the order)."""
    extra: list[Link] = []
    by_source: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        by_source.setdefault(u.source, []).append(i)
    sources = sorted(by_source)
    pair_links = {(link.a, link.b) for link in links} | {(link.b, link.a) for link in links}
    for x in sources:
        for y in sources:
            if y <= x:
                continue
            ux, uy = by_source[x], by_source[y]
            if units[ux[0]].lang == units[uy[0]].lang:
                continue
            to_y = {i: j for i in ux for j in uy if (i, j) in pair_links}
            if len(to_y) < PARALLEL_SHARE * min(len(ux), len(uy)):
                continue
            pos_y = {j: k for k, j in enumerate(uy)}
            linked_y = set(to_y.values())
            for k, i in enumerate(ux):
                if i in to_y:
                    continue
                before = to_y.get(ux[k - 1]) if k > 0 else None
                after = to_y.get(ux[k + 1]) if k + 1 < len(ux) else None
                if before is not None:
                    target = pos_y[before] + 1
                elif after is not None:
                    target = pos_y[after] - 1
                else:
                    continue
                if after is not None and before is not None and pos_y[after] - pos_y[before] != 2:
                    continue
                if 0 <= target < len(uy) and uy[target] not in linked_y and (k == 0 or k + 1 == len(ux) or (
                        before is not None and after is not None)):
                    j = uy[target]
                    extra.append(Link(min(i, j), max(i, j), round(float(sim[i, j]), 4), positional=True))
                    linked_y.add(j)
                    to_y[i] = j
            extra += _fill_equal_runs(ux, uy, to_y, linked_y, sim)
    return extra


# Runs of unaligned sentences this long (or shorter), the same length on both sides between two aligned
# neighbours, are linked one to one in order.
MAX_RUN = 3


def _fill_equal_runs(ux: list[int], uy: list[int], to_y: dict[int, int], linked_y: set[int],
                     sim: np.ndarray) -> list[Link]:
    """Between two aligned sentence pairs of a translation, k unaligned sentences on each side (k <= MAX_RUN)
    are the same k sentences in the same order."""
    pos_y = {j: p for p, j in enumerate(uy)}
    anchors = sorted((k, pos_y[to_y[i]]) for k, i in enumerate(ux) if i in to_y)
    extra = []
    for (k1, p1), (k2, p2) in zip(anchors, anchors[1:], strict=False):
        run = k2 - k1 - 1
        if not 2 <= run <= MAX_RUN or p2 - p1 - 1 != run:
            continue
        xs, ys = ux[k1 + 1 : k2], uy[p1 + 1 : p2]
        if any(i in to_y for i in xs) or any(j in linked_y for j in ys):
            continue
        for i, j in zip(xs, ys, strict=True):
            extra.append(Link(min(i, j), max(i, j), round(float(sim[i, j]), 4), positional=True))
            linked_y.add(j)
            to_y[i] = j
    return extra


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
