"""The typed model card (#16 item 3): one reader, one writer, one spelling per field.

The shipped cards must read exactly as they did before the typed card (``data/shipped_card_reading.json``
was written by the old readers: the verdict lines, the Model page's view and the catalog's tasks), and every
spelling an older card used is still read, here, one test each. When the shipped models are retrained, their
cards change: regenerate the reading on purpose, with the readers unchanged, by running this file with
``--regenerate``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from credibility.dashboard_app.cards import parse_card
from credibility.models.catalog import list_models
from credibility.models.model_card import (
    Curve,
    DecisionLine,
    TrainingData,
    card_from_dict,
    card_to_dict,
    read_card_file,
)
from credibility.models.thresholds import ai_thresholds, credibility_threshold
from credibility.paths import PROJECT_ROOT
from credibility.verdicts import card_ai_lines

SHIPPED = PROJECT_ROOT / "models"
BEFORE = json.loads((Path(__file__).parent / "data" / "shipped_card_reading.json").read_text(encoding="utf-8"))


def _raw(name: str) -> dict:
    return json.loads((SHIPPED / f"{name}.card.json").read_text(encoding="utf-8"))


def _json(value):
    return json.loads(json.dumps(value))  # tuples -> lists, as the recorded reading holds them


def _reading(name: str) -> dict:
    """What the readers make of a shipped card: verdict lines per language, the AI lines, the Model page."""
    raw = _raw(name)
    out: dict = {}
    for lang in ("en", "nl", "de", None):
        out[f"ai_thresholds[{lang}]"] = [asdict(t) for t in ai_thresholds(raw, lang)]
        out[f"credibility_threshold[{lang}]"] = asdict(credibility_threshold(raw, lang))
    out["card_ai_lines"] = list(card_ai_lines(raw.get("thresholds")))
    page = parse_card(raw, default_name=name)
    out["page"] = {"name": page.name, "metrics": page.metrics, "threshold": page.threshold, "roc": page.roc,
                   "auc": page.auc, "reliability": page.reliability, "importances": page.importances,
                   "n_tables": len(page.tables), "info": page.info}
    return _json(out)


@pytest.mark.parametrize("name", ["ai_generated", "credibility"])
def test_shipped_cards_read_as_before(name):
    assert _reading(name) == BEFORE[name]


def test_shipped_models_keep_their_tasks():
    assert {e.name: e.task for e in list_models(SHIPPED)} == BEFORE["tasks"]


@pytest.mark.parametrize("name", ["ai_generated", "credibility"])
def test_reading_and_writing_a_shipped_card_changes_nothing(name):
    raw = _raw(name)
    assert card_to_dict(card_from_dict(raw)) == raw


def test_shipped_card_fields_are_typed():
    card = read_card_file(SHIPPED / "ai_generated.card.json")
    assert card.task == "ai_generated" and card.classes == ("human", "machine")
    assert card.thresholds["likely"].probability == pytest.approx(card.threshold, abs=1e-6)
    assert card.thresholds["possibly"].fpr_in("nl") == 0.0 and card.min_words == 80
    assert len(card.training_data.fingerprint) == 64 and card.roc and card.reliability.count
    assert "passage_windows" in card.extra and "per_genre" in card.thresholds_extra


def test_sections_this_version_does_not_know_are_kept():
    data = {"name": "m", "future_section": {"a": [1, 2]}, "training_data": {"rows_per_class": {"a": 3}, "source": "x"},
            "thresholds": {"likely": {"probability": 0.9, "applies_to": "news"}, "per_genre": {"g": 1}}}
    assert card_to_dict(card_from_dict(data)) == {
        "name": "m", "feature_names": [], "monotonic_constraints": {}, "expert_terms": {},
        "training_data": {"rows_per_class": {"a": 3}, "source": "x"},
        "thresholds": {"likely": {"probability": 0.9, "applies_to": "news"}, "per_genre": {"g": 1}},
        "future_section": {"a": [1, 2]},
    }


# -- every older spelling, one test each ------------------------------------------------------------

ROC = Curve((0.0, 0.5, 1.0), (0.0, 0.9, 1.0))
RELIABILITY = Curve((0.2, 0.8), (0.1, 0.9))


@pytest.mark.parametrize(("data", "field", "expected"), [
    ({"model": "old"}, "name", "old"),
    ({"model_name": "old"}, "name", "old"),
    ({"decision_threshold": 0.7}, "threshold", 0.7),
    ({"test_metrics": {"auroc": 0.9}}, "metrics", {"auroc": 0.9}),
    ({"held_out_metrics": {"auroc": 0.9}}, "metrics", {"auroc": 0.9}),
    ({"metrics": {"test": {"auc": 0.9}}}, "metrics", {"test.auc": 0.9}),
    ({"roc_curve": {"fpr": [0, 0.5, 1], "tpr": [0, 0.9, 1]}}, "roc", ROC),
    ({"roc": {"false_positive_rate": [0, 0.5, 1], "true_positive_rate": [0, 0.9, 1]}}, "roc", ROC),
    ({"roc": [{"fpr": 0, "tpr": 0}, {"fpr": 0.5, "tpr": 0.9}, {"fpr": 1, "tpr": 1}]}, "roc", ROC),
    ({"calibration": {"prob_pred": [0.2, 0.8], "prob_true": [0.1, 0.9]}}, "reliability", RELIABILITY),
    ({"calibration_curve": {"predicted": [0.2, 0.8], "observed": [0.1, 0.9]}}, "reliability", RELIABILITY),
    ({"reliability_curve": {"mean_predicted_probability": [0.2, 0.8], "fraction_of_positives": [0.1, 0.9]}},
     "reliability", RELIABILITY),
    ({"reliability": [{"confidence": 0.2, "accuracy": 0.1}, {"confidence": 0.8, "accuracy": 0.9}]},
     "reliability", RELIABILITY),
    ({"importances": {"a": 0.3}}, "feature_importances", {"a": 0.3}),
    ({"coefficients": [{"name": "a", "coefficient": 0.3}, {"feature": "b", "weight": -0.1}]},
     "feature_importances", {"a": 0.3, "b": -0.1}),
    ({"feature_importances": [{"feature": "a", "importance": 0.3}, ["b", -0.1], {"name": "c", "value": 1}]},
     "feature_importances", {"a": 0.3, "b": -0.1, "c": 1.0}),
])
def test_old_spellings_are_read(data, field, expected):
    assert getattr(card_from_dict(data), field) == expected


@pytest.mark.parametrize(("thresholds", "expected"), [
    ({"possibly": 0.6}, DecisionLine(0.6)),  # a bare number per line
    ([{"name": "possibly machine-written", "threshold": 0.6, "fpr": 0.08}], DecisionLine(0.6, 0.08)),
    ([{"name": "possibly", "value": 0.6, "false_positive_rate": 0.08}], DecisionLine(0.6, 0.08)),
    ({"possibly": {"probability": 0.6, "fpr_english_human_news": 0.08, "fpr_by_lang": {"nl": 0.02}}},
     DecisionLine(0.6, 0.08, {"nl": 0.02})),
])
def test_old_threshold_spellings_are_read(thresholds, expected):
    line = card_from_dict({"thresholds": thresholds}).thresholds["possibly"]
    assert line == expected
    written = card_to_dict(card_from_dict({"thresholds": thresholds}))["thresholds"]["possibly"]
    assert written["probability"] == 0.6 and "threshold" not in written and "fpr" not in written


def test_wrong_types_are_left_out_never_guessed():
    card = card_from_dict({"name": 3, "threshold": "0.5", "classes": ["a"], "roc": {"fpr": [0, 1], "tpr": [0]},
                           "training_data": "x", "thresholds": {"likely": {"probability": 7}}, "seed": True})
    assert (card.name, card.threshold, card.classes, card.roc, card.training_data, card.seed) == (
        "3", None, None, None, None, None)
    assert card.thresholds == {}


def test_a_missing_or_broken_card_file_reads_as_none(tmp_path):
    assert read_card_file(tmp_path / "absent.card.json") is None
    (tmp_path / "bad.card.json").write_text("[1, 2]", encoding="utf-8")
    assert read_card_file(tmp_path / "bad.card.json") is None
    (tmp_path / "m.card.json").write_text('{"training_data": {"fingerprint": "f", "rows_per_class": {"a": 1}}}',
                                          encoding="utf-8")
    assert read_card_file(tmp_path / "m.card.json").training_data == TrainingData(fingerprint="f",
                                                                                  rows_per_class={"a": 1})
    assert read_card_file(tmp_path / "m.card.json").name == "m"


if __name__ == "__main__" and "--regenerate" in sys.argv:
    reading = {name: _reading(name) for name in ("ai_generated", "credibility")}
    reading["tasks"] = {e.name: e.task for e in list_models(SHIPPED)}
    (Path(__file__).parent / "data" / "shipped_card_reading.json").write_text(
        json.dumps(reading, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
