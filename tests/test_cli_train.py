"""`credibility train` / `evaluate` end to end on a CSV the test writes (seconds, no shared data)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from credibility.cli import app
from credibility.models.store import card_path, load_model

sys.path.insert(0, str(Path(__file__).parent / "models"))
from model_test_data import synthetic_rows, write_csv  # noqa: E402


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One training run shared by the tests that only read its outputs."""
    base = tmp_path_factory.mktemp("train")
    csv_path = write_csv(base / "labeled.csv", synthetic_rows())
    out = base / "custom.npz"
    result = CliRunner().invoke(app, ["train", str(csv_path), "--group-col", "story", "--title-col", "title",
                                      "--out", str(out), "--no-cache", "--jobs", "1", "--folds", "3",
                                      "--model", "linear"])
    return csv_path, out, result


def test_train_writes_model_card_and_prints_cv_metrics(trained):
    _, out, result = trained
    assert result.exit_code == 0, result.output
    for metric in ("AUROC", "F1", "TPR at 1% FPR", "calibration"):
        assert metric in result.output
    card = json.loads(card_path(out).read_text())
    assert card["classes"] == ["human", "machine"]
    assert card["training_data"]["rows_per_class"] == {"human": 14, "machine": 14}
    assert card["cross_validated_metrics"]["auroc"] > 0.9
    model = load_model(out)
    assert model.threshold == pytest.approx(card["threshold"])


def test_evaluate_prints_metrics_and_writes_plots(trained, runner, tmp_path):
    csv_path, out, _ = trained
    result = runner.invoke(app, ["evaluate", str(csv_path), "--model", str(out), "--plots", str(tmp_path),
                                 "--no-cache", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "AUROC" in result.output and "TPR at 1% FPR" in result.output
    for name in ("roc.png", "reliability.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # evaluating on the training CSV itself is allowed, but said not to be a held-out figure
    assert "is the data 'custom' was trained on: these figures are not held-out" in result.output


def test_evaluate_on_other_data_does_not_warn_about_training_data(trained, runner, tmp_path):
    _, out, _ = trained
    other = write_csv(tmp_path / "other.csv", synthetic_rows(6, seed=11))
    result = runner.invoke(app, ["evaluate", str(other), "--model", str(out), "--plots", str(tmp_path),
                                 "--no-cache", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "trained on" not in result.output


def test_evaluate_refuses_a_tampered_model_unless_trusted(trained, runner, tmp_path):
    csv_path, out, _ = trained
    copy = tmp_path / "copy.npz"
    copy.write_bytes(out.read_bytes())
    card = json.loads(card_path(out).read_text())
    card["sha256"] = "0" * 64
    card_path(copy).write_text(json.dumps(card))
    result = runner.invoke(app, ["evaluate", str(csv_path), "--model", str(copy), "--plots", str(tmp_path),
                                 "--no-cache", "--jobs", "1"])
    assert result.exit_code != 0 and "does not match its card" in result.output
    result = runner.invoke(app, ["evaluate", str(csv_path), "--model", str(copy), "--plots", str(tmp_path),
                                 "--no-cache", "--jobs", "1", "--trust-model"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("rows", "args", "message"),
    [
        (synthetic_rows(), ["--text-col", "body"], "missing column(s) 'body'"),
        ([{**r, "text": "" if i == 3 else r["text"]} for i, r in enumerate(synthetic_rows())], [], "empty 'text'"),
        ([{**r, "label": "human"} for r in synthetic_rows()], [], "only one class"),
        (synthetic_rows(4), [], "too few rows per class"),
        ([{**r, "label": str(i % 3)} for i, r in enumerate(synthetic_rows())], [], "exactly two"),
    ],
)
def test_bad_csv_gives_a_clear_error(rows, args, message, runner, tmp_path):
    csv_path = write_csv(tmp_path / "bad.csv", rows)
    out = tmp_path / "m.npz"
    result = runner.invoke(app, ["train", str(csv_path), "--out", str(out), "--no-cache", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert not out.exists()


def test_train_warns_when_one_class_alone_has_line_breaks(runner, tmp_path):
    rows = [{**r, "text": r["text"].replace(". ", ".\n\n")} if r["label"] == "human" else r for r in synthetic_rows()]
    csv_path = write_csv(tmp_path / "layout.csv", rows)
    result = runner.invoke(app, ["train", str(csv_path), "--out", str(tmp_path / "m.npz"), "--no-cache",
                                 "--jobs", "1", "--folds", "3", "--model", "linear"])
    assert result.exit_code == 0, result.output
    assert "warning: layout.csv: 0% of 'machine' texts and 100% of 'human' texts have line breaks" in result.output


def test_balanced_threshold_decides_at_one_half(runner, tmp_path):
    csv_path = write_csv(tmp_path / "labeled.csv", synthetic_rows())
    out = tmp_path / "balanced.npz"
    result = runner.invoke(app, ["train", str(csv_path), "--group-col", "story", "--out", str(out), "--no-cache",
                                 "--jobs", "1", "--folds", "3", "--model", "linear", "--balanced"])
    assert result.exit_code == 0, result.output
    assert "threshold 0.500, balanced" in result.output
    card = json.loads(card_path(out).read_text())
    assert card["threshold"] == 0.5 and card["target_fpr"] is None
    assert "both kinds of error" in card["threshold_note"]
    assert load_model(out).threshold == 0.5


def test_failed_run_keeps_the_existing_model(trained, runner, tmp_path):
    _, out, _ = trained
    target = tmp_path / "keep.npz"
    target.write_bytes(out.read_bytes())
    card_path(target).write_bytes(card_path(out).read_bytes())
    before = target.read_bytes()
    bad = write_csv(tmp_path / "bad.csv", [{**r, "label": "human"} for r in synthetic_rows()])
    result = runner.invoke(app, ["train", str(bad), "--out", str(target), "--no-cache"])
    assert result.exit_code != 0
    assert target.read_bytes() == before
