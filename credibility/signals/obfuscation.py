"""Obfuscation: look-alike letters and invisible characters that normalisation removed from the text.

Swapping Latin letters for Cyrillic or Greek look-alikes, or hiding zero-width characters inside words,
changes nothing a reader sees but breaks detectors that read the characters; public benchmarks use such
edits to evade them. The models score the cleaned text (:mod:`credibility.normalize`), so the edit no longer
moves the score, and its presence is reported here as evidence of manipulation in its own right.

Reported only, never a model input (``model_input=False``): no training corpus has obfuscated articles,
so a model could not learn what these features mean. No-break spaces, soft hyphens and ligatures are
normal typesetting and are not counted.
"""

from __future__ import annotations

import re

from ..document import Document
from ..normalize import KIND_HOMOGLYPH
from .base import Signal, Span, rate_per_100_words, register

FAMILY = "obfuscation"
FEATURES = (
    "homoglyph_words_per_100_words",  # words with a look-alike letter folded
    "homoglyph_letters_per_100_words",
    "invisible_chars_per_100_words",  # zero-width characters inside words, bidi and tag controls
    "has_obfuscation",
)
_WORD_CHAR = re.compile(r"\w")


@register(FAMILY, FEATURES, needs_lexicons=False, model_input=False)
def extract_obfuscation(doc: Document) -> Signal:
    """Look-alike letters and invisible characters found in the text (reported, not a model input)."""
    findings = doc.obfuscation
    if not findings:
        return Signal(FAMILY, dict.fromkeys(FEATURES, 0.0))
    spans: list[Span] = []
    homoglyph_words: set[tuple[int, int]] = set()
    letters = invisible = 0
    for finding in findings:
        start, end = doc.offsets.to_normalised(finding.start, finding.end)
        if finding.kind == KIND_HOMOGLYPH:
            letters += finding.chars
            homoglyph_words.add(_word_around(doc.text, start, end))
        else:
            invisible += finding.chars
            start, end = _around_removed(doc.text, start)
        spans.append(Span(start, end, finding.kind, finding.reason))
    features = {
        "homoglyph_words_per_100_words": rate_per_100_words(len(homoglyph_words), doc),
        "homoglyph_letters_per_100_words": rate_per_100_words(letters, doc),
        "invisible_chars_per_100_words": rate_per_100_words(invisible, doc),
        "has_obfuscation": 1.0,
    }
    return Signal(FAMILY, features, tuple(spans))


def _around_removed(text: str, point: int) -> tuple[int, int]:
    """A span whose original text holds the characters removed at normalised ``point``: the word they sat
    in, or (at a word's edge, where a span would stop short of them) that word plus the character before or
    after the removed ones."""
    start, end = _word_around(text, point, point)
    if start == point and point > 0:
        start -= 1
    elif end == point and point < len(text):
        end += 1
    return start, end


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The word containing normalised ``[start, end)``; for a removed character (an empty span) the word it
    sat in, else the next character (or the previous one at the end), so the span is never empty."""
    while start > 0 and _WORD_CHAR.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text[end]):
        end += 1
    if start == end:
        if end < len(text):
            end += 1
        elif start > 0:
            start -= 1
    return start, end
