"""A model's decision lines and how often each one is crossed by texts it should not flag, read from its card.

The verdict block (:mod:`credibility.verdict_block`) states each verdict with its false-positive rate
("flags about 1 in 250 human news articles"); the figures come from the model card, never from the front
end. Light on purpose (JSON only): the CLI table and the dashboard read cards without loading a model.

Cards are read by :mod:`credibility.models.model_card` (the one reader of every spelling a card has had).
AI model cards: the ``possibly`` and ``likely`` lines are the card's ``thresholds``, with per-language
rates when it has them. A card without them (written before they were stored) gives ``likely`` at the
stored ``threshold`` with the held-out false-positive rate of its metrics, and ``possibly`` at p = 0.5 with
the rate its held-out evaluation table measured at p >= 0.5.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..verdicts import LEGACY_POSSIBLY  # p = 0.5: the 'possibly' line of cards that store none
from .model_card import CARD_SUFFIX, LIKELY, POSSIBLY, ModelCard, as_card, read_card_file

_LANGUAGE_NAMES = {"en": "english", "nl": "dutch"}
_HUMAN_ROWS = {"en": "English human news", "nl": "Dutch human news"}

CardLike = ModelCard | Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Threshold:
    """A decision line: texts scoring at or above ``probability`` get the verdict named ``name``;
    ``fpr_on_human_news`` is the share of held-out texts of the other class (human news for the AI
    model, credible news for the credibility model) at or above it; None when the card does not say."""

    name: str
    probability: float
    fpr_on_human_news: float | None


def ai_thresholds(card: CardLike, lang: str | None = None) -> tuple[Threshold, Threshold]:
    """The AI model's (possibly, likely) lines with their false-positive rates on human news in ``lang``
    (English figures when the card has none for it)."""
    typed = as_card(card) or ModelCard()
    likely = _listed(typed, LIKELY, lang) or Threshold(
        LIKELY, typed.threshold if typed.threshold is not None else LEGACY_POSSIBLY, _likely_fpr(typed, lang))
    possibly = _listed(typed, POSSIBLY, lang) or Threshold(
        POSSIBLY, min(LEGACY_POSSIBLY, likely.probability), _table_fpr(typed, lang, "fpr@p>=0.5"))
    return possibly, likely


def credibility_threshold(card: CardLike, lang: str | None = None) -> Threshold:
    """The credibility model's 'low credibility' line (on P(not credible)) with the share of held-out
    credible news it calls low in ``lang`` (English when the card has no figure for it)."""
    typed = as_card(card) or ModelCard()
    keys = ["dutch_human_news_called_low"] if lang == "nl" else []
    keys += ["held_out_credible_called_low"]
    rate = next((_number(typed.metrics.get(k)) for k in keys if _number(typed.metrics.get(k)) is not None), None)
    if rate is None:
        rate = typed.target_fpr
    return Threshold("low credibility", typed.threshold or 0.5, rate)


def _listed(card: ModelCard, name: str, lang: str | None) -> Threshold | None:
    line = card.thresholds.get(name)
    return None if line is None else Threshold(name, line.probability, line.fpr_in(lang))


def _likely_fpr(card: ModelCard, lang: str | None) -> float | None:
    metrics = card.metrics
    keys = [f"fpr_{_LANGUAGE_NAMES[lang]}_human_news"] if lang in _LANGUAGE_NAMES else []
    keys += ["fpr_english_human_news", "held_out_news_fpr_at_threshold"]
    for key in keys:
        if _number(metrics.get(key)) is not None:
            return _number(metrics[key])
    return card.target_fpr


def _table_fpr(card: ModelCard, lang: str | None, column: str) -> float | None:
    """``column`` of the evaluation row for human news in ``lang`` (else English), when the card has it."""
    rows = [row for table in card.evaluation for row in table["rows"] if isinstance(row, dict) and column in row]
    for code in ([lang] if lang in _HUMAN_ROWS else []) + ["en"]:
        for row in rows:
            label = str(next(iter(row.values()), ""))
            if label.startswith(_HUMAN_ROWS[code]):
                return _number(row[column])
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def find_card(model_name: str, folder: Path) -> ModelCard | None:
    """The card of the model called ``model_name`` in ``folder`` (``<name>.card.json``, else any card whose
    ``name`` is it, as when a retrained model was installed under a shipped file name); None when none."""
    try:
        stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob(f"*{CARD_SUFFIX}")))
    except OSError:
        return None
    return _find_card(model_name, str(folder), stamp)


@lru_cache(maxsize=16)
def _find_card(model_name: str, folder: str, stamp: tuple) -> ModelCard | None:
    base = Path(folder)
    own = f"{model_name}{CARD_SUFFIX}"
    for name in [own] + sorted(name for name, _ in stamp if name != own):
        card = read_card_file(base / name)
        if card is not None and (name == own or card.name == model_name):
            return card
    return None
