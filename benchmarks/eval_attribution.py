"""Evaluate the attribution extractor against PolNeAR (who-said-what in US political news, brat format).

PolNeAR layout: ``<split>/text/<name>.txt`` and ``<split>/attributions/<name>_<annotator>.ann``; a text
may have several annotators' files. Each ``.ann`` has ``T`` lines ``Source|Cue|Content start end`` (a
span may have ``;``-separated fragments) and ``E`` lines tying them into one attribution.

Measured here (spans match when their characters overlap):
- cue recall: gold Cue spans (every annotator's file, pooled) found by a predicted attribution cue
  (a ``reporting_verb`` or ``according_to`` span, or a ``vague_source`` standing without a verb);
- cue precision: predicted cue spans overlapping a Cue of any annotator of that text;
- source recall: gold Source spans overlapped by a predicted ``named_source`` or ``vague_source`` span;
  and the same counting ``pronoun_source`` spans too ("he said": PolNeAR marks the pronoun as the source);
- named-source precision: predicted ``named_source`` spans overlapping any gold Source;
- attributed sentences: sentences holding a gold cue vs :func:`attributed_sentence_indices`.

``train/`` is for tuning, ``dev/`` for the reported figures. Run:
``python benchmarks/eval_attribution.py [--split dev|train] [--errors N]``.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from credibility.document import build_document
from credibility.paths import shared_data_dir
from credibility.signals import EXTRACTORS
from credibility.signals.attribution import analyze_attribution, attributed_sentence_indices

POLNEAR = shared_data_dir() / "attribution" / "polnear"
ANN_NAME_RE = re.compile(r"^(?P<text>.+)_[0-9a-f]{4}\.ann$")


def read_ann(path: Path) -> dict[str, list[list[tuple[int, int]]]]:
    """Span fragments of each Source / Cue / Content annotation in one brat file."""
    spans: dict[str, list[list[tuple[int, int]]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 2:
            continue
        label_and_offsets = parts[1]
        label, _, offsets = label_and_offsets.partition(" ")
        if label in ("Source", "Cue", "Content"):
            fragments = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            spans[label].append(fragments)
    return spans


def overlaps(fragments: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in fragments)


def annotation_files(split: str) -> dict[str, list[Path]]:
    """Text name -> its annotators' ``.ann`` files, for one PolNeAR split (also read by the cue trainer)."""
    by_text: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((POLNEAR / split / "attributions").glob("*.ann")):
        match = ANN_NAME_RE.match(ann.name)
        if match:
            by_text[match["text"]].append(ann)
    return by_text


