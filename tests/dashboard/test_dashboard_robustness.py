"""The dashboard under hostile input: tampered models, oversized uploads and batches, markup and Markdown
in article text and file names, labelled tables with empty cells. Driven headlessly with AppTest."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from credibility.dashboard_app import inputs
from credibility.dashboard_app.render import plain

ROOT = Path(__file__).resolve().parents[2]
# Markup that would run, or make the browser fetch or link something, if rendered rather than shown.
HOSTILE = (
    '<script>alert("x")</script> <img src=x onerror=alert(1)> ![pixel](http://tracker.example/p.png) '
    "[click](javascript:alert(1)) :red[styled] $x^2$"
)
ARTICLE = (
    "The council of Leeds voted 7-2 on Tuesday to fund 12 new buses, clerk Maria Lopez said. "
    "The buses will cost 4.5 million euros, according to the transport department. "
)
# Unescaped forms of the hostile constructs in a Markdown-rendering element's source text.
_LIVE = re.compile(r"(?<!\\)!\\?\[|(?<!\\)<(?:script|img)|(?<!\\)\]\(|(?<!\\):red\[|(?<!\\)\$x")


def _shown(markdown: str) -> str:
    """What the reader sees of an escaped Markdown source (backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _walk(block):
    for child in getattr(block, "children", {}).values():
        yield child
        yield from _walk(child)


def _markdown_sources(at) -> list[str]:
    """The text of every element Streamlit renders as Markdown (alerts, captions, markdown, expander labels)."""
    out = []
    for node in _walk(at.main):
        if node.type in ("markdown", "caption", "error", "warning", "info", "success", "subheader", "title"):
            out.append(str(node.value))
        elif node.type == "expandable":
            out.append(str(node.label))
    return out


def _assert_nothing_live(at) -> None:
    live = [text for text in _markdown_sources(at) if _LIVE.search(text)]
    assert not live, live


def test_plain_escapes_every_markdown_construct():
    shown = plain(HOSTILE)
    assert not _LIVE.search(shown)
    assert "\\<script\\>" in shown and "\\!\\[pixel\\]\\(http\\://tracker.example/p.png\\)" in shown
    assert plain("- item\n# heading") == "\\- item \\# heading"


@pytest.fixture
def tampered_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped models with one byte appended to one of them (its card no longer matches)."""
    folder = tmp_path / "models"
    folder.mkdir()
    for name in ("ai_generated", "credibility"):
        for suffix in (".npz", ".card.json"):
            shutil.copy(ROOT / "models" / f"{name}{suffix}", folder / f"{name}{suffix}")
    with (folder / "credibility.npz").open("ab") as fh:
        fh.write(b"\x00")
    monkeypatch.setenv("CREDIBILITY_MODELS_DIR", str(folder))
    return folder


@pytest.mark.parametrize("view", [None, "batch.py", "compare.py", "model.py"])
def test_a_tampered_model_is_an_error_message_not_a_traceback(tampered_models, make_app, view):
    at = make_app(view)
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "models were not loaded" in error and "does not match its card" in error
    assert "signals only" in error


def test_analyze_goes_on_with_signals_when_the_model_is_refused(tampered_models, make_app):
    at = make_app()
    at.text_area(key="paste_text").input(ARTICLE * 3).run()
    assert not at.exception
    assert any("refused" in i.value for i in at.info)  # why there are no scores
    assert at.html, "the highlighted article is still shown"


def test_batch_escapes_user_text_and_file_names(models_dir, make_app):
    at = make_app("batch.py")
    table = (
        "id,title,text\n"
        f'h1,"{HOSTILE.replace(chr(34), chr(39))}","{ARTICLE} {HOSTILE.replace(chr(34), chr(39))}"\n'
        "h2,empty,\n"
    ).encode()
    evil_name = "![x](http:__tracker.example_y.png).txt"
    at.file_uploader(key="batch_files").set_value(
        [("hostile.csv", table, "text/csv"), (evil_name, b"", "text/plain")]
    ).run()
    assert not at.exception
    _assert_nothing_live(at)
    errors = at.dataframe[-1].value  # shown as data (plain text cells), with the names as typed
    assert list(errors["id"]) == ["h2", evil_name]


def test_compare_escapes_claims_warnings_and_file_names(models_dir, make_app):
    at = make_app("compare.py")
    at.radio(key="compare_source").set_value("Upload files").run()
    first = f"{ARTICLE} The network cost 2 million euros, officials said. {HOSTILE}"
    second = f"{ARTICLE} The network cost 5 million euros, officials said. {HOSTILE}"
    at.file_uploader(key="compare_files").set_value(
        [
            ("a.txt", first.encode(), "text/plain"),
            ("b.txt", second.encode(), "text/plain"),
            ("![x](http:__tracker.example_y.png).txt", b"\x00\x01binary", "text/plain"),
        ]
    ).run()
    assert not at.exception
    at.multiselect(key="status_filter").set_value(["contradicted", "uncorroborated", "corroborated"]).run()
    assert not at.exception
    assert any("binary file, not text" in e.value for e in at.error)
    assert at.expander, "claims are listed"
    _assert_nothing_live(at)


def test_analyze_escapes_a_hostile_file_name_in_its_error(models_dir, make_app):
    at = make_app()
    at.radio(key="input_source").set_value("Upload a file").run()
    at.file_uploader(key="article_file").upload("![t](http:__tracker.example_p.png).txt", b"", "text/plain").run()
    assert not at.exception
    assert any("empty file" in e.value for e in at.error)
    _assert_nothing_live(at)


def test_an_upload_over_the_size_cap_is_refused_with_a_message(models_dir, make_app, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_UPLOAD_BYTES", 1000)
    at = make_app("batch.py")
    at.file_uploader(key="batch_files").set_value(
        [("big.txt", (ARTICLE * 20).encode(), "text/plain"), ("ok.txt", ARTICLE.encode(), "text/plain")]
    ).run()
    assert not at.exception
    errors = at.dataframe[-1].value
    assert list(errors["id"]) == ["big.txt"]
    assert "MB is more than the dashboard accepts per file (25 MB); not read" in errors["error"].iloc[0]
    assert at.success[0].value.startswith("2 articles analysed")


def test_a_batch_over_the_article_cap_is_cut_and_says_so(models_dir, make_app, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_BATCH_ARTICLES", 3)
    rows = "".join(f'r{i},"{ARTICLE}"\n' for i in range(5))
    at = make_app("batch.py")
    at.file_uploader(key="batch_files").set_value(
        [("five.csv", f"id,text\n{rows}".encode(), "text/csv"), ("later.txt", ARTICLE.encode(), "text/plain")]
    ).run()
    assert not at.exception
    assert at.success[0].value.startswith("3 articles analysed")
    [warning] = [w.value for w in at.warning if "Only the first" in w.value]
    assert "reading stopped in five.csv and 1 later file(s) were not read" in warning
    assert "credibility score" in warning


def test_pasted_text_is_limited_in_the_widget_and_cut_with_a_warning_behind_it(models_dir, make_app, monkeypatch):
    import credibility.ingest.items as items
    from credibility.dashboard_app.services import analyze_text

    at = make_app()
    assert at.text_area(key="paste_text").max_chars == items.MAX_TEXT_CHARS  # the browser stops the paste
    monkeypatch.setattr(items, "MAX_TEXT_CHARS", 400)
    report, _ = analyze_text(ARTICLE * 6 + "unique tail for the cache")
    assert report.warnings[0].startswith("text too long for one article: only the first 3")
    assert report.warnings[0].endswith(f"of {len(ARTICLE) * 6 + 25:,} characters were analysed; the rest was not read")


def test_retraining_refuses_empty_cells_like_the_cli(models_dir, make_app, labeled_csv):
    lines = labeled_csv.decode().splitlines()
    lines[3] = "v1,,not_credible"  # an empty text in data row 3
    at = make_app("model.py")
    at.file_uploader(key="train_file").upload("labels.csv", "\n".join(lines).encode(), "text/csv").run()
    at.text_input(key="train_name").input("newsroom-2").run()
    at.button(key="train_button").click().run()
    assert not at.exception
    [error] = [_shown(e.value) for e in at.error]
    assert "labels.csv: 1 row(s) with an empty 'text' (row 3); fill them in or remove them" in error
    assert not (models_dir / "newsroom-2.npz").exists()


def test_retraining_refuses_a_binary_or_oversized_table(models_dir, make_app, monkeypatch):
    at = make_app("model.py")
    at.file_uploader(key="train_file").upload("labels.csv", b"PK\x03\x04\x00\x00junk", "text/csv").run()
    assert not at.exception
    assert any("labels.csv: binary file, not text" in _shown(e.value) for e in at.error)
    monkeypatch.setattr(inputs, "MAX_UPLOAD_BYTES", 10)
    at.file_uploader(key="train_file").upload("big.csv", b"text,label\n" * 10, "text/csv").run()
    assert any("more than the dashboard accepts per file" in e.value for e in at.error)


BAD_UPLOADS = [
    # (file name, bytes, expected error or None, expected warning or None)
    ("empty.txt", b"", "empty.txt: empty file", None),
    ("blank.md", b" \n\t\n", "blank.md: empty file", None),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)), "photo.txt: binary file, not text", None),
    ("windows.txt", (ARTICLE + "\u201cquoted\u201d").encode("cp1252"), None, "decoded as cp1252"),
    ("app.html", b"<html><head><script>var a=1;</script><style>p{}</style></head><body></body></html>",
     "app.html: no article text found in the HTML page", None),
    ("short.txt", b"Buses are coming, the clerk said.", None, "short text (6 words): scores are low-confidence"),
    ("german.txt", "Der Stadtrat hat am Dienstag beschlossen, zwölf neue Busse zu kaufen, sagte die Sprecherin."
     .encode(), None, "language 'de' is not supported"),
    ("feed.jsonl", b'{"id": "j1", "text": "The mayor said the park reopens."}\n{"id": broken\n', "feed.jsonl: line 2: invalid JSON",
     None),
    ("rows.csv", b"id,text\nc1,\nc2,too,many\n", "rows.csv: row 1 (id c1): empty text in column 'text'", None),
]  # fmt: skip


def test_batch_matrix_of_bad_uploads(models_dir, make_app):
    """Every bad upload is its own row in 'Could not be analysed' or a warning in the results; the rest go on."""
    at = make_app("batch.py")
    at.file_uploader(key="batch_files").set_value(
        [(name, data, "application/octet-stream") for name, data, _, _ in BAD_UPLOADS]
        + [("good.txt", (ARTICLE * 3).encode(), "text/plain")]
    ).run()
    assert not at.exception
    results = at.dataframe[0].value
    errors = at.dataframe[-1].value
    for name, _, error, warning in BAD_UPLOADS:
        if error:
            assert any(e.startswith(error) for e in errors["error"]), (name, list(errors["error"]))
        if warning:
            [row] = results[results["source"] == name].to_dict("records")
            assert warning in row["warnings"], row["warnings"]
    assert "rows.csv: row 2 (line 3): 3 fields, the header has 2" in list(errors["error"])
    assert "good.txt" in list(results["source"])
    _assert_nothing_live(at)


def test_an_unreadable_model_card_is_named_not_skipped(models_dir, make_app):
    (models_dir / "broken.card.json").write_text("{not json", encoding="utf-8")
    (models_dir / "list.card.json").write_text("[1, 2]", encoding="utf-8")
    at = make_app("model.py")
    assert not at.exception
    warnings = [_shown(w.value) for w in at.warning]
    assert any(w.startswith("broken.card.json is not a readable model card") for w in warnings)
    assert any(w.startswith("list.card.json is not a readable model card") for w in warnings)
