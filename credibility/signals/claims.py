"""Checkable claims and unsupported claims: assertions a reader could verify, made without a source.

Which sentences are *checkable claims* is decided by a trained detector (``claim_detector.py``: word and
character n-grams plus the cue rules below as features, learned from ClaimBuster and CheckThat! 2022);
each claim carries the detector's probability and its *kinds*, read from the cue word lists
``claims_<type>.txt`` (figure, prediction, causal, comparison, superlative, sweeping), plus ``quote``
when the sentence sits in a direct quote and ``statement`` when no cue names it.

Not claims, whatever the detector says (word list ``claims_not_claim.txt`` and structure): questions,
heading-like lines (a title, footer links), second copies of a repeated line, bylines, photo captions
and credit lines, embedded-tweet credit lines, boilerplate lines (the ``boilerplate_*`` lists on a short
line), opinions marked as such ("I think", "naar mijn mening") and future-tense opinions ("it will be a
disaster"). A language's list may also mark evaluations, feelings, speculation ("kunnen leiden tot"),
indirect questions, refusals to comment, hopes, promises, appeals and demands (anywhere in the sentence),
and advice, intentions and backward sourcing sentences ("Dat blijkt uit …") at the start of a sentence;
the Dutch list does (issue #14). A dateline or date line ("AMSTERDAM (ANP) -", "date 2026-03-04 10:15") opening a paragraph is
common knowledge: the claim, if any, starts after it and its figures are not triggers.

A claim is *unsupported* when no attribution covers its sentence. When ``attribution.py`` offers
``attribution_scope(doc)`` (sentence index → the attribution governing it, multi-sentence quotes and
paragraphs that continue one speaker included), its scope is the rule, together with
``attributed_sentence_indices(doc)``. Until then the old stand-in applies: an attributed sentence also
covers its neighbouring sentences in the same paragraph. The reason of every unsupported span says what
is checkable and why it is unsourced ("figure '40%' with no source in this paragraph").

Machine-written summaries and thin rewrites tend to keep the figures and drop the sources, so the share
of unsupported claims is a credibility cue. The claims of a document are computed once and cached in
``doc.extra["checkable_claims"]`` (a list of :class:`Claim`) so that other modules (compare) reuse them;
the sentences ruled out as not-claims are cached in ``doc.extra["not_claim_sentences"]`` (index →
reason) and the detector's probability of every other sentence in ``doc.extra["claim_probabilities"]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..document import Document, Sentence, build_document
from ..lexicon import CaseSplitPattern, LanguageResources, phrase_key, trie_regex
from . import attribution as _attribution
from .attribution import analyze_attribution, attributed_sentence_indices
from .base import Signal, Span, rate_per_100_words, register, share
from .claim_detector import CUE_FEATURES, DEFAULT_PROFILE, shipped_detector

CLAIM_TYPES: tuple[str, ...] = ("figure", "prediction", "superlative", "causal", "sweeping", "comparison")
# Every kind a claim can carry, in the order the first one names the claim (``Claim.kind``).
CLAIM_KINDS: tuple[str, ...] = (
    "figure", "prediction", "causal", "comparison", "superlative", "sweeping", "quote", "statement",
)
CACHE_KEY = "checkable_claims"
NOT_CLAIMS_KEY = "not_claim_sentences"
PROBABILITIES_KEY = "claim_probabilities"  # sentence index → detector probability, for every candidate
NOT_CLAIM_LIST = "claims_not_claim"

FEATURES = (
    "checkable_claim_share",
    "unsupported_claim_share",
    "unsupported_claim_rate_per_100_words",
    "unsupported_of_checkable_share",
    *(f"unsupported_{claim_type}_rate_per_100_words" for claim_type in CLAIM_TYPES),
    "mean_claim_probability",
)

# A heading or link line: one short line without sentence punctuation, in a multi-paragraph text.
# The first line (the title, when the text carries one) may be longer than later headings.
_HEADING_MAX_WORDS = 12
_TITLE_MAX_WORDS = 25
_SENTENCE_END_CHARS = ".!?…:;"
_CLOSING_CHARS = "\"'”’»)] "
_BULLET_CHARS = "-*•·–—"
_TRIGGERS_PER_TYPE_IN_REASON = 2
# Not-claim notes of ``claims_not_claim.txt``: where in the sentence the entry must be.
_ANYWHERE_NOTES = {"opinion": "an opinion marked as such", "future opinion": "a future-tense opinion",
                   "tweet credit": "an embedded-tweet credit line",
                   # Notes used by the Dutch list (issue #14): the content is not a checkable fact.
                   "evaluation": "an evaluation", "feeling": "a feeling", "speculation": "speculation",
                   "indirect question": "an indirect question", "no comment": "a refusal to comment",
                   "hope": "a hope", "promise": "a promise", "appeal": "an appeal", "demand": "a demand",
                   "aim": "an aim"}
_LINE_START_NOTES = {"byline": "a byline", "caption": "a caption or credit line", "boilerplate": "a boilerplate line",
                     "advice": "advice or a generic possibility", "intention": "an intention",
                     "sourcing": "a sentence naming the source of what precedes it",
                     "condition": "a hypothetical (if ..., then ...)"}
_PREFIX_NOTES = {"dateline": "a dateline", "date line": "a date line"}
# Anywhere in a sentence that holds no figure cue (issue #14): praise or disappointment ("indrukwekkend")
# makes an assessment, unless a number carries a checkable point ("een indrukwekkende 300 schilderijen").
_UNLESS_FIGURE_NOTES = {"evaluative word": "an evaluation (an evaluative word and no figure)"}
_BOILERPLATE_LISTS = ("boilerplate_call_to_action", "boilerplate_syndication", "boilerplate_ai_banner")
_BOILERPLATE_LINE_MAX_WORDS = 20
_BYLINE_MAX_WORDS = 12
_MIN_WORDS_AFTER_PREFIX = 3
_LEADING_JUNK = re.compile(r"[\s\-*•·–—\"'“‘„«(]*")


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable sentence: its span, cue types, trigger spans, probability and whether a source covers it.

    ``start``/``end`` span the claim (after a dateline, when the sentence opens with one).
    ``types`` are the cue types found (in :data:`CLAIM_TYPES` order); ``triggers`` holds ``(start, end,
    type)`` character spans into ``doc.text`` (in text order) and ``notes`` the word-list note of each
    trigger (e.g. "percentage"), parallel to ``triggers``. ``kinds`` are all kinds of the claim in
    :data:`CLAIM_KINDS` order (``kind`` the first); ``probability`` is the detector's. ``attributed``
    says an attribution covers it; ``support`` says how ("attributed sentence", "attribution scope",
    "neighbouring sentence") or, when unsupported, why not ("no source in this paragraph", …).
    """

    sentence_index: int
    start: int
    end: int
    types: tuple[str, ...]
    triggers: tuple[tuple[int, int, str], ...]
    attributed: bool
    notes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ("statement",)
    probability: float = 1.0
    support: str = ""

    @property
    def unsupported(self) -> bool:
        return not self.attributed

    @property
    def kind(self) -> str:
        return self.kinds[0] if self.kinds else "statement"


