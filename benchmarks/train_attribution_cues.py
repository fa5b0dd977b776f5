"""Fit the learned attribution cues (``credibility/signals/learned_cues.py``) on PolNeAR train.

Every word outside quotes and outside the cues the word lists find is a training example; it is positive
when an annotator of its text marked it as (part of) a Cue. The vocabulary is the words marked at least
``--min-gold`` times with a cue rate of at least ``--min-rate``; features seen fewer than ``--min-count``
times are dropped. A logistic regression (L2, ``--c``) is fitted; the threshold is chosen by
``--folds``-fold cross-validation over the train texts (grouped by text) as the lowest probability at which
the cue precision of the whole extractor (listed cues + learned cues, as ``eval_attribution.py`` counts it)
on the held-out folds stays at least ``--target-precision`` with the lower end of its 95% interval (the
target is a floor). Dev is never read.

Writes ``credibility/lexicons/en/attribution_learned_cues.txt`` (``feature<TAB>weight``, plus ``@bias``
and ``@threshold``). Run: ``python benchmarks/train_attribution_cues.py``.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import numpy as np
from eval_attribution import POLNEAR, annotation_files, overlaps, read_ann
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from credibility.document import build_document
from credibility.normalize import normalise
from credibility.signals.attribution import _analyze, learned_cue_candidates

OUT = Path(__file__).resolve().parent.parent / "credibility" / "lexicons" / "en" / "attribution_learned_cues.txt"


def examples(split: str) -> list[dict]:
    """One record per usable text: candidate words with features and gold cue ids, listed-cue counts."""
    folder = POLNEAR / split
    by_text = annotation_files(split)
    records = []
    for name, anns in sorted(by_text.items()):
        raw = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        doc = build_document(raw, lang="en")
        # Normalisation may move offsets (eval_attribution.py skips such texts); training maps the gold
        # spans through the normaliser's offset map instead, which keeps half of the train texts in.
        offsets = normalise(raw).offsets
        gold = [
            (k, j, [offsets.to_normalised(a, b) for a, b in fragments])
            for k, g in enumerate(read_ann(a) for a in anns)
            for j, fragments in enumerate(g["Cue"])
        ]
        listed = [(a.start, a.end) for a in _listed(doc)]
        found = {(k, j) for k, j, fr in gold if any(overlaps(fr, s, e) for s, e in listed)}
        words = []
        for i, features in learned_cue_candidates(doc):
            s, e = doc.word_starts[i], doc.word_ends[i]
            ids = frozenset((k, j) for k, j, fr in gold if overlaps(fr, s, e))
            words.append((i, doc.words_lower[i], features, ids, doc.text[doc.word_ends[i - 1] : s] if i else " "))
        all_cues = [fr for _, _, fr in gold]
        listed_correct = sum(1 for s, e in listed if any(overlaps(fr, s, e) for fr in all_cues))
        records.append({"name": name, "words": words, "gold": {(k, j) for k, j, _ in gold}, "found": found,
                        "listed": len(listed), "listed_correct": listed_correct})
    return records


def _listed(doc):
    """The attributions of the word lists and rules alone (what the learned cues are added to)."""
    return _analyze(doc, doc.resources, learned=False).attributions


def cue_counts(records: list[dict], probabilities: list[np.ndarray], threshold: float) -> tuple[int, int, float]:
    """(correct cues, predicted cues, recall) of listed + learned cues at ``threshold``, adjacent chosen
    words merged into one cue."""
    pred = correct = gold = found_total = 0
    for record, p in zip(records, probabilities, strict=True):
        pred += record["listed"]
        correct += record["listed_correct"]
        found = set(record["found"])
        previous = -2
        current_true = False
        for (i, _, _, ids, gap), prob in zip(record["words"], p, strict=True):
            if prob < threshold:
                continue
            if i == previous + 1 and not gap.strip():
                current_true = current_true or bool(ids)
            else:
                if previous >= 0:
                    correct += current_true
                pred += 1
                current_true = bool(ids)
            found |= ids
            previous = i
        if previous >= 0:
            correct += current_true
        gold += len(record["gold"])
        found_total += len(found)
    return correct, pred, found_total / gold if gold else 0.0


def wilson_lower(k: int, n: int, z: float = 1.96) -> float:
    """Lower end of the 95% Wilson interval of k/n: the target is a floor, so the estimate must clear it."""
    if n == 0:
        return 0.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    return centre - z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)


def fit(records: list[dict], vocabulary: set[str], min_count: int, c: float, min_weight: float) -> tuple[float, dict[str, float]]:
    """(bias, weights) of a logistic regression over the vocabulary's words; every word weight is kept,
    other weights only when at least ``min_weight`` in size (the stored table stays small)."""
    rows = [(features, bool(ids)) for r in records for _, w, features, ids, _ in r["words"] if w in vocabulary]
    counts = Counter(f for features, _ in rows for f in features)
    keep = {f for f, n in counts.items() if n >= min_count}
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in features if f in keep} for features, _ in rows])
    model = LogisticRegression(C=c, max_iter=3000).fit(x, [y for _, y in rows])
    weights = {
        name: float(weight)
        for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if name.startswith("w=") or abs(weight) >= min_weight
    }
    for word in vocabulary:
        weights.setdefault(f"w={word}", 0.0)
    return float(model.intercept_[0]), weights


def predict(bias: float, weights: dict[str, float], records: list[dict], vocabulary: set[str]) -> list[np.ndarray]:
    """Probability of every candidate word (0 outside the vocabulary), from the pruned weights."""
    out = []
    for r in records:
        probs = np.zeros(len(r["words"]))
        for k, (_, w, features, _, _) in enumerate(r["words"]):
            if w in vocabulary:
                probs[k] = 1.0 / (1.0 + np.exp(-(bias + sum(weights.get(f, 0.0) for f in features))))
        out.append(probs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-gold", type=int, default=2)
    ap.add_argument("--min-rate", type=float, default=0.05)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--c", type=float, default=0.5)
    ap.add_argument("--min-weight", type=float, default=0.15)
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--target-precision", type=float, default=0.80)
    args = ap.parse_args()
    t0 = time.process_time()
    records = examples("train")
    print(f"{len(records)} train texts read ({time.process_time() - t0:.0f} CPU-s)")

    def vocabulary_of(part: list[dict]) -> set[str]:
        positives = Counter(w for r in part for _, w, _, ids, _ in r["words"] if ids)
        seen = Counter(w for r in part for _, w, _, _, _ in r["words"])
        return {w for w, n in positives.items() if n >= args.min_gold and n / seen[w] >= args.min_rate}

    thresholds = np.round(np.arange(0.30, 0.91, 0.025), 3)
    held_out: list[np.ndarray] = [np.zeros(0)] * len(records)
    for fold in range(args.folds):
        train = [r for k, r in enumerate(records) if k % args.folds != fold]
        test_idx = [k for k in range(len(records)) if k % args.folds == fold]
        vocabulary = vocabulary_of(train)
        bias, weights = fit(train, vocabulary, args.min_count, args.c, args.min_weight)
        for k, p in zip(test_idx, predict(bias, weights, [records[k] for k in test_idx], vocabulary), strict=True):
            held_out[k] = p
    print("cross-validated on train (listed + learned cues):")
    chosen = None
    for t in thresholds:
        correct, predicted, recall = cue_counts(records, held_out, float(t))
        lower = wilson_lower(correct, predicted)
        print(f"  threshold {t:.3f}: cue precision {correct / predicted:.3f} (95% lower {lower:.3f}), recall {recall:.3f}")
        if chosen is None and lower >= args.target_precision:
            chosen = float(t)
    if chosen is None:
        chosen = float(thresholds[-1])
    vocabulary = vocabulary_of(records)
    bias, weights = fit(records, vocabulary, args.min_count, args.c, args.min_weight)
    lines = [
        "# Learned attribution cues (credibility/signals/learned_cues.py): logistic-regression weights.",
        "# Fitted on the PolNeAR train split (Newell et al., LREC 2018; see",
        "# ../shared/README.md) by benchmarks/train_attribution_cues.py",
        f"# (--min-gold {args.min_gold} --min-rate {args.min_rate} --min-count {args.min_count} --c {args.c}"
        f" --min-weight {args.min_weight}); threshold chosen by {args.folds}-fold cross-validation on train",
        f"# for cue precision >= {args.target_precision} (95% lower bound). The vocabulary is the set of w= features. Refit, do not edit.",
        f"@bias\t{bias:.4f}",
        f"@threshold\t{chosen:.3f}",
    ]
    lines += [f"{name}\t{weight:.4f}" for name, weight in sorted(weights.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"threshold {chosen:.3f}; {len(vocabulary)} words, {len(weights)} weights -> {OUT}")


if __name__ == "__main__":
    main()
