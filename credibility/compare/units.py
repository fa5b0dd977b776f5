"""Claim units: one candidate claim sentence of one source, prepared for alignment and comparison.

Every assertive sentence of a source is a candidate (the analyst wants to see everything a source says
that others do not); the claims extractor labels which of them are checkable claims (figure,
prediction, …) and the attribution extractor which name a source. Words are mapped into English
("pivot") through the bilingual glossary so English and Dutch sentences share one vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document, Sentence
from ..signals.attribution import attributed_sentence_indices
from ..signals.claims import checkable_claims
from .anchors import Anchor, sentence_anchors
from .resources import PIVOT_LANG, CompareLexicon, compare_lexicon
from .words import stem

MIN_WORDS = 4
COMPOUND_MIN_PART = 4
_DUTCH_SUFFIXES = ("se", "en", "e", "s", "t", "n")  # "Gentse" → "Gent"
# Dutch plurals that change the stem's last consonant: huizen → huis, brieven → brief.
_DUTCH_PLURAL_STEMS = (("zen", "s"), ("ven", "f"))


@dataclass(frozen=True, slots=True)
class Cue:
    """A polarity or stage cue found in a sentence: ``key`` groups comparable cues, ``value`` differs."""

    key: str
    value: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ClaimUnit:
    source: int
    sentence_index: int
    start: int
    end: int
    text: str
    lang: str
    tokens: tuple[str, ...]  # content words in English-pivot stems
    anchors: tuple[Anchor, ...]
    negations: tuple[Cue, ...]
    antonyms: tuple[Cue, ...]
    stages: tuple[Cue, ...]
    modals: tuple[Cue, ...]  # key "modality", value the level ("1" possible … "3" certain)
    claim_types: tuple[str, ...]
    attributed: bool

    @property
    def figures(self) -> tuple[Anchor, ...]:
        return tuple(a for a in self.anchors if a.kind in ("money", "percent", "count", "year", "date"))


def pivot_tokens(words: list[str], lex: CompareLexicon) -> list[str]:
    """Content words of a sentence as English-pivot stems (function words and numbers dropped)."""
    english_stop = compare_lexicon(PIVOT_LANG).stopwords
    out: list[str] = []
    i = 0
    while i < len(words):
        english = None
        width = 1
        if lex.pivot:
            for n in range(min(lex.pivot_max_words, len(words) - i), 0, -1):
                english = lex.pivot.get(" ".join(words[i : i + n]))
                if english:
                    width = n
                    break
            # inflections and compounds the glossary lacks (not for function words: "volgens" is no form
            # of "volgen"); English phrases map only as listed
            fuzzy = english is None and lex.lang != PIVOT_LANG and words[i] not in lex.stopwords
            if fuzzy and "-" in words[i].strip("-"):  # "navo-deal" → "nato deal"
                parts = [p for p in words[i].split("-") if p]
                english = " ".join(lex.pivot.get(p) or _dutch_lookup(p, lex) or p for p in parts)
            if fuzzy and english is None:
                english = _dutch_lookup(words[i], lex)
        word = words[i]
        i += width
        if word in lex.ordinals:  # compared as an anchor ("third" / "derde"), like a number
            continue
        if english is None and (
            word in lex.stopwords or word in lex.number_words or word.replace(",", "").replace(".", "").isdigit()
        ):
            continue
        for part in (english or word).split():
            if part not in english_stop and not part.isdigit():
                out.append(stem(part))
    return out


def _dutch_lookup(word: str, lex: CompareLexicon) -> str | None:
    """Inflected or compound words the glossary lacks: "ongerubriceerde" → stem, "kantoornetwerk" → parts."""
    for suffix in _DUTCH_SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            found = lex.pivot.get(word[: -len(suffix)])
            if found:
                return found
    for plural, singular in _DUTCH_PLURAL_STEMS:
        if word.endswith(plural) and lex.pivot.get(word[: -len(plural)] + singular):
            return lex.pivot[word[: -len(plural)] + singular]
    for split in range(3, len(word) - COMPOUND_MIN_PART + 1):
        head, tail = word[:split], word[split:]
        tail_english = lex.pivot.get(tail) or lex.pivot.get(tail.removesuffix("en")) or next(
            (lex.pivot[tail[: -len(p)] + s] for p, s in _DUTCH_PLURAL_STEMS
             if tail.endswith(p) and tail[: -len(p)] + s in lex.pivot), None)
        if tail_english and len(tail) >= COMPOUND_MIN_PART:
            head_english = lex.pivot.get(head) or lex.pivot.get(head.removesuffix("s"))
            return f"{head_english} {tail_english}" if head_english else tail_english
    return None


def _cues(doc: Document, sentence: Sentence, lex: CompareLexicon) -> tuple[tuple[Cue, ...], ...]:
    text = doc.text
    exceptions = [(m.start, m.end) for m in lex.negation_exceptions.finditer(text, sentence.start, sentence.end)]
    negations = tuple(
        Cue("negation", m.text.lower(), m.start, m.end, m.text)
        for m in lex.negations.finditer(text, sentence.start, sentence.end)
        if not any(s <= m.start < e for s, e in exceptions)
    )
    antonyms = []
    for m in lex.antonyms.finditer(text, sentence.start, sentence.end):
        for note in m.note.split(";"):
            key, _, side = note.partition("|")
            antonyms.append(Cue(key, side, m.start, m.end, m.text))
    stages = []
    for m in lex.scales.finditer(text, sentence.start, sentence.end):
        scale, _, level = m.note.partition("|")
        stages.append(Cue(scale, level, m.start, m.end, m.text))
    modals = tuple(Cue("modality", m.note, m.start, m.end, m.text)
                   for m in lex.modality.finditer(text, sentence.start, sentence.end)
                   if m.text != "May" and m.note != "0")  # the month, not the modal; 0: ability ("will be able to")
    return negations, tuple(antonyms), tuple(stages), modals


def is_candidate(doc: Document, sentence: Sentence) -> bool:
    """An assertion long enough to carry a claim: not a heading, a question or a one-word line."""
    body = doc.sentence_text(sentence).rstrip("\"'”’») ")
    if sentence.word_count < MIN_WORDS or body.endswith("?"):
        return False
    return body[-1:] in ".!…:;" or sentence.word_count >= 8


def _claim_labels(doc: Document) -> tuple[dict, frozenset[int]]:
    """Claim types and attributed sentences from the claims/attribution extractors.

    They only label units (every candidate sentence is compared either way), so a failure there is
    recorded in ``doc.extra["compare_warnings"]`` instead of stopping the comparison.
    """
    if not doc.supported:
        return {}, frozenset()
    try:
        return {c.sentence_index: c for c in checkable_claims(doc)}, attributed_sentence_indices(doc)
    except Exception as exc:  # noqa: BLE001 - labels are optional, the comparison is not
        doc.extra.setdefault("compare_warnings", []).append(f"claim types unavailable ({type(exc).__name__}: {exc})")
        return {}, frozenset()


def claim_units(doc: Document, source: int, skip: frozenset[int] = frozenset()) -> list[ClaimUnit]:
    """The candidate claims of ``doc`` (source number ``source``), skipping sentence indices ``skip``."""
    lex = compare_lexicon(doc.lang)
    claims, attributed = _claim_labels(doc)
    units = []
    for sentence in doc.sentences:
        if sentence.index in skip or not is_candidate(doc, sentence):
            continue
        negations, antonyms, stages, modals = _cues(doc, sentence, lex)
        claim = claims.get(sentence.index)
        anchors = tuple(sentence_anchors(doc, sentence, lex))
        names = {a.value for a in anchors if a.kind == "name"}  # names count once, as anchors
        units.append(
            ClaimUnit(
                source=source,
                sentence_index=sentence.index,
                start=sentence.start,
                end=sentence.end,
                text=doc.sentence_text(sentence),
                lang=doc.lang,
                tokens=tuple(t for t in pivot_tokens(doc.sentence_words(sentence), lex) if t not in names),
                anchors=anchors,
                negations=negations,
                antonyms=antonyms,
                stages=stages,
                modals=modals,
                claim_types=claim.types if claim else (),
                attributed=claim.attributed if claim else sentence.index in attributed,
            )
        )
    return units
