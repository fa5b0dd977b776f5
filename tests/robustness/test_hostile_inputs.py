"""Hostile inputs (#18, input side): each reported case gives a clear error or warning naming the input,
the rest of the file and of the batch is read, and the work is bounded by size, never by a timer.

The budgets are the shipped ones (credibility.ingest.limits) unless a test says otherwise.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from credibility.ingest import discover, iter_items
from credibility.ingest.html import parse_html
from credibility.ingest.html_text import strip_tags
from credibility.ingest.limits import MAX_CELL_BYTES, MAX_HTML_ELEMENTS, MiB
from credibility.ingest.urls import fetch_url

ARTICLE = (
    "The council of Leeds voted 7-2 on Tuesday to fund twelve new buses, clerk Maria Lopez said. The buses "
    "will cost 4.5 million euros, according to the transport department's budget."
)


def read(*paths: Path, **kwargs) -> list:
    return list(iter_items(discover([str(p) for p in paths]).sources, **kwargs))


# 1. HTML of many tiny blocks ------------------------------------------------------------------------


@pytest.fixture
def no_trafilatura(monkeypatch):
    """Fail if the article extractor is called (its cost is what the element budget avoids)."""
    import trafilatura

    def refuse(*args, **kwargs):
        raise AssertionError("trafilatura must not see a page over the element budget")

    monkeypatch.setattr(trafilatura, "bare_extraction", refuse)


def test_html_table_of_tiny_cells_is_read_as_plain_text(no_trafilatura):
    cells = "".join(f"<tr><td>c{i}</td></tr>" for i in range(20_000))  # ~400 kB, 60k elements
    page = f"<html><head><title>Results</title></head><body><table>{cells}</table></body></html>".encode()
    item = parse_html(page, id="t", source_path="table.html")
    assert item.error is None
    assert item.title == "Results"
    assert item.text.startswith("c0\n\nc1\n\n") and item.text.endswith("c19999")
    assert any("too complex" in w and f"{MAX_HTML_ELEMENTS:,} elements" in w for w in item.warnings)


def test_megabytes_of_tags_are_one_clear_error(no_trafilatura, tmp_path):
    page = tmp_path / "tags.html"
    page.write_bytes(b"<b>" * MiB)  # 3 MB, a million elements
    ok = tmp_path / "ok.txt"
    ok.write_text(ARTICLE)
    items = read(page, ok)
    assert items[0].error == f"{page}: no text found in the HTML page"
    assert items[1].error is None


def test_plain_text_fallback_leaves_out_scripts_styles_and_comments():
    page = (
        "<html><head><title>T</title><style>p{}</style></head><body><!-- <p>hidden</p> -->"
        "<p>One &amp; two<br>three <i>four</i></p><script>var a = '<p>no</p>';</script><div>a < b</div>"
    )
    assert strip_tags(page) == "One & two\n\nthree four\n\na < b"


def test_html_under_the_element_budget_still_uses_the_article_extractor(article_page: bytes):
    item = parse_html(article_page, id="a", source_path="a.html")
    assert item.error is None and not any("too complex" in w for w in item.warnings)


@pytest.fixture
def article_page() -> bytes:
    body = "".join(f"<p>{ARTICLE} Paragraph {i}.</p>" for i in range(5))
    return f"<html><head><title>Buses</title></head><body><nav>Home</nav><article>{body}</article></body></html>".encode()


# 2. Parquet decompression bombs ----------------------------------------------------------------------


def _big_cell(i: int = 0) -> str:
    return "a" * (MAX_CELL_BYTES + 1024) + str(i)


def test_parquet_repeated_huge_cell_is_refused_per_row(tmp_path):
    """A value stored once in the dictionary and repeated: never materialised as Python strings."""
    path = tmp_path / "bomb.parquet"
    texts = pa.array([_big_cell()] * 12 + [ARTICLE]).dictionary_encode()
    pq.write_table(pa.table({"text": texts}), path, compression="zstd")
    assert path.stat().st_size < 100_000
    items = read(path)
    assert len(items) == 13
    for row, item in enumerate(items[:12], start=1):
        assert item.error == (
            f"{path}: row {row}: column 'text' holds 16 MiB, more than 16 MiB (the cell budget); row skipped"
        )
    assert items[12].error is None and items[12].text == ARTICLE


def test_parquet_of_few_enormous_cells_is_refused_from_metadata(tmp_path):
    bomb = tmp_path / "bomb.parquet"
    pq.write_table(pa.table({"text": [_big_cell(i) for i in range(3)]}), bomb, compression="zstd")
    ok = tmp_path / "ok.jsonl"
    ok.write_text(json.dumps({"text": ARTICLE}) + "\n")
    items = read(bomb, ok)
    assert len(items) == 2
    assert items[0].error.startswith(f"{bomb}: row group 1: column 'text' holds 48 MiB in 3 value(s)")
    assert items[0].error.endswith("(the cell budget); file not read")
    assert items[1].error is None


def test_parquet_over_its_decompressed_budget_is_one_error(tmp_path):
    path = tmp_path / "big.parquet"
    pq.write_table(pa.table({"text": [f"{i} {ARTICLE * 100}" for i in range(200)]}), path, compression="zstd")  # 3.5 MiB
    items = read(path, max_parquet_bytes=1 * MiB)
    assert len(items) == 1
    assert "decompress to 3.4 MiB, more than 1 MiB (the budget for this Parquet file); file not read" in items[0].error


def test_dashboard_upload_gets_the_dashboard_budget(tmp_path, monkeypatch):
    from credibility.dashboard_app import inputs

    path = tmp_path / "big.parquet"
    pq.write_table(pa.table({"text": [f"{i} {ARTICLE * 100}" for i in range(200)]}), path, compression="zstd")
    monkeypatch.setattr(inputs, "DASHBOARD_MAX_TABLE_BYTES", 2 * MiB)
    items = inputs.read_upload("big.parquet", path.read_bytes())
    assert len(items) == 1
    assert items[0].error.startswith("big.parquet: the columns read (text) decompress to 3.4 MiB, more than 2 MiB")


# 3. and 6. JSON lines: deep nesting, non-string text --------------------------------------------------


def test_jsonl_nested_100k_deep_is_an_error_for_its_line_only(tmp_path):
    path = tmp_path / "deep.jsonl"
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path.write_text("\n".join([deep, json.dumps({"text": ARTICLE}), deep, json.dumps({"text": ARTICLE})]) + "\n")
    items = read(path)
    assert [i.error for i in items] == [
        f"{path}: line 1: JSON nested more than 100 levels deep; line skipped",
        None,
        f"{path}: line 3: JSON nested more than 100 levels deep; line skipped",
        None,
    ]


def test_deep_brackets_inside_strings_are_just_text(tmp_path):
    path = tmp_path / "brackets.jsonl"
    path.write_text(json.dumps({"text": ARTICLE + " [[[" * 200}) + "\n")
    assert read(path)[0].error is None


@pytest.mark.parametrize(
    ("value", "kind"),
    [(12345, "a number"), (3.5, "a number"), (True, "a boolean"), (["a", "b"], "a list"), ({"x": 1}, "an object")],
)
def test_non_string_text_is_refused_per_row(tmp_path, value, kind):
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"id": "a", "text": value}) + "\n" + json.dumps({"id": "b", "text": ARTICLE}) + "\n")
    first, second = read(path)
    assert first.error == f"{path}: line 1: 'text' is {kind}, not text; only a string can be scored"
    assert second.error is None and second.id == "b"


# 5. UTF-16 tables with a byte-order mark ----------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_jsonl_and_csv_with_bom_are_read(tmp_path, encoding):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_bytes(bom + "".join(json.dumps({"text": f"{ARTICLE} é {i}"}) + "\n" for i in range(2)).encode(encoding))
    csv_file = tmp_path / "a.csv"
    csv_file.write_bytes(bom + f'id,text\r\n1,"{ARTICLE} é"\r\n'.encode(encoding))
    items = read(jsonl, csv_file)
    assert [i.error for i in items] == [None, None, None]
    assert items[0].text == f"{ARTICLE} é 0" and items[2].text == f"{ARTICLE} é"


# 7. Language codes from the user never name a folder ----------------------------------------------------


@pytest.fixture
def fake_lexicon(tmp_path) -> Path:
    folder = tmp_path / "fakelex"
    folder.mkdir()
    (folder / "language.json").write_text('{"name": "evil"}')
    return folder


def test_front_matter_lang_must_be_a_supported_code(tmp_path, fake_lexicon):
    path = tmp_path / "a.md"
    path.write_text(f"---\nlang: {fake_lexicon}\n---\n\n{ARTICLE}\n")
    (item,) = read(path)
    assert item.lang is None
    (warning,) = item.warnings
    assert warning.startswith(f"{path}: front matter: language '{str(fake_lexicon)[:30]}")
    assert warning.endswith("is not one of the supported codes (en, nl); ignored, the language is identified from the text")
    assert item.to_document().lang == "en"


def test_front_matter_and_table_lang_accept_supported_codes(tmp_path):
    md = tmp_path / "a.md"
    md.write_text(f"---\nlang: NL\n---\n\n{ARTICLE}\n")
    table = tmp_path / "t.jsonl"
    table.write_text(json.dumps({"text": ARTICLE, "lang": "en-GB"}) + "\n" + json.dumps({"text": ARTICLE, "lang": "../x"}) + "\n")
    items = read(md, table)
    assert [i.lang for i in items] == ["nl", "en", None]
    assert "language '../x' is not one of the supported codes" in items[2].warnings[0]


def test_a_path_is_never_loaded_as_a_lexicon(fake_lexicon):
    from credibility.document import build_document
    from credibility.lexicon import resources_for

    assert resources_for(str(fake_lexicon)) is None
    assert not build_document(ARTICLE, lang=str(fake_lexicon)).supported


@pytest.mark.parametrize("command", ["score", "compare"])
def test_cli_lang_is_a_choice_of_supported_codes(cli, tmp_path, fake_lexicon, command):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = cli(command, path, path, "--lang", fake_lexicon)
    assert result.exit_code == 2
    assert "is not one of 'en', 'nl'" in result.stderr


# 8. A CSV field over the cell budget ------------------------------------------------------------------


def test_csv_field_over_64_mib_is_an_error_for_its_row(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w") as fh:
        fh.write('id,text\n1,"')
        block = "word " * (MiB // 5)
        for _ in range(65):
            fh.write(block)
        fh.write(f'"\n2,"{ARTICLE}"\n3,"{ARTICLE}"\n')
    items = read(path)
    assert [i.error for i in items] == [
        f"{path}: row 1 (line 2): a field longer than 16 MiB (the cell budget); row skipped", None, None
    ]
    assert [i.id for i in items[1:]] == ["2", "3"]


def test_csv_oversized_quoted_field_over_many_lines_is_skipped_to_its_end(tmp_path):
    path = tmp_path / "big.csv"
    line = 'He said ""yes"", and, then\n'
    with path.open("w") as fh:
        fh.write(f'id,text\n1,"{ARTICLE}"\n2,"')
        fh.write(line * (MAX_CELL_BYTES // 20))  # the field holds 24 of its 26 characters
        fh.write(f'end"\n3,"{ARTICLE}"\n')
    items = read(path)
    assert [i.id for i in items] == ["1", f"{path}:2", "3"]
    assert "row 2" in items[1].error and "the cell budget" in items[1].error
    assert items[2].error is None


def test_jsonl_line_over_the_cell_budget_is_an_error_for_its_line(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w") as fh:
        fh.write(json.dumps({"text": "a" * (MAX_CELL_BYTES + 10)}) + "\n")
        fh.write(json.dumps({"text": ARTICLE}) + "\n")
    first, second = read(path)
    assert first.error == f"{path}: line 1: longer than 16 MiB (the cell budget); line skipped"
    assert second.error is None


# 4. URLs: one deadline for the whole download, http(s) redirects only ---------------------------------


class _Server(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        if self.path == "/drip":  # 40 bytes, one every 0.1 s: each read is quick, the whole is slow
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                try:
                    self.wfile.write(b"a")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)
        elif self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/article.txt")
            self.end_headers()
        elif self.path == "/to-file":
            self.send_response(301)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        else:
            body = ARTICLE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_that_drips_hits_the_overall_deadline(server):
    item = fetch_url(f"{server}/drip", deadline=0.5)
    assert item.error == f"{server}/drip: download took longer than 0.5 s (the time limit per URL); not read"


TLS_DRIPS = 600  # 60 s of dripping: far past the 0.5 s deadline even on a slow machine


@pytest.fixture
def dripping_tls() -> Iterator[tuple[str, list[int]]]:
    """A server that answers a TLS hello with a record header promising 16 kB, then drips it a byte every
    0.1 s (600 bytes at most): every read is quick, the handshake never ends. The list counts the bytes the
    client took before it hung up."""
    listener = socket.create_server(("127.0.0.1", 0))
    dripped = [0]

    def serve() -> None:
        with contextlib.suppress(OSError):
            conn, _ = listener.accept()
            with conn:
                conn.recv(4096)
                conn.sendall(b"\x16\x03\x03\x40\x00")
                for _ in range(TLS_DRIPS):
                    conn.sendall(b"\x00")
                    dripped[0] += 1
                    time.sleep(0.1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{listener.getsockname()[1]}/", dripped
    listener.close()
    thread.join()


def test_a_dripping_tls_handshake_is_cut_off_by_the_overall_deadline(dripping_tls):
    url, dripped = dripping_tls
    item = fetch_url(url, deadline=0.5)
    assert item.error == f"{url}: download took longer than 0.5 s (the time limit per URL); not read"
    assert dripped[0] < TLS_DRIPS  # the client hung up mid-handshake instead of waiting for the server to stop


@pytest.mark.parametrize(("path", "scheme"), [("/to-ftp", "ftp"), ("/to-file", "file")])
def test_redirect_to_a_non_http_scheme_is_refused(server, path, scheme):
    item = fetch_url(server + path)
    assert item.error == (
        f"{server}{path}: could not fetch (redirected to a {scheme} URL, refused: only http and https are followed)"
    )


def test_url_within_budget_is_read(server):
    item = fetch_url(f"{server}/ok")
    assert item.error is None and item.text == ARTICLE


# 9. Model cards render nothing remote ------------------------------------------------------------------


@pytest.mark.parametrize(
    "markdown",
    [
        "See ![roc][plot].\n\n[plot]: http://tracker.example/roc.png",
        "See ![roc][].\n\n[roc]: http://tracker.example/roc.png",
        "See ![roc].\n\n[roc]: http://tracker.example/roc.png",
        "See ![a [nested] alt](http://tracker.example/roc.png).",
        'See <img src="http://tracker.example/roc.png">.',
    ],
)
def test_model_card_images_are_never_rendered(markdown):
    from credibility.dashboard_app.render import without_remote_images

    shown = without_remote_images(markdown)
    assert "![" not in shown.replace("!\\[", "") and "<img" not in shown.replace("\\<img", "")
