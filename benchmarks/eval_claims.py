"""Evaluate the checkable-claim detector as a sentence classifier on public claim corpora.

A text is predicted positive when :func:`credibility.signals.claims.checkable_claims` finds at least one
checkable sentence in it. Gold labels: ClaimBuster ``checkworthy`` (US debate sentences) and CheckThat!
2022 task 1B ``claim`` (verifiable factual claims in English and Dutch tweets). The detector is a
rule-based cue finder, not trained on these sets, so every row is held out. Prints one table row per
corpus plus the precision and recall of each claim type taken alone.

Usage: ``python benchmarks/eval_claims.py [--limit N]`` (corpora are read from ``../shared/data/claims``).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from credibility.document import build_document
from credibility.signals.claims import CLAIM_TYPES, checkable_claims

SHARED_CLAIMS = Path(__file__).resolve().parents[2] / "shared" / "data" / "claims"

# (file name, language, positive label)
CORPORA: tuple[tuple[str, str, str], ...] = (
    ("claimbuster_train.jsonl", "en", "checkworthy"),
    ("checkthat22_en_1b_claim.jsonl", "en", "claim"),
    ("checkthat22_nl_1b_claim.jsonl", "nl", "claim"),
)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, gold: bool) -> None:
        if predicted and gold:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_rows(path: Path, limit: int | None) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)


def evaluate(path: Path, lang: str, positive: str, limit: int | None) -> tuple[Counts, dict[str, Counts], float, int]:
    """Overall counts, per-type counts, milliseconds per text and number of texts."""
    overall = Counts()
    by_type = {t: Counts() for t in CLAIM_TYPES}
    started = time.perf_counter()
    n = 0
    for row in read_rows(path, limit):
        doc = build_document(row["text"], lang=lang)
        claims = checkable_claims(doc)
        gold = row["label"] == positive
        overall.add(bool(claims), gold)
        found_types = {t for claim in claims for t in claim.types}
        for claim_type, counts in by_type.items():
            counts.add(claim_type in found_types, gold)
        n += 1
    elapsed_ms = 1000 * (time.perf_counter() - started) / max(n, 1)
    return overall, by_type, elapsed_ms, n


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="read at most N rows per corpus")
    args = parser.parse_args(argv)
    if not SHARED_CLAIMS.is_dir():
        raise SystemExit(f"corpus folder not found: {SHARED_CLAIMS}")
    header = f"{'corpus':34} {'lang':4} {'n':>5} {'pos%':>5} {'P':>5} {'R':>5} {'F1':>5} {'F1(all+)':>8} {'ms/text':>7}"
    print(header)
    print("-" * len(header))
    type_lines = []
    for name, lang, positive in CORPORA:
        overall, by_type, ms, n = evaluate(SHARED_CLAIMS / name, lang, positive, args.limit)
        positives = overall.tp + overall.fn
        all_positive_f1 = 2 * positives / (n + positives) if n else 0.0
        print(
            f"{name:34} {lang:4} {n:5d} {100 * positives / max(n, 1):5.1f} {overall.precision:5.2f} "
            f"{overall.recall:5.2f} {overall.f1:5.2f} {all_positive_f1:8.2f} {ms:7.2f}"
        )
        cells = "  ".join(f"{t} P={c.precision:.2f} R={c.recall:.2f}" for t, c in by_type.items())
        type_lines.append(f"{name:34} {cells}")
    print("\nEach claim type alone as the classifier:")
    print("\n".join(type_lines))


if __name__ == "__main__":
    main()
