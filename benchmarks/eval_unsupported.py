"""Score unsupported claims, checkable claims and attribution against our own annotations (issue #14).

The annotations (``data/annotations/{tuning,reporting}.jsonl``, guideline in ``data/annotations/README.md``)
label every sentence of 60 articles from ``../shared/data`` (20 English, 40 Dutch) as claim or not (with its
kind), attributed or not (with the source span) and unsupported or not. Each article's corpus text is loaded
from :func:`credibility.paths.shared_data_dir` and checked against the stored sha256.

Predictions, mapped to the annotated sentences by character overlap:
- unsupported: spans of kind ``unsupported_claim`` from :func:`credibility.signals.extract_all`;
- checkable claims: :func:`credibility.signals.claims.checkable_claims` (with their types);
- attributed sentences: :func:`credibility.signals.attribution.attributed_sentence_indices`;
- source spans: ``named_source`` / ``vague_source`` spans of the attribution signal (recall of gold sources).

Printed per half and language: unsupported-claim precision / recall / F1; checkable-claim precision and
recall overall, recall per annotated kind and precision per predicted type; attributed-sentence precision /
recall; source-span recall; with counts (and 95% Wilson intervals for the unsupported-claim figures). The reporting half is the one to report and must never be tuned on,
so ``--errors`` (which lists the sentences the detector gets wrong) works on the tuning half only.

Run: ``python benchmarks/eval_unsupported.py [--half tuning|reporting|both] [--batch 1|2|all] [--errors N]``.
``--batch 1`` scores the original 40 articles only (comparable with earlier rounds), ``--batch 2`` the 20 Dutch
articles added later (strata ending in ``-b2``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from credibility.document import build_document
from credibility.paths import shared_data_dir
from credibility.signals import extract_all
from credibility.signals.attribution import attributed_sentence_indices
from credibility.signals.claims import checkable_claims

ANNOTATIONS_DIR = Path(__file__).resolve().parent.parent / "data" / "annotations"
HALVES = ("tuning", "reporting")
LANGS = ("en", "nl")
SOURCE_SPAN_KINDS = ("named_source", "vague_source")
BATCH2_SUFFIX = "-b2"  # strata of the second selection batch (select_articles.BATCH2_STRATA)
BATCHES = ("1", "2", "all")


class AnnotationError(RuntimeError):
    """An annotation file does not match the corpus it points at."""


def load_annotations(half: str, batch: str = "all") -> list[dict]:
    """Articles of one half; ``batch`` "1" or "2" keeps one selection batch only."""
    with open(ANNOTATIONS_DIR / f"{half}.jsonl", encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh if line.strip()]
    if batch == "all":
        return articles
    if batch not in BATCHES:
        raise ValueError(f"batch must be one of {BATCHES}, not {batch!r}")
    return [a for a in articles if a["stratum"].endswith(BATCH2_SUFFIX) == (batch == "2")]


def load_texts(articles: list[dict], data_dir: Path | None = None) -> dict[tuple[str, str], str]:
    """Corpus text of each annotated article, keyed by (corpus, id); sha256 and prefixes verified."""
    data_dir = data_dir or shared_data_dir()
    wanted: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        wanted[a["corpus"]].add(a["id"])
    texts: dict[tuple[str, str], str] = {}
    for corpus, ids in wanted.items():
        with open(data_dir / corpus, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row.get("id") in ids:
                    texts[(corpus, row["id"])] = row["text"]
    for a in articles:
        key = (a["corpus"], a["id"])
        if key not in texts:
            raise AnnotationError(f"{a['corpus']} has no article {a['id']}")
        text = texts[key]
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != a["text_sha256"]:
            raise AnnotationError(f"{a['id']}: the corpus text changed (sha256 differs)")
        for s in a["sentences"]:
            if not text.startswith(s["prefix"], s["start"]):
                raise AnnotationError(f"{a['id']}: sentence at {s['start']} no longer starts {s['prefix']!r}")
    return texts


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


@dataclass
class Counts:
    """Sentence-level confusion counts of one binary label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: bool, pred: bool) -> None:
        self.tp += gold and pred
        self.fp += pred and not gold
        self.fn += gold and not pred

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)


@dataclass
class Result:
    articles: int = 0
    sentences: int = 0
    unsupported: Counts = field(default_factory=Counts)
    claims: Counts = field(default_factory=Counts)
    attributed: Counts = field(default_factory=Counts)
    claim_recall_by_kind: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    claim_precision_by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    sources_found: int = 0
    sources_gold: int = 0
    errors: list[dict] = field(default_factory=list)


