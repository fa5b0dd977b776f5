"""The parsed article every signal reads: text, metadata, paragraphs, sentences and words with offsets.

An article is parsed exactly once. Extractors never re-split or re-tokenise; they read these arrays and
report evidence as character offsets into ``Document.text``, the normalised text (see
:mod:`credibility.normalize`). ``Document.original`` is the text as given and ``Document.offsets`` maps
normalised offsets back to it: reports show evidence in the original text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from .language import detect_language
from .lexicon import LanguageResources, resources_for
from .normalize import Finding, OffsetMap, normalise
from .text_split import iter_words, split_paragraphs, split_sentences


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its character span, its paragraph, and its half-open range of word indices."""

    index: int
    start: int
    end: int
    paragraph: int
    first_word: int
    end_word: int

    @property
    def word_count(self) -> int:
        return self.end_word - self.first_word


@dataclass(slots=True)
class Document:
    """A parsed article. Build with :func:`build_document`; treat as read-only afterwards."""

    text: str
    id: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    lang: str = "und"
    lang_confidence: float = 0.0
    lang_reliable: bool = False
    lang_forced: bool = False
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    word_starts: list[int] = field(default_factory=list)
    word_ends: list[int] = field(default_factory=list)
    words_lower: list[str] = field(default_factory=list)
    word_sentence: list[int] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # The text as given (None: the same as ``text``), the map from ``text`` back to it, and the obfuscation
    # (look-alike letters, invisible characters) normalisation removed from it, in original offsets.
    source_text: str | None = None
    offsets: OffsetMap = field(default_factory=OffsetMap)
    obfuscation: tuple[Finding, ...] = ()

    @property
    def original(self) -> str:
        """The text the user gave (evidence spans are shown in it)."""
        return self.text if self.source_text is None else self.source_text

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in :attr:`original` of the normalised span ``text[start:end]``."""
        return (start, end) if self.offsets.identity else self.offsets.to_original(start, end)

    @property
    def resources(self) -> LanguageResources | None:
        """Lexicons for the document's language, or None when the language is not supported."""
        return resources_for(self.lang)

    @property
    def supported(self) -> bool:
        return self.resources is not None

    @property
    def word_count(self) -> int:
        return len(self.word_starts)

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset`` (None between sentences)."""
        starts = self._sentence_starts()
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def sentence_words(self, sentence: Sentence) -> list[str]:
        return self.words_lower[sentence.first_word : sentence.end_word]

    def _sentence_starts(self) -> list[int]:
        cached = self.extra.get("_sentence_starts")
        if cached is None:
            cached = [s.start for s in self.sentences]
            self.extra["_sentence_starts"] = cached
        return cached


def normalize_text(text: str) -> str:
    """The text a Document holds for ``text`` (line ends, controls, invisible characters, look-alike letters
    and NFC normalised; see :mod:`credibility.normalize`): what every signal and the wording model read."""
    return normalise(text).text


def build_document(
    text: str,
    *,
    id: str = "",
    title: str | None = None,
    author: str | None = None,
    date: str | None = None,
    site: str | None = None,
    url: str | None = None,
    lang: str | None = None,
) -> Document:
    """Parse ``text`` once into a :class:`Document`.

    ``lang`` forces the language (e.g. when the caller knows better than a short text can tell);
    otherwise it is identified from the text.
    """
    original = text
    normalised = normalise(text)
    text = normalised.text
    if lang:
        guess_code, confidence, reliable, forced = lang, 1.0, True, True
    else:
        guess = detect_language(text if not title else f"{title}\n{text}")
        guess_code, confidence, reliable, forced = guess.code, guess.confidence, guess.reliable, False
    doc = Document(
        text=text,
        id=id,
        title=title,
        author=author,
        date=date,
        site=site,
        url=url,
        lang=guess_code,
        lang_confidence=confidence,
        lang_reliable=reliable,
        lang_forced=forced,
        source_text=None if text == original else original,
        offsets=normalised.offsets,
        obfuscation=normalised.findings,
    )
    resources = resources_for(guess_code)
    abbreviations = frozenset(resources.settings.get("abbreviations", ())) if resources else frozenset()
    _segment(doc, abbreviations)
    return doc


def _segment(doc: Document, abbreviations: frozenset[str]) -> None:
    text = doc.text
    # The lower-cased text, shared with the cue matchers (``cues.py`` reads this key). A word's lower case
    # is its slice of it unless lower-casing changes lengths (e.g. 'İ') or depends on context (Greek
    # final sigma): then each word is lower-cased alone, as before.
    lowered = text.lower()
    doc.extra["_text_lower"] = lowered
    sliceable = len(lowered) == len(text) and "\u03a3" not in text
    spans: list[tuple[int, int]] = []
    word_sentence = doc.word_sentence
    doc.paragraphs = split_paragraphs(text)
    for p_index, (p_start, p_end) in enumerate(doc.paragraphs):
        for s_start, s_end in split_sentences(text, p_start, p_end, abbreviations):
            first = len(spans)
            s_index = len(doc.sentences)
            spans += [word.span() for word in iter_words(text, s_start, s_end)]
            word_sentence += [s_index] * (len(spans) - first)
            doc.sentences.append(Sentence(s_index, s_start, s_end, p_index, first, len(spans)))
    doc.word_starts = [start for start, _ in spans]
    doc.word_ends = [end for _, end in spans]
    source = lowered if sliceable else text
    doc.words_lower = [source[start:end] for start, end in spans]
    if not sliceable:
        doc.words_lower = [word.lower() for word in doc.words_lower]
