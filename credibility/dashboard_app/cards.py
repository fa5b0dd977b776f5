"""Model cards for the Model page, read from the models folder (``models/*.md`` and card JSON files).

Cards are read by ``credibility.models.model_card`` (the one reader of every spelling a card has had); this
module only picks out what the page shows, so a card without plots still shows its text and metrics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models.model_card import CARD_SUFFIX, ModelCard, card_from_dict, card_to_dict, read_card_json


@dataclass(slots=True)
class PageCard:
    """What the Model page can show about one model; every part is optional except the name."""

    name: str
    markdown: str | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    threshold: float | None = None
    roc: tuple[list[float], list[float]] | None = None
    auc: float | None = None
    reliability: tuple[list[float], list[float]] | None = None
    importances: dict[str, float] = field(default_factory=dict)
    tables: list[dict[str, Any]] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    paths: list[Path] = field(default_factory=list)


def load_cards(folder: Path) -> list[PageCard]:
    """Every model in ``folder`` named by file stem: ``<stem>.card.json`` merged with ``<stem>.md``.

    ``README.md`` is not a card (see :func:`models_readme`). A JSON file that does not parse is skipped.
    """
    if not folder.is_dir():
        return []
    cards: dict[str, PageCard] = {}
    for path in sorted(folder.glob(f"*{CARD_SUFFIX}")):
        data = read_card_json(path)
        if data is not None:
            stem = path.name.removesuffix(CARD_SUFFIX)
            card = cards[stem] = parse_card(data, default_name=stem)
            card.name = stem  # the file stem names the model files; the card's own name stays in info
            card.paths.append(path)
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        card = cards.setdefault(path.stem, PageCard(name=path.stem))
        card.markdown = path.read_text(encoding="utf-8", errors="replace")
        card.paths.append(path)
    return list(cards.values())


def unreadable_cards(folder: Path) -> list[str]:
    """Names of ``*.card.json`` files in ``folder`` that are not a JSON object (shown, never skipped silently)."""
    if not folder.is_dir():
        return []
    return [p.name for p in sorted(folder.glob(f"*{CARD_SUFFIX}")) if read_card_json(p) is None]


def models_readme(folder: Path) -> str | None:
    path = folder / "README.md"
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None


def parse_card(data: dict[str, Any], default_name: str) -> PageCard:
    """What the page shows of a card dict (read by the card reader, whatever its spellings)."""
    return page_card(card_from_dict(data, default_name=default_name))


def page_card(card: ModelCard) -> PageCard:
    """The page's view of a typed card: headline (else cross-validated) figures, curves, importances,
    evaluation tables, and the card's short facts."""
    return PageCard(
        name=card.name,
        metrics=card.numeric_metrics(),
        threshold=card.threshold,
        roc=(list(card.roc.x), list(card.roc.y)) if card.roc else None,
        auc=card.auroc(),
        reliability=(list(card.reliability.x), list(card.reliability.y)) if card.reliability else None,
        importances=dict(card.feature_importances),
        tables=[dict(t) for t in card.evaluation],
        info={k: v for k, v in card_to_dict(card).items() if not isinstance(v, dict | list)},
    )


def coefficient_importances(model_path: Path) -> dict[str, float]:
    """Signed global effect of each feature (a linear model's calibrated coefficient; for trees, the mean
    absolute per-article contribution, signed by direction), read from a verified model file.

    Used when a card stores no importances. Empty when the file is missing or fails verification
    (loading is refused for a file whose hash does not match its card).
    """
    if not model_path.is_file():
        return {}
    try:
        from ..models.store import load_model

        model = load_model(model_path)
    except Exception:  # an unverifiable or older model file: the page shows the card without the plot
        return {}
    return {str(n): float(c) for n, c in zip(model.feature_names, model.explain_coef, strict=False)}