def evaluate(split: str, errors: int) -> None:
    folder = POLNEAR / split
    by_text = annotation_files(split)
    c: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    false_cues: Counter[str] = Counter()
    true_cues: Counter[str] = Counter()
    elapsed = 0.0
    words = 0
    for name, anns in sorted(by_text.items()):
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        raw = text_path.read_text(encoding="utf-8")
        doc = build_document(raw, lang="en")
        t1 = time.process_time()
        signal = EXTRACTORS["attribution"](doc)
        attributed = attributed_sentence_indices(doc)
        elapsed += time.process_time() - t1
        words += doc.word_count
        if doc.text != raw:
            c["skipped_normalised"] += 1
            continue
        c["texts"] += 1
        golds = [read_ann(a) for a in anns]
        cues = [(a.start, a.end) for a in analyze_attribution(doc).attributions]
        sources = [(s.start, s.end) for s in signal.spans if s.kind in ("named_source", "vague_source")]
        pronouns = [(s.start, s.end) for s in signal.spans if s.kind == "pronoun_source"]
        named = [(s.start, s.end) for s in signal.spans if s.kind == "named_source"]
        all_gold_cues = [f for g in golds for f in g["Cue"]]
        all_gold_sources = [f for g in golds for f in g["Source"]]
        for gold in golds:
            for fragments in gold["Cue"]:
                c["gold_cues"] += 1
                if any(overlaps(fragments, s, e) for s, e in cues):
                    c["gold_cues_found"] += 1
                else:
                    missed[" ".join(raw[a:b] for a, b in fragments).lower()] += 1
            for fragments in gold["Source"]:
                c["gold_sources"] += 1
                if any(overlaps(fragments, s, e) for s, e in sources):
                    c["gold_sources_found"] += 1
                    c["gold_sources_found_any"] += 1
                elif any(overlaps(fragments, s, e) for s, e in pronouns):
                    c["gold_sources_found_any"] += 1
            # Sentences holding a gold cue, per annotator.
            gold_sentences = set()
            for fragments in gold["Cue"]:
                sentence = doc.sentence_at(fragments[0][0])
                if sentence is not None:
                    gold_sentences.add(sentence.index)
            c["gold_sentences"] += len(gold_sentences)
            c["gold_sentences_found"] += len(gold_sentences & attributed)
            c["pred_sentences"] += len(attributed)
            c["pred_sentences_correct"] += len(attributed & gold_sentences)
        for s, e in cues:
            c["pred_cues"] += 1
            word = raw[s:e].lower()
            if any(overlaps(f, s, e) for f in all_gold_cues):
                c["pred_cues_correct"] += 1
                true_cues[word] += 1
            else:
                false_cues[word] += 1
        for s, e in named:
            c["pred_named"] += 1
            if any(overlaps(f, s, e) for f in all_gold_sources):
                c["pred_named_correct"] += 1

    def ratio(a: str, b: str) -> float:
        return c[a] / c[b] if c[b] else 0.0

    cue_p, cue_r = ratio("pred_cues_correct", "pred_cues"), ratio("gold_cues_found", "gold_cues")
    sent_p, sent_r = (
        ratio("pred_sentences_correct", "pred_sentences"),
        ratio("gold_sentences_found", "gold_sentences"),
    )
    print(
        f"PolNeAR {split}: {c['texts']} texts, {sum(len(v) for v in by_text.values())} "
        f"annotation files ({c['skipped_normalised']} texts skipped: normalisation changed offsets)"
    )
    print(f"{'measure':32} {'value':>7}  counts")
    rows = [
        ("cue precision", cue_p, f"{c['pred_cues_correct']}/{c['pred_cues']}"),
        ("cue recall", cue_r, f"{c['gold_cues_found']}/{c['gold_cues']}"),
        ("cue F1", 2 * cue_p * cue_r / (cue_p + cue_r) if cue_p + cue_r else 0.0, ""),
        (
            "source recall (named or vague)",
            ratio("gold_sources_found", "gold_sources"),
            f"{c['gold_sources_found']}/{c['gold_sources']}",
        ),
        (
            "source recall (+ pronoun sources)",
            ratio("gold_sources_found_any", "gold_sources"),
            f"{c['gold_sources_found_any']}/{c['gold_sources']}",
        ),
        (
            "named-source precision",
            ratio("pred_named_correct", "pred_named"),
            f"{c['pred_named_correct']}/{c['pred_named']}",
        ),
        ("attributed-sentence precision", sent_p, f"{c['pred_sentences_correct']}/{c['pred_sentences']}"),
        ("attributed-sentence recall", sent_r, f"{c['gold_sentences_found']}/{c['gold_sentences']}"),
    ]
    for label, value, counts in rows:
        print(f"{label:32} {value:>7.3f}  {counts}")
    if words:
        print(f"extractor CPU time: {1000 * elapsed / words * 500:.2f} ms per 500 words")
    if errors:
        print("\nmost frequent missed cues:", missed.most_common(errors))
        print(
            "\nmost frequent false cues (false/true):",
            [(w, n, true_cues[w]) for w, n in false_cues.most_common(errors)],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--errors", type=int, default=0, help="show the N most frequent cue errors")
    args = parser.parse_args()
    evaluate(args.split, args.errors)


if __name__ == "__main__":
    main()
