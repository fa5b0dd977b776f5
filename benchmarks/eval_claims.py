"""Evaluate the checkable-claim detector as a sentence classifier on the held-out halves of the claim corpora.

Gold labels: ClaimBuster ``checkworthy`` (US debate sentences) and CheckThat! 2022 task 1B ``claim``
(verifiable factual claims in English and Dutch tweets), read from ``../shared/data/claims``. Every
corpus is split by :func:`credibility.signals.claim_detector.held_out` (its own ``dev`` rows plus the ids
that hash into the lower half); only the held-out rows are scored. Rows of one run, side by side:

- ``detector``: the shipped trained detector (``credibility/data/claim_detector.npz``) with the threshold
  of its card; ClaimBuster is scored with the ``checkworthy`` profile, CheckThat with ``claim``;
- ``tfidf+lr``: word 1-2-gram TF-IDF + logistic regression trained here on the same corpus's training
  part (scikit-learn defaults but balanced class weights, threshold 0.5; unweighted it calls almost
  nothing check-worthy on ClaimBuster, F1 0.44);
- ``cue rules``: the rule-based detector the project had before, a text is positive when a sentence
  that is not a question has a figure / prediction / superlative / causal / sweeping cue;
- ``all positive``: every text called a claim.

Then the precision and recall of each cue type alone.

On news (issue #14: how many news sentences count as claims, and is the article threshold right?):

- ``--news N``: the share of sentences called claims in the first N human news articles of
  ``clin33_{en,nl}_news.jsonl`` and ``news_nl/dpgmedia2019.jsonl`` (none of them is training data of the
  detector), at the shipped threshold, and the share of candidate sentences (not ruled out as not-claims)
  over other thresholds;
- ``--sweep``: checkable-claim and unsupported-claim precision / recall / F1 on the *tuning* half of our
  news annotations (``data/annotations``, scored by ``benchmarks/eval_unsupported.py``) over article
  thresholds; the reporting half is never used to choose one.

Usage: ``python benchmarks/eval_claims.py [--limit N] [--news N] [--sweep]``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from credibility.document import build_document
from credibility.paths import shared_data_dir
from credibility.signals import claims as claims_module
from credibility.signals.claim_detector import DEFAULT_PROFILE, held_out, shipped_detector
from credibility.signals.claims import (
    CLAIM_TYPES,
    PROBABILITIES_KEY,
    checkable_claims,
    claim_cues,
    text_cue_row,
)

SHARED_CLAIMS = Path(__file__).resolve().parents[2] / "shared" / "data" / "claims"
# Human news the detector never trained on: (name, file under the shared data folder).
NEWS = (
    ("clin33 en news (human)", "ai_text/clin33_en_news.jsonl"),
    ("clin33 nl news (human)", "ai_text/clin33_nl_news.jsonl"),
    ("dpgmedia2019 nl (human)", "news_nl/dpgmedia2019.jsonl"),
)
NEWS_THRESHOLDS = (0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8)
SWEEP_THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)

# (file name, language, positive label, detector profile)
CORPORA: tuple[tuple[str, str, str, str], ...] = (
    ("claimbuster_train.jsonl", "en", "checkworthy", "checkworthy"),
    ("checkthat22_en_1b_claim.jsonl", "en", "claim", "claim"),
    ("checkthat22_nl_1b_claim.jsonl", "nl", "claim", "claim"),
)
OLD_RULE_TYPES = ("figure", "prediction", "superlative", "causal", "sweeping")


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

    @classmethod
    def of(cls, predicted, gold) -> Counts:
        counts = cls()
        for p, g in zip(predicted, gold, strict=True):
            counts.add(bool(p), bool(g))
        return counts

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


def read_rows(path: Path, limit: int | None = None) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)


def split_rows(path: Path, limit: int | None = None) -> tuple[list[dict], list[dict]]:
    """(training part, held-out half) of one corpus file."""
    train, held = [], []
    for row in read_rows(path, limit):
        (held if held_out(row["id"], row.get("split")) else train).append(row)
    return train, held


def detector_predictions(rows: list[dict], lang: str, profile: str) -> tuple[np.ndarray, float]:
    """Detector decisions for ``rows`` and milliseconds per text (cue rows + probabilities)."""
    detector = shipped_detector()
    if detector is None:
        raise SystemExit("no shipped claim detector: run scripts/train_claim_detector.py")
    started = time.perf_counter()
    cues = np.array([text_cue_row(r["text"], lang) for r in rows])
    probabilities = detector.predict_proba([r["text"] for r in rows], cues, profile)
    ms = 1000 * (time.perf_counter() - started) / max(len(rows), 1)
    return probabilities >= detector.threshold(profile), ms


def tfidf_predictions(train: list[dict], held: list[dict], positive: str) -> np.ndarray:
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    X = vectorizer.fit_transform([r["text"] for r in train])
    model = LogisticRegression(class_weight="balanced", max_iter=2000).fit(X, [r["label"] == positive for r in train])
    return model.predict_proba(vectorizer.transform([r["text"] for r in held]))[:, 1] >= 0.5


def rule_types(text: str, lang: str) -> set[str]:
    """Cue types found in the sentences of ``text`` that are not questions (the old rules used five of them)."""
    doc = build_document(text, lang=lang)
    found = set()
    for index, hits in claim_cues(doc).items():
        if not doc.sentence_text(doc.sentences[index]).rstrip("\"'”’»)] ").endswith("?"):
            found |= {hit[2] for hit in hits}
    return found


def evaluate_corpus(name: str, lang: str, positive: str, profile: str, limit: int | None = None) -> dict:
    train, held = split_rows(SHARED_CLAIMS / name, limit)
    gold = [r["label"] == positive for r in held]
    detector, ms = detector_predictions(held, lang, profile)
    types = [rule_types(r["text"], lang) for r in held]
    return {
        "n": len(held),
        "positives": sum(gold),
        "detector": Counts.of(detector, gold),
        "tfidf+lr": Counts.of(tfidf_predictions(train, held, positive), gold),
        "cue rules": Counts.of([bool(t & set(OLD_RULE_TYPES)) for t in types], gold),
        "all positive": Counts.of([True] * len(held), gold),
        "by_type": {t: Counts.of([t in found for found in types], gold) for t in CLAIM_TYPES},
        "ms": ms,
    }


def check_fingerprint() -> None:
    detector = shipped_detector()
    recorded = (detector.card.get("training_data", {}) if detector else {}).get("sha256", {})
    for name, *_ in CORPORA:
        path = SHARED_CLAIMS / name
        if recorded.get(name) and hashlib.sha256(path.read_bytes()).hexdigest() != recorded[name]:
            print(f"warning: {name} differs from the file the detector was trained on (card sha256)")


def human_news(path: Path, n: int) -> list[dict]:
    """The first ``n`` human-written rows with a text."""
    rows = []
    for row in read_rows(path):
        if row.get("text") and row.get("label") == "human":
            rows.append(row)
            if len(rows) >= n:
                break
    return rows


def news_claim_shares(n: int) -> list[str]:
    """Per news corpus: claims / sentences at the shipped threshold, and candidates over each threshold."""
    lines = [f"threshold on articles: {claims_module._threshold():.2f} (profile {DEFAULT_PROFILE!r})"]
    for name, relative in NEWS:
        path = shared_data_dir() / relative
        if not path.is_file():
            lines.append(f"{name}: {path} not found, skipped")
            continue
        sentences = claims = 0
        probabilities: list[float] = []
        for row in human_news(path, n):
            doc = build_document(row["text"], lang=row.get("lang"))
            sentences += len(doc.sentences)
            claims += len(checkable_claims(doc))
            probabilities += doc.extra.get(PROBABILITIES_KEY, {}).values()
        p = np.array(probabilities)
        grid = " ".join(f"{t:.2f}:{np.mean(p >= t):.2f}" for t in NEWS_THRESHOLDS)
        lines.append(f"{name:24} claims/sentences {claims / max(sentences, 1):.3f} ({claims}/{sentences}); "
                     f"candidates {len(p)}, share >= t  {grid}")
    return lines


def _eval_unsupported():
    path = Path(__file__).resolve().parent / "eval_unsupported.py"
    spec = importlib.util.spec_from_file_location("eval_unsupported", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def annotated_sweep() -> list[str]:
    """Claim and unsupported-claim P/R/F1 on the annotations' tuning half, for each article threshold."""
    scorer = _eval_unsupported()
    lines = []
    for threshold in SWEEP_THRESHOLDS:
        with mock.patch.object(claims_module, "_threshold", lambda t=threshold: t):
            results = scorer.evaluate("tuning")
        cells = []
        for lang, r in results.items():
            c, u = r.claims, r.unsupported
            cells.append(f"{lang}: claims P {c.precision:.2f} R {c.recall:.2f} F1 {c.f1:.3f} "
                         f"called {(c.tp + c.fp) / max(r.sentences, 1):.2f} (gold {(c.tp + c.fn) / max(r.sentences, 1):.2f})"
                         f" | unsupported P {u.precision:.2f} R {u.recall:.2f} F1 {u.f1:.3f}")
        lines.append(f"t={threshold:.2f}  " + "   ".join(cells))
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="read at most N rows per corpus")
    parser.add_argument("--news", type=int, default=0, metavar="N",
                        help="also report the share of claims on the first N human articles of each news corpus")
    parser.add_argument("--sweep", action="store_true",
                        help="also sweep the article threshold on the annotations' tuning half")
    args = parser.parse_args(argv)
    if not SHARED_CLAIMS.is_dir():
        raise SystemExit(f"corpus folder not found: {SHARED_CLAIMS}")
    check_fingerprint()
    header = f"{'corpus (held-out half)':32} {'lang':4} {'n':>5} {'pos%':>5} {'method':13} {'P':>5} {'R':>5} {'F1':>6}"
    print(header)
    print("-" * len(header))
    type_lines = []
    timing = []
    for name, lang, positive, profile in CORPORA:
        result = evaluate_corpus(name, lang, positive, profile, args.limit)
        for method in ("detector", "tfidf+lr", "cue rules", "all positive"):
            c = result[method]
            print(f"{name:32} {lang:4} {result['n']:5d} {100 * result['positives'] / max(result['n'], 1):5.1f} "
                  f"{method:13} {c.precision:5.2f} {c.recall:5.2f} {c.f1:6.3f}")
        cells = "  ".join(f"{t} P={c.precision:.2f} R={c.recall:.2f}" for t, c in result["by_type"].items())
        type_lines.append(f"{name:32} {cells}")
        timing.append(f"{name}: {result['ms']:.2f} ms/text")
    print("\nEach cue type alone as the classifier:")
    print("\n".join(type_lines))
    print("\nDetector time (cue rules + probability, per text): " + "; ".join(timing))
    if args.news:
        print(f"\nClaims on human news (first {args.news} articles per corpus):")
        print("\n".join(news_claim_shares(args.news)))
    if args.sweep:
        print("\nArticle threshold on the annotations' tuning half (gold = annotated share of claims):")
        print("\n".join(annotated_sweep()))


if __name__ == "__main__":
    main()
