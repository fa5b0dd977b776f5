"""Choose the annotated articles: a fixed seed, fixed strata, reproducible from ../shared/data.

Run: ``python data/annotations/select_articles.py`` prints one line per chosen article (corpus, id, half, words).
Rules: 150-350 words (``str.split``), text unchanged by ``credibility.document.normalize_text`` (so offsets
into the corpus text are offsets into the parsed document), at most one article per ``group`` and, for
DPG Media, at most two per publisher. Within each stratum the candidates are shuffled with
``random.Random(f"{SEED}:{stratum}")``; the chosen ones alternate reporting, tuning, reporting, ...

Batch 2 (``BATCH2_STRATA``, added for issue #14 because 10 Dutch articles per half gave very noisy figures):
20 more Dutch articles from the same corpora and rules, drawn with the seed ``"14b"`` from the candidates
batch 1 did not pick; the DPG Media cap of two per publisher counts both batches. Batch 1 is unchanged.
"""

from __future__ import annotations

import json
import random
import sys

from credibility.document import normalize_text
from credibility.paths import shared_data_dir

SEED = 14
MIN_WORDS, MAX_WORDS = 150, 350

# (stratum name, corpus file, lang, filter on the row, how many)
STRATA = [
    ("nl/dpg", "news_nl/dpgmedia2019.jsonl", "nl", lambda r: True, 12),
    ("nl/clin33-human", "ai_text/clin33_nl_news.jsonl", "nl", lambda r: r["label"] == "human", 4),
    ("nl/clin33-machine", "ai_text/clin33_nl_news.jsonl", "nl", lambda r: r["label"] == "machine", 4),
    ("en/clin33-human", "ai_text/clin33_en_news.jsonl", "en", lambda r: r["label"] == "human", 2),
    ("en/clin33-machine", "ai_text/clin33_en_news.jsonl", "en", lambda r: r["label"] == "machine", 2),
    ("en/cred-credible", "credibility/articles.jsonl", "en",
     lambda r: r["label"] == "credible" and r.get("lang", "en") == "en", 4),
    ("en/cred-not", "credibility/articles.jsonl", "en",
     lambda r: r["label"] == "not_credible" and r.get("lang", "en") == "en", 4),
    ("en/l2r-human", "ai_text/l2r_news.jsonl", "en", lambda r: r["label"] == "human", 2),
    ("en/l2r-machine", "ai_text/l2r_news.jsonl", "en", lambda r: r["label"] == "machine", 2),
    ("en/sheepdog-orig", "ai_text/sheepdog_politifact.jsonl", "en", lambda r: r.get("task") is None, 2),
    ("en/sheepdog-rewrite", "ai_text/sheepdog_politifact.jsonl", "en", lambda r: r.get("task") is not None, 2),
]


# Batch 2: Dutch only, same corpora and filters, another seed; skips batch 1's articles (and its groups).
BATCH2_SEED = "14b"
BATCH2_STRATA = [
    ("nl/dpg-b2", "news_nl/dpgmedia2019.jsonl", "nl", lambda r: True, 12),
    ("nl/clin33-human-b2", "ai_text/clin33_nl_news.jsonl", "nl", lambda r: r["label"] == "human", 4),
    ("nl/clin33-machine-b2", "ai_text/clin33_nl_news.jsonl", "nl", lambda r: r["label"] == "machine", 4),
]


def _rows(corpus: str):
    with open(shared_data_dir() / corpus, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _candidates(corpus: str, keep) -> list[dict]:
    return [
        r for r in _rows(corpus)
        if r.get("text") and keep(r) and MIN_WORDS <= len(r["text"].split()) <= MAX_WORDS
        and normalize_text(r["text"]) == r["text"]
    ]


def _select_batch(strata: list, seed, taken: set[str], blocked_groups: set[str],
                  publishers: dict[str, int]) -> list[dict]:
    """Pick each stratum's articles, skipping ids and groups of earlier batches; ``publishers`` is updated."""
    chosen: list[dict] = []
    for stratum, corpus, lang, keep, n in strata:
        cands = [r for r in _candidates(corpus, keep) if r["id"] not in taken]
        cands.sort(key=lambda r: r["id"])
        random.Random(f"{seed}:{stratum}").shuffle(cands)
        stratum_groups: set[str] = set()
        picked = 0
        for r in cands:
            if picked == n:
                break
            g = r.get("group")
            if g is not None and (g in stratum_groups or g in blocked_groups):
                continue
            pub = r.get("publisher")
            if pub is not None and publishers.get(pub, 0) >= 2:
                continue
            if g is not None:
                stratum_groups.add(g)
            if pub is not None:
                publishers[pub] = publishers.get(pub, 0) + 1
            half = "reporting" if picked % 2 == 0 else "tuning"
            chosen.append({"stratum": stratum, "corpus": corpus, "id": r["id"], "lang": lang, "half": half,
                           "words": len(r["text"].split())})
            picked += 1
        if picked < n:
            raise SystemExit(f"{stratum}: only {picked} candidates")
    return chosen


def select() -> list[dict]:
    """Batch 1 (40 articles, seed 14) then batch 2 (20 Dutch articles, seed "14b")."""
    publishers: dict[str, int] = {}
    first = _select_batch(STRATA, SEED, set(), set(), publishers)
    taken = {c["id"] for c in first}
    # batch 1 kept groups apart within a stratum only; batch 2 avoids every group batch 1 used
    corpora = {corpus for _, corpus, *_ in BATCH2_STRATA}
    used_groups = {r["group"] for corpus in corpora for r in _rows(corpus) if r["id"] in taken and r.get("group")}
    return first + _select_batch(BATCH2_STRATA, BATCH2_SEED, taken, used_groups, publishers)


if __name__ == "__main__":
    for c in select():
        json.dump(c, sys.stdout)
        sys.stdout.write("\n")