def checkable_claims(doc: Document) -> list[Claim]:
    """All checkable-claim sentences of ``doc`` in text order (cached in ``doc.extra``)."""
    cached = doc.extra.get(CACHE_KEY)
    if cached is None:
        cached = _find_claims(doc)
        doc.extra[CACHE_KEY] = cached
    return cached


def not_claim_sentences(doc: Document) -> dict[int, str]:
    """Sentence index → why it is not a claim ("a byline", "a question", …), for sentences ruled out."""
    checkable_claims(doc)
    return doc.extra.get(NOT_CLAIMS_KEY, {})


@dataclass
class _Candidate:
    sentence: Sentence
    start: int  # after a dateline prefix
    hits: list[tuple[int, int, str, str]]


def _find_claims(doc: Document) -> list[Claim]:
    resources = doc.resources
    ruled_out: dict[int, str] = {}
    doc.extra[NOT_CLAIMS_KEY] = ruled_out
    if resources is None or not doc.sentences:
        return []
    hits_by_sentence = _cue_hits(doc, resources)
    not_claim = _NotClaimFinder(doc, resources)
    multi_paragraph = len(doc.paragraphs) > 1
    candidates: list[_Candidate] = []
    seen_texts: set[str] = set()
    for sentence in doc.sentences:
        has_figure = any(hit[2] == "figure" for hit in hits_by_sentence.get(sentence.index, ()))
        reason, start = not_claim.check(sentence, has_figure)
        if reason is None:
            reason = _structural_reason(doc, sentence, multi_paragraph)
        if reason is None:
            key = " ".join(doc.sentence_words(sentence))
            if key in seen_texts:
                reason = "a repeated line"  # a repeated line or caption is one claim, not two
            seen_texts.add(key)
        if reason is not None:
            ruled_out[sentence.index] = reason
            continue
        hits = sorted(h for h in hits_by_sentence.get(sentence.index, ()) if h[0] >= start)
        candidates.append(_Candidate(sentence, start, hits))
    if not candidates:
        return []
    attributed = attributed_sentence_indices(doc)
    probabilities = _probabilities(doc, candidates, attributed, not_claim)
    doc.extra[PROBABILITIES_KEY] = {c.sentence.index: float(p) for c, p in zip(candidates, probabilities, strict=True)}
    threshold = _threshold()
    coverage = _Coverage(doc, attributed)
    quotes = analyze_attribution(doc).quote_sentences
    claims = []
    for candidate, probability in zip(candidates, probabilities, strict=True):
        if probability < threshold:
            continue
        sentence, hits = candidate.sentence, candidate.hits
        types = tuple(t for t in CLAIM_TYPES if any(hit[2] == t for hit in hits))
        kinds = tuple(k for k in CLAIM_KINDS if k in types or (k == "quote" and sentence.index in quotes))
        covered, support = coverage.of(sentence)
        claims.append(
            Claim(
                sentence_index=sentence.index,
                start=candidate.start,
                end=sentence.end,
                types=types,
                triggers=tuple((s, e, t) for s, e, t, _ in hits),
                attributed=covered,
                notes=tuple(note for *_, note in hits),
                kinds=kinds or ("statement",),
                probability=float(probability),
                support=support,
            )
        )
    return claims


