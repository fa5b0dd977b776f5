"""`credibility train` / `evaluate` end to end on tables the test writes (seconds, no shared data)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from credibility.cli import app
from credibility.models.labeled_data import LabeledDataError, read_labeled
from credibility.models.split import data_fingerprint
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
    assert f"warning: {csv_path}: 0% of 'machine' texts and 100% of 'human' texts have line breaks" in result.output


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


def _write_table(path: Path, rows: list[dict]) -> Path:
    """The rows as a TSV, JSONL or Parquet file (by the suffix of ``path``)."""
    frame = pd.DataFrame(rows)
    if path.suffix == ".tsv":
        frame.to_csv(path, sep="\t", index=False)
    elif path.suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_parquet(path, index=False)
    return path


@pytest.mark.parametrize("suffix", [".parquet", ".tsv", ".jsonl"])
def test_train_reads_parquet_tsv_and_jsonl_like_csv(suffix, trained, runner, tmp_path):
    csv_path, _, _ = trained
    rows = synthetic_rows()
    path = _write_table(tmp_path / f"labeled{suffix}", rows)
    out = tmp_path / "m.npz"
    result = runner.invoke(app, ["train", str(path), "--group-col", "story", "--title-col", "title", "--out", str(out),
                                 "--no-cache", "--jobs", "1", "--folds", "2", "--model", "linear"])
    assert result.exit_code == 0, result.output
    assert f"labeled{suffix}: 28 rows; classes 'human' (0) and 'machine' (1)" in result.output
    card = json.loads(card_path(out).read_text())
    # the same texts and labels as the CSV, read through the same reader
    from_csv = read_labeled(csv_path, group_col="story", title_col="title")
    assert card["training_data"]["fingerprint"] == data_fingerprint(from_csv.texts, from_csv.labels)
    assert card["training_data"]["file"] == path.name
    result = runner.invoke(app, ["evaluate", str(path), "--model", str(out), "--plots", str(tmp_path),
                                 "--no-cache", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "is the data 'm' was trained on" in result.output


def test_parquet_labels_that_are_numbers_are_read_as_text(tmp_path):
    rows = [{**r, "label": 1 if r["label"] == "machine" else 0} for r in synthetic_rows()]
    data = read_labeled(_write_table(tmp_path / "numbers.parquet", rows))
    assert data.classes == ("0", "1") and data.y.sum() == 14


def test_same_bad_row_has_the_same_number_in_csv_and_jsonl(tmp_path):
    rows = synthetic_rows()
    rows[4] = {**rows[4], "text": "  "}
    rows[9] = {**rows[9], "label": ""}
    csv_path = write_csv(tmp_path / "bad.csv", rows)
    jsonl_path = _write_table(tmp_path / "bad.jsonl", rows)
    with pytest.raises(LabeledDataError) as from_csv:
        read_labeled(csv_path)
    with pytest.raises(LabeledDataError) as from_jsonl:
        read_labeled(jsonl_path)
    assert str(from_csv.value) == f"{csv_path}: 1 row(s) with an empty 'text' (row 5); fill them in or remove them"
    assert str(from_jsonl.value) == f"{jsonl_path}: 1 row(s) with an empty 'text' (line 5); fill them in or remove them"
    rows[4] = synthetic_rows()[4]
    write_csv(csv_path, rows)
    _write_table(jsonl_path, rows)
    with pytest.raises(LabeledDataError, match=r"\(row 10\)"):
        read_labeled(csv_path)
    with pytest.raises(LabeledDataError, match=r"\(line 10\)"):
        read_labeled(jsonl_path)


def test_bad_records_stop_training_naming_file_and_row(tmp_path):
    rows = synthetic_rows()
    jsonl_path = _write_table(tmp_path / "feed.jsonl", rows)
    lines = jsonl_path.read_text(encoding="utf-8").splitlines()
    lines[6] = "{broken"
    jsonl_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LabeledDataError, match=rf"^{jsonl_path}: line 7: invalid JSON"):
        read_labeled(jsonl_path)
    csv_path = write_csv(tmp_path / "ragged.csv", rows)
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "")  # a blank line is not a row
    lines[7] += ",extra"  # data row 6, line 8 of the file
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LabeledDataError) as info:
        read_labeled(csv_path)
    assert str(info.value) == f"{csv_path}: row 6 (line 8): 5 fields, the header has 4"


def test_a_text_column_named_in_another_case_is_found_as_for_scoring(tmp_path):
    path = _write_table(tmp_path / "cased.tsv", [{"Text": r["text"], "Label": r["label"]} for r in synthetic_rows()])
    data = read_labeled(path)
    assert len(data.texts) == 28
