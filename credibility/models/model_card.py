"""The model card as a typed record, with the one reader and the one writer of its JSON.

A card (``<name>.card.json`` beside ``<name>.npz``) says what a model is, on what data it was trained, how
well it does and where its decision lines are. Every part of the project reads a card through
:func:`card_from_dict` / :func:`read_card_file` and gets a :class:`ModelCard` with one spelling per field;
:func:`card_to_dict` writes it (``credibility.models.store`` adds the file's sha256 and writes it atomically).

Cards written by older versions, or by hand, used other spellings. They are read **here and nowhere
else** (each has a test in ``tests/models/test_model_card.py``):

- ``metrics``: also ``test_metrics``, ``held_out_metrics``; nested groups are flattened (``test.auc``);
- ``roc``: also ``roc_curve``; its axes also ``false_positive_rate`` / ``true_positive_rate``; also a list
  of points;
- ``reliability``: also ``calibration``, ``calibration_curve``, ``reliability_curve``; its axes also
  ``prob_pred`` / ``predicted`` / ``mean_predicted_probability`` / ``confidence`` and ``prob_true`` /
  ``observed`` / ``fraction_of_positives`` / ``accuracy``; also a list of points;
- ``feature_importances``: also ``importances``, ``coefficients``; also a list of ``{feature, importance}``
  (or ``name`` / ``weight`` / ``coefficient`` / ``value``) or of ``[name, value]`` pairs;
- ``threshold``: also ``decision_threshold``; ``name``: also ``model``, ``model_name``;
- ``thresholds`` (the AI model's decision lines): also a list of lines with a ``name`` (``"possibly
  machine-written"`` for ``possibly``), or a bare number per line; a line's ``probability`` also
  ``threshold`` / ``value``, its ``fpr_on_human_news`` also ``fpr`` / ``false_positive_rate`` /
  ``fpr_english_human_news``.

Sections this version does not know are kept in :attr:`ModelCard.extra` and written back unchanged, so
reading and rewriting a card never loses anything.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

POSSIBLY, LIKELY = "possibly", "likely"
LINE_NAMES = (POSSIBLY, LIKELY)
CARD_SUFFIX = ".card.json"


@dataclass(frozen=True, slots=True)
class DecisionLine:
    """A decision line: texts at or above ``probability`` get the verdict it names. ``fpr_on_human_news``
    is the share of held-out texts of the other class at or above it (``fpr_by_lang`` per language);
    ``extra`` holds what the card says besides (target rate, what it applies to), written back as given."""

    probability: float
    fpr_on_human_news: float | None = None
    fpr_by_lang: Mapping[str, float] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    def fpr_in(self, lang: str | None) -> float | None:
        """The rate in ``lang`` when the card gives one, else the overall rate."""
        rate = self.fpr_by_lang.get(lang) if lang is not None else None
        return rate if rate is not None else self.fpr_on_human_news


@dataclass(frozen=True, slots=True)
class Curve:
    """A curve as two equally long axes (ROC: false- and true-positive rates; reliability: mean predicted
    probability and observed share of positives per bin, with ``count`` rows per bin when known)."""

    x: tuple[float, ...]
    y: tuple[float, ...]
    count: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class TrainingData:
    file: str | None = None
    fingerprint: str | None = None  # data_fingerprint: sha256 of the training texts and labels
    rows_per_class: Mapping[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ModelCard:
    """Everything a card says, one spelling per field, in the order a card is written. Every part is
    optional: a hand-written or old card shows whatever it has."""

    file: str | None = None
    sha256: str | None = None
    format_version: int | None = None
    name: str = "model"
    task: str | None = None
    classes: tuple[str, str] | None = None
    model_kind: str | None = None
    threshold: float | None = None  # the stored decision threshold on P(positive)
    target_fpr: float | None = None
    feature_names: tuple[str, ...] = ()
    monotonic_constraints: Mapping[str, int] = field(default_factory=dict)
    expert_terms: Mapping[str, Any] = field(default_factory=dict)
    description: str | None = None
    training_data: TrainingData | None = None
    selection: str | None = None
    candidates: Mapping[str, float] = field(default_factory=dict)
    cross_validated_metrics: Mapping[str, Any] = field(default_factory=dict)
    thresholds: Mapping[str, DecisionLine] = field(default_factory=dict)  # "possibly" / "likely"
    thresholds_extra: Mapping[str, Any] = field(default_factory=dict)  # e.g. per-genre lines
    min_words: int = 0  # under this many words the AI verdict is withheld
    threshold_note: str | None = None
    reference_values: Mapping[str, float] = field(default_factory=dict)
    language_validation: Mapping[str, str | None] | None = None
    evaluation: tuple[Mapping[str, Any], ...] = ()  # tables: title, note, columns, rows
    metrics: Mapping[str, Any] = field(default_factory=dict)  # headline held-out figures
    roc: Curve | None = None
    reliability: Curve | None = None
    feature_importances: Mapping[str, float] = field(default_factory=dict)
    weaknesses: tuple[str, ...] = ()
    reproduce: str | None = None
    seed: int | None = None
    created: str | None = None
    libraries: Mapping[str, str] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)  # sections this version does not know

    def numeric_metrics(self) -> dict[str, float]:
        """The headline figures, else the cross-validated ones, as numbers (nested groups flattened)."""
        return _numbers(self.metrics) or _numbers(self.cross_validated_metrics)

    def auroc(self) -> float | None:
        """The AUROC the card headlines (``auroc`` / ``roc_auc`` / ``auc``, or any ``*_auroc``)."""
        metrics = self.numeric_metrics()
        found = _first(metrics, "roc_auc", "auc", "auroc")
        if found is None:
            found = next((v for k, v in metrics.items() if k.endswith(("auroc", "roc_auc"))), None)
        return found


# -- reading ----------------------------------------------------------------------------------------

_ALIASES = {  # field -> every key it has been written under, the current one first
    "name": ("name", "model", "model_name"),
    "threshold": ("threshold", "decision_threshold"),
    "metrics": ("metrics", "test_metrics", "held_out_metrics"),
    "roc": ("roc", "roc_curve"),
    "reliability": ("reliability", "calibration", "calibration_curve", "reliability_curve"),
    "feature_importances": ("feature_importances", "importances", "coefficients"),
}
_ROC_AXES = (("fpr", "false_positive_rate"), ("tpr", "true_positive_rate"))
_RELIABILITY_AXES = (("mean_predicted", "prob_pred", "predicted", "mean_predicted_probability", "confidence"),
                     ("fraction_positive", "prob_true", "observed", "fraction_of_positives", "accuracy"))
_LINE_PROBABILITY = ("probability", "threshold", "value")
_LINE_FPR = ("fpr_on_human_news", "fpr", "false_positive_rate", "fpr_english_human_news")
_MAX_MIN_WORDS = 10_000


def card_from_dict(data: Mapping[str, Any], default_name: str = "model") -> ModelCard:
    """The typed card of a card dict (any spelling above); wrong-typed parts are left out, never guessed."""
    data = dict(data) if isinstance(data, Mapping) else {}
    aliased = {alias for keys in _ALIASES.values() for alias in keys}
    thresholds, thresholds_extra, min_words = _thresholds(data.get("thresholds"))
    classes = data.get("classes")
    known = {f.name for f in fields(ModelCard)}
    return ModelCard(
        name=str(_first(data, *_ALIASES["name"]) or default_name),
        task=_text(data.get("task")),
        classes=(str(classes[0]), str(classes[1])) if isinstance(classes, list | tuple) and len(classes) == 2 else None,
        model_kind=_text(data.get("model_kind")),
        threshold=_number(_first(data, *_ALIASES["threshold"])),
        target_fpr=_number(data.get("target_fpr")),
        file=_text(data.get("file")),
        sha256=_text(data.get("sha256")),
        format_version=_integer(data.get("format_version")),
        feature_names=tuple(str(n) for n in _list(data.get("feature_names"))),
        monotonic_constraints={str(k): int(v) for k, v in _dict(data.get("monotonic_constraints")).items()
                               if _integer(v) is not None},
        expert_terms=_dict(data.get("expert_terms")),
        description=_text(data.get("description")),
        training_data=_training_data(data.get("training_data")),
        selection=_text(data.get("selection")),
        candidates=_numbers(data.get("candidates")),
        cross_validated_metrics=_dict(data.get("cross_validated_metrics")),
        thresholds=thresholds,
        thresholds_extra=thresholds_extra,
        min_words=min_words,
        threshold_note=_text(data.get("threshold_note")),
        evaluation=tuple(t for t in _list(data.get("evaluation"))
                         if isinstance(t, dict) and isinstance(t.get("rows"), list) and t["rows"]),
        metrics=_metrics(_first(data, *_ALIASES["metrics"])),
        roc=_curve(_first(data, *_ALIASES["roc"]), _ROC_AXES),
        reliability=_curve(_first(data, *_ALIASES["reliability"]), _RELIABILITY_AXES),
        feature_importances=_importances(_first(data, *_ALIASES["feature_importances"])),
        reference_values=_numbers(data.get("reference_values")),
        language_validation=_dict(data["language_validation"]) if isinstance(data.get("language_validation"), dict)
        else None,
        weaknesses=tuple(str(w) for w in _list(data.get("weaknesses"))),
        reproduce=_text(data.get("reproduce")),
        seed=_integer(data.get("seed")),
        created=_text(data.get("created")),
        libraries={str(k): str(v) for k, v in _dict(data.get("libraries")).items()},
        extra={k: v for k, v in data.items() if k not in known and k not in aliased},
    )


def read_card_file(path: Path | str) -> ModelCard | None:
    """The card in ``path`` (a ``.card.json``), or None when it is missing or not a JSON object."""
    data = read_card_json(path)
    if data is None:
        return None
    return card_from_dict(data, default_name=Path(path).name.removesuffix(CARD_SUFFIX))


def read_card_json(path: Path | str) -> dict[str, Any] | None:
    """The raw JSON object of a card file, or None when it is missing or not a JSON object."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _thresholds(raw: Any) -> tuple[dict[str, DecisionLine], dict[str, Any], int]:
    if isinstance(raw, dict):
        entries = [(name, value) for name, value in raw.items()]
    elif isinstance(raw, list):
        entries = [(e.get("name"), e) for e in raw if isinstance(e, dict)]
    else:
        return {}, {}, 0
    lines: dict[str, DecisionLine] = {}
    extra: dict[str, Any] = {}
    min_words = 0
    for key, value in entries:
        name = str(key or "").removesuffix(" machine-written")
        if name == "min_words":
            words = _integer(value)
            min_words = words if words is not None and 0 <= words <= _MAX_MIN_WORDS else 0
            continue
        if name not in LINE_NAMES:
            extra[str(key)] = value
            continue
        line = _line(value)
        if line is not None:
            lines[name] = line
    return lines, extra, min_words


