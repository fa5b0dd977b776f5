"""Attribution signals: who said what, and whether the reader can tell who the speaker is.

Credible reporting ties claims to checkable sources ("Smith said", "according to the ministry");
low-credibility text leans on vague ones ("sources say", "experts believe") or none at all. Cues come from
the per-language lists ``reporting_verbs``, ``attribution_markers`` and ``vague_sources``; each is
matched once over the whole text and mapped to sentences by offset.

Cache keys set on ``doc.extra``:
- ``"attributed_sentences"``: ``frozenset[int]`` of sentence indices carrying an attribution (read it
  through :func:`attributed_sentence_indices`);
- ``"attribution_analysis"``: the full :class:`AttributionAnalysis` (spans and counts).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..document import Document, Sentence
from ..lexicon import LanguageResources
from .base import Signal, Span, rate_per_100_words, register, share
from .cues import cue_matches

FEATURES = (
    "attributed_sentence_share",
    "attribution_rate_per_100_words",
    "named_source_share",
    "vague_source_share",
    "vague_source_rate_per_100_words",
    "quote_share",
)

# A direct quote: a balanced pair of quotation marks within one paragraph. Single quotes must open at a
# word start and close where no letter follows, so apostrophes ("it's", "players'") do not pair up.
# Every alternative starts with its quotation mark (checks on the preceding character come after it) so
# that the regex engine can jump from one quotation mark to the next.
QUOTE_RE = re.compile(
    r"“[^”\n]{2,1200}”"
    r"|„[^”“\"\n]{2,1200}[”“\"]"
    r"|\"(?<![\w\"]\")[^\"\n]{2,1200}\"(?!\w)"
    r"|«[^»\n]{2,1200}»"
    r"|,,(?:[^'”\"´\n]|'(?!'))+(?:''|”|\"|´´)"  # Dutch newspaper style: ,,quote''
    r"|‘(?<!\w‘)[^’\n]+(?:’(?=\w)[^’\n]*)*’(?!\w)"
    r"|''(?<![\w']'')[^'\n]+(?:'(?!')[^'\n]*)*''(?!\w)"
    r"|'(?<![\w']')[^'\n]+(?:'(?=\w)[^'\n]*)*'(?!\w)"
)
# Word lists matched in one pass (the first list wins where two match at one place) and their span kinds.
CUE_LISTS = {
    "vague_sources": "vague_source",
    "attribution_markers": "according_to",
    "reporting_verbs": "reporting_verb",
}
# How far (characters) a reporting cue may sit from a quote's edge for the quote to count as attributed.
QUOTE_CUE_DISTANCE = 60
# How many words before a cue (or after "according to") are searched for the source's name.
NAME_WINDOW_WORDS = 6
# How many words after a reporting verb may hold an inverted subject ("said Prime Minister Mark Rutte").
AFTER_CUE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution cue and what was found about its source."""

    start: int
    end: int
    kind: str  # "reporting_verb" | "according_to" | "vague_source"
    sentence: int
    source: str  # "named" | "vague" | "unspecified"


@dataclass(frozen=True, slots=True)
class AttributionAnalysis:
    attributions: tuple[Attribution, ...]
    spans: tuple[Span, ...]
    attributed_sentences: frozenset[int]
    quote_sentences: frozenset[int]
    vague_count: int


def attributed_sentence_indices(doc: Document) -> frozenset[int]:
    """Indices of sentences that carry an attribution (cue, vague source or attributed quote).

    The claims extractor uses this to tell reported claims from the author's own; cached in
    ``doc.extra["attributed_sentences"]``.
    """
    cached = doc.extra.get("attributed_sentences")
    if cached is None:
        cached = analyze_attribution(doc).attributed_sentences
        doc.extra["attributed_sentences"] = cached
    return cached