def evaluate(half: str, data_dir: Path | None = None, batch: str = "all") -> dict[str, Result]:
    """Score the pipeline on one half of the annotations; one :class:`Result` per language."""
    articles = load_annotations(half, batch)
    texts = load_texts(articles, data_dir)
    results = {lang: Result() for lang in LANGS}
    for a in articles:
        res = results[a["lang"]]
        text = texts[(a["corpus"], a["id"])]
        doc = build_document(text, lang=a["lang"])
        if doc.text != text:
            raise AnnotationError(f"{a['id']}: normalize_text changed the text, offsets would not match")
        signals = extract_all(doc)
        unsup = [(sp.start, sp.end) for sig in signals for sp in sig.spans if sp.kind == "unsupported_claim"]
        sources = [(sp.start, sp.end) for sig in signals if sig.name == "attribution"
                   for sp in sig.spans if sp.kind in SOURCE_SPAN_KINDS]
        claims = checkable_claims(doc)
        attributed = [(doc.sentences[i].start, doc.sentences[i].end) for i in attributed_sentence_indices(doc)]
        res.articles += 1
        for s in a["sentences"]:
            res.sentences += 1
            start, end = s["start"], s["end"]
            p_unsup = _overlaps(unsup, start, end)
            hit_claims = [c for c in claims if c.start < end and start < c.end]
            p_claim = bool(hit_claims)
            p_types = {t for c in hit_claims for t in c.types}
            p_attr = _overlaps(attributed, start, end)
            res.unsupported.add(s["unsupported"], p_unsup)
            res.claims.add(s["claim"], p_claim)
            res.attributed.add(s["attributed"], p_attr)
            if s["claim"]:
                res.claim_recall_by_kind[s["kind"]].add(True, p_claim)
            for t in p_types:
                res.claim_precision_by_type[t].add(s["claim"], True)
            if s["source"]:
                res.sources_gold += 1
                res.sources_found += _overlaps(sources, *s["source"])
            if (s["unsupported"], s["claim"], s["attributed"]) != (p_unsup, p_claim, p_attr):
                res.errors.append({
                    "id": a["id"], "lang": a["lang"], "text": text[start:end], "gold": _gold_code(s),
                    "pred": {"unsupported": p_unsup, "claim": p_claim, "types": sorted(p_types),
                             "attributed": p_attr},
                })
    return results


def _gold_code(s: dict) -> str:
    code = ("u" if s["unsupported"] else "k" if s["common_knowledge"] else "a") if s["claim"] else (
        "-a" if s["attributed"] else "-")
    return f"{code}:{s['kind'] or s['note'] or ''}"


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """95% Wilson score interval of a proportion k/n (the counts here are small)."""
    if n == 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _interval(k: int, n: int) -> str:
    ci = wilson(k, n)
    return "" if ci is None else f"[{ci[0]:.2f}-{ci[1]:.2f}]"


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def _prf(c: Counts) -> str:
    return (f"P {_fmt(c.precision)}  R {_fmt(c.recall)}  F1 {_fmt(c.f1)}  "
            f"(tp {c.tp}, fp {c.fp}, fn {c.fn})")


def report(half: str, results: dict[str, Result]) -> str:
    lines = [f"## {half} half"]
    for lang, r in results.items():
        gold_u = r.unsupported.tp + r.unsupported.fn
        gold_c = r.claims.tp + r.claims.fn
        gold_a = r.attributed.tp + r.attributed.fn
        lines += [
            f"### {lang}: {r.articles} articles, {r.sentences} sentences "
            f"(gold: {gold_c} claims, {gold_a} attributed, {gold_u} unsupported)",
            f"unsupported claims     {_prf(r.unsupported)}",
            f"  95% intervals        P {_interval(r.unsupported.tp, r.unsupported.tp + r.unsupported.fp)}"
            f"  R {_interval(r.unsupported.tp, gold_u)}",
            f"checkable claims       {_prf(r.claims)}",
            f"attributed sentences   {_prf(r.attributed)}",
            f"source spans found     {r.sources_found}/{r.sources_gold}"
            + (f" = {r.sources_found / r.sources_gold:.3f}" if r.sources_gold else ""),
            "claim recall by annotated kind:   " + ", ".join(
                f"{k} {_fmt(c.recall)} ({c.tp}/{c.tp + c.fn})" for k, c in sorted(r.claim_recall_by_kind.items())),
            "claim precision by predicted type: " + ", ".join(
                f"{t} {_fmt(c.precision)} ({c.tp}/{c.tp + c.fp})"
                for t, c in sorted(r.claim_precision_by_type.items())),
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", choices=(*HALVES, "both"), default="reporting")
    ap.add_argument("--batch", choices=BATCHES, default="all",
                    help="1 = the original 40 articles, 2 = the 20 Dutch articles added later, all = both")
    ap.add_argument("--errors", type=int, default=0, help="list up to N wrong sentences (tuning half only)")
    args = ap.parse_args()
    if args.errors and args.half != "tuning":
        ap.error("--errors lists sentences of the half it scores; use it with --half tuning only "
                 "(the reporting half is never tuned on)")
    for half in HALVES if args.half == "both" else (args.half,):
        results = evaluate(half, batch=args.batch)
        print(report(half if args.batch == "all" else f"{half} (batch {args.batch})", results))
        if args.errors:
            kinds = Counter()
            for r in results.values():
                for e in r.errors:
                    kinds[(e["gold"].split(":")[0], e["pred"]["unsupported"], e["pred"]["claim"],
                           e["pred"]["attributed"])] += 1
            print("error patterns (gold code, pred unsupported, pred claim, pred attributed):")
            for k, n in kinds.most_common():
                print(f"  {n:3d}  {k}")
            print()
            for r in results.values():
                for e in r.errors[: args.errors]:
                    print(f"[{e['lang']} {e['id']}] gold {e['gold']}  pred {e['pred']}\n    {e['text'][:200]!r}")


if __name__ == "__main__":
    main()
