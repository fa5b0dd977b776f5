"""Rendering a model card (the JSON metadata beside a model file) as readable Markdown."""

from __future__ import annotations

import math
from typing import Any


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "–" if math.isnan(value) else f"{value:.3f}"
    if value is None:
        return "–"
    return str(value)


def make_table(title: str, rows: list[dict], note: str = "") -> dict:
    """A card table: its columns are every row key, in first-seen order (what :func:`render_table` reads)."""
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    return {"title": title, "note": note, "columns": columns, "rows": rows}


def render_table(table: dict) -> list[str]:
    cols = table["columns"]
    lines = [f"### {table['title']}", ""]
    if table.get("note"):
        lines += [table["note"], ""]
    lines.append("| " + " | ".join(cols) + " |")
    lines.append("|" + "---|" * len(cols))
    for row in table["rows"]:
        lines.append("| " + " | ".join(_fmt(row.get(c)) for c in cols) + " |")
    lines.append("")
    return lines


def render_card(card: dict) -> str:
    """Markdown version of a card: what the model does, on what data, how well, and where it fails."""
    classes = card.get("classes", ["negative", "positive"])
    lines = [
        f"# Model card: {card.get('name')}",
        "",
        card.get("description", ""),
        "",
        "| | |",
        "|---|---|",
        f"| task | {card.get('task')} |",
        f"| classes | {classes[0]} (0) / {classes[1]} (1); the score is P({classes[1]}) |",
        f"| model | {card.get('model_kind')} |",
        f"| decision threshold | {_fmt(card.get('threshold'))} |",
        f"| target false-positive rate | {_fmt(card.get('target_fpr'))} |",
        f"| file | `{card.get('file')}` |",
        f"| file sha256 | `{card.get('sha256')}` |",
        f"| created | {card.get('created')} |",
        f"| libraries | {', '.join(f'{k} {v}' for k, v in (card.get('libraries') or {}).items())} |",
        "",
    ]
    if card.get("threshold_note"):
        lines += [card["threshold_note"], ""]
    data = card.get("training_data") or {}
    if data:
        lines += ["## Training data", ""]
        if data.get("fingerprint"):
            lines.append(f"- fingerprint (sha256 of the training texts and labels): `{data['fingerprint']}`")
        for cls, n in (data.get("rows_per_class") or {}).items():
            lines.append(f"- {cls}: {n} rows")
        for note in data.get("notes", []):
            lines.append(f"- {note}")
        lines.append("")
    if card.get("metrics"):
        lines += ["## Headline held-out figures", ""]
        lines += [f"- {k.replace('_', ' ')}: {_fmt(v)}" for k, v in card["metrics"].items()]
        lines.append("")
    if card.get("selection"):
        lines += ["## Model choice", "", card["selection"], ""]
    if card.get("evaluation"):
        lines += ["## Held-out evaluation", ""]
        for table in card["evaluation"]:
            lines += render_table(table)
    if card.get("weaknesses"):
        lines += ["## Where the model is weak", ""]
        lines += [f"- {w}" for w in card["weaknesses"]]
        lines.append("")
    if card.get("reproduce"):
        lines += ["## Reproduce", "", "```", card["reproduce"], "```", ""]
    names = card.get("feature_names") or []
    if names:
        lines += [f"## Features ({len(names)})", "", ", ".join(f"`{n}`" for n in names), ""]
    return "\n".join(lines)
