"""Dashboard helpers without Streamlit: uploads, result tables, reference comparison, card discovery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from credibility import analyze
from credibility.dashboard_app.cards import load_cards, models_readme
from credibility.dashboard_app.inputs import read_article, read_upload
from credibility.dashboard_app.reference import (
    REFERENCE_PATH,
    comparison_frame,
    distinctive_features,
    load_reference,
    reference_for,
)
from credibility.dashboard_app.results import key_signals, per_source, results_frame, to_jsonl_bytes

REFERENCE = {
    "languages": {
        "en": {
            "human_news": {"n": 9, "features": {"a.x": {"q05": 0, "q25": 1, "q50": 2, "q75": 3, "q95": 4},
                                                "a.flat": {"q05": 1, "q25": 1, "q50": 1, "q75": 1, "q95": 1}}},
            "machine_text": {"n": 9, "features": {"a.x": {"q05": 4, "q25": 5, "q50": 6, "q75": 7, "q95": 8}}},
        }
    }
}  # fmt: skip


def test_upload_names_are_kept_in_ids_and_messages():
    items = read_upload("feed.csv", b"id,title,text,site\nk1,T,Some words here.,Gazette\nk2,U,,Gazette\n")
    assert [(i.id, i.site, i.title, i.source_path) for i in items] == [
        ("k1", "Gazette", "T", "feed.csv"),
        ("k2", "Gazette", "U", "feed.csv"),
    ]
    assert items[1].error.startswith("feed.csv: row 2") and "tmp" not in items[1].error


def test_html_upload_gives_site_metadata():
    page = (b'<html><head><title>Bridge</title><meta property="og:site_name" content="City Post"></head>'
            b"<body><article><p>The bridge reopened on Monday, the city said.</p></article></body></html>")  # fmt: skip
    item = read_article("page.html", page)
    assert (item.site, item.title, item.text) == ("City Post", "Bridge", "The bridge reopened on Monday, the city said.")


def test_results_frame_and_jsonl_round_trip():
    reports = [analyze("Officials said the bridge might reopen on Monday, according to the city.", scorer=None)]
    frame = results_frame(reports)
    assert frame.loc[0, "word_count"] == reports[0].word_count
    for name, value in reports[0].features.items():
        assert frame.loc[0, name] == value
    (record,) = [json.loads(line) for line in to_jsonl_bytes(reports).decode().splitlines()]
    assert record == json.loads(json.dumps(reports[0].as_dict(include_spans=True)))


def test_key_signals_prefer_varying_features():
    reports = [analyze(t, scorer=None) for t in ("Experts say it might rain.", "The mayor said on Monday it rained.")]
    frame = results_frame(reports)
    keys = key_signals(reports, frame, limit=4)
    assert 0 < len(keys) <= 4
    assert all(frame[k].nunique() > 1 for k in keys)


def test_per_source_is_empty_without_sources():
    assert per_source([analyze("Just some words here.", scorer=None)]).empty


def test_comparison_frame_positions():
    lang, groups = reference_for("fr", REFERENCE)
    assert lang == "en"  # unknown languages fall back to English
    frame = comparison_frame({"a.x": 6.0, "a.flat": 1.0, "a.missing": 3.0}, groups)
    assert set(frame["feature"]) == {"a.x"}  # constant and unknown features are left out
    human = frame[frame["group"] == "human news"].iloc[0]
    assert human["pos_value"] == pytest.approx(0.75) and human["pos_q50"] == pytest.approx(0.25)
    assert distinctive_features(frame) == ["a.x"]


def test_shipped_reference_covers_every_signal():
    from credibility.signals import feature_names

    reference = load_reference(REFERENCE_PATH)
    assert set(reference["languages"]) == {"en", "nl"}
    for lang in ("en", "nl"):
        for group in ("human_news", "machine_text"):
            data = reference["languages"][lang][group]
            assert data["n"] >= 50
            assert set(feature_names()) <= set(data["features"]), "rerun scripts/build_reference_distributions.py"


def test_cards_merge_json_and_markdown(tmp_path: Path):
    (tmp_path / "m.card.json").write_text(json.dumps({"name": "model-m", "threshold": 0.4}))
    (tmp_path / "m.md").write_text("# Model card: m")
    (tmp_path / "README.md").write_text("# Models")
    (tmp_path / "broken.card.json").write_text("{not json")
    (card,) = load_cards(tmp_path)
    assert (card.name, card.threshold, card.markdown) == ("m", 0.4, "# Model card: m")
    assert card.info["name"] == "model-m"
    assert models_readme(tmp_path) == "# Models"
    assert load_cards(tmp_path / "absent") == []


def test_batch_analysis_reports_progress_in_order(models_dir):
    from credibility.dashboard_app.services import analyze_items, reload_models

    reload_models()
    items = read_upload("t.csv", b"id,text\nx1,The mayor said it rained.\nx2,\nx3,Experts say it might rain.\n")
    calls = []
    reports = analyze_items(items, lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert [r.id for r in reports] == ["x1", "x2", "x3"]
    assert reports[1].error and not reports[0].error and reports[2].features


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0.734, "p = 0.73"), (0.002, "p < 0.01"), (0.996, "p > 0.99"), (0.0, "p = 0.00"), (1.0, "p = 1.00")],
)
def test_probability_formatting_never_rounds_to_certainty(value, shown):
    from credibility.verdict_block import format_probability

    assert format_probability(value) == shown
