"""Bad input for ``credibility train`` and ``credibility compare``, and a training run killed midway.

``train`` stops before any work with one message naming the file, the rows and what to fix (exit 1),
and never touches an existing model; ``compare`` skips unreadable articles with a message naming each
(exit 1) and compares the rest.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from credibility.models.store import card_path, load_model, verify

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "models"))
from model_test_data import synthetic_rows  # noqa: E402

STORY = ROOT / "data" / "stories" / "factory_fire"


def _csv(rows: list[dict], fields: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields or list(rows[0]), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


ROWS = synthetic_rows()
TRAIN_CASES = {
    "empty file": (b"", "bad.csv: empty file"),
    "whitespace only": (b" \n \n", "bad.csv: empty file"),
    "binary": (b"PK\x03\x04\x00\x00" + bytes(range(256)), "bad.csv: binary file, not text"),
    "header only": (b"text,label\n", "bad.csv: no rows"),
    "misnamed text column": (_csv(ROWS).replace("text,", "body,", 1).encode(), "missing column(s) 'text'; found 'body'"),
    "missing label column": (_csv(ROWS, ["text", "title"]).encode(), "missing column(s) 'label'"),
    "empty text in some rows": (
        _csv([{**r, "text": "  " if i in (2, 5) else r["text"]} for i, r in enumerate(ROWS)]).encode(),
        "2 row(s) with an empty 'text' (rows 3, 6); fill them in or remove them",
    ),
    "empty label": (
        _csv([{**r, "label": "" if i == 4 else r["label"]} for i, r in enumerate(ROWS)]).encode(),
        "1 row(s) with an empty 'label' (row 5)",
    ),
    "unbalanced quote": (
        b'text,label\n"never closed,human\nok,machine\n',
        "bad.csv: row 1 (line 3): 1 fields, the header has 2; a quote may be left open",
    ),
    "one class": (_csv([{**r, "label": "human"} for r in ROWS]).encode(), "only one class ('human')"),
}


@pytest.mark.parametrize("case", list(TRAIN_CASES), ids=list(TRAIN_CASES))
def test_train_refuses_bad_csv_with_a_message_and_keeps_the_old_model(case, tmp_path, cli, toy_model):
    from credibility.models.store import save_model

    data, message = TRAIN_CASES[case]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(data)
    out = tmp_path / "model.npz"
    save_model(toy_model, out)
    before = out.read_bytes(), card_path(out).read_bytes()
    result = cli("train", bad, "--out", out, "--no-cache", "--jobs", "1")
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert (out.read_bytes(), card_path(out).read_bytes()) == before


def test_train_reads_quoted_newlines_and_legacy_encodings(tmp_path, cli):
    rows = [{**r, "text": r["text"].replace(". ", ".\n", 1) + " Café"} for r in ROWS]
    path = tmp_path / "windows.csv"
    path.write_bytes(_csv(rows).encode("cp1252"))
    out = tmp_path / "m.npz"
    result = cli("train", path, "--out", out, "--no-cache", "--jobs", "1", "--folds", "2", "--model", "linear")
    assert result.exit_code == 0, result.output
    assert f"warning: {path}: not valid UTF-8" in result.stderr and "decoded as cp1252" in result.stderr
    assert "28 rows" in result.stdout
    load_model(out)


def test_train_on_a_path_that_is_not_a_file(tmp_path, cli):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = cli("train", fifo, "--out", tmp_path / "m.npz", "--no-cache")
    assert result.exit_code == 1 and "pipe.csv: not a regular file" in result.stderr


@pytest.mark.slow  # quick loop: pytest -m 'not slow'
def test_training_killed_midway_leaves_the_previous_model_intact(tmp_path, toy_model):
    """SIGKILL ``credibility train`` while it cross-validates: the old model and card still verify and load."""
    from credibility.models.store import save_model

    rows = synthetic_rows(150, seed=5)
    data = tmp_path / "labeled.csv"
    data.write_text(_csv(rows), encoding="utf-8")
    out = tmp_path / "model.npz"
    save_model(toy_model, out)
    before = out.read_bytes(), card_path(out).read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-m", "credibility.cli", "train", str(data), "--out", str(out), "--no-cache",
         "--jobs", "1", "--model", "both", "--folds", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    fitting = threading.Event()
    seen: list[str] = []

    def watch() -> None:
        for raw in iter(lambda: proc.stderr.read1(4096), b""):
            seen.append(raw.decode(errors="replace"))
            if "cross-validation" in "".join(seen[-3:]):
                fitting.set()

    threading.Thread(target=watch, daemon=True).start()
    try:
        assert fitting.wait(180), f"training never reached fitting: {''.join(seen)[-500:]}"
        time.sleep(0.2)
        assert proc.poll() is None, "training finished before it could be killed; make the data larger"
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert (out.read_bytes(), card_path(out).read_bytes()) == before
    verify(out)
    assert load_model(out).feature_names == toy_model.feature_names


def test_compare_skips_unreadable_articles_and_says_so(tmp_path, cli):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01" * 500)
    result = cli("compare", STORY, empty, binary, tmp_path / "missing.md", "--format", "json")
    assert result.exit_code == 1
    for problem in (f"{empty}: empty file", f"{binary}: binary file, not text", "missing.md: no such file or folder"):
        assert f"error: {problem}" in result.stderr or f"error: {tmp_path / problem}" in result.stderr
    import json

    payload = json.loads(result.stdout)
    assert len(payload["sources"]) == 2
    assert any(w.startswith("not compared:") and "empty file" in w for w in payload["warnings"])


def test_compare_needs_two_readable_articles(tmp_path, cli):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    one = next(p for p in sorted(STORY.iterdir()) if p.suffix == ".md")
    result = cli("compare", one, empty)
    assert result.exit_code == 1
    assert "need at least two articles to compare, found 1; 1 input(s) could not be read" in result.stderr


def test_compare_with_unsupported_language_and_markup(tmp_path, cli):
    german = tmp_path / "de.txt"
    german.write_text("Bei einem Brand in einer Farbenfabrik in Deventer wurden am Montag 15 Menschen verletzt, "
                      "teilte die Feuerwehr mit. Der Schaden wird auf 3 Millionen Euro geschätzt.", encoding="utf-8")
    markup = tmp_path / "pasted.txt"
    markup.write_text("<script>alert(1)</script> A fire at a paint factory in Deventer injured 15 people on "
                      "Monday, the fire brigade said.", encoding="utf-8")
    result = cli("compare", german, markup, "--format", "text")
    assert result.exit_code == 0, result.stderr
    assert "language 'de' has no lexicons" in result.stdout


def test_train_never_overwrites_its_data_or_a_file_that_is_not_a_model(tmp_path, cli):
    data = tmp_path / "labeled.csv"
    data.write_text(_csv(ROWS), encoding="utf-8")
    before = data.read_bytes()
    result = cli("train", data, "--out", data, "--no-cache")
    assert result.exit_code == 2 and "is the training data itself" in result.stderr
    notes = tmp_path / "notes.npz"
    notes.write_text("my notes", encoding="utf-8")
    result = cli("train", data, "--out", notes, "--no-cache")
    assert result.exit_code == 2 and "exists and is not a model file (no notes.card.json beside it)" in result.stderr
    assert data.read_bytes() == before and notes.read_text(encoding="utf-8") == "my notes"
