"""Build ``credibility/data/reference_distributions.json``: signal quantiles in human news vs machine text.

The Analyze page of the dashboard draws one article's signals against these distributions. Run it again
whenever the signal extractors change:

    python scripts/build_reference_distributions.py [--per-source 200] [--shared ../shared/data]

Reads the public corpora from ``../shared/data`` (never copied into the repository); writes only
quantiles, counts and provenance. Sampling is seeded, so reruns on the same data give the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from credibility.analysis import analyze_document
from credibility.document import build_document
from credibility.paths import shared_data_dir
from credibility.reference import REFERENCE_PATH

QUANTILES = {"q05": 0.05, "q25": 0.25, "q50": 0.5, "q75": 0.75, "q95": 0.95}
MIN_WORDS = 60  # shorter texts have too noisy rates to describe a population
SEED = 20261123

# (language, group, corpus file, record filter): human news is professionally published news written
# before LLMs; machine text is generated or rewritten news.
SOURCES: list[tuple[str, str, str, dict[str, str]]] = [
    ("en", "human_news", "ai_text/clin33_en_news.jsonl", {"label": "human"}),
    ("en", "human_news", "ai_text/l2r_news.jsonl", {"label": "human"}),
    ("en", "human_news", "credibility/articles.jsonl", {"label": "credible"}),
    ("en", "machine_text", "ai_text/clin33_en_news.jsonl", {"label": "machine"}),
    ("en", "machine_text", "ai_text/l2r_news.jsonl", {"label": "machine"}),
    ("en", "machine_text", "ai_text/fastdetect_xsum_gpt-3.5-turbo.jsonl", {"label": "machine"}),
    ("en", "machine_text", "ai_text/fastdetect_xsum_davinci.jsonl", {"label": "machine"}),
    ("nl", "human_news", "ai_text/clin33_nl_news.jsonl", {"label": "human"}),
    ("nl", "human_news", "news_nl/dpgmedia2019.jsonl", {"label": "human"}),
    ("nl", "machine_text", "ai_text/clin33_nl_news.jsonl", {"label": "machine"}),
]


def read_records(path: Path, wanted: dict[str, str]) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if all(record.get(k) == v for k, v in wanted.items()) and record.get("text"):
                yield record


def sample(path: Path, wanted: dict[str, str], limit: int, seen: set[str]) -> list[str]:
    """Up to ``limit`` distinct texts, seeded; duplicates across files (same article) are skipped."""
    texts = []
    for record in read_records(path, wanted):
        digest = hashlib.sha1(record["text"].strip().encode()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            texts.append(record["text"])
    random.Random(SEED).shuffle(texts)
    return texts[:limit]


def features_of(text: str, lang: str) -> dict[str, float] | None:
    doc = build_document(text, lang=lang)
    if doc.word_count < MIN_WORDS:
        return None
    return analyze_document(doc).features  # signals only, with the qualified names the Report uses


def summarise(rows: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    names = sorted({name for row in rows for name in row})
    out = {}
    for name in names:
        values = np.asarray([row.get(name, 0.0) for row in rows], dtype=float)
        out[name] = {k: round(float(np.quantile(values, q)), 6) for k, q in QUANTILES.items()}
        out[name]["mean"] = round(float(values.mean()), 6)
    return out


def build(shared: Path, per_source: int) -> dict:
    groups: dict[tuple[str, str], list[dict[str, float]]] = {}
    provenance = []
    seen: set[str] = set()
    for lang, group, rel, wanted in SOURCES:
        path = shared / rel
        if not path.is_file():
            print(f"skip {rel}: not found", file=sys.stderr)
            continue
        started = time.perf_counter()
        rows = [f for f in (features_of(t, lang) for t in sample(path, wanted, per_source, seen)) if f]
        groups.setdefault((lang, group), []).extend(rows)
        provenance.append({"lang": lang, "group": group, "file": rel, "filter": wanted, "articles": len(rows)})
        print(f"{lang} {group:12s} {rel}: {len(rows)} articles in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    languages: dict[str, dict] = {}
    for (lang, group), rows in groups.items():
        if rows:
            languages.setdefault(lang, {})[group] = {"n": len(rows), "features": summarise(rows)}
    return {
        "description": "Quantiles of every signal feature in human-written news and in machine-generated "
        "or machine-rewritten news, per language; built by scripts/build_reference_distributions.py.",
        "quantiles": list(QUANTILES),
        "min_words": MIN_WORDS,
        "per_source_limit": per_source,
        "seed": SEED,
        "sources": provenance,
        "languages": languages,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=shared_data_dir(), help="the shared corpora folder")
    parser.add_argument("--per-source", type=int, default=200, help="articles sampled per corpus file and label")
    parser.add_argument("--out", type=Path, default=REFERENCE_PATH)
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        parser.error(f"{args.shared} not found (the shared corpora belong beside the project root)")
    result = build(args.shared, args.per_source)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
