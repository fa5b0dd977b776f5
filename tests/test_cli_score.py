"""`credibility score` end to end with CliRunner: inputs, formats, exit codes, --output/--resume/--jobs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from credibility.cli import app
from credibility.output import csv_columns
from credibility.report import Reason, Report, Score
from credibility.resume import ResumeError, prepare_resume
from credibility.signals import feature_names
from credibility.signals.base import Span
from credibility.table import TableWriter

EN = "The council approved the budget on Tuesday, the mayor said. Critics say it may possibly fail."
NL = "Het kabinet viel op vrijdag, meldde de premier. Volgens ingewijden was dat al lang bekend."
HTML = (
    "<html><head><title>Harbour reopens</title><meta property='og:site_name' content='Port News'></head>"
    "<body><article><h1>Harbour reopens</h1><p>The harbour reopened on Monday after repairs, the port "
    "authority said. Ships queued outside for hours.</p></article></body></html>"
)


@pytest.fixture
def corpus(tmp_path):
    """A folder with one article of each file type."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Budget approved\n\n{EN}\n", encoding="utf-8")
    (folder / "b.md").write_text(f"# Kabinet gevallen\n\n{NL}\n", encoding="utf-8")
    (folder / "c.html").write_text(HTML, encoding="utf-8")
    return folder


def run(*args, input=None):
    return CliRunner().invoke(app, ["score", *map(str, args)], input=input)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_folder_table_output(corpus):
    result = run(corpus, "--no-model", "-q")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"[1] {corpus / 'a.txt'}  lang=en  words=16  title='Budget approved'" in out
    assert f"[2] {corpus / 'b.md'}  lang=nl" in out
    assert f"[3] {corpus / 'c.html'}  lang=en" in out and "title='Harbour reopens'" in out
    assert "Machine-written?  n/a (no model score)" in out and "How credible?     n/a (no model score)" in out
    assert "signals: " in out and "hedge" in out  # 'may possibly' in the English text
    assert result.stderr == ""  # --quiet


def test_jsonl_records_parse_back(corpus):
    result = run(corpus, "--format", "jsonl", "--no-model", "-q")
    records = jsonl(result.stdout)
    assert [r["id"] for r in records] == [str(corpus / n) for n in ("a.txt", "b.md", "c.html")]
    assert records[2]["site"] == "Port News" and records[2]["title"] == "Harbour reopens"
    assert set(records[0]["features"]) == set(feature_names())
    for span in records[0]["spans"]:
        assert EN[span["start"] : span["end"]] == span["text"]


def test_csv_has_every_feature_and_spans_as_json(corpus):
    result = run(corpus, "--format", "csv", "--no-model", "-q")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == csv_columns()
    assert [r["lang"] for r in rows] == ["en", "nl", "en"]
    for name in feature_names():
        float(rows[0][name])
    spans = json.loads(rows[0]["spans"])
    assert spans and all(EN[s["start"] : s["end"]] == s["text"] for s in spans)
    assert rows[0]["supported"] == "true" and rows[0]["error"] == ""


def test_stdin_and_forced_language():
    result = run("-", "--format", "jsonl", "--no-model", "--lang", "nl", "-q", input=EN)
    [record] = jsonl(result.stdout)
    assert (record["id"], record["lang"], record["word_count"]) == ("stdin", "nl", 16)


def test_tables_and_bad_records_exit_1(tmp_path):
    table = tmp_path / "t.csv"
    pd.DataFrame({"id": ["r1", "r2"], "content": [EN, ""], "source": ["Gazette", "Gazette"]}).to_csv(
        table, index=False
    )
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"id": "j1", "text": NL}) + "\n{oops\n", encoding="utf-8")
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"GIF89a\x00\x00")
    result = run(table, feed, binary, "--format", "jsonl", "--no-model")
    assert result.exit_code == 1
    records = jsonl(result.stdout)
    assert [r["id"] for r in records] == ["r1", "r2", "j1", f"{feed}:2", str(binary)]
    assert [r["error"] is None for r in records] == [True, False, True, False, False]
    assert records[1]["error"] == f"{table}: row 2 (id r2): empty text in column 'content'"
    assert records[4]["error"] == f"{binary}: binary file, not text"
    assert f"error: {binary}: binary file, not text" in result.stderr
    assert "scored 5 article(s): 2 ok, 3 failed" in result.stderr


def test_cp1252_file_gets_a_warning(tmp_path):
    path = tmp_path / "w.txt"
    path.write_bytes("“Café” prices rose sharply, the minister said.".encode("cp1252"))
    result = run(path, "--format", "jsonl", "--no-model", "-q")
    assert result.exit_code == 0
    [record] = jsonl(result.stdout)
    assert "decoded as cp1252" in record["warnings"][0] and record["word_count"] == 7