def _line(value: Any) -> DecisionLine | None:
    entry = value if isinstance(value, dict) else {"probability": value}
    probability = _first_number(entry, _LINE_PROBABILITY)
    if probability is None or not 0.0 <= probability <= 1.0:
        return None
    by_lang = {str(k): float(v) for k, v in _dict(entry.get("fpr_by_lang")).items() if _number(v) is not None}
    spent = {*_LINE_PROBABILITY, *_LINE_FPR, "fpr_by_lang", "name"}
    return DecisionLine(probability, _first_number(entry, _LINE_FPR), by_lang,
                        {k: v for k, v in entry.items() if k not in spent})


def _training_data(raw: Any) -> TrainingData | None:
    if not isinstance(raw, dict):
        return None
    return TrainingData(
        file=_text(raw.get("file")), fingerprint=_text(raw.get("fingerprint")),
        rows_per_class={str(k): int(v) for k, v in _dict(raw.get("rows_per_class")).items() if _integer(v) is not None},
        notes=tuple(str(n) for n in _list(raw.get("notes"))),
        extra={k: v for k, v in raw.items() if k not in ("file", "fingerprint", "rows_per_class", "notes")},
    )


def _metrics(raw: Any) -> dict[str, Any]:
    """Headline figures as stored (strings allowed); nested groups flattened as ``group.key``."""
    out: dict[str, Any] = {}
    for key, value in _dict(raw).items():
        if isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in _metrics(value).items()})
        else:
            out[str(key)] = value
    return out


