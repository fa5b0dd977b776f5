"""URLs fetched from a local server on 127.0.0.1: HTML and text pages, HTTP errors, the size cap."""

from __future__ import annotations

import json

from click.testing import CliRunner

from credibility.cli import app
from credibility.ingest.urls import fetch_url, is_url


def test_html_page_is_extracted_with_its_url(http_server, article_html):
    base, pages = http_server
    pages["/news/storm"] = (200, "text/html; charset=utf-8", article_html.encode())
    item = fetch_url(f"{base}/news/storm")
    assert item.error is None
    assert item.id == item.url == f"{base}/news/storm"
    assert item.title == "Storm hits coast" and item.site == "Daily News"
    assert item.text.startswith("The storm reached the coast on Monday")


def test_plain_text_page(http_server):
    base, pages = http_server
    pages["/a.txt"] = (
        200,
        "text/plain; charset=utf-8",
        b"Headline\n\nThe mayor resigned on Friday, aides said.",
    )
    item = fetch_url(f"{base}/a.txt")
    assert (item.title, item.text) == ("Headline", "The mayor resigned on Friday, aides said.")


def test_http_error_size_cap_and_content_type(http_server):
    base, pages = http_server
    pages["/big"] = (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>")
    pages["/img"] = (200, "image/png", b"\x89PNG....")
    assert fetch_url(f"{base}/missing").error == f"{base}/missing: HTTP error 404 Not Found"
    assert "larger than" in fetch_url(f"{base}/big", max_bytes=1000).error
    assert fetch_url(f"{base}/img").error == f"{base}/img: unsupported content type image/png"
    refused = fetch_url("http://127.0.0.1:9/nothing", timeout=2)
    assert refused.error.startswith("http://127.0.0.1:9/nothing: could not fetch")


def test_cli_scores_a_url(http_server, article_html):
    base, pages = http_server
    pages["/story"] = (200, "text/html", article_html.encode())
    result = CliRunner().invoke(app, ["score", f"{base}/story", "--format", "jsonl", "--no-model", "-q"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["url"] == f"{base}/story" and record["site"] == "Daily News" and record["lang"] == "en"
    assert record["word_count"] > 20


def test_is_url():
    assert is_url("https://example.org/a") and is_url("HTTP://x") and not is_url("file.html")
