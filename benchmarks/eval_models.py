"""Held-out report for the shipped models: reproduces the tables in their model cards from models/.

    python benchmarks/eval_models.py            # held-out tables + plots (minutes, cached features)
    python benchmarks/eval_models.py --full     # + baseline and leave-one-out refits (~20 min)

The credibility model's out-of-distribution gate has its own script: benchmarks/eval_credibility_ood.py.

Writes artifacts/eval_models.md and ROC / reliability plots in artifacts/plots/, and says whether each
figure matches the one recorded in the card.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from credibility.models.card import render_table  # noqa: E402
from credibility.models.plots import reliability_png, roc_png  # noqa: E402
from credibility.models.scorer import AI_MODEL_FILE, CREDIBILITY_MODEL_FILE, MODELS_DIR  # noqa: E402
from credibility.models.store import load_model, read_card  # noqa: E402
from experiments import ai_experiment as ai  # noqa: E402
from experiments import credibility_model as cred  # noqa: E402


def compare_with_card(tables: list[dict], card: dict) -> list[str]:
    """Lines saying, per table, how many figures equal the card's (to 3 decimals)."""
    recorded = {t["title"]: t for t in card.get("evaluation", [])}
    out = []
    for table in tables:
        old = recorded.get(table["title"])
        if old is None:
            out.append(f"- {table['title']}: not in the card")
            continue
        same = total = 0
        for new_row, old_row in zip(table["rows"], old["rows"], strict=False):
            for key, value in new_row.items():
                if isinstance(value, float) and key in old_row and not math.isnan(value):
                    total += 1
                    same += abs(value - float(old_row[key])) < 5e-4
        out.append(f"- {table['title']}: {same}/{total} figures match the card")
    return out


def ai_report(models_dir: Path, plots: Path, full: bool) -> list[str]:
    path = models_dir / AI_MODEL_FILE
    model, card = load_model(path), read_card(path)
    data = ai.load_ai_data()
    result = ai.evaluate_ai(data, model, ai.train_mask(data), bow=ai.Bow(data) if full else None, generalisation=full)
    prob = model.predict_proba(model.columns(data.X, data.names, data.df["text"].tolist()))
    held = data.test | data.df["family"].eq(ai.LEFT_OUT_FAMILY).to_numpy()
    news = held & (data.human_news | (data.df["y"].eq(1).to_numpy()))
    y = data.df["y"].to_numpy()
    roc_png(y[news], prob[news], plots / "ai_generated_roc.png", title="ai_generated: held-out news",
            threshold=model.threshold)
    reliability_png(y[news], prob[news], plots / "ai_generated_reliability.png", title="ai_generated: held-out news")
    lines = [f"# ai_generated ({model.kind}, threshold {model.threshold:.3f})", ""]
    for table in result["tables"]:
        lines += render_table(table)
    return lines + ["Reproduction check:", *compare_with_card(result["tables"], card), ""]


def cred_report(models_dir: Path, plots: Path, full: bool) -> list[str]:
    path = models_dir / CREDIBILITY_MODEL_FILE
    model, card = load_model(path), read_card(path)
    data = cred.load()
    result = cred.evaluate(data, model, baseline=full, lodo=full)
    prob = cred.prob(model, data)
    t, y = data.test, data.y
    roc_png(y[t], prob[t], plots / "credibility_roc.png", title="credibility: held-out articles (P(not credible))",
            threshold=model.threshold)
    reliability_png(y[t], prob[t], plots / "credibility_reliability.png", title="credibility: held-out articles")
    lines = [f"# credibility ({model.kind})", ""]
    for table in result["tables"]:
        lines += render_table(table)
    return lines + ["Reproduction check:", *compare_with_card(result["tables"], card), ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models-dir", type=Path, default=MODELS_DIR)
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "eval_models.md")
    parser.add_argument("--full", action="store_true", help="also the baseline and the leave-one-out refits")
    args = parser.parse_args()
    plots = args.out.parent / "plots"
    lines = cred_report(args.models_dir, plots, args.full) + ai_report(args.models_dir, plots, args.full)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(json.dumps({"report": str(args.out), "plots": str(plots)}))


if __name__ == "__main__":
    main()