def _curve(raw: Any, axes: tuple[tuple[str, ...], tuple[str, ...]]) -> Curve | None:
    if isinstance(raw, dict):
        x, y, count = _first(raw, *axes[0]), _first(raw, *axes[1]), raw.get("count")
    elif isinstance(raw, list) and raw and all(isinstance(p, dict) for p in raw):
        x, y, count = [_first(p, *axes[0]) for p in raw], [_first(p, *axes[1]) for p in raw], None
    else:
        return None
    if not isinstance(x, list) or not isinstance(y, list) or len(x) != len(y) or not x:
        return None
    if any(_number(v) is None for v in (*x, *y)):
        return None
    counts = tuple(int(c) for c in count) if isinstance(count, list) and len(count) == len(x) and all(
        _integer(c) is not None for c in count) else ()
    return Curve(tuple(float(v) for v in x), tuple(float(v) for v in y), counts)


def _importances(raw: Any) -> dict[str, float]:
    if isinstance(raw, dict):
        return {str(k): float(v) for k, v in raw.items() if _number(v) is not None}
    out: dict[str, float] = {}
    for item in _list(raw):
        if isinstance(item, dict):
            name = _first(item, "feature", "name")
            value = _first_number(item, ("importance", "weight", "coefficient", "value"))
            if name is not None and value is not None:
                out[str(name)] = value
        elif isinstance(item, list | tuple) and len(item) == 2 and _number(item[1]) is not None:
            out[str(item[0])] = float(item[1])
    return out