def _threshold() -> float:
    detector = shipped_detector()
    return detector.threshold(DEFAULT_PROFILE) if detector is not None else 0.5


def _probabilities(doc: Document, candidates: list[_Candidate], attributed: frozenset[int],
                   not_claim: _NotClaimFinder) -> np.ndarray:
    """The detector's probability for every candidate, in one vectorised call per document.

    Without shipped weights the cue rules decide alone (1.0 with a cue, 0.0 without).
    """
    detector = shipped_detector()
    if detector is None:
        return np.array([1.0 if c.hits else 0.0 for c in candidates])
    texts = [doc.text[c.start : c.sentence.end] for c in candidates]
    cues = np.array(
        [
            cue_row(
                {hit[2] for hit in c.hits},
                question="?" in text,
                attributed=c.sentence.index in attributed,
                opinion=not_claim.has_opinion(c.sentence),
            )
            for c, text in zip(candidates, texts, strict=True)
        ]
    )
    return detector.predict_proba(texts, cues)


def cue_row(types: set[str], *, question: bool, attributed: bool, opinion: bool) -> list[float]:
    """The cue-rule features of one text, in :data:`~.claim_detector.CUE_FEATURES` order."""
    row = [float(t in types) for t in CLAIM_TYPES]
    row += [float(question), float(attributed), float(opinion)]
    assert len(row) == len(CUE_FEATURES)
    return row


def text_cue_row(text: str, lang: str) -> list[float]:
    """The cue-rule features of a whole short text (a tweet, a debate sentence), for training.

    The same rules as on an article's sentences, taken over the whole text: a cue type is on when any
    sentence has it.
    """
    doc = build_document(text, lang=lang)
    resources = doc.resources
    if resources is None:
        return [0.0] * len(CUE_FEATURES)
    types = {hit[2] for hits in _cue_hits(doc, resources).values() for hit in hits}
    finder = _NotClaimFinder(doc, resources)
    opinion = any(finder.has_opinion(s) for s in doc.sentences)
    return cue_row(types, question="?" in text, attributed=bool(attributed_sentence_indices(doc)), opinion=opinion)


def claim_cues(doc: Document) -> dict[int, list[tuple[int, int, str, str]]]:
    """Sentence index → its cue matches ``(start, end, claim_type, note)`` in every sentence (claim or not)."""
    return _cue_hits(doc, doc.resources) if doc.resources is not None else {}


def _cue_hits(doc: Document, resources: LanguageResources) -> dict[int, list[tuple[int, int, str, str]]]:
    found: dict[int, list[tuple[int, int, str, str]]] = {}
    for start, end, claim_type, note in _claim_matcher(resources).finditer(doc.text):
        sentence = doc.sentence_at(start)
        if sentence is not None:
            found.setdefault(sentence.index, []).append((start, min(end, sentence.end), claim_type, note))
    return found


