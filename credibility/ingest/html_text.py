"""Plain text of an HTML page by stripping tags: the fallback for pages too complex for the article
extractor. One forward pass (every search starts where the last one ended), so its cost is linear in
the page size whatever the markup; navigation and boilerplate stay in, which the warning says.
"""

from __future__ import annotations

import html
import re

# Elements whose content is not text a reader sees.
_HIDDEN = "script|style|noscript|template|svg|math|head|iframe|object|textarea"
# Elements that start a new paragraph (the rest are inline: their text runs on).
_BLOCKS = (
    "address|article|aside|blockquote|br|caption|dd|div|dl|dt|figcaption|figure|footer|form|h[1-6]|header|"
    "hr|li|main|nav|ol|p|pre|section|table|td|th|tr|ul|body|html"
)
# [^<>]* (not [^>]*): a '<' that never closes fails at the next '<', so no pattern rescans the page.
_HIDDEN_START_RE = re.compile(rf"<!--|<({_HIDDEN})\b[^<>]*>", re.I)
_BLOCK_TAG_RE = re.compile(rf"</?(?:{_BLOCKS})\b[^<>]*>", re.I)
_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>|<[!?][^<>]*>")
_START_TAG_RE = re.compile(rb"<[A-Za-z]")
_TITLE_RE = re.compile(r"<title\b[^<>]*>([^<]*)</title", re.I)
_SPACE_RE = re.compile(r"[ \t\f\v\xa0]+")


def count_elements(data: bytes, stop_after: int) -> int:
    """Start tags in ``data``, counting no further than ``stop_after + 1`` (cheap on any page)."""
    count = 0
    for _ in _START_TAG_RE.finditer(data):
        count += 1
        if count > stop_after:
            break
    return count


def html_title(page: str) -> str | None:
    """The page's <title>, looked for in its first 64 kB only."""
    match = _TITLE_RE.search(page[: 1 << 16])
    title = html.unescape(match.group(1)).strip() if match else ""
    return " ".join(title.split()) or None


def strip_tags(page: str) -> str:
    """The text of ``page``: one paragraph per block element; scripts, styles, the head and comments
    left out."""
    page = _drop_hidden(page)
    page = _TAG_RE.sub("", _BLOCK_TAG_RE.sub("\n", page))
    lines = (_SPACE_RE.sub(" ", html.unescape(line)).strip() for line in page.split("\n"))
    return "\n\n".join(line for line in lines if line)


def _drop_hidden(page: str) -> str:
    """``page`` without comments and hidden elements (each search starts where the last one ended)."""
    kept: list[str] = []
    i = 0
    while match := _HIDDEN_START_RE.search(page, i):
        kept.append(page[i : match.start()])
        if match.group(1) is None:  # a comment
            end = page.find("-->", match.end())
            i = len(page) if end < 0 else end + 3
        elif match.group(0).endswith("/>"):
            i = match.end()
        else:
            close = re.compile(rf"</{match.group(1)}\s*>", re.I).search(page, match.end())
            i = len(page) if close is None else close.end()
    kept.append(page[i:])
    return "".join(kept)
