"""Model cards for the Model page, read from the models folder (``models/*.md`` and card JSON files).

The card layout belongs to ``credibility.models``; this reader accepts the usual spellings of each part
and shows whatever a card has, so a card without plots still shows its text and metrics.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class ModelCard:
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


def load_cards(folder: Path) -> list[ModelCard]:
    """Every model in ``folder`` named by file stem: ``<stem>.card.json`` merged with ``<stem>.md``.

    ``README.md`` is not a card (see :func:`models_readme`). A JSON file that does not parse is skipped.
    """
    if not folder.is_dir():
        return []
    cards: dict[str, ModelCard] = {}
    for path in sorted(folder.glob("*.card.json")):
        data = _read_json(path)
        if data is not None:
            stem = path.name.removesuffix(".card.json")
            card = cards[stem] = parse_card(data, default_name=stem)
            card.name = stem  # the file stem names the model files; the card's own name stays in info
            card.paths.append(path)
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        card = cards.setdefault(path.stem, ModelCard(name=path.stem))
        card.markdown = path.read_text(encoding="utf-8", errors="replace")
        card.paths.append(path)
    return list(cards.values())


def unreadable_cards(folder: Path) -> list[str]:
    """Names of ``*.card.json`` files in ``folder`` that are not a JSON object (shown, never skipped silently)."""
    if not folder.is_dir():
        return []
    return [p.name for p in sorted(folder.glob("*.card.json")) if _read_json(p) is None]


def models_readme(folder: Path) -> str | None:
    path = folder / "README.md"
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None


def parse_card(data: dict[str, Any], default_name: str) -> ModelCard:
    """Pick the known parts out of a card dict."""
    metrics = _numbers(_first(data, "metrics", "cross_validated_metrics", "test_metrics", "held_out_metrics") or {})
    roc = _curve(_first(data, "roc", "roc_curve"), ("fpr", "false_positive_rate"), ("tpr", "true_positive_rate"))
    reliability = _curve(
        _first(data, "reliability", "calibration", "calibration_curve", "reliability_curve"),
        ("mean_predicted", "prob_pred", "predicted", "mean_predicted_probability", "confidence"),
        ("fraction_positive", "prob_true", "observed", "fraction_of_positives", "accuracy"),
    )
    auc = _first(metrics, "roc_auc", "auc", "auroc") or next(
        (v for k, v in metrics.items() if k.endswith(("auroc", "roc_auc"))), None
    )
    threshold = _first(data, "threshold", "decision_threshold")
    known = {"metrics", "cross_validated_metrics", "evaluation", "test_metrics", "held_out_metrics", "roc", "roc_curve", "reliability", "calibration",
             "calibration_curve", "reliability_curve", "feature_importances", "importances", "coefficients"}  # fmt: skip
    info = {k: v for k, v in data.items() if k not in known and not isinstance(v, dict | list)}
    return ModelCard(
        name=str(_first(data, "name", "model", "model_name") or default_name),
        metrics=metrics,
        threshold=float(threshold) if isinstance(threshold, int | float) else None,
        roc=roc,
        auc=float(auc) if isinstance(auc, int | float) else None,
        reliability=reliability,
        importances=_importances(_first(data, "feature_importances", "importances", "coefficients")),
        tables=_tables(data.get("evaluation")),
        info=info,
    )


def _tables(data: Any) -> list[dict[str, Any]]:
    """Evaluation tables as ``credibility.models.card`` writes them: title, columns, rows, note."""
    if not isinstance(data, list):
        return []
    return [t for t in data if isinstance(t, dict) and isinstance(t.get("rows"), list) and t["rows"]]


def _first(data: dict[str, Any], *keys: str) -> Any:
    return next((data[k] for k in keys if k in data and data[k] is not None), None)


def _numbers(data: Any) -> dict[str, float]:
    if not isinstance(data, dict):
        return {}
    out = {}
    for key, value in data.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[str(key)] = float(value)
        elif isinstance(value, dict):  # nested, e.g. {"test": {"auc": ...}}
            out.update({f"{key}.{k}": v for k, v in _numbers(value).items()})
    return out


def _curve(data: Any, x_keys: tuple[str, ...], y_keys: tuple[str, ...]) -> tuple[list[float], list[float]] | None:
    if isinstance(data, dict):
        x, y = _first(data, *x_keys), _first(data, *y_keys)
    elif isinstance(data, list) and data and isinstance(data[0], dict):
        x = [_first(p, *x_keys) for p in data]
        y = [_first(p, *y_keys) for p in data]
    else:
        return None
    if not isinstance(x, list) or not isinstance(y, list) or len(x) != len(y) or not x:
        return None
    if any(v is None for v in (*x, *y)):
        return None
    return [float(v) for v in x], [float(v) for v in y]


def _importances(data: Any) -> dict[str, float]:
    if isinstance(data, dict):
        return {str(k): float(v) for k, v in data.items() if isinstance(v, int | float)}
    if isinstance(data, list):
        out = {}
        for item in data:
            if isinstance(item, dict):
                name = _first(item, "feature", "name")
                value = _first(item, "importance", "weight", "coefficient", "value")
                if name is not None and isinstance(value, int | float):
                    out[str(name)] = float(value)
            elif isinstance(item, list | tuple) and len(item) == 2 and isinstance(item[1], int | float):
                out[str(item[0])] = float(item[1])
        return out
    return {}


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


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
