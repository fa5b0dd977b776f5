"""HTML pages: main text without page chrome, metadata from the page, errors for pages without text."""

from __future__ import annotations

from credibility.ingest import Source, iter_items
from credibility.ingest.html import looks_like_html, parse_html


def test_html_file_gives_text_and_metadata(tmp_path, article_html):
    path = tmp_path / "page.html"
    path.write_text(article_html, encoding="utf-8")
    [item] = iter_items([Source("html", str(path))])
    assert item.error is None
    assert item.title == "Storm hits coast"
    assert (item.author, item.date, item.site) == ("Jane Doe", "2024-03-01", "Daily News")
    paragraphs = item.text.split("\n\n")
    assert paragraphs[0].startswith("The storm reached the coast on Monday, officials said.")
    assert paragraphs[1] == "Residents were told to stay indoors until the winds eased later in the week."
    assert "Copyright" not in item.text and "Home | World" not in item.text


def test_page_without_article_text_is_an_error_item():
    item = parse_html(
        b"<html><head><title>x</title></head><body></body></html>", id="p", source_path="p.html"
    )
    assert item.error == "p.html: no article text found in the HTML page"


def test_html_sniffing():
    assert looks_like_html(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html(b"\n  <p>Just a paragraph</p>")
    assert not looks_like_html(b"Plain text with a < sign and 3 > 2.")
