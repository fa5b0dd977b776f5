"""Checkable claims and unsupported claims: assertions a reader could verify, made without a source.

A sentence is a *checkable claim* when it asserts something that can be checked: a figure (number,
money, percentage, date), a prediction, a superlative or record, a causal link, or a sweeping
generalisation. It is *unsupported* when neither it nor its neighbouring sentence in the same
paragraph carries an attribution (who said or reported it; see ``attribution.py``). Questions,
heading-like lines (a title, footer links) and second copies of a repeated line are not claims.
Machine-written summaries and thin rewrites tend to keep the figures and drop the sources, so the share
of unsupported claims is a credibility cue.

Cue words come from the ``claims_<type>.txt`` word lists of the document's language. The claims of a
document are computed once and cached in ``doc.extra["checkable_claims"]`` (a list of :class:`Claim`)
so that other modules (compare) reuse the same detection.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..document import Document, Sentence
from ..lexicon import LanguageResources, phrase_key, trie_regex
from .attribution import attributed_sentence_indices
from .base import Signal, Span, rate_per_100_words, register, share

CLAIM_TYPES: tuple[str, ...] = ("figure", "prediction", "superlative", "causal", "sweeping")
CACHE_KEY = "checkable_claims"

FEATURES = (
    "checkable_claim_share",
    "unsupported_claim_share",
    "unsupported_claim_rate_per_100_words",
    "unsupported_of_checkable_share",
    *(f"unsupported_{claim_type}_rate_per_100_words" for claim_type in CLAIM_TYPES),
)

# A heading or link line: one short line without sentence punctuation, in a multi-paragraph text.
# The first line (the title, when the text carries one) may be longer than later headings.
_HEADING_MAX_WORDS = 12
_TITLE_MAX_WORDS = 25
_SENTENCE_END_CHARS = ".!?…:;"
_CLOSING_CHARS = "\"'”’»)] "
_BULLET_CHARS = "-*•·–—"
_TRIGGERS_PER_TYPE_IN_REASON = 2


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable sentence: its span, claim types, trigger spans and whether a source backs it.

    ``triggers`` holds ``(start, end, type)`` character spans into ``doc.text`` (in text order);
    ``notes`` holds the word-list note of each trigger (e.g. "percentage"), parallel to ``triggers``.
    """

    sentence_index: int
    start: int
    end: int
    types: tuple[str, ...]
    triggers: tuple[tuple[int, int, str], ...]
    attributed: bool
    notes: tuple[str, ...] = ()

    @property
    def unsupported(self) -> bool:
        return not self.attributed


def checkable_claims(doc: Document) -> list[Claim]:
    """All checkable-claim sentences of ``doc`` in text order (cached in ``doc.extra``)."""
    cached = doc.extra.get(CACHE_KEY)
    if cached is None:
        cached = _find_claims(doc)
        doc.extra[CACHE_KEY] = cached
    return cached


def _find_claims(doc: Document) -> list[Claim]:
    resources = doc.resources
    if resources is None or not doc.sentences:
        return []
    found: dict[int, list[tuple[int, int, str, str]]] = {}
    for start, end, claim_type, note in _claim_matcher(resources).finditer(doc.text):
        sentence = doc.sentence_at(start)
        if sentence is not None:
            found.setdefault(sentence.index, []).append((start, min(end, sentence.end), claim_type, note))
    if not found:
        return []
    multi_paragraph = len(doc.paragraphs) > 1
    attributed = attributed_sentence_indices(doc)
    claims = []
    seen_texts: set[str] = set()
    for index in sorted(found):
        sentence = doc.sentences[index]
        if not _is_assertion(doc, sentence, multi_paragraph):
            continue
        key = " ".join(doc.sentence_words(sentence))
        if key in seen_texts:
            continue  # a repeated line or caption is one claim, not two
        seen_texts.add(key)
        hits = sorted(found[index])
        types = tuple(t for t in CLAIM_TYPES if any(hit[2] == t for hit in hits))
        claims.append(
            Claim(
                sentence_index=index,
                start=sentence.start,
                end=sentence.end,
                types=types,
                triggers=tuple((s, e, t) for s, e, t, _ in hits),
                attributed=_has_source_nearby(doc, sentence, attributed),
                notes=tuple(note for *_, note in hits),
            )
        )
    return claims