class _Coverage:
    """Which sentences an attribution covers, and how to say why a claim is unsupported."""

    def __init__(self, doc: Document, attributed: frozenset[int]) -> None:
        self.doc = doc
        self.attributed = attributed
        scope_function = getattr(_attribution, "attribution_scope", None)
        self.scope: frozenset[int] | None = frozenset(scope_function(doc)) if scope_function else None
        self.sourced_paragraphs = {
            doc.sentences[i].paragraph for i in attributed | (self.scope or frozenset()) if 0 <= i < len(doc.sentences)
        }

    def of(self, sentence: Sentence) -> tuple[bool, str]:
        if sentence.index in self.attributed:
            return True, "attributed sentence"
        if self.scope is not None:
            if sentence.index in self.scope:
                return True, "attribution scope"
        elif self._neighbour_attributed(sentence):
            return True, "neighbouring sentence"
        if sentence.paragraph not in self.sourced_paragraphs:
            return False, "no source in this paragraph"
        if self.scope is not None:
            return False, "no source covering it (the source in this paragraph covers other sentences)"
        return False, "no source in this or the neighbouring sentence"

    def _neighbour_attributed(self, sentence: Sentence) -> bool:
        for index in (sentence.index - 1, sentence.index + 1):
            if (
                index in self.attributed
                and 0 <= index < len(self.doc.sentences)
                and self.doc.sentences[index].paragraph == sentence.paragraph
            ):
                return True
        return False