# -- writing ----------------------------------------------------------------------------------------

def card_to_dict(card: ModelCard) -> dict[str, Any]:
    """The card as JSON-ready data in the current spellings (empty parts left out, ``extra`` kept)."""
    out: dict[str, Any] = {}
    for f in fields(ModelCard):
        if f.name in ("thresholds", "thresholds_extra", "min_words", "extra"):
            if f.name == "thresholds":
                out.update(_thresholds_section(card))
            continue
        value = getattr(card, f.name)
        if f.name == "training_data" and value is not None:
            value = _training_dict(value)
        elif f.name == "roc" and value is not None:
            value = {"fpr": list(value.x), "tpr": list(value.y)}
        elif f.name == "reliability" and value is not None:
            value = {"mean_predicted": list(value.x), "fraction_positive": list(value.y),
                     **({"count": list(value.count)} if value.count else {})}
        elif f.name in ("classes", "feature_names", "weaknesses", "evaluation") and value is not None:
            value = [dict(v) if isinstance(v, Mapping) else v for v in value]
        elif isinstance(value, Mapping):
            value = dict(value)
        if f.name == "target_fpr" and value is None and card.threshold is not None:
            pass  # null: the threshold was set at P = 0.5, not for a false-positive rate
        elif value is None or (value == [] or value == {}) and f.name not in _ALWAYS_WRITTEN:
            continue
        out[f.name] = value
    out.update(card.extra)
    return out


# Written even when empty, as every card since format 3 has them.
_ALWAYS_WRITTEN = frozenset({"feature_names", "monotonic_constraints", "expert_terms"})


def _thresholds_section(card: ModelCard) -> dict[str, Any]:
    if not (card.thresholds or card.thresholds_extra or card.min_words):
        return {}
    section: dict[str, Any] = {}
    for name, line in card.thresholds.items():
        entry: dict[str, Any] = {"probability": line.probability, **line.extra}
        if line.fpr_on_human_news is not None:
            entry["fpr_on_human_news"] = line.fpr_on_human_news
        if line.fpr_by_lang:
            entry["fpr_by_lang"] = dict(line.fpr_by_lang)
        section[name] = entry
    section.update(card.thresholds_extra)
    if card.min_words:
        section["min_words"] = card.min_words
    return {"thresholds": section}


def _training_dict(data: TrainingData) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if data.file is not None:
        out["file"] = data.file
    if data.fingerprint is not None:
        out["fingerprint"] = data.fingerprint
    out["rows_per_class"] = dict(data.rows_per_class)
    if data.notes:
        out["notes"] = list(data.notes)
    return {**out, **data.extra}


# -- small readers ----------------------------------------------------------------------------------

def _first(data: Mapping[str, Any], *keys: str) -> Any:
    return next((data[k] for k in keys if k in data and data[k] is not None), None)


def _first_number(data: Mapping[str, Any], keys: tuple[str, ...]) -> float | None:
    return next((_number(data[k]) for k in keys if _number(data.get(k)) is not None), None)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _integer(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _numbers(value: Any) -> dict[str, float]:
    """Numeric entries only (nested groups flattened as ``group.key``); strings and flags left out."""
    out: dict[str, float] = {}
    for key, item in (dict(value) if isinstance(value, Mapping) else {}).items():
        if isinstance(item, Mapping):
            out.update({f"{key}.{k}": v for k, v in _numbers(item).items()})
        elif isinstance(item, int | float) and not isinstance(item, bool):
            out[str(key)] = float(item)
    return out


__all__ = ["CARD_SUFFIX", "LIKELY", "POSSIBLY", "Curve", "DecisionLine", "ModelCard", "TrainingData",
           "as_card", "card_from_dict", "card_to_dict", "read_card_file", "read_card_json"]


def as_card(card: ModelCard | Mapping[str, Any] | None) -> ModelCard | None:
    """A typed card from a card or a card dict; None for no card (None or an empty dict)."""
    if isinstance(card, ModelCard):
        return card
    return card_from_dict(card) if isinstance(card, Mapping) and card else None