def analyze_attribution(doc: Document) -> AttributionAnalysis:
    """Find every attribution cue, classify its source and find attributed quotes (cached per doc)."""
    cached = doc.extra.get("attribution_analysis")
    if cached is not None:
        return cached
    res = doc.resources
    if res is None or not doc.sentences:
        result = AttributionAnalysis((), (), frozenset(), frozenset(), 0)
    else:
        result = _analyze(doc, res)
    doc.extra["attribution_analysis"] = result
    doc.extra["attributed_sentences"] = result.attributed_sentences
    return result


def _analyze(doc: Document, res: LanguageResources) -> AttributionAnalysis:
    text = doc.text
    not_names = res.words("attribution_not_names")
    addressee_verbs = res.words("attribution_addressee_verbs")
    spans: list[Span] = []
    vague: list[tuple[int, int, str]] = []
    cues: list[tuple[int, int, str, str]] = []
    for start, end, cue_text, list_name in cue_matches(doc, *CUE_LISTS):
        if list_name == "vague_sources":
            vague.append((start, end, cue_text))
        else:
            cues.append((start, end, CUE_LISTS[list_name], cue_text))
    # A vague-source phrase that is itself a cue ("reportedly") or overlaps one is not counted twice.
    cue_ranges = [(s, e) for s, e, _, _ in cues]
    name_context = _NameContext(doc, not_names, res.words("attribution_name_particles"))

    attributions: list[Attribution] = []
    used_vague: set[int] = set()
    for start, end, kind, cue_text in cues:
        sentence = doc.sentence_at(start)
        if sentence is None:
            continue
        vague_index = _nearby_vague(vague, start, end, sentence.start, sentence.end)
        if vague_index is not None:
            source = "vague"
            used_vague.add(vague_index)
        else:
            marker = kind == "according_to"
            addressee = cue_text.lower() in addressee_verbs
            name = name_context.find(
                start, end, sentence, before=not marker, after=not addressee, after_any=marker
            )
            if name is not None:
                source = "named"
                spans.append(
                    Span(
                        name[0],
                        name[1],
                        "named_source",
                        f"named source: '{text[name[0] : name[1]]}' is given for the claim",
                    )
                )
            else:
                source = "unspecified"
        attributions.append(Attribution(start, end, kind, sentence.index, source))
        if kind == "according_to":
            reason = f"attribution: '{cue_text}' ties the statement to a source"
        else:
            reason = f"reporting verb: '{cue_text}' reports what someone said"
        spans.append(Span(start, end, kind, reason))

    for index, (v_start, v_end, v_text) in enumerate(vague):
        sentence = doc.sentence_at(v_start)
        if sentence is None:
            continue
        spans.append(
            Span(v_start, v_end, "vague_source", f"vague source: '{v_text}' does not say who the source is")
        )
        overlaps_cue = any(s < v_end and v_start < e for s, e in cue_ranges)
        if index not in used_vague and not overlaps_cue:
            attributions.append(Attribution(v_start, v_end, "vague_source", sentence.index, "vague"))

    attributed = {a.sentence for a in attributions}
    quote_sentences: set[int] = set()
    cue_positions = sorted((a.start, a.end, a.sentence) for a in attributions if a.kind != "vague_source")
    for quote in QUOTE_RE.finditer(text):
        first = doc.sentence_at(quote.start())
        last = doc.sentence_at(quote.end() - 1)
        if first is None or last is None:
            continue
        if not _quote_is_attributed(
            quote.start(), quote.end(), range(first.index, last.index + 1), cue_positions
        ):
            continue
        spans.append(Span(quote.start(), quote.end(), "quote", "direct quote attributed to a speaker"))
        quote_sentences.update(range(first.index, last.index + 1))
    attributed |= quote_sentences

    spans.sort(key=lambda s: (s.start, s.end, s.kind))
    return AttributionAnalysis(
        tuple(attributions), tuple(spans), frozenset(attributed), frozenset(quote_sentences), len(vague)
    )


