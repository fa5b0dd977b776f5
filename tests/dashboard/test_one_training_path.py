"""One training path (#16 item 3): `credibility train` and the dashboard's retraining form both call
``credibility.models.trainer.train``, so the same labelled table gives cards with the same sections, and
the Model page plots a CLI-trained model as it plots a dashboard-trained one (before, the CLI wrote no ROC
and the dashboard no data fingerprint)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from credibility.cli import app
from credibility.dashboard_app.cards import load_cards
from credibility.models.model_card import read_card_file


@pytest.fixture(scope="module")
def cli_folder(tmp_path_factory, labeled_csv):
    """The dashboard fixture's table trained with `credibility train` and the options the fixture uses."""
    folder = tmp_path_factory.mktemp("cli")
    table = folder / "labels.csv"
    table.write_bytes(labeled_csv)
    result = CliRunner().invoke(app, ["train", str(table), "--out", str(folder / "cli_newsroom.npz"), "--no-cache",
                                      "--jobs", "1", "--folds", "3", "--model", "linear"])
    assert result.exit_code == 0, result.output
    table.unlink()  # the folder is a models folder: only the model's files
    return folder


def _keys(data: dict, prefix: str = "") -> set[str]:
    keys = set()
    for key, value in data.items():
        keys.add(prefix + key)
        if isinstance(value, dict) and key in ("training_data", "roc", "reliability", "libraries"):
            keys |= _keys(value, f"{prefix}{key}.")
    return keys


def test_cli_and_dashboard_write_the_same_card(cli_folder, trained_folder):
    cli = json.loads((cli_folder / "cli_newsroom.card.json").read_text(encoding="utf-8"))
    dashboard = json.loads((trained_folder / "newsroom.card.json").read_text(encoding="utf-8"))
    assert _keys(cli) == _keys(dashboard)
    for key in ("roc", "reliability", "feature_importances", "cross_validated_metrics", "candidates", "libraries"):
        assert cli[key] and dashboard[key], key
    assert cli["training_data"]["fingerprint"] == dashboard["training_data"]["fingerprint"]  # same table
    assert cli["training_data"]["rows_per_class"] == dashboard["training_data"]["rows_per_class"]
    assert cli["task"] == dashboard["task"] == "credibility"  # credible / not_credible labels: that question
    assert (cli["threshold"], cli["model_kind"]) == (dashboard["threshold"], dashboard["model_kind"])
    assert read_card_file(cli_folder / "cli_newsroom.card.json").roc == read_card_file(
        trained_folder / "newsroom.card.json").roc


def test_model_page_plots_the_roc_of_a_cli_trained_model(cli_folder, monkeypatch, make_app, chart_specs):
    monkeypatch.setenv("CREDIBILITY_MODELS_DIR", str(cli_folder))
    (card,) = load_cards(cli_folder)
    assert card.name == "cli_newsroom" and card.roc and card.auc is not None
    at = make_app("model.py")
    assert [t.label for t in at.tabs] == ["cli_newsroom"]
    titles = [json.dumps(spec.get("title", "")) + json.dumps(spec.get("layer", "")) for spec in chart_specs(at)]
    assert any("ROC (AUC" in t for t in titles)
    assert not [c for c in at.caption if "stores no ROC" in c.value]
