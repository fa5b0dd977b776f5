"""Plain-text and Markdown articles: decode, take a title only when it is unmistakable, keep the body."""

from __future__ import annotations

import re

from .decode import BinaryContent, decode_bytes
from .items import InputItem, checked_lang, error_item

MARKDOWN_SUFFIXES = (".md", ".markdown")

# A first line is taken as a title only if it is short, has no sentence-final punctuation and is
# followed by a blank line: an opening sentence of a bare article must never be swallowed.
_MAX_TITLE_CHARS = 150
_MAX_TITLE_WORDS = 20
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_FRONT_KEYS = {
    "title": "title",
    "author": "author",
    "date": "date",
    "site": "site",
    "source": "site",
    "url": "url",
    "lang": "lang",
    "language": "lang",
}
_ATX_HEADING_RE = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M)
_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def parse_text_bytes(data: bytes, *, id: str, source_path: str | None, markdown: bool = False) -> InputItem:
    """One article from the raw bytes of a .txt/.md file (or stdin)."""
    name = source_path or id
    try:
        decoded = decode_bytes(data, name)
    except BinaryContent:
        return error_item(id, f"{name}: binary file, not text", source_path=source_path)
    item = parse_text(decoded.text, id=id, source_path=source_path, markdown=markdown)
    if decoded.warning:
        item.warnings.append(decoded.warning)
    return item


def parse_text(text: str, *, id: str, source_path: str | None, markdown: bool = False) -> InputItem:
    """Split off a title (and Markdown front matter) from an article given as text."""
    name = source_path or id
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return error_item(id, f"{name}: empty file", source_path=source_path)
    meta: dict[str, str] = {}
    if markdown:
        text, meta = _front_matter(text)
        title, text = _markdown_title(text)
        text = _strip_markdown(text)
    else:
        title, text = _plain_title(text)
    if title and "title" not in meta:
        meta["title"] = title
    lang, lang_warning = checked_lang(meta.pop("lang", None), f"{name}: front matter")
    body = text.strip()
    if not body:
        return error_item(id, f"{name}: no article text (only a title)", source_path=source_path, **meta)
    item = InputItem(id=id, text=body, source_path=source_path, lang=lang, **meta)
    if lang_warning:
        item.warnings.append(lang_warning)
    return item


def _plain_title(text: str) -> tuple[str | None, str]:
    stripped = text.lstrip("\n")
    first, sep, rest = stripped.partition("\n")
    if not sep or not rest.startswith("\n") or not rest.strip():
        return None, text
    line = first.strip()
    if (
        not line
        or len(line) > _MAX_TITLE_CHARS
        or len(line.split()) > _MAX_TITLE_WORDS
        or line[-1] in ".!?;:,"
        or line.startswith(("-", "*", "•"))
    ):
        return None, text
    return line, rest


def _markdown_title(text: str) -> tuple[str | None, str]:
    """A leading '# Title' (or a Setext 'Title\\n====') is the title; any other heading stays text."""
    stripped = text.lstrip("\n")
    lines = stripped.split("\n", 2)
    match = re.match(r"^[ ]{0,3}#[ \t]+(.*?)[ \t]*#*[ \t]*$", lines[0])
    if match and match.group(1):
        return match.group(1), stripped.split("\n", 1)[1] if "\n" in stripped else ""
    if len(lines) >= 2 and lines[0].strip() and re.fullmatch(r"[ ]{0,3}=+[ \t]*", lines[1]):
        return lines[0].strip(), lines[2] if len(lines) > 2 else ""
    return None, text


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    match = _FRONT_MATTER_RE.match(text.lstrip("\ufeff"))
    if not match:
        return text, {}
    meta: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        key, sep, value = line.partition(":")
        field = _FRONT_KEYS.get(key.strip().lower())
        value = value.strip().strip("'\"")
        if sep and field and value:
            meta[field] = value
    return text.lstrip("\ufeff")[match.end() :], meta


def _strip_markdown(text: str) -> str:
    """Minimal clean-up so markup is not read as words: heading marks, images, links, bold."""
    text = _ATX_HEADING_RE.sub(r"\1", text)
    text = _IMAGE_RE.sub(r"\1", text)
    text = _LINK_RE.sub(r"\1", text)
    return _EMPHASIS_RE.sub(r"\2", text)