@pytest.mark.parametrize(
    "args, message",
    [
        (["--resume"], "--resume needs --output"),
        (["--format", "xml"], "Invalid value for '--format'"),
        (["--jobs", "0"], "Invalid value for '--jobs'"),
    ],
)
def test_usage_errors_exit_2(corpus, args, message):
    result = run(corpus, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_missing_text_column_is_a_usage_error(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("headline,summary\nA,B\n", encoding="utf-8")
    result = run(table)
    assert result.exit_code == 2
    assert f"{table}: no text column found" in result.stderr and "'headline', 'summary'" in result.stderr
    assert run(table, "--text-col", "summary", "--no-model", "-q").exit_code == 0


def test_missing_path_is_an_error_item(tmp_path):
    result = run(tmp_path / "nope.txt", "--format", "jsonl", "--no-model", "-q")
    assert result.exit_code == 1
    assert jsonl(result.stdout)[0]["error"] == f"{tmp_path / 'nope.txt'}: no such file or folder"


def test_output_file_and_resume(corpus, tmp_path):
    out = tmp_path / "out" / "scores.jsonl"
    first = run(corpus / "a.txt", corpus / "b.md", "--format", "jsonl", "-o", out, "--no-model")
    assert first.exit_code == 0 and first.stdout == ""
    assert f"records in {out}" in first.stderr
    assert [r["id"] for r in jsonl(out.read_text())] == [str(corpus / "a.txt"), str(corpus / "b.md")]
    # simulate an interrupted run: the last record was cut off half-way
    text = out.read_text(encoding="utf-8")
    out.write_text(text[: len(text) - 40], encoding="utf-8")
    second = run(corpus, "--format", "jsonl", "-o", out, "--resume", "--no-model")
    assert second.exit_code == 0, second.output
    assert "1 skipped" in second.stderr
    ids = [r["id"] for r in jsonl(out.read_text())]
    assert ids == [str(corpus / n) for n in ("a.txt", "b.md", "c.html")]


def test_csv_resume_appends_without_second_header(corpus, tmp_path):
    out = tmp_path / "scores.csv"
    run(corpus / "a.txt", "--format", "csv", "-o", out, "--no-model", "-q")
    result = run(corpus, "--format", "csv", "-o", out, "--resume", "--no-model", "-q")
    assert result.exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == [str(corpus / n) for n in ("a.txt", "b.md", "c.html")]
    assert run(corpus, "-o", tmp_path / "t.txt", "--resume").exit_code == 2  # table cannot be resumed


def test_jobs_two_equals_jobs_one(corpus, tmp_path):
    table = tmp_path / "t.jsonl"
    table.write_text("".join(json.dumps({"id": f"r{k}", "text": [EN, NL][k % 2]}) + "\n" for k in range(6)))
    args = [corpus, table, "--format", "jsonl", "--no-model", "-q", "--chunk-size", "2"]
    one, two = run(*args, "--jobs", "1"), run(*args, "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(jsonl(two.stdout)) == 9


def test_by_source(tmp_path):
    table = tmp_path / "t.csv"
    pd.DataFrame({"text": [EN, NL, EN, ""], "site": ["Gazette", "Gazette", "Herald", "Herald"]}).to_csv(
        table, index=False
    )
    result = run(table, "--by-source", "--format", "jsonl", "--no-model", "-q")
    assert result.exit_code == 1  # the empty row
    gazette, herald = jsonl(result.stdout)
    assert (gazette["source"], gazette["articles"], gazette["failed"]) == ("Gazette", 2, 0)
    assert (herald["source"], herald["articles"], herald["failed"]) == ("Herald", 2, 1)
    assert gazette["ai_probability_p50"] is None  # no model: no percentiles invented
    table_out = run(table, "--by-source", "--no-model", "-q").stdout
    assert table_out.splitlines()[0].split()[:3] == ["source", "articles", "failed"]
    assert "Gazette" in table_out and "[1]" not in table_out


def test_table_lines_show_scores_top_reasons_and_signal_counts():
    report = Report(id="a1", lang="en", supported=True, word_count=120, title="Budget approved")
    report.spans = [Span(0, 3, "hedge", "r", "hedging")] * 2 + [
        Span(4, 8, "vague_source", "r", "attribution")
    ]
    report.scores["ai_generated"] = Score(
        "ai",
        0.82,
        "likely machine-written",
        0.5,
        [
            Reason("f1", 1.0, 0.1, "small push"),
            Reason("f2", 2.0, -0.9, "big pull"),
            Reason("f3", 3.0, 0.5, "mid"),
        ],
    )
    report.scores["credibility"] = Score(
        "cred", 34.0, "low credibility", 50.0, [Reason("f4", 1.0, 0.7, "cred")]
    )
    lines = TableWriter(io.StringIO(), reasons=3).lines(report)
    # The verdict block: one line per question, its reasons (strongest first) below it.
    assert lines[1].startswith("    Machine-written?  likely machine-written (p = 0.82; ")
    assert lines[2:5] == ["      - big pull", "      - mid", "      - small push"]
    assert lines[5].startswith("    How credible?     low credibility (34/100; ")
    assert lines[6] == "      - cred"
    assert lines[-1] == "    signals: hedge 2, vague_source 1"


def test_resume_refuses_a_csv_with_other_columns(tmp_path):
    out = tmp_path / "old.csv"
    out.write_text("id,score\nx,1\n", encoding="utf-8")
    with pytest.raises(ResumeError, match="columns differ"):
        prepare_resume(out, "csv")


def test_resume_cuts_a_partial_last_record(tmp_path):
    out = tmp_path / "r.jsonl"
    out.write_text('{"id": "a"}\n{"id": "b"}\n{"id": "c", "feat', encoding="utf-8")
    done = prepare_resume(out, "jsonl")
    assert done.records == 2 and done.is_done(None, "a") and done.is_done(None, "b")
    assert out.read_text(encoding="utf-8") == '{"id": "a"}\n{"id": "b"}\n'


def test_bundled_examples_folder(examples_dir):
    result = run(examples_dir, "--format", "jsonl", "--no-model")
    assert result.exit_code == 0, result.output
    records = jsonl(result.stdout)
    assert records and not any(r["id"].endswith("README.md") for r in records)
    assert "skipped README.md" in result.stderr
    for record in records:  # file names end in _en / _nl
        assert record["lang"] == Path(record["id"]).stem.rsplit("_", 1)[-1]
        assert record["word_count"] > 100 and record["error"] is None
    [page] = [r for r in records if r["id"].endswith(".html")]
    assert page["title"] and page["site"] and page["url"].startswith("http")


class LengthScorer:
    """Stands in for the shipped models: deterministic scores from the word count."""

    def score(self, doc, report) -> None:
        ai = round(min(1.0, doc.word_count / 20), 4)
        report.scores["ai_generated"] = Score(
            "ai",
            ai,
            "likely machine-written" if ai >= 0.5 else "likely human-written",
            0.5,
            [Reason("style.x", 1.0, 0.3, "long text")],
        )
        report.scores["credibility"] = Score("cred", round(100 * (1 - ai), 1), "low credibility", 50.0)


@pytest.fixture
def fake_models(monkeypatch):
    scorer = LengthScorer()
    monkeypatch.setattr("credibility.batch.load_scorer", lambda: scorer)
    monkeypatch.setattr("credibility.cli_score.load_scorer", lambda: scorer)
    return scorer


def test_default_models_are_applied(corpus, fake_models):
    result = run(corpus / "a.txt", "-q")
    assert result.exit_code == 0
    assert "Machine-written?  likely machine-written (p = 0.80; " in result.stdout
    assert "How credible?     low credibility (20/100; " in result.stdout
    assert "      - long text" in result.stdout
    records = jsonl(run(corpus / "a.txt", "-f", "jsonl", "-q").stdout)
    assert (records[0]["ai_probability"], records[0]["credibility"]) == (0.8, 20.0)
    assert jsonl(run(corpus / "a.txt", "-f", "jsonl", "-q", "--no-model").stdout)[0]["ai_probability"] is None


def test_by_source_percentiles_with_models(tmp_path, fake_models):
    table = tmp_path / "t.csv"
    texts = ["One two three four five six.", "One two three four five six seven eight nine ten.", EN]
    pd.DataFrame({"text": texts, "site": ["Gazette"] * 3}).to_csv(table, index=False)
    [row] = jsonl(run(table, "--by-source", "-f", "jsonl", "-q", "--lang", "en").stdout)
    assert row["articles"] == 3 and row["ai_probability_p50"] == 0.5  # word counts 6, 10, 16 out of 20
    assert row["flagged_share"] == pytest.approx(2 / 3)
    assert row["credibility_p10"] == pytest.approx(20 + 0.2 * 30)


def test_unverified_model_is_a_clear_error_not_a_traceback(corpus, monkeypatch):
    from credibility.models.store import ModelVerificationError

    def refuse():
        raise ModelVerificationError("credibility.npz: sha256 does not match its card")

    monkeypatch.setattr("credibility.cli_score.load_scorer", refuse)
    result = run(corpus / "a.txt", "-q")
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)  # not an uncaught error
    assert "could not load the trained models: credibility.npz: sha256 does not match its card" in result.stderr
    assert "--no-model" in result.stderr and "Traceback" not in result.stderr


def test_trust_model_scores_with_a_model_whose_card_does_not_match(corpus, tmp_path, monkeypatch):
    import json
    import shutil

    from credibility.paths import PROJECT_ROOT

    shipped = PROJECT_ROOT / "models"
    if not (shipped / "credibility.npz").exists():
        pytest.skip("the shipped models are not in this checkout")
    folder = tmp_path / "models"
    shutil.copytree(shipped, folder)
    card_path = folder / "credibility.card.json"
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["sha256"] = "0" * 64  # the card no longer vouches for the file
    card_path.write_text(json.dumps(card), encoding="utf-8")
    monkeypatch.setenv("CREDIBILITY_MODELS_DIR", str(folder))
    from credibility.batch import load_scorer

    load_scorer.cache_clear()
    try:
        refused = run(corpus / "a.txt", "-q")
        assert refused.exit_code == 2 and "does not match its card" in refused.stderr
        trusted = run(corpus / "a.txt", "-q", "--trust-model", "--format", "jsonl")
        assert trusted.exit_code == 0
        assert json.loads(trusted.stdout.splitlines()[0])["credibility"] is not None
    finally:
        load_scorer.cache_clear()