class _ClaimCueMatcher:
    """All ``claims_<type>`` lists of one language in a single compiled regex: one pass per text.

    Same entry semantics as :class:`credibility.lexicon.PhraseMatcher` (case-insensitive, whitespace-
    flexible phrases on word boundaries, ``re:`` entries), but plain phrases are compiled as a
    character trie and all five lists share one scan, which makes it several times faster than five
    separate matchers. Where cues of two types start at the same place, the regex entries win (in
    ``CLAIM_TYPES`` order), then the longest phrase.
    """

    def __init__(self, resources: LanguageResources) -> None:
        alternatives: list[str] = []
        self._group_info: dict[str, tuple[str, str]] = {}
        self._phrases: dict[str, list[tuple[str, str]]] = {}
        for claim_type in CLAIM_TYPES:
            for entry in resources.matcher(f"claims_{claim_type}").entries:
                if entry.pattern.startswith("re:"):
                    group = f"r{len(self._group_info)}"
                    self._group_info[group] = (claim_type, entry.note)
                    alternatives.append(f"(?P<{group}>{entry.pattern[3:]})")
                else:
                    key = phrase_key(entry.pattern)
                    self._phrases.setdefault(key, []).append((claim_type, entry.note))
        if self._phrases:
            alternatives.append(f"(?P<phrase>{trie_regex(self._phrases)})")
        body = "|".join(alternatives) or "(?!)"
        self._regex = re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", re.IGNORECASE | re.UNICODE)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        """Yield ``(start, end, claim_type, note)``; a phrase listed under two types yields both."""
        for match in self._regex.finditer(text):
            group = match.lastgroup or ""
            if group == "phrase":
                for claim_type, note in self._phrases.get(phrase_key(match.group(0)), ()):
                    yield match.start(), match.end(), claim_type, note
            elif group in self._group_info:
                claim_type, note = self._group_info[group]
                yield match.start(), match.end(), claim_type, note


@cache
def _claim_matcher(resources: LanguageResources) -> _ClaimCueMatcher:
    return _ClaimCueMatcher(resources)


def _is_assertion(doc: Document, sentence: Sentence, multi_paragraph: bool) -> bool:
    """False for questions and for heading-like lines (titles, footer links) of a longer text."""
    body = doc.sentence_text(sentence).rstrip(_CLOSING_CHARS)
    if body.endswith("?"):
        return False
    if not multi_paragraph or body[:1] in _BULLET_CHARS:
        return True
    p_start, p_end = doc.paragraphs[sentence.paragraph]
    is_whole_paragraph = sentence.start == p_start and sentence.end == p_end
    limit = _TITLE_MAX_WORDS if sentence.paragraph == 0 else _HEADING_MAX_WORDS
    return not (is_whole_paragraph and body[-1:] not in _SENTENCE_END_CHARS and sentence.word_count <= limit)


def _has_source_nearby(doc: Document, sentence: Sentence, attributed: frozenset[int]) -> bool:
    for index in (sentence.index - 1, sentence.index, sentence.index + 1):
        if (
            index in attributed
            and 0 <= index < len(doc.sentences)
            and doc.sentences[index].paragraph == sentence.paragraph
        ):
            return True
    return False


def describe_triggers(doc: Document, claim: Claim) -> str:
    """Readable list of what makes the sentence checkable: "figure '40%' and prediction 'will'"."""
    parts = []
    for claim_type in claim.types:
        texts: list[str] = []
        for start, end, t in claim.triggers:
            word = doc.text[start:end]
            if t == claim_type and word not in texts:
                texts.append(word)
        shown = ", ".join(f"'{w}'" for w in texts[:_TRIGGERS_PER_TYPE_IN_REASON])
        more = f" (+{len(texts) - _TRIGGERS_PER_TYPE_IN_REASON} more)" if len(texts) > _TRIGGERS_PER_TYPE_IN_REASON else ""
        parts.append(f"{claim_type} {shown}{more}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


@register("claims", FEATURES)
def extract_claims(doc: Document) -> Signal:
    """Share and rate of checkable claims (figures, predictions, superlatives, causes, sweeping) without a source."""
    claims = checkable_claims(doc)
    unsupported = [c for c in claims if not c.attributed]
    n_sentences = len(doc.sentences)
    features = {
        "checkable_claim_share": share(len(claims), n_sentences),
        "unsupported_claim_share": share(len(unsupported), n_sentences),
        "unsupported_claim_rate_per_100_words": rate_per_100_words(len(unsupported), doc),
        "unsupported_of_checkable_share": share(len(unsupported), len(claims)),
    }
    for claim_type in CLAIM_TYPES:
        count = sum(1 for c in unsupported if claim_type in c.types)
        features[f"unsupported_{claim_type}_rate_per_100_words"] = rate_per_100_words(count, doc)
    spans: list[Span] = []
    for claim in unsupported:
        spans.append(
            Span(
                claim.start,
                claim.end,
                "unsupported_claim",
                f"{describe_triggers(doc, claim)} with no source in this or the neighbouring sentence",
            )
        )
        for (start, end, claim_type), note in zip(claim.triggers, claim.notes, strict=True):
            detail = f" ({note})" if note else ""
            spans.append(Span(start, end, "claim_trigger", f"checkable {claim_type}{detail} in an unsourced sentence"))
    return Signal("claims", features, tuple(spans))