class _ClaimCueMatcher:
    """All ``claims_<type>`` lists of one language in a single compiled regex: one pass per text.

    Same entry semantics as :class:`credibility.lexicon.PhraseMatcher` (case-insensitive, whitespace-
    flexible phrases on word boundaries, ``re:`` entries), but plain phrases are compiled as a
    character trie and all lists share one scan, which makes it several times faster than separate
    matchers. Where cues of two types start at the same place, the regex entries win (in
    ``CLAIM_TYPES`` order), then the longest phrase.
    """

    def __init__(self, resources: LanguageResources) -> None:
        alternatives: list[tuple[str, str]] = []
        self._group_info: dict[str, tuple[str, str]] = {}
        self._phrases: dict[str, list[tuple[str, str]]] = {}
        for claim_type in CLAIM_TYPES:
            for entry in resources.matcher(f"claims_{claim_type}").entries:
                if entry.pattern.startswith("re:"):
                    group = f"r{len(self._group_info)}"
                    self._group_info[group] = (claim_type, entry.note)
                    alternatives.append((group, entry.pattern[3:]))
                else:
                    key = phrase_key(entry.pattern)
                    self._phrases.setdefault(key, []).append((claim_type, entry.note))
        if self._phrases:
            alternatives.append(("phrase", trie_regex(self._phrases)))
        self._pattern = CaseSplitPattern(alternatives) if alternatives else None

    def finditer(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        """Yield ``(start, end, claim_type, note)``; a phrase listed under two types yields both."""
        if self._pattern is None:
            return
        for start, end, group in self._pattern.finditer(text):
            if group == "phrase":
                for claim_type, note in self._phrases.get(phrase_key(text[start:end]), ()):
                    yield start, end, claim_type, note
            elif group in self._group_info:
                claim_type, note = self._group_info[group]
                yield start, end, claim_type, note


@cache
def _claim_matcher(resources: LanguageResources) -> _ClaimCueMatcher:
    return _ClaimCueMatcher(resources)


class _NotClaimFinder:
    """Matches of ``claims_not_claim`` (one pass over the text) and of the boilerplate lists, by sentence."""

    def __init__(self, doc: Document, resources: LanguageResources) -> None:
        self.doc = doc
        self.resources = resources
        self.by_sentence: dict[int, list[tuple[int, int, str]]] = {}
        for match in resources.matcher(NOT_CLAIM_LIST).finditer(doc.text):
            if not match.text.strip():
                continue
            sentence = doc.sentence_at(match.start + len(match.text) - len(match.text.lstrip()))
            if sentence is not None:
                self.by_sentence.setdefault(sentence.index, []).append((match.start, match.end, match.note))

    def has_opinion(self, sentence: Sentence) -> bool:
        return any(note in _ANYWHERE_NOTES and note != "tweet credit" for *_, note in self.by_sentence.get(sentence.index, ()))

    def check(self, sentence: Sentence, has_figure: bool = False) -> tuple[str | None, int]:
        """``(reason, claim_start)``: why the sentence is not a claim (or None) and where a claim starts.

        ``has_figure``: the sentence holds a figure cue (then an evaluative word does not rule it out).
        """
        text = self.doc.text
        head = _LEADING_JUNK.match(text, sentence.start, sentence.end).end()
        start = sentence.start
        for m_start, m_end, note in sorted(self.by_sentence.get(sentence.index, ())):
            at_head = m_start <= head < m_end or m_start == head or (m_start < head and not text[m_start:head].strip())
            if note in _ANYWHERE_NOTES:
                return _ANYWHERE_NOTES[note], start
            elif note in _UNLESS_FIGURE_NOTES:
                if not has_figure:
                    return _UNLESS_FIGURE_NOTES[note], start
            elif note in _LINE_START_NOTES and at_head:
                if note == "byline" and sentence.word_count > _BYLINE_MAX_WORDS:
                    continue
                return _LINE_START_NOTES[note], start
            elif note in _PREFIX_NOTES and (at_head or m_start <= start) and self._opens_paragraph(sentence):
                start = max(start, m_end)
                start += len(text[start : sentence.end]) - len(text[start : sentence.end].lstrip(" \t\n-–—:,|"))
                if len(text[start : sentence.end].split()) < _MIN_WORDS_AFTER_PREFIX:
                    return _PREFIX_NOTES[note], start
        if self._boilerplate_line(sentence, head):
            return "a boilerplate line", start
        return None, start

    def _opens_paragraph(self, sentence: Sentence) -> bool:
        p_start, _ = self.doc.paragraphs[sentence.paragraph]
        return not self.doc.text[p_start : sentence.start].strip()

    def _boilerplate_line(self, sentence: Sentence, head: int) -> bool:
        p_start, p_end = self.doc.paragraphs[sentence.paragraph]
        if sentence.word_count > _BOILERPLATE_LINE_MAX_WORDS or not (sentence.start == p_start and sentence.end == p_end):
            return False
        for name in _BOILERPLATE_LISTS:
            match = self.resources.matcher(name).search(self.doc.text[head : sentence.end])
            if match is not None and match.start == 0:
                return True
        return False


def _structural_reason(doc: Document, sentence: Sentence, multi_paragraph: bool) -> str | None:
    """"a question" and "a heading or link line" (titles, footer links) of a longer text, else None."""
    body = doc.sentence_text(sentence).rstrip(_CLOSING_CHARS)
    if body.endswith("?"):
        return "a question"
    if not multi_paragraph or body[:1] in _BULLET_CHARS:
        return None
    p_start, p_end = doc.paragraphs[sentence.paragraph]
    is_whole_paragraph = sentence.start == p_start and sentence.end == p_end
    limit = _TITLE_MAX_WORDS if sentence.paragraph == 0 else _HEADING_MAX_WORDS
    if is_whole_paragraph and body[-1:] not in _SENTENCE_END_CHARS and sentence.word_count <= limit:
        return "a heading or link line"
    return None


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
    if "quote" in claim.kinds:
        parts.append("a quoted claim")
    if not parts:
        return f"a factual statement (claim probability {claim.probability:.2f})"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def unsupported_reason(doc: Document, claim: Claim) -> str:
    """Why a claim is flagged: "figure '40%' and prediction 'will' with no source in this paragraph"."""
    return f"{describe_triggers(doc, claim)} with {claim.support}"


@register("claims", FEATURES)
def extract_claims(doc: Document) -> Signal:
    """Share and rate of checkable claims (trained detector + cue kinds) that no attribution covers."""
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
    probabilities = doc.extra.get(PROBABILITIES_KEY) or {}
    # Mean over the sentences that could be claims (not ruled out), so it does not grow with length.
    features["mean_claim_probability"] = share(sum(probabilities.values()), len(probabilities))
    spans: list[Span] = []
    for claim in unsupported:
        spans.append(Span(claim.start, claim.end, "unsupported_claim", unsupported_reason(doc, claim)))
        for (start, end, claim_type), note in zip(claim.triggers, claim.notes, strict=True):
            detail = f" ({note})" if note else ""
            spans.append(Span(start, end, "claim_trigger", f"checkable {claim_type}{detail} in an unsourced sentence"))
    return Signal("claims", features, tuple(spans))
