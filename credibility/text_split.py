"""Paragraph, sentence and word segmentation with character offsets.

Everything downstream indexes ``Document.text`` by these offsets, so the splitters never modify the
text: they only find boundaries. Sentence splitting is rule-based (terminal punctuation followed by a
capital, guarded by a per-language abbreviation list) because it is fast, deterministic and good enough
for news prose; line structure is kept, since headings, question lists and footers live on their own lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A word: letters/digits, allowing inner apostrophes, hyphens, and decimal/thousand separators.
WORD_RE = re.compile(r"\w+(?:['’\-.,]\w+)*", re.UNICODE)

_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_RE = re.compile(r"[^\n]+")
# Candidate sentence end: terminal punctuation, optional closing quotes/brackets, then whitespace.
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+")
_TERMINAL_CHARS = ".!?…:;\"'”’»)]"


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each paragraph.

    A paragraph ends at a blank line, or at a line break after a line that ends a sentence or has no
    sentence punctuation at all (headings, list items, captions). Hard-wrapped lines that end mid-sentence
    are joined into one paragraph.
    """
    paragraphs: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        current_start: int | None = None
        current_end = block_start
        for line in _LINE_RE.finditer(text, block_start, block_end):
            start, end = _strip(text, line.start(), line.end())
            if start >= end:
                continue
            if current_start is None:
                current_start = start
            elif _looks_like_list_item(text, start) or (
                _line_ends_unit(text[current_start:current_end]) and not text[start].islower()
            ):
                paragraphs.append((current_start, current_end))
                current_start = start
            current_end = end
        if current_start is not None:
            paragraphs.append((current_start, current_end))
    return paragraphs


def split_sentences(text: str, start: int, end: int, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence inside ``text[start:end]`` (one paragraph)."""
    sentences: list[tuple[int, int]] = []
    sentence_start = start
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        boundary = match.end()
        if boundary >= end:
            break
        if not _is_sentence_start(text[boundary]):
            continue
        if _ends_with_abbreviation(text, sentence_start, match.start(), abbreviations):
            continue
        s, e = _strip(text, sentence_start, match.end())
        if s < e:
            sentences.append((s, e))
        sentence_start = boundary
    s, e = _strip(text, sentence_start, end)
    if s < e:
        sentences.append((s, e))
    return sentences


def iter_words(text: str, start: int = 0, end: int | None = None) -> Iterable[re.Match[str]]:
    """Yield word matches in ``text[start:end]``; trailing separators are never part of a word."""
    return WORD_RE.finditer(text, start, len(text) if end is None else end)


def _blocks(text: str) -> list[tuple[int, int]]:
    blocks = []
    position = 0
    for blank in _BLANK_LINE_RE.finditer(text):
        blocks.append((position, blank.start()))
        position = blank.end()
    blocks.append((position, len(text)))
    return blocks


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_ends_unit(line: str) -> bool:
    """True when a line break after ``line`` should end the paragraph."""
    last = line.rstrip()[-1:]
    if not last:
        return True
    if last in _TERMINAL_CHARS:
        return True
    # A line without any sentence punctuation is a heading, caption or list item.
    return not any(ch in line for ch in ".,;!?")


def _looks_like_list_item(text: str, start: int) -> bool:
    return text[start] in "-*•·–—" or (text[start].isdigit() and text[start : start + 4].find(".") > 0)


def _is_sentence_start(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in "\"'“‘«([¿¡-–—•*"


def _ends_with_abbreviation(text: str, sentence_start: int, punct_start: int, abbreviations: frozenset[str]) -> bool:
    """True when the token before the full stop is a known abbreviation or a single initial."""
    if text[punct_start] != ".":
        return False
    token_start = punct_start
    while token_start > sentence_start and not text[token_start - 1].isspace() and text[token_start - 1] not in "(\"'“‘":
        token_start -= 1
    token = text[token_start:punct_start]
    if not token:
        return False
    if len(token) == 1 and token.isalpha() and token.isupper():
        return True  # an initial: "J. Smith"
    return token.lower() in abbreviations or "." in token and all(len(part) <= 2 for part in token.split("."))
