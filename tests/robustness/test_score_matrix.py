"""The bad-input matrix for ``credibility score``: every hostile or broken input gives a record that names
it and says what is wrong, the rest of the batch is scored, and the exit code says whether anything failed.

Each :class:`Case` is one kind of input the web produces. ``error`` means the item cannot be scored (an
error record, exit 1); ``warning`` means it is scored with a warning in its record (exit 0).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from credibility.ingest.items import MAX_TEXT_CHARS

ARTICLE = (
    "The council of Leeds voted 7-2 on Tuesday to fund twelve new buses, clerk Maria Lopez said. The buses "
    "will cost 4.5 million euros, according to the transport department's budget. \"We expect shorter "
    "journeys,\" said transport director Ken Ito. Two councillors opposed the plan, the minutes show.\n\n"
    "Critics say the money may be better spent on repairs. The first buses are due in March, officials said."
)
GERMAN = (
    "Der Stadtrat hat am Dienstag beschlossen, zwölf neue Busse zu kaufen, sagte die Sprecherin der Stadt. "
    "Die Busse sollen im März geliefert werden und kosten nach Angaben der Verwaltung viereinhalb Millionen Euro."
)


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]  # builds the input under a folder, returns its path
    error: str | None = None  # expected in the record's error (after the path)
    warning: str | None = None  # expected in one of the record's warnings


def _file(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _big(folder: Path) -> Path:
    """A 50 MB single 'article' (an export or a log saved as .txt)."""
    path = folder / "huge.txt"
    block = (ARTICLE + "\n\n").encode()
    with path.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            fh.write(block)
    return path


def _dangling(folder: Path) -> Path:
    path = folder / "gone.txt"
    path.symlink_to(folder / "deleted-long-ago.txt")
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)  # reading it would block forever
    return path


def _folder_named_like_a_file(folder: Path) -> Path:
    path = folder / "article.txt"
    path.mkdir()
    return path


CASES = [
    Case("empty", _file("empty.txt", b""), error="empty file"),
    Case("whitespace only", _file("blank.txt", b"  \n\t\r\n   \n"), error="empty file"),
    Case("binary", _file("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
         error="binary file, not text"),  # fmt: skip
    Case("binary html", _file("page.html", b"\x00\x01\x02<html>" * 100), error="binary file, not text"),
    Case("cp1252", _file("windows.txt", ARTICLE.replace("\"", "\u201c", 1).encode("cp1252")),
         warning="not valid UTF-8 (first bad byte at offset"),  # fmt: skip
    Case("latin-1", _file("latin.txt", f"Café society\n\n{ARTICLE} Naïve, façade, Ærø.".encode("latin-1")),
         warning="not valid UTF-8 (first bad byte at offset 3); decoded as cp1252"),  # fmt: skip
    Case("latin-1 with C1 control bytes", _file("c1.txt", ARTICLE.encode("latin-1") + b" \x81\x8d"),
         warning="decoded as"),  # fmt: skip
    Case("invalid UTF-8 in a UTF-8 file", _file("mixed.txt", ARTICLE.encode() + b" caf\xc3 \xff end."),
         warning="not valid UTF-8"),  # fmt: skip
    Case("UTF-16 with BOM", _file("utf16.txt", ARTICLE.encode("utf-16")), warning=None),
    Case("html of only script and style",
         _file("app.html", b"<html><head><style>p{color:red}</style><script>var a = 1;</script></head>"
               b"<body><script>document.write('hi')</script></body></html>"),
         error="no article text found in the HTML page"),  # fmt: skip
    Case("pasted markup in a .txt", _file("pasted.txt", f"<div><script>alert(1)</script>{ARTICLE}</div>".encode()),
         warning=None),  # fmt: skip
    Case("a page that is only a list", _file("list.md", b"# Top stories\n\n- Budget\n- Buses\n- Weather\n- Sport\n"),
         warning="short text"),  # fmt: skip
    Case("shorter than a paragraph", _file("short.txt", b"Buses are coming, the clerk said."),
         warning="short text (6 words): scores are low-confidence"),  # fmt: skip
    Case("unsupported language", _file("german.txt", GERMAN.encode()), warning="language 'de' is not supported"),
    Case("50 MB single document", _big, warning="text too long for one article: only the first"),
    Case("missing path", lambda folder: folder / "nope.txt", error="no such file or folder"),
    Case("dangling symlink", _dangling, error="broken symbolic link (points to"),
    Case("FIFO", _fifo, error="a named pipe (FIFO), not a regular file; not read"),
]


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    return folder


def _record_for(records: list[dict], path: Path) -> dict:
    [record] = [r for r in records if r["id"] == str(path)]
    return record


@pytest.mark.parametrize(
    "case",
    # The 50 MB document costs as much as the rest together: the quick loop (-m "not slow") leaves it to CI.
    [pytest.param(c, marks=pytest.mark.slow) if c.name == "50 MB single document" else c for c in CASES],
    ids=[c.name for c in CASES],
)
def test_each_bad_input_gives_a_record_naming_it(case, scratch, cli, records):
    path = case.make(scratch)
    # No wall-clock limit: a loaded CI machine can be ten times slower. Inputs are bounded by size instead.
    result = cli("score", path, "--format", "jsonl", "--no-model", "-q")
    [record] = records(result.stdout)
    assert record["id"] == str(path)
    if case.error:
        assert result.exit_code == 1
        assert record["error"].startswith(f"{path}: ") and case.error in record["error"], record["error"]
        assert record["features"] == {} or record["word_count"] == 0
    else:
        assert result.exit_code == 0, record["error"]
        assert record["error"] is None and record["word_count"] > 0
        if case.warning:
            assert any(case.warning in w for w in record["warnings"]), record["warnings"]
        for span in record["spans"]:
            assert span["text"]  # evidence spans point at real text of the record
        if case.name == "latin-1":
            assert record["title"] == "Café society"  # decoded right, not just decoded


def test_the_batch_goes_on_past_every_bad_input(scratch, cli, records):
    """All the cases in one folder with one good article: each gets its own record, the good one is scored."""
    for case in CASES:
        if case.name not in ("missing path", "50 MB single document"):
            case.make(scratch)
    good = scratch / "zz_good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result = cli("score", scratch, "--format", "jsonl", "--no-model")
    assert result.exit_code == 1
    by_id = {r["id"]: r for r in records(result.stdout)}
    expected = {c.name for c in CASES} - {"missing path", "50 MB single document"}
    assert len(by_id) == len(expected) + 1
    assert by_id[str(good)]["error"] is None and by_id[str(good)]["word_count"] > 50
    failed = [r for r in by_id.values() if r["error"]]
    assert len(failed) == sum(1 for c in CASES if c.error and c.name in expected)
    for record in failed:
        assert f"error: {record['error']}" in result.stderr  # each failure is also named on stderr
    assert f"{len(by_id) - len(failed)} ok, {len(failed)} failed" in result.stderr


@pytest.mark.slow  # quick loop: pytest -m 'not slow'
def test_text_that_is_too_long_is_cut_at_a_paragraph_and_says_by_how_much(scratch, cli, records):
    path = _big(scratch)
    result = cli("score", path, "--format", "jsonl", "--no-model", "-q")
    [record] = records(result.stdout)
    size = path.stat().st_size
    assert f"characters of a {size:,}-byte file were analysed; the rest was not read" in record["warnings"][0]
    assert MAX_TEXT_CHARS // 2 < record["word_count"] * 5 < MAX_TEXT_CHARS * 2
    assert record["spans"][-1]["end"] <= MAX_TEXT_CHARS


@pytest.mark.slow  # quick loop: pytest -m 'not slow'
def test_a_huge_text_cell_in_a_table_is_cut_too(scratch, cli, records):
    path = scratch / "feed.jsonl"
    text = (ARTICLE + "\n\n") * (MAX_TEXT_CHARS // len(ARTICLE) + 50)
    path.write_text(json.dumps({"id": "long", "text": text}) + "\n", encoding="utf-8")
    result = cli("score", path, "--format", "jsonl", "--no-model", "-q")
    [record] = records(result.stdout)
    assert result.exit_code == 0
    assert any("text too long for one article: only the first 99" in w
               and f"characters of {len(text):,} characters were analysed" in w for w in record["warnings"])


def test_jsonl_with_a_broken_line_in_the_middle(scratch, cli, records):
    path = scratch / "feed.jsonl"
    path.write_bytes(
        b'{"id": "a1", "text": "The mayor said on Friday that the park will reopen in May."}\n'
        b'{"id": "a2", "text": "cut off in the mi\n'
        b"\x00\x01\x02 binary junk \x00\n"
        b"[1, 2, 3]\n"
        b'{"id": "a5", "title": "no text field"}\n'
        b'{"id": "a6", "text": "The council voted on Tuesday to fund the buses, the clerk said."}\n'
    )
    result = cli("score", path, "--format", "jsonl", "--no-model", "-q")
    assert result.exit_code == 1
    got = {r["id"]: r for r in records(result.stdout)}
    assert list(got) == ["a1", f"{path}:2", f"{path}:3", f"{path}:4", "a5", "a6"]
    assert got[f"{path}:2"]["error"].startswith(f"{path}: line 2: invalid JSON")
    assert got[f"{path}:3"]["error"] == f"{path}: line 3: binary data, not text"
    assert got[f"{path}:4"]["error"] == f"{path}: line 4: expected a JSON object, got list"
    assert got["a5"]["error"] == f"{path}: line 5 (id a5): no 'text' field"
    assert got["a1"]["error"] is None and got["a6"]["error"] is None


def test_csv_quoted_newlines_empty_cells_and_ragged_rows(scratch, cli, records):
    path = scratch / "export.csv"
    path.write_text(
        "id,title,text\n"
        'q1,Two lines,"The clerk said on Tuesday that the buses will come.\nA second line, quoted, in the same cell."\n'
        "e2,Empty,\n"
        'w3,Whitespace,"   "\n'
        "r4,Ragged,too,many,fields\n"
        'ok5,Fine,"The council voted 7-2 to fund the buses, the minutes show."\n'
        "\n"  # a blank line is not a row
        ",,\n",  # a row of bare separators is: reported, not skipped
        encoding="utf-8",
    )
    result = cli("score", path, "--format", "jsonl", "--no-model", "-q")
    assert result.exit_code == 1
    got = {r["id"]: r for r in records(result.stdout)}
    assert got["q1"]["error"] is None and got["q1"]["sentence_count"] == 2
    assert got["e2"]["error"] == f"{path}: row 2 (id e2): empty text in column 'text'"
    assert got["w3"]["error"] == f"{path}: row 3 (id w3): empty text in column 'text'"
    assert got[f"{path}:4"]["error"] == f"{path}: row 4 (line 6): 5 fields, the header has 3"
    assert got["ok5"]["error"] is None
    assert got[f"{path}:6"]["error"] == f"{path}: row 6 (id {path}:6): empty text in column 'text'"
    assert len(got) == 6


def test_csv_without_its_text_column(scratch, cli, records):
    table = scratch / "headlines.csv"
    table.write_text("headline,summary\nBuses,Twelve new buses\n", encoding="utf-8")
    alone = cli("score", table, "--no-model", "-q")
    assert alone.exit_code == 2  # nothing could be scored: a usage error, before any work
    assert f"{table}: no text column found" in alone.stderr and "'headline', 'summary'" in alone.stderr
    typo = cli("score", table, "--text-col", "sumary", "--no-model", "-q")
    assert typo.exit_code == 2 and "no column 'sumary' (--text-col); columns are: 'headline', 'summary'" in typo.stderr
    good = scratch / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    mixed = cli("score", table, good, "--format", "jsonl", "--no-model", "-q")
    assert mixed.exit_code == 1  # one bad table among other inputs: its own error record, the rest scored
    bad, ok = records(mixed.stdout)
    assert bad["id"] == str(table) and "no text column found" in bad["error"] and "--text-col" in bad["error"]
    assert ok["error"] is None


def test_a_folder_named_like_a_file_and_an_empty_folder(scratch, cli):
    empty = _folder_named_like_a_file(scratch)
    result = cli("score", empty, "--format", "jsonl", "--no-model")
    assert result.exit_code == 0 and result.stdout == ""
    assert f"note: {empty}: no files in this folder" in result.stderr
    assert "scored 0 article(s)" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode (the FIFO and link cases cover this)")
def test_a_file_without_read_permission(scratch, cli, records):
    path = scratch / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    result = cli("score", path, "--format", "jsonl", "--no-model", "-q")
    [record] = records(result.stdout)
    assert result.exit_code == 1 and record["error"] == f"{path}: cannot read (Permission denied)"


def test_standard_input_that_is_binary_empty_or_not_utf8(cli, records):
    for data, problem in ((b"", "empty file"), (b"\x00\xff" * 100, "binary file, not text")):
        result = cli("score", "-", "--format", "jsonl", "--no-model", "-q", input=data)
        [record] = records(result.stdout)
        assert result.exit_code == 1 and record["error"] == f"<stdin>: {problem}"
    result = cli("score", "-", "--format", "jsonl", "--no-model", "-q", input=ARTICLE.encode("cp1252") + b"\x93")
    [record] = records(result.stdout)
    assert result.exit_code == 0 and record["warnings"][0].startswith("<stdin>: not valid UTF-8")


@pytest.mark.slow  # quick loop: pytest -m 'not slow'
def test_thousands_of_files_stream_in_order(tmp_path, cli):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(2000):
        (folder / f"{i:04d}.txt").write_text(f"Article {i}: the clerk said the buses will come.", encoding="utf-8")
    (folder / "0500.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    result = cli("score", folder, "--format", "jsonl", "--no-model", "-q", "--output", out)
    assert result.exit_code == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2000
    assert f'"id": "{folder}/0000.txt"' in lines[0] and f'"id": "{folder}/1999.txt"' in lines[-1]
    assert f"{folder}/0500.txt: empty file" in lines[500]


def test_unsupported_language_and_short_text_with_the_shipped_models(scratch, cli, records):
    (scratch / "a_german.txt").write_text(GERMAN, encoding="utf-8")
    (scratch / "b_short.txt").write_text("Buses are coming, the clerk said.", encoding="utf-8")
    result = cli("score", scratch, "--format", "jsonl", "-q")
    assert result.exit_code == 0
    german, short = records(result.stdout)
    assert german["scores"] == {} and german["supported"] is False and german["ai_probability"] is None
    assert any("no model scores are given" in w for w in german["warnings"])
    assert short["low_confidence"] is True and short["ai_probability"] is not None
    assert "short text (6 words): scores are low-confidence" in short["warnings"]


def test_a_reader_that_fails_midway_ends_only_its_own_source(scratch, cli, records, monkeypatch):
    """A failure inside one table (e.g. a corrupt row group) is an error record saying how far it got."""
    import credibility.ingest as ingest

    real = ingest.read_source

    def flaky(source, **kwargs):
        for n, item in enumerate(real(source, **kwargs)):
            if source.ref.endswith("bad.jsonl") and n == 1:
                raise OSError("corrupt block")
            yield item

    monkeypatch.setattr(ingest, "read_source", flaky)
    bad = scratch / "bad.jsonl"
    bad.write_text("".join(f'{{"id": "b{i}", "text": "{ARTICLE[:80]}"}}\n' for i in range(3)), encoding="utf-8")
    good = scratch / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result = cli("score", bad, good, "--format", "jsonl", "--no-model", "-q")
    assert result.exit_code == 1
    got = records(result.stdout)
    assert [r["id"] for r in got] == ["b0", f"{bad}:2", str(good)]
    assert got[1]["error"] == f"{bad}: could not be read (OSError: corrupt block); after 1 item(s); the rest of it was skipped"


def test_hidden_files_are_skipped_with_a_note(scratch, cli):
    (scratch / ".draft.txt").write_text(ARTICLE, encoding="utf-8")
    (scratch / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("score", scratch, "--format", "jsonl", "--no-model")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1
    assert f"note: {scratch}: skipped 1 hidden file(s) or folder(s)" in result.stderr


def test_output_that_is_also_an_input_is_refused_before_anything_is_written(scratch, cli):
    feed = scratch / "feed.jsonl"
    content = f'{{"id": "a", "text": "{ARTICLE[:90]}"}}\n'
    feed.write_text(content, encoding="utf-8")
    for extra in ([], ["--resume"]):
        result = cli("score", scratch, "--format", "jsonl", "--output", feed, "--no-model", *extra)
        assert result.exit_code == 2
        assert f"--output {feed} is also an input ({feed}): it would be overwritten before it is read" in result.stderr
        assert feed.read_text(encoding="utf-8") == content


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_lone_surrogates_from_json_escapes_and_file_names_never_stop_the_writer(scratch, cli, records, fmt):
    feed = scratch / "escapes.jsonl"
    feed.write_text('{"id": "s1", "title": "T \\ud800", "text": "The minister said \\udc00 the plan works."}\n',
                    encoding="utf-8")  # fmt: skip
    odd_name = scratch / os.fsdecode(b"caf\xe9.txt")  # a file name that is not UTF-8 (Latin-1 on disk)
    odd_name.write_text(ARTICLE, encoding="utf-8")
    out = scratch.parent / f"out.{fmt}"
    result = cli("score", feed, odd_name, "--format", fmt, "--output", out, "--no-model", "-q")
    assert result.exit_code == 0
    written = out.read_text(encoding="utf-8")  # valid UTF-8 throughout
    if fmt == "jsonl":
        escaped, named = records(written)
        assert escaped["title"] == "T \ufffd"
        assert escaped["warnings"][0].endswith("line 1: 1 invalid character escape(s) (lone surrogates) replaced by U+FFFD")
        assert named["id"] == str(odd_name)  # read back exactly, so --resume recognises it
        again = cli("score", feed, odd_name, "--format", fmt, "--output", out, "--no-model", "-q", "--resume")
        assert again.exit_code == 0 and "2 skipped" not in again.stdout
        assert out.read_text(encoding="utf-8") == written
    else:
        assert "caf\ufffd.txt" in written


@pytest.mark.parametrize("limit", [101, 102, 104])
def test_a_utf16_file_cut_at_the_read_limit_stays_valid_text(scratch, cli, records, monkeypatch, limit):
    import credibility.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_TEXT_BYTES", limit)  # cut inside a character and inside an emoji pair
    path = scratch / "utf16.txt"
    path.write_bytes(("The minister 😀 said the plan works. " * 20).encode("utf-16"))
    result = cli("score", path, "--format", "jsonl", "--no-model", "-q")
    [record] = records(result.stdout)
    assert result.exit_code == 0 and record["error"] is None
    assert [w for w in record["warnings"] if "UTF-16" in w or "UTF-8" in w] == []
    assert any(f"characters of a {path.stat().st_size:,}-byte file were analysed" in w for w in record["warnings"])
