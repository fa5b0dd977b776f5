"""How reliable the passage view is: the shipped AI model on ~3-sentence windows of held-out texts.

Held-out rows (the 20% test split of ``experiments.ai_experiment.ai_frame``) are scored window by window
with ``credibility.passages.score_passages``, exactly as the dashboard shades them. Printed: window-level
AUROC (machine vs human news windows), the share of human-news windows at p >= 0.5 and at the stored
threshold, and the same for whole articles for comparison. The wording in
``credibility.passages.WINDOW_RELIABILITY`` quotes these figures.

    python benchmarks/eval_passages.py [--per-class 300] [--card]

``--card`` writes the figures at the passage view's own lines (:data:`credibility.passages.WINDOW_LINES`)
into the shipped AI card's ``passage_windows`` section (atomically; run it after retraining the AI model).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from credibility.analysis import analyze_document  # noqa: E402
from credibility.document import build_document  # noqa: E402
from credibility.models.metrics import auroc  # noqa: E402
from credibility.models.scorer import load_default_scorer  # noqa: E402
from credibility.passages import score_passages  # noqa: E402
from experiments.ai_experiment import NON_NEWS_DOMAINS, ai_frame  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-class", type=int, default=300, help="held-out articles per class (random, seed 13)")
    parser.add_argument("--card", action="store_true", help="write the figures into the shipped AI card")
    args = parser.parse_args()
    scorer = load_default_scorer()
    df = ai_frame()
    df = df[df["split"].eq("test") & ~df["domain"].isin(NON_NEWS_DOMAINS)]
    rng = np.random.default_rng(13)
    picked = []
    for label in (0, 1):
        rows = df[df["y"].eq(label)]
        picked.append(rows.iloc[rng.permutation(len(rows))[: args.per_class]])
    window_p, window_y, article_p, article_y = [], [], [], []
    for label, rows in zip((0, 1), picked, strict=True):
        for text in rows["text"]:
            doc = build_document(text)
            if not doc.supported or not doc.word_count:
                continue
            passages = [p for p in score_passages(doc, scorer) if p.probability is not None]
            window_p += [p.probability for p in passages]
            window_y += [label] * len(passages)
            article_p.append(analyze_document(doc, scorer).ai_probability)
            article_y.append(label)
    wp, wy, ap, ay = map(np.asarray, (window_p, window_y, article_p, article_y))
    threshold = scorer.ai_model.threshold
    print(f"held-out news texts: {int((ay == 0).sum())} human, {int((ay == 1).sum())} machine")
    print(f"windows: {int((wy == 0).sum())} human, {int((wy == 1).sum())} machine")
    for name, p, y in (("windows", wp, wy), ("articles", ap, ay)):
        human = p[y == 0]
        print(f"{name}: AUROC {auroc(y, p):.3f}; human at p>=0.5 {np.mean(human >= 0.5):.1%}; "
              f"human at the threshold {threshold:.3f}: {np.mean(human >= threshold):.1%}; "
              f"machine at p>=0.5 {np.mean(p[y == 1] >= 0.5):.1%}")
    human, machine = wp[wy == 0], wp[wy == 1]
    print("human-news window quantiles (the passage view's shading lines) and machine windows above each:")
    for q in (0.5, 0.75, 0.9, 0.95, 0.975, 0.99):
        line = float(np.quantile(human, q))
        print(f"  q{q:g}: p = {line:.3f}; human windows >= it {np.mean(human >= line):.1%}, "
              f"machine windows >= it {np.mean(machine >= line):.1%}")
    if args.card:
        write_card(args.per_class, wp, wy, ap, ay)


def write_card(per_class: int, wp: np.ndarray, wy: np.ndarray, ap: np.ndarray, ay: np.ndarray) -> None:
    """The card's ``passage_windows`` section: the figures at the view's shading lines."""
    from credibility.atomic_write import atomic_write
    from credibility.models.scorer import AI_MODEL_FILE, models_dir
    from credibility.models.store import card_path
    from credibility.passages import WINDOW_LINES

    human, machine = wp[wy == 0], wp[wy == 1]
    lines = [{"probability": line, "human_windows_at_or_above": round(float(np.mean(human >= line)), 3),
              "machine_windows_at_or_above": round(float(np.mean(machine >= line)), 3)} for line, _ in WINDOW_LINES]
    path = card_path(models_dir() / AI_MODEL_FILE)
    card = json.loads(path.read_text(encoding="utf-8"))
    card["passage_windows"] = {
        "window_sentences": 3, "window_auroc": round(auroc(wy, wp), 3), "article_auroc": round(auroc(ay, ap), 3),
        "human_window_median_p": round(float(np.median(human)), 3), "lines": lines,
        "measured_by": f"python benchmarks/eval_passages.py --per-class {per_class}"}
    data = (json.dumps(card, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    atomic_write(path, lambda f: f.write(data))
    print(f"wrote passage_windows into {path}")


if __name__ == "__main__":
    main()
