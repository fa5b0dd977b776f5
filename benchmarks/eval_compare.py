"""Precision and recall of the compare flags on the hand-labeled story pairs in data/stories/eval.

For every pair (source A, source B), A and B are compared and each sentence of B is scored:
- predicted *contradicted* when it appears in any reported contradiction;
- predicted *uncorroborated* when it is the evidence of an uncorroborated claim (a claim no other source
  aligns with, or a figure no other source has);
- labeled positive when it contains one of the pair's labeled fragments.
With ``--rewrites N`` it also compares N real BBC articles with an LLM rewrite of each (L2R news, from
the shared corpora) and prints how many contradiction flags fire per 100 rewrite sentences: unlabeled, so
an upper bound on the false-flag rate on real paraphrase (a rewrite may really change a fact).
With ``--real tuning|reporting`` it evaluates on real pairs from the shared corpora instead (see
``compare_real_pairs.py``): relation accuracy (on the gold labels, where an LLM "rewrite" with at most a
third of the original's words is a summary, and on the corpus labels, where every rewrite is derived),
English/Dutch sentence alignment precision and recall on hand-made translations, false contradictions per
100 aligned sentence pairs on faithful translations and rewrites (summaries included), planted
contradictions found in the translations, and the CPU time of comparing 10 articles of about 800 words.
Usage: ``python benchmarks/eval_compare.py [--pairs PATH] [--verbose] [--rewrites N] [--real SPLIT]``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from credibility.compare import compare_documents
from credibility.document import build_document
from credibility.paths import shared_data_dir

DEFAULT_PAIRS = Path(__file__).resolve().parents[1] / "data" / "stories" / "eval" / "pairs.jsonl"
FLAGS = ("contradicted", "uncorroborated")


def predicted_flags(pair: dict) -> tuple[list[str], dict[str, set[int]]]:
    """B's sentences and, per flag, the indices of B's sentences the comparison flags."""
    docs = [build_document(pair[k]["text"], lang=pair[k]["lang"], site=pair[k]["site"]) for k in ("a", "b")]
    result = compare_documents(docs, labels=["A", "B"])
    b = docs[1]
    flags: dict[str, set[int]] = {flag: set() for flag in FLAGS}
    for claim in result.claims:
        for c in claim.contradictions:
            for ev in (c.a, c.b):
                if ev.source == 1:
                    flags["contradicted"].add(ev.sentence_index)
        if claim.status == "uncorroborated":
            flags["uncorroborated"].update(ev.sentence_index for ev in claim.evidence if ev.source == 1)
        for figure in claim.figures:  # a figure no other source gives, on an aligned claim
            if len(figure) == 4:  # (source, start, end, text); older results made figures claims of their own
                source, start = figure[0], figure[1]
                flags["uncorroborated"].update(ev.sentence_index for ev in claim.evidence
                                               if ev.source == source == 1 and ev.start <= start < ev.end)
    return [b.sentence_text(s) for s in b.sentences], flags


def evaluate(pairs: list[dict], verbose: bool = False) -> dict[str, dict[str, float]]:
    counts = {flag: {"tp": 0, "fp": 0, "fn": 0} for flag in FLAGS}
    for pair in pairs:
        sentences, flags = predicted_flags(pair)
        for flag in FLAGS:
            fragments = pair["labels"][flag]
            for fragment in fragments:
                if not any(fragment in s for s in sentences):
                    raise ValueError(f"{pair['id']}: labeled fragment {fragment!r} is not in any sentence of B")
            for i, sentence in enumerate(sentences):
                gold = any(fragment in sentence for fragment in fragments)
                pred = i in flags[flag]
                key = "tp" if gold and pred else "fp" if pred else "fn" if gold else None
                if key:
                    counts[flag][key] += 1
                    if verbose and key != "tp":
                        print(f"  {key.upper()} {flag:<15} {pair['id']}: {sentence}")
    out = {}
    for flag, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        out[flag] = {**c, "precision": round(precision, 3), "recall": round(recall, 3)}
    return out


def rewrite_flag_rate(n_pairs: int, show: int = 0) -> None:
    """Contradiction flags on real (original, LLM rewrite) pairs; first rewrite of each article."""
    path = shared_data_dir() / "ai_text" / "l2r_news.jsonl"
    if not path.is_file():
        print(f"(skipped: {path} not found)")
        return
    groups: dict[str, dict[str, dict]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            slot = groups.setdefault(row["group"], {})
            slot.setdefault(row["label"], row)
    pairs = [(g["human"], g["machine"]) for g in groups.values() if "human" in g and "machine" in g][:n_pairs]
    kinds: dict[str, int] = {}
    sentences = flagged = 0
    for human, machine in pairs:
        docs = [build_document(human["text"], lang="en"), build_document(machine["text"], lang="en")]
        result = compare_documents(docs, labels=["original", "rewrite"])
        sentences += len(docs[1].sentences)
        hit = set()
        for claim in result.claims:
            for c in claim.contradictions:
                kinds[c.kind] = kinds.get(c.kind, 0) + 1
                hit.add(c.b.sentence_index if c.b.source == 1 else c.a.sentence_index)
                if show > 0:
                    show -= 1
                    print(f"  {c.kind}: {c.detail}\n    A: {c.a.text}\n    B: {c.b.text}")
        flagged += len(hit)
    print(f"L2R original/rewrite pairs: {len(pairs)}, rewrite sentences: {sentences}, "
          f"flagged contradicted: {flagged} ({100 * flagged / max(sentences, 1):.1f} per 100), by kind: {kinds}")


def pair_relation(result, b: int = 1) -> str:
    """The strongest relation found between the two sources, as a class (independent when none)."""
    found = [d for s in result.summaries for d in (*s.derives_from, *s.related) if d.origin is not None]
    if not found:
        return "independent"
    best = max(found, key=lambda d: getattr(d, "strength", d.share))
    relation = getattr(best, "relation", "translation of" if "translation" in best.kinds else "derived from")
    return {"translation of": "translation", "summary of": "summary"}.get(relation, "derived")


def _sentence_index(doc, sentence_text: str) -> int | None:
    start = doc.text.find(sentence_text[:40])
    hit = doc.sentence_at(start) if start >= 0 else None
    return hit.index if hit else None


def evaluate_real(split: str, limit: int, verbose: bool = False) -> dict:
    """Relation accuracy, cross-language alignment P/R and false contradictions on real pairs of a split."""
    from compare_real_pairs import real_pairs

    pairs = real_pairs(split, limit)
    correct = lenient = corpus_correct = 0
    confusion: dict[tuple[str, str], int] = {}
    align_tp = align_pred = align_gold = 0
    faithful_links = faithful_flags = 0
    for pair in pairs:
        docs = [build_document(pair.a_text, lang=pair.a_lang), build_document(pair.b_text, lang=pair.b_lang)]
        result = compare_documents(docs, labels=["A", "B"])
        predicted = pair_relation(result)
        confusion[(pair.relation, predicted)] = confusion.get((pair.relation, predicted), 0) + 1
        correct += predicted == pair.relation
        corpus_correct += predicted == pair.corpus_relation  # every LLM "rewrite" counted as derived
        # a summary is one kind of derived text: either answer counts for an LLM "rewrite"
        lenient += predicted == pair.relation or (pair.corpus_relation == "derived" and predicted in ("derived", "summary"))
        if verbose and predicted != pair.relation:
            print(f"  relation {pair.id}: expected {pair.relation}, got {predicted}; "
                  + " | ".join(s.verdict for s in result.summaries))
        links = {(ev_a.sentence_index, ev_b.sentence_index) for claim in result.claims
                 for ev_a in claim.evidence if ev_a.source == 0 for ev_b in claim.evidence if ev_b.source == 1}
        if pair.gold_alignment:
            gold = {(_sentence_index(docs[0], x), _sentence_index(docs[1], y)) for x, y in pair.gold_alignment}
            gold.discard((None, None))
            align_gold += len(gold)
            align_pred += len(links)
            align_tp += len(links & gold)
            if verbose:
                for i, j in sorted(gold - links):
                    print(f"  missed alignment {pair.id}: s{i} / s{j}")
        if pair.corpus_relation in ("translation", "derived"):  # faithful: translations, rewrites, summaries
            faithful_links += len(links)
            flags = [c for claim in result.claims for c in claim.contradictions]
            faithful_flags += len(flags)
            if verbose:
                for c in flags:
                    print(f"  flag {pair.id} {c.kind}: {c.detail}\n    A: {c.a.text}\n    B: {c.b.text}")
    tp = fp = fn = 0
    from compare_real_pairs import planted_pairs

    for pair in planted_pairs(split):
        docs = [build_document(pair.a_text, lang=pair.a_lang), build_document(pair.b_text, lang=pair.b_lang)]
        result = compare_documents(docs, labels=["A", "B"])
        flagged = {ev.sentence_index for claim in result.claims for c in claim.contradictions
                   for ev in (c.a, c.b) if ev.source == 1}
        gold = {_sentence_index(docs[1], sentence) for sentence in pair.contradicted}
        tp, fp, fn = tp + len(flagged & gold), fp + len(flagged - gold), fn + len(gold - flagged)
        if verbose:
            for i in sorted(gold - flagged):
                print(f"  missed planted contradiction {pair.id}: {docs[1].sentence_text(docs[1].sentences[i])}")
            for i in sorted(flagged - gold):
                print(f"  false contradiction {pair.id}: {docs[1].sentence_text(docs[1].sentences[i])}")
    return {
        "planted_contradiction_precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
        "planted_contradiction_recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
        "planted_tp_fp_fn": (tp, fp, fn),
        "pairs": len(pairs),
        "relation_accuracy": round(correct / len(pairs), 3) if pairs else 0.0,
        "relation_accuracy_corpus_labels": round(corpus_correct / len(pairs), 3) if pairs else 0.0,
        "relation_accuracy_summary_counts_as_derived": round(lenient / len(pairs), 3) if pairs else 0.0,
        "gold_relations": dict(Counter(p.relation for p in pairs)),
        "confusion": confusion,
        "alignment_precision": round(align_tp / align_pred, 3) if align_pred else 0.0,
        "alignment_recall": round(align_tp / align_gold, 3) if align_gold else 0.0,
        "aligned_pairs_faithful": faithful_links,
        "false_contradictions_per_100": round(100 * faithful_flags / faithful_links, 2) if faithful_links else 0.0,
    }


def compare_cpu_seconds(n_articles: int = 10, words: int = 800) -> tuple[float, int]:
    """CPU seconds (this process) to compare ``n_articles`` real articles of about ``words`` words each."""
    from compare_real_pairs import _rows

    texts = [r["text"] for r in _rows("l2r_news.jsonl") if r["label"] == "human"]
    articles, current = [], ""
    for text in texts:
        current = f"{current}\n\n{text}" if current else text
        if len(current.split()) >= words:
            articles.append(current)
            current = ""
        if len(articles) == n_articles:
            break
    started = time.process_time()
    docs = [build_document(t, lang="en") for t in articles]
    compare_documents(docs)
    return time.process_time() - started, sum(len(t.split()) for t in articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--verbose", action="store_true", help="list every false positive and miss")
    parser.add_argument("--rewrites", type=int, default=0, help="also measure flags on N real rewrite pairs")
    parser.add_argument("--real", choices=("tuning", "reporting"),
                        help="evaluate relations, alignment and false flags on real pairs of this split instead")
    parser.add_argument("--limit", type=int, default=20, help="--real: pairs per corpus and kind")
    args = parser.parse_args()
    if args.real:
        scores = evaluate_real(args.real, args.limit, args.verbose)
        for key, value in scores.items():
            print(f"{key}: {value}")
        seconds, n_words = compare_cpu_seconds()
        print(f"compare 10 articles ({n_words} words): {seconds:.1f} CPU s")
        return
    pairs = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    scores = evaluate(pairs, args.verbose)
    elapsed = time.perf_counter() - started
    n_sentences = sum(len(build_document(p["b"]["text"], lang=p["b"]["lang"]).sentences) for p in pairs)
    print(f"{len(pairs)} labeled pairs, {n_sentences} sentences of source B, {elapsed:.1f} s")
    print(f"{'flag':<16}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
    for flag, s in scores.items():
        print(f"{flag:<16}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}")
    if args.rewrites:
        rewrite_flag_rate(args.rewrites, show=20 if args.verbose else 0)


if __name__ == "__main__":
    main()
