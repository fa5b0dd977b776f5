"""Web pages: main text and metadata (title, author, date, site name) via trafilatura.

Navigation, footers and comments are left out so the signals read the article, not the page chrome.
A page with more elements than :data:`~credibility.ingest.limits.MAX_HTML_ELEMENTS` is not given to
trafilatura (its time grows with the number of blocks: minutes for a table of tiny cells, hours for
megabytes of tags): its plain text is read instead, with a warning.
"""

from __future__ import annotations

import re

from .decode import decode_bytes, looks_binary
from .html_text import count_elements, html_title, strip_tags
from .items import InputItem, clean_meta, error_item
from .limits import MAX_HTML_ELEMENTS

_HTML_SNIFF_RE = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|p)[\s>]", re.I)


def looks_like_html(data: bytes) -> bool:
    """True for bytes that start like an HTML page (used for stdin, URLs and unknown extensions)."""
    return bool(_HTML_SNIFF_RE.search(data[:4096]))


def parse_html(data: bytes | str, *, id: str, source_path: str | None, url: str | None = None) -> InputItem:
    """One article from an HTML page; an error item when no main text can be found."""
    name = source_path or url or id
    if isinstance(data, bytes) and looks_binary(data):
        return error_item(id, f"{name}: binary file, not text", source_path=source_path, url=url)
    if not data.strip():
        return error_item(id, f"{name}: empty file", source_path=source_path, url=url)
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    if count_elements(raw, MAX_HTML_ELEMENTS) > MAX_HTML_ELEMENTS:
        return _plain_text_item(data, id=id, name=name, source_path=source_path, url=url)
    from trafilatura import bare_extraction  # heavy import, only when HTML is read

    try:
        result = bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        return error_item(id, f"{name}: HTML could not be parsed ({exc})", source_path=source_path, url=url)
    if result is None or not (result.text or "").strip():
        return error_item(
            id, f"{name}: no article text found in the HTML page", source_path=source_path, url=url
        )
    title = clean_meta(result.title)
    return InputItem(
        id=id,
        text=_paragraphs(result.text, title),
        title=title,
        author=clean_meta(result.author),
        date=clean_meta(result.date),
        site=clean_meta(result.sitename) or clean_meta(result.hostname),
        url=url or clean_meta(result.url),
        source_path=source_path,
        lang=None,
    )


def _plain_text_item(data: bytes | str, *, id: str, name: str, source_path: str | None, url: str | None) -> InputItem:
    """The fallback for a page over the element budget: tags stripped, boilerplate and all."""
    warnings = []
    if isinstance(data, bytes):
        decoded = decode_bytes(data, name)
        page = decoded.text
        if decoded.warning:
            warnings.append(decoded.warning)
    else:
        page = data
    title = html_title(page)
    text = _paragraphs(strip_tags(page).replace("\n\n", "\n"), title)
    if not text.strip():
        return error_item(id, f"{name}: no text found in the HTML page", source_path=source_path, url=url)
    warnings.insert(0, (
        f"{name}: HTML page too complex for article extraction (more than {MAX_HTML_ELEMENTS:,} elements): "
        "read as plain text with the tags removed, so navigation and other page text may be included"
    ))
    return InputItem(id=id, text=text, title=title, url=url, source_path=source_path, warnings=warnings)


def _paragraphs(text: str, title: str | None) -> str:
    """trafilatura puts one block per line; make each a paragraph and drop a repeated headline."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if title and lines and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return "\n\n".join(lines)
