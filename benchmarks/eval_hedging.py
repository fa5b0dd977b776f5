"""Evaluate the hedging extractor as a sentence classifier on the Szeged Uncertainty Corpus.

A sentence is predicted *uncertain* when the hedging extractor finds at least one ``hedge`` span in it
(CoNLL-2010 style: precision/recall/F1 of the uncertain class). Cue-level overlap with the gold cues is reported
too. The corpus is split by document (crc32 of the ``doc`` id): one third ``dev`` (used to tune the
lexicon), two thirds ``test`` (reported). Run: ``python benchmarks/eval_hedging.py [--split dev|test]
[--errors N]``.
"""

from __future__ import annotations

import argparse
import json
import zlib
from collections import Counter, defaultdict

from credibility.document import build_document
from credibility.paths import shared_data_dir
from credibility.signals import EXTRACTORS

DATA = shared_data_dir() / "hedging" / "szeged_uncertainty.jsonl"


def split_of(doc_id: str) -> str:
    """Stable document-level split: a third of the documents are the tuning part."""
    return "dev" if zlib.crc32(doc_id.encode()) % 3 == 0 else "test"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(split: str, errors: int) -> None:
    extractor = EXTRACTORS["hedging"]
    sent = defaultdict(Counter)  # domain -> tp/fp/fn/n
    cue = defaultdict(Counter)
    fp_words: Counter[str] = Counter()
    fn_words: Counter[str] = Counter()
    skipped = 0
    with DATA.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if split != "all" and split_of(f"{row['domain']}:{row['doc']}") != split:
                continue
            domain, text, gold = row["domain"], row["text"], row["cues"]
            doc = build_document(text, lang="en")
            if (
                doc.text != text
            ):  # gold offsets index the raw text: skip the rare sentence normalisation changes
                skipped += 1
                continue
            predicted = [
                (s.start, s.end, text[s.start : s.end].lower())
                for s in extractor(doc).spans
                if s.kind == "hedge"
            ]
            for key in (domain, "ALL"):
                counts = sent[key]
                counts["n"] += 1
                if predicted and row["uncertain"]:
                    counts["tp"] += 1
                elif predicted:
                    counts["fp"] += 1
                elif row["uncertain"]:
                    counts["fn"] += 1
            for start, end, word in predicted:
                hit = any(g["start"] < end and start < g["end"] for g in gold)
                for key in (domain, "ALL"):
                    cue[key]["tp_pred" if hit else "fp"] += 1
                if not hit:
                    fp_words[word] += 1
            for g in gold:
                hit = any(g["start"] < end and start < g["end"] for start, end, _ in predicted)
                for key in (domain, "ALL"):
                    cue[key]["tp_gold" if hit else "fn"] += 1
                if not hit:
                    fn_words[g["text"].lower()] += 1

    print(
        f"Szeged Uncertainty Corpus, split={split} (document-level split, crc32 % 3 == 0 is dev); "
        f"{skipped} sentence(s) skipped (normalisation changed offsets)"
    )
    print(
        f"{'domain':10} {'sents':>6} {'sent_P':>7} {'sent_R':>7} {'sent_F1':>7}   {'cue_P':>6} {'cue_R':>6} {'cue_F1':>6}"
    )
    for domain in sorted(sent, key=lambda d: (d == "ALL", d)):
        s, c = sent[domain], cue[domain]
        sp, sr, sf = prf(s["tp"], s["fp"], s["fn"])
        cp = c["tp_pred"] / (c["tp_pred"] + c["fp"]) if c["tp_pred"] + c["fp"] else 0.0
        cr = c["tp_gold"] / (c["tp_gold"] + c["fn"]) if c["tp_gold"] + c["fn"] else 0.0
        cf = 2 * cp * cr / (cp + cr) if cp + cr else 0.0
        print(f"{domain:10} {s['n']:>6} {sp:>7.3f} {sr:>7.3f} {sf:>7.3f}   {cp:>6.3f} {cr:>6.3f} {cf:>6.3f}")
    if errors:
        print("\nmost frequent false-positive cues:", fp_words.most_common(errors))
        print("\nmost frequent missed gold cues:", fn_words.most_common(errors))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--errors", type=int, default=0, help="show the N most frequent cue errors")
    args = parser.parse_args()
    evaluate(args.split, args.errors)


if __name__ == "__main__":
    main()
