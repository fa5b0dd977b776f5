"""`credibility score --model NAME`: a model of the models folder instead of the shipped one of its task (#17)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from credibility.cli import app
from credibility.paths import PROJECT_ROOT

SHIPPED = PROJECT_ROOT / "models"


def run(*args):
    return CliRunner().invoke(app, ["score", *map(str, args)])


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """The shipped models plus a copy of the credibility model under its own name and card name."""
    if not (SHIPPED / "credibility.npz").is_file():
        pytest.skip("the shipped models are not in this checkout")
    folder = tmp_path / "models"
    folder.mkdir()
    for path in [*SHIPPED.glob("*.npz"), *SHIPPED.glob("*.card.json")]:
        shutil.copy(path, folder / path.name)
    shutil.copy(SHIPPED / "credibility.npz", folder / "newsroom.npz")
    card = json.loads((SHIPPED / "credibility.card.json").read_text(encoding="utf-8"))
    card.update(name="newsroom", file="newsroom.npz")
    (folder / "newsroom.card.json").write_text(json.dumps(card), encoding="utf-8")
    (folder / "odd.npz").write_bytes(b"not a model")  # no card: listed with an unknown task
    monkeypatch.setenv("CREDIBILITY_MODELS_DIR", str(folder))
    return folder


def test_model_list_names_every_model_with_its_task(folder):
    result = run("--model", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"models in {folder}:", "  ai_generated (ai_generated)", "  credibility (credibility)",
        "  newsroom (credibility)", "  odd (unknown task)",
    ]


def test_unknown_model_is_a_usage_error_listing_the_models(folder, example_path):
    result = run("--model", "nope", example_path("well_sourced_en"))
    assert result.exit_code == 2
    assert "no model called 'nope'" in result.output and "newsroom (credibility)" in result.output
    assert run("--model", "odd", example_path("well_sourced_en")).exit_code == 2
    assert run("--model", "newsroom", "--no-model", example_path("well_sourced_en")).exit_code == 2


def test_chosen_model_scores_in_place_of_the_shipped_one(folder, example_path):
    result = run("--model", "newsroom", "-f", "jsonl", "-q", example_path("well_sourced_en"))
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["scores"]["credibility"]["model"] == "newsroom"
    assert record["scores"]["ai_generated"]["model"] == "ai_generated"
    shipped = json.loads(run("-f", "jsonl", "-q", example_path("well_sourced_en")).stdout)
    assert record["credibility"] == shipped["credibility"]  # the same weights under another name
    jobs = json.loads(run("--model", "newsroom", "-f", "jsonl", "-q", "--jobs", "2",
                          example_path("well_sourced_en")).stdout)
    assert jobs["scores"]["credibility"]["model"] == "newsroom"  # workers get the chosen model too


def test_trust_model_help_agrees_with_the_readme():
    """The help once said pickled model files could run code while the README said a model file cannot."""
    text = " ".join(CliRunner().invoke(app, ["score", "--help"]).output.split())
    assert "cannot run code" in text and "pickle" not in text.lower()
    readme = " ".join((PROJECT_ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "so loading a model cannot run code" in readme
