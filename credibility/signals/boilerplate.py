"""Machine-made page furniture: AI-summary banners, generated question lists, calls to action,
link-farm footers, repeated lines and syndication notices.

Aggregators and AI summary widgets wrap a thin text in template material; human-written reports rarely
carry it. The detectors work on lines (the splitter keeps each line as its own paragraph): wording cues
come from the ``boilerplate_*.txt`` word lists of the document's language, while question lists and
repeated lines are found from structure alone, so they also work for languages without a lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..document import Document
from ..lexicon import FUNCTION_WORDS_LIST, LanguageResources, PhraseMatch
from .base import Signal, Span, register, share

KINDS: tuple[str, ...] = ("ai_banner", "question_list", "call_to_action", "link_footer", "repeated_line", "syndication")

FEATURES = (
    *(f"has_{kind}" for kind in KINDS),
    "boilerplate_char_share",
    "boilerplate_paragraph_share",
    "boilerplate_kind_count",
    "declares_ai",  # 1 when a banner or self-reference says AI made this text (not a mention of AI)
)

# Line-length limits (words) that separate template lines from prose.
_BANNER_LINE_MAX_WORDS = 40
# An AI wording is a disclosure (the text says AI made it) when it opens, or makes up at least this share
# of, a line this short (and does not open with a grammar word such as "the"); or when it opens with a
# self-reference ("this article …", list below).
_DISCLOSURE_LINE_MAX_WORDS = 12
_DISCLOSURE_MIN_LINE_SHARE = 0.5
SELF_REFERENCE_LIST = "boilerplate_self_reference"
DISCLOSURE_REASON = "banner says the text was made by AI"
_MENTION_REASON = "mentions text made by AI"
_CTA_LINE_MAX_WORDS = 20
_HEADING_MAX_WORDS = 8
_QUESTION_MAX_WORDS = 25
_FOOTER_ITEM_MAX_WORDS = 15
_MIN_QUESTIONS = 3
_MIN_QUESTIONS_KNOWN_HEADING = 2
_MIN_FOOTER_ITEMS = 2
_MIN_INLINE_FOOTER_ITEMS = 2
_REPEAT_MIN_WORDS = 4
_REPEAT_MIN_CHARS = 20

_CLOSING = "\"'”’»)] "
_HEADING_END_FORBIDDEN = ".!?…"
_INLINE_LIST_SEPARATORS = re.compile(r"\s*[,|·•;/]\s*")
_NON_WORD_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_LEADING_NON_WORD = re.compile(r"[\W_]*")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Line:
    """One paragraph (usually one line) with what the detectors need to know about it."""

    index: int
    start: int
    end: int
    text: str
    words: int

    @property
    def is_question(self) -> bool:
        return self.text.rstrip(_CLOSING).endswith("?")

    @property
    def is_link_like(self) -> bool:
        """A headline-like line: short and not ending a sentence (link texts carry no full stop)."""
        return self.words <= _FOOTER_ITEM_MAX_WORDS and self.text.rstrip(_CLOSING)[-1:] not in _HEADING_END_FORBIDDEN

    @property
    def is_heading(self) -> bool:
        return self.words <= _HEADING_MAX_WORDS and self.text.rstrip(_CLOSING)[-1:] not in _HEADING_END_FORBIDDEN


def _lines(doc: Document) -> list[_Line]:
    words = [0] * len(doc.paragraphs)
    for sentence in doc.sentences:
        words[sentence.paragraph] += sentence.word_count
    return [
        _Line(i, start, end, doc.text[start:end], words[i]) for i, (start, end) in enumerate(doc.paragraphs)
    ]


def _line_of(lines: list[_Line], offset: int) -> _Line | None:
    for line in lines:  # few lines per article; a linear scan is cheaper than building an index
        if line.start <= offset < line.end:
            return line
    return None


def _quoted(text: str, limit: int = 60) -> str:
    text = _SPACES.sub(" ", text).strip()
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def _matches(resources: LanguageResources | None, list_name: str, text: str) -> Iterable[PhraseMatch]:
    return resources.matcher(list_name).finditer(text) if resources is not None else ()


def _heading_match(resources: LanguageResources | None, list_name: str, line: _Line, doc: Document) -> PhraseMatch | None:
    """The list entry that opens ``line`` (None when the line does not start with one)."""
    if resources is None:
        return None
    match = next(resources.matcher(list_name).finditer(doc.text, line.start, line.end), None)
    return match if match is not None and match.start == line.start else None


def _enclosing_sentence(doc: Document, match: PhraseMatch) -> tuple[int, int]:
    """The sentence holding ``match`` (the match itself when it falls between sentences)."""
    sentence = doc.sentence_at(match.start)
    return (sentence.start, sentence.end) if sentence else (match.start, match.end)


def _banner_spans(doc: Document, lines: list[_Line], resources: LanguageResources | None) -> list[Span]:
    spans = []
    self_reference = resources.words(SELF_REFERENCE_LIST) if resources is not None else frozenset()
    function_words = resources.words(FUNCTION_WORDS_LIST) if resources is not None else frozenset()
    for match in _matches(resources, "boilerplate_ai_banner", doc.text):
        line = _line_of(lines, match.start)
        if line is not None and line.words <= _BANNER_LINE_MAX_WORDS:
            start, end = line.start, line.end
        else:
            start, end = _enclosing_sentence(doc, match)
        opener = match.text.split(maxsplit=1)[0].lower() if match.text.strip() else ""
        # "This article was …" speaks of itself; "The report was …" of something else, even on its own line.
        declares = opener in self_reference or (opener not in function_words and _is_banner_line(line, match))
        reason = DISCLOSURE_REASON if declares else _MENTION_REASON
        spans.append(Span(start, end, "ai_banner", f"{reason}: {_quoted(match.text)}"))
    return spans


def _is_banner_line(line: _Line | None, match: PhraseMatch) -> bool:
    """A short line that is (mostly) the AI wording: a label or widget banner, not a sentence about AI."""
    if line is None or line.words > _DISCLOSURE_LINE_MAX_WORDS:
        return False
    lead = _LEADING_NON_WORD.match(line.text).end()
    opens_line = match.start <= line.start + lead
    return opens_line or len(match.text) >= _DISCLOSURE_MIN_LINE_SHARE * len(line.text.strip())


def is_ai_disclosure(span: Span) -> bool:
    """Whether an ``ai_banner`` span is the text's own statement that AI made it (a banner line, or
    "this article was generated with AI"), rather than prose that mentions AI-made text."""
    return span.kind == "ai_banner" and span.reason.startswith(DISCLOSURE_REASON)


def _syndication_spans(doc: Document, lines: list[_Line], resources: LanguageResources | None) -> list[Span]:
    spans = []
    for match in _matches(resources, "boilerplate_syndication", doc.text):
        start, end = _enclosing_sentence(doc, match)
        spans.append(Span(start, end, "syndication", f"syndication notice: {_quoted(match.text)}"))
    return spans


def _question_list_spans(doc: Document, lines: list[_Line], resources: LanguageResources | None) -> list[Span]:
    spans = []
    i = 0
    while i < len(lines):
        heading = lines[i]
        if not heading.is_heading or heading.is_question:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].is_question and lines[j].words <= _QUESTION_MAX_WORDS:
            j += 1
        count = j - i - 1
        known = _heading_match(resources, "boilerplate_question_headings", heading, doc) is not None
        if count >= (_MIN_QUESTIONS_KNOWN_HEADING if known else _MIN_QUESTIONS):
            label = "known question-list heading" if known else "heading"
            spans.append(
                Span(
                    heading.start,
                    lines[j - 1].end,
                    "question_list",
                    f"{label} {_quoted(heading.text)} followed by {count} short questions",
                )
            )
            i = j
        else:
            i += 1
    return spans


def _footer_spans(doc: Document, lines: list[_Line], resources: LanguageResources | None) -> list[Span]:
    spans = []
    i = 0
    while i < len(lines):
        line = lines[i]
        match = _heading_match(resources, "boilerplate_footer_headings", line, doc) if line.words <= _HEADING_MAX_WORDS else None
        if match is None:
            i += 1
            continue
        rest = doc.text[match.end : line.end].strip()
        if rest.startswith(":") and len(_INLINE_LIST_SEPARATORS.split(rest[1:].strip())) >= _MIN_INLINE_FOOTER_ITEMS:
            spans.append(Span(line.start, line.end, "link_footer", f"inline link list under {_quoted(match.text)}"))
            i += 1
            continue
        if _NON_WORD_EDGES.sub("", rest):
            i += 1  # the heading words open a longer line: not a bare heading
            continue
        j = i + 1
        while j < len(lines) and lines[j].is_link_like:
            j += 1
        count = j - i - 1
        if count >= _MIN_FOOTER_ITEMS:
            spans.append(
                Span(line.start, lines[j - 1].end, "link_footer", f"heading {_quoted(match.text)} followed by {count} short link lines")
            )
            i = j
        else:
            i += 1
    return spans


def _cta_spans(doc: Document, lines: list[_Line], resources: LanguageResources | None) -> list[Span]:
    """Short lines carrying a call to action (only short lines are searched: prose is not a button)."""
    if resources is None:
        return []
    matcher = resources.matcher("boilerplate_call_to_action")
    spans = []
    for line in lines:
        if line.words > _CTA_LINE_MAX_WORDS:
            continue
        match = next(matcher.finditer(doc.text, line.start, line.end), None)
        if match is not None:
            spans.append(
                Span(line.start, line.end, "call_to_action", f"call to action {_quoted(match.text)} on a short line")
            )
    return spans


def _repeated_spans(doc: Document, lines: list[_Line]) -> list[Span]:
    """Every copy after the first of a non-trivial line that appears more than once."""
    first_seen: dict[str, int] = {}
    totals: dict[str, int] = {}
    keys = []
    for line in lines:
        # Short lines are never repeats worth reporting: their key is not even built.
        key = _SPACES.sub(" ", _trim_non_word(line.text.lower())) if line.words >= _REPEAT_MIN_WORDS else ""
        trivial = line.words < _REPEAT_MIN_WORDS or len(key) < _REPEAT_MIN_CHARS
        keys.append(None if trivial else key)
        if not trivial:
            totals[key] = totals.get(key, 0) + 1
    spans = []
    for line, key in zip(lines, keys, strict=True):
        if key is None or totals[key] < 2:
            continue
        if key not in first_seen:
            first_seen[key] = line.index
            continue
        spans.append(
            Span(line.start, line.end, "repeated_line", f"line {_quoted(line.text, 40)} appears {totals[key]} times")
        )
    return spans


def _trim_non_word(text: str) -> str:
    r"""``_NON_WORD_EDGES.sub("", text)`` without the regex's scan of every position for a trailing run.

    ``[\W_]`` is exactly "not ``str.isalnum``" (the regex engine's ``\w`` is ``isalnum`` or ``_``).
    """
    start = _LEADING_NON_WORD.match(text).end()
    end = len(text)
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


def _drop_nested(spans: list[Span], containers: list[Span]) -> list[Span]:
    """Spans not lying inside a structural block (a CTA line inside a footer is counted once, as footer)."""
    return [s for s in spans if not any(c.start <= s.start and s.end <= c.end for c in containers)]


def _covered_chars(spans: list[Span]) -> int:
    total, reach = 0, 0
    for span in sorted(spans, key=lambda s: s.start):
        start = max(span.start, reach)
        if span.end > start:
            total += span.end - start
        reach = max(reach, span.end)
    return total


@register("boilerplate", FEATURES, needs_lexicons=False)
def extract_boilerplate(doc: Document) -> Signal:
    """Presence and extent of template furniture (AI banners, question lists, CTAs, footers, repeats, syndication)."""
    resources = doc.resources
    lines = _lines(doc)
    structural = _question_list_spans(doc, lines, resources) + _footer_spans(doc, lines, resources)
    spans = (
        _banner_spans(doc, lines, resources)
        + structural
        + _drop_nested(_cta_spans(doc, lines, resources), structural)
        + _drop_nested(_repeated_spans(doc, lines), structural)
        + _syndication_spans(doc, lines, resources)
    )
    spans.sort(key=lambda s: (s.start, s.end))
    kinds = {s.kind for s in spans}
    features = {f"has_{kind}": float(kind in kinds) for kind in KINDS}
    text_chars = len(doc.text.strip())
    features["boilerplate_char_share"] = share(_covered_chars(spans), text_chars)
    touched = {line.index for line in lines for s in spans if s.start < line.end and line.start < s.end}
    features["boilerplate_paragraph_share"] = share(len(touched), len(lines))
    features["boilerplate_kind_count"] = float(len(kinds))
    features["declares_ai"] = float(any(is_ai_disclosure(s) for s in spans))
    return Signal("boilerplate", features, tuple(spans))