def _nearby_vague(
    vague: list[tuple[int, int, str]], start: int, end: int, s_start: int, s_end: int
) -> int | None:
    """Index of a vague-source phrase in the cue's sentence that overlaps or nearly touches the cue."""
    for index, (v_start, v_end, _) in enumerate(vague):
        if v_start >= s_end:
            break
        if v_end <= s_start:
            continue
        if v_start <= end + 40 and v_end >= start - 40:
            return index
    return None


def _quote_is_attributed(
    q_start: int, q_end: int, sentences: range, cues: list[tuple[int, int, int]]
) -> bool:
    """A quote is attributed when a cue in one of its sentences sits just before or just after it."""
    for c_start, c_end, c_sentence in cues:
        if c_start >= q_end + QUOTE_CUE_DISTANCE:
            break
        if c_sentence not in sentences or q_start <= c_start < q_end:
            continue  # another sentence, or a verb inside the quote: says nothing about who is quoted
        if q_start - QUOTE_CUE_DISTANCE <= c_end <= q_start or q_end <= c_start <= q_end + QUOTE_CUE_DISTANCE:
            return True
    return False


class _NameContext:
    """Finds a capitalised name (person or organisation) in the words around a cue."""

    def __init__(self, doc: Document, not_names: frozenset[str], particles: frozenset[str]) -> None:
        self.doc = doc
        self.not_names = not_names
        self.particles = particles
        self._midsentence_capitals: set[str] | None = None

    def _capitals_seen_midsentence(self) -> set[str]:
        """Capitalised words seen away from a sentence start: evidence that a word is a name."""
        if self._midsentence_capitals is None:
            doc = self.doc
            first_words = {s.first_word for s in doc.sentences}
            seen: set[str] = set()
            text = doc.text
            for i, start in enumerate(doc.word_starts):
                if text[start].isupper() and i not in first_words and text[start - 1] not in "\"“‘'„(":
                    seen.add(doc.words_lower[i])
            self._midsentence_capitals = seen
        return self._midsentence_capitals

    def _is_capitalised_word(self, i: int) -> bool:
        doc = self.doc
        return doc.text[doc.word_starts[i]].isupper() and doc.words_lower[i] not in self.not_names

    def _is_name_word(self, i: int, sentence: Sentence) -> bool:
        doc = self.doc
        start = doc.word_starts[i]
        word = doc.text[start : doc.word_ends[i]]
        if not word[0].isupper() or doc.words_lower[i] in self.not_names:
            return False
        if len(word) > 1 and word.isupper():
            return True  # an acronym: NOS, FBI, ANP
        sentence_initial = (
            i == sentence.first_word or doc.text[start - 1] in "\"“‘'„(" or _after_colon(doc.text, start)
        )
        if not sentence_initial:
            return True
        following = i + 1
        if following < sentence.end_word and doc.text[doc.word_starts[following]].isupper():
            return doc.words_lower[following] not in self.not_names
        return doc.words_lower[i] in self._capitals_seen_midsentence()

    def find(
        self, start: int, end: int, sentence: Sentence, *, before: bool, after: bool, after_any: bool
    ) -> tuple[int, int] | None:
        """Character span of the source's name for the cue at ``start:end``, or None.

        The subject before a verb is preferred ("Smith said"); a name right after the cue counts when
        ``after_any`` ("according to Smith") or when it ends the clause, as in an inverted "..., said
        Smith." / "zei Rutte maandag", so that "said Trump has won" does not make Trump the source.
        """
        doc = self.doc
        first_after = bisect.bisect_left(doc.word_starts, end, sentence.first_word, sentence.end_word)
        last_before = bisect.bisect_left(doc.word_starts, start, sentence.first_word, sentence.end_word) - 1
        if before:
            apposed = self._before_apposition(start, sentence)
            if apposed >= 0 and self._is_capitalised_word(apposed):
                return self._expand(apposed, sentence)  # "Smith, a spokesman for the bank, said"
            for i in (apposed, last_before):
                for j in range(i, max(sentence.first_word, i - NAME_WINDOW_WORDS + 1) - 1, -1):
                    if self._is_name_word(j, sentence):
                        return self._expand(j, sentence)
        reach = (NAME_WINDOW_WORDS if after_any else AFTER_CUE_WORDS) if after else 0
        for i in range(first_after, min(sentence.end_word, first_after + reach)):
            if self._is_name_word(i, sentence):
                lo_hi = self._expand(i, sentence)
                if after_any or self._ends_clause(lo_hi[1], sentence):
                    return lo_hi
                return None
        return None

    def _before_apposition(self, cue_start: int, sentence: Sentence) -> int:
        """Last word before an apposition that ends right before the cue, or -1.

        In "Sandra Bell, who runs a café on Harbour Road, said" the speaker stands before the commas,
        not at their end.
        """
        doc = self.doc
        head = doc.text[sentence.start : cue_start].rstrip()
        if not head.endswith(","):
            return -1
        opening = head.rfind(",", 0, len(head) - 1)
        if opening < 0:
            return -1
        return (
            bisect.bisect_left(
                doc.word_starts, sentence.start + opening, sentence.first_word, sentence.end_word
            )
            - 1
        )

    def _ends_clause(self, name_end: int, sentence: Sentence) -> bool:
        """True when a name is followed by punctuation, the sentence end, or a function word."""
        doc = self.doc
        gap = doc.text[name_end : min(sentence.end, name_end + 3)]
        if not gap.strip() or gap.lstrip()[:1] in ",.;:!?)\"”’'—–-(":
            return True
        following = bisect.bisect_left(doc.word_starts, name_end, sentence.first_word, sentence.end_word)
        return following < sentence.end_word and doc.words_lower[following] in self.not_names

    def _expand(self, i: int, sentence: Sentence) -> tuple[int, int]:
        """Grow a name word into the whole capitalised run ("Mark Rutte", "Bank of England")."""
        doc = self.doc
        lo = i
        while lo - 1 >= sentence.first_word and self._joined(lo - 1) and self._continues(lo - 1, sentence):
            lo -= 1
        hi = i
        while hi + 1 < sentence.end_word and self._joined(hi) and self._continues(hi + 1, sentence):
            hi += 1
        while hi > i and doc.words_lower[hi] in self.particles:
            hi -= 1
        # A leading particle belongs to the name only when capitalised mid-sentence ("minister De Jonge").
        while (
            lo < i
            and doc.words_lower[lo] in self.particles
            and (lo == sentence.first_word or not doc.text[doc.word_starts[lo]].isupper())
        ):
            lo += 1
        return doc.word_starts[lo], doc.word_ends[hi]

    def _joined(self, i: int) -> bool:
        """True when word ``i`` and the next are separated by spaces only (no comma, quote or dash)."""
        doc = self.doc
        return not doc.text[doc.word_ends[i] : doc.word_starts[i + 1]].strip()

    def _continues(self, i: int, sentence: Sentence) -> bool:
        doc = self.doc
        word_start = doc.word_starts[i]
        if doc.words_lower[i] in self.particles:
            return True
        return doc.text[word_start].isupper() and doc.words_lower[i] not in self.not_names


def _after_colon(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j >= 0 and text[j] in ":"


@register("attribution", FEATURES)
def extract_attribution(doc: Document) -> Signal:
    """Who said what: attribution density, named vs vague sources, and attributed direct quotes."""
    analysis = analyze_attribution(doc)
    attributions = analysis.attributions
    n_sentences = len(doc.sentences)
    named = sum(1 for a in attributions if a.source == "named")
    vague = sum(1 for a in attributions if a.source == "vague")
    features = {
        "attributed_sentence_share": share(len(analysis.attributed_sentences), n_sentences),
        "attribution_rate_per_100_words": rate_per_100_words(len(attributions), doc),
        "named_source_share": share(named, len(attributions)),
        "vague_source_share": share(vague, len(attributions)),
        "vague_source_rate_per_100_words": rate_per_100_words(analysis.vague_count, doc),
        "quote_share": share(len(analysis.quote_sentences), n_sentences),
    }
    return Signal("attribution", features, analysis.spans)
