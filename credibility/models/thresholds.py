"""A model's decision lines and how often each one is crossed by texts it should not flag, read from its card.

The verdict block (:mod:`credibility.verdict_block`) states each verdict with its false-positive rate
("flags about 1 in 250 human news articles"); the figures come from the model card, never from the front
end. Light on purpose (JSON only): the CLI table and the dashboard read cards without loading a model.

AI model cards: the ``possibly`` and ``likely`` lines are read from ``card["thresholds"]`` when the card
has it, either ``{"possibly": 0.7, ...}`` or ``{"possibly": {"probability": 0.7, "fpr_on_human_news":
0.05}, ...}`` (also a list of such dicts with a ``name``); per-language rates may be given as
``"fpr_by_lang": {"en": ..., "nl": ...}``. Without it, ``likely`` is the stored ``threshold`` with the
held-out false-positive rate of the metrics, and ``possibly`` is p = 0.5 with the rate the held-out
evaluation table measured at p >= 0.5.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

POSSIBLY, LIKELY = "possibly", "likely"
# p = 0.5: where 'possibly machine-written' started before cards stored a line for it.
LEGACY_POSSIBLY = 0.5
_LANGUAGE_NAMES = {"en": "english", "nl": "dutch"}
_HUMAN_ROWS = {"en": "English human news", "nl": "Dutch human news"}


@dataclass(frozen=True, slots=True)
class Threshold:
    """A decision line: texts scoring at or above ``probability`` get the verdict named ``name``;
    ``fpr_on_human_news`` is the share of held-out texts of the other class (human news for the AI
    model, credible news for the credibility model) at or above it; None when the card does not say."""

    name: str
    probability: float
    fpr_on_human_news: float | None


def ai_thresholds(card: dict[str, Any], lang: str | None = None) -> tuple[Threshold, Threshold]:
    """The AI model's (possibly, likely) lines with their false-positive rates on human news in ``lang``
    (English figures when the card has none for it)."""
    stored = _number(card.get("threshold"))
    listed = _listed_thresholds(card, lang)
    likely = listed.get(LIKELY) or Threshold(LIKELY, stored if stored is not None else LEGACY_POSSIBLY,
                                             _likely_fpr(card, lang))
    possibly = listed.get(POSSIBLY) or Threshold(POSSIBLY, min(LEGACY_POSSIBLY, likely.probability),
                                                 _table_fpr(card, lang, "fpr@p>=0.5"))
    return possibly, likely


def credibility_threshold(card: dict[str, Any], lang: str | None = None) -> Threshold:
    """The credibility model's 'low credibility' line (on P(not credible)) with the share of held-out
    credible news it calls low in ``lang`` (English when the card has no figure for it)."""
    metrics = card.get("metrics") or {}
    keys = ["dutch_human_news_called_low"] if lang == "nl" else []
    keys += ["held_out_credible_called_low"]
    rate = next((_number(metrics.get(k)) for k in keys if _number(metrics.get(k)) is not None), None)
    if rate is None:
        rate = _number(card.get("target_fpr"))
    return Threshold("low credibility", _number(card.get("threshold")) or 0.5, rate)


def _listed_thresholds(card: dict[str, Any], lang: str | None) -> dict[str, Threshold]:
    raw = card.get("thresholds")
    if isinstance(raw, dict):
        entries = [{"name": name, **(value if isinstance(value, dict) else {"probability": value})}
                   for name, value in raw.items()]
    elif isinstance(raw, list):
        entries = [e for e in raw if isinstance(e, dict)]
    else:
        return {}
    found = {}
    for entry in entries:
        name = str(entry.get("name", "")).removesuffix(" machine-written")
        probability = _first_number(entry, ("probability", "threshold", "value"))
        if name not in (POSSIBLY, LIKELY) or probability is None:
            continue
        by_lang = entry.get("fpr_by_lang") if isinstance(entry.get("fpr_by_lang"), dict) else {}
        fpr = _number(by_lang.get(lang)) if lang in by_lang else None
        if fpr is None:
            fpr = _first_number(entry, ("fpr_on_human_news", "fpr", "false_positive_rate", "fpr_english_human_news"))
        found[name] = Threshold(name, probability, fpr)
    return found


def _likely_fpr(card: dict[str, Any], lang: str | None) -> float | None:
    metrics = card.get("metrics") or {}
    keys = [f"fpr_{_LANGUAGE_NAMES[lang]}_human_news"] if lang in _LANGUAGE_NAMES else []
    keys += ["fpr_english_human_news", "held_out_news_fpr_at_threshold"]
    for key in keys:
        if _number(metrics.get(key)) is not None:
            return _number(metrics[key])
    return _number(card.get("target_fpr"))


def _table_fpr(card: dict[str, Any], lang: str | None, column: str) -> float | None:
    """``column`` of the evaluation row for human news in ``lang`` (else English), when the card has it."""
    rows = [row for table in card.get("evaluation") or [] if isinstance(table, dict)
            for row in table.get("rows") or [] if isinstance(row, dict) and column in row]
    for code in ([lang] if lang in _HUMAN_ROWS else []) + ["en"]:
        for row in rows:
            label = str(next(iter(row.values()), ""))
            if label.startswith(_HUMAN_ROWS[code]):
                return _number(row[column])
    return None


def _first_number(entry: dict[str, Any], keys: tuple[str, ...]) -> float | None:
    return next((_number(entry[k]) for k in keys if _number(entry.get(k)) is not None), None)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def find_card(model_name: str, folder: Path) -> dict[str, Any]:
    """The card of the model called ``model_name`` in ``folder`` (``<name>.card.json``, else any card whose
    ``name`` is it, as when a retrained model was installed under a shipped file name); {} when none."""
    try:
        stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.card.json")))
    except OSError:
        return {}
    return _find_card(model_name, str(folder), stamp)


@lru_cache(maxsize=16)
def _find_card(model_name: str, folder: str, stamp: tuple) -> dict[str, Any]:
    base = Path(folder)
    names = [f"{model_name}.card.json"] + sorted(name for name, _ in stamp if name != f"{model_name}.card.json")
    for name in names:
        card = _read(base / name)
        if card and (name == f"{model_name}.card.json" or card.get("name") == model_name):
            return card
    return {}


def _read(path: Path) -> dict[str, Any]:
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return card if isinstance(card, dict) else {}
