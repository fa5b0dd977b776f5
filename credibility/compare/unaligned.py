"""Contradictions between sentences that do not align with each other.

A summary fuses clauses and reorders facts ("Ongeveer 200 huishoudens zijn uit voorzorg geëvacueerd, en
het waterschap versterkt de dijk met spoed"), so the sentence of another source that a claim contradicts
is often not its best match, and the rules of :func:`conflicts.find_conflicts` never see the pair. The
rules here compare such pairs, each only on evidence that the two sentences speak of one thing, stronger
than a shared word:

- ``negation``: one sentence negates a verb ("bewoners hoeven niet te worden *geëvacueerd*") that the
  other states plainly ("200 huishoudens zijn *geëvacueerd*"), where that word is in no other sentence
  of either source (one event, told once by each) and the two share another content word;
- ``antonym``: the two sides of a pair that names a lasting property (``| status`` in
  ``compare_antonyms``: the recall "was voluntary" / "was ordered by regulators"), said of the same
  subject (the nearest content word before or after the cue, in both sentences);
- ``certainty``: a cause stated as fact ("the cracks were caused by the drought") against another
  source's "how the cracks formed is not yet clear" (``compare_certainty``), about the same subject,
  when that source states no cause of it itself;
- ``figure``: "no" or "almost no" side effects against a clause of another source that gives a count
  followed by the same thing ("two patients had a serious side effect"); "almost" tolerates one.

Every rule needs at least one of the two sentences to have no mutual best match in the other's source
(two sentences that each have their own counterpart there are different statements, not a flip); the
last one also checks two sentences that are each other's mutual best match, which the figure rule of
``find_conflicts`` passes over (it compares counts of one counted word: "no side effects" / "two patients").
"""

from __future__ import annotations

import re

import numpy as np

from .anchors import Anchor
from .conflicts import Conflict, is_measurement, same_thing, spans_of
from .resources import compare_lexicon
from .units import ClaimUnit, Cue, pivot_tokens

# Content words, besides the negated one, the two sentences share (what the event is about).
NEGATED_SHARED_WORDS = 1
# "Almost no" tolerates one case.
NEAR_ZERO_TOLERANCE = 1
_CLAUSE_RE = re.compile(r"[,;:.!?()]")


def unaligned_conflicts(units: list[ClaimUnit], mutual_partners: dict[int, set[int]],
                        checked: set[tuple[int, int]], conflicted: set[tuple[int, int]],
                        sim: np.ndarray) -> list[tuple[int, int, Conflict]]:
    """(unit, unit of another source, conflict) for each pair the rules above find; ``mutual_partners``:
    unit → the sources it has a mutual best match in; pairs ``checked`` already by ``find_conflicts`` are
    left to it, and a sentence already contradicting a source (a pair in ``conflicted``) gets no second
    pair with that source."""
    by_source: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        by_source.setdefault(u.source, []).append(i)
    found: dict[tuple[int, int], Conflict] = {}
    against = {(i, units[j].source) for a, b in conflicted for i, j in ((a, b), (b, a))}

    def unmatched(i: int, j: int) -> bool:
        return units[j].source not in mutual_partners.get(i, set()) or (
            units[i].source not in mutual_partners.get(j, set()))

    for rule in (_negated_event, _status_antonym, _unknown_cause, _near_zero_occurrence):
        counterparts_too = rule is _near_zero_occurrence  # also the two sentences matched to each other
        for i, j, conflict in rule(units, by_source, sim):
            key = (min(i, j), max(i, j))
            if key in found or not (unmatched(i, j) and key not in checked or counterparts_too and key in checked):
                continue
            if (i, units[j].source) in against or (j, units[i].source) in against:
                continue
            against |= {(i, units[j].source), (j, units[i].source)}
            found[key] = conflict if i < j else _swap(conflict)
    return [(a, b, c) for (a, b), c in sorted(found.items())]


def _swap(c: Conflict) -> Conflict:
    return Conflict(c.kind, c.detail, c.b_spans, c.a_spans)


def _others(by_source: dict[int, list[int]], source: int) -> list[tuple[int, list[int]]]:
    return [(s, members) for s, members in sorted(by_source.items()) if s != source]


def _clause(unit: ClaimUnit, start: int, end: int) -> tuple[int, int]:
    """Offsets (in ``unit.text``) of the clause around the text span ``start:end`` (document offsets)."""
    text = unit.text
    lo, hi = start - unit.start, end - unit.start
    before = [m.end() for m in _CLAUSE_RE.finditer(text, 0, lo)]
    after = _CLAUSE_RE.search(text, hi)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def _tokens(unit: ClaimUnit, lo: int, hi: int) -> set[str]:
    """Content words (English-pivot stems) of ``unit.text[lo:hi]``."""
    return set(pivot_tokens(re.findall(r"[\w'-]+", unit.text[lo:hi].lower()), compare_lexicon(unit.lang)))


def _neighbours(unit: ClaimUnit, cue: Cue) -> set[str]:
    """What a property is said of: the nearest content word before the cue and the nearest after it, in
    its clause ("the *recall* was voluntary", "its unclassified *office* network"); names left out."""
    lo, hi = _clause(unit, cue.start, cue.end)
    lex = compare_lexicon(unit.lang)
    names = {a.text.lower() for a in unit.anchors if a.kind == "name"}
    before = [w for w in re.findall(r"[\w'-]+", unit.text[lo : cue.start - unit.start].lower()) if w not in names]
    after = [w for w in re.findall(r"[\w'-]+", unit.text[cue.end - unit.start : hi].lower()) if w not in names]
    return set(pivot_tokens(before, lex)[-1:] + pivot_tokens(after, lex)[:1])


# --- negation of one event

# "need to", "te": a verb before these governs the next one ("do not need to be *evacuated*").
_INFINITIVE_MARKERS = frozenset({"to", "te"})


def _negated_verb(unit: ClaimUnit, cue: Cue) -> str | None:
    """The content word a verb negation ("not", "niet", "n't") bears on: the first after it in its clause,
    past a verb that takes an infinitive; none when an article comes first ("not have *an* issue": the
    negation is about a thing) or the cue negates no verb ("no", "lack of")."""
    lex = compare_lexicon(unit.lang)
    if not any(m.start == 0 and m.end == len(cue.text) for m in lex.verb_negations.finditer(cue.text)):
        return None
    _, hi = _clause(unit, cue.start, cue.end)
    words = re.findall(r"[\w'-]+", unit.text[cue.end - unit.start : hi].lower())
    for k, word in enumerate(words):
        if word in lex.articles:
            return None
        tokens = pivot_tokens([word], lex)
        if not tokens:
            continue
        if k + 1 < len(words) and words[k + 1] in _INFINITIVE_MARKERS:
            continue
        return tokens[0]
    return None


def _negated_event(units: list[ClaimUnit], by_source: dict[int, list[int]], sim: np.ndarray):
    for i, u in enumerate(units):
        if len(u.negations) != 1:
            continue  # two negations may cancel; the pairwise rule weighs those
        cue = u.negations[0]
        word = _negated_verb(u, cue)
        if word is None or sum(1 for k in by_source[u.source] if word in units[k].tokens) != 1:
            continue  # told more than once by this source: not one event
        for _, members in _others(by_source, u.source):
            with_word = [j for j in members if word in units[j].tokens]
            if len(with_word) != 1:
                continue
            j = with_word[0]
            v = units[j]
            if v.negations or compare_lexicon(v.lang).implicit_negatives.search(v.text):
                continue
            if len(set(u.tokens) & set(v.tokens) - {word}) < NEGATED_SHARED_WORDS:
                continue
            plain = _word_span(v, word)
            detail = f"one source negates “{plain[2] if plain else word}” ({cue.text}), the other does not"
            yield i, j, Conflict("negation", detail, spans_of([cue]), (plain,) if plain else ())


def _word_span(unit: ClaimUnit, token: str) -> tuple[int, int, str] | None:
    """The word of ``unit`` whose pivot stem is ``token``."""
    lex = compare_lexicon(unit.lang)
    for m in re.finditer(r"[\w'-]+", unit.text):
        if token in pivot_tokens([m.group(0).lower()], lex):
            return unit.start + m.start(), unit.start + m.end(), m.group(0)
    return None


# --- a lasting property said both ways

def _status_antonym(units: list[ClaimUnit], by_source: dict[int, list[int]], sim: np.ndarray):
    for i, u in enumerate(units):
        keys = compare_lexicon(u.lang).status_keys
        for cue in u.antonyms:
            if cue.key not in keys or len({c.value for c in u.antonyms if c.key == cue.key}) != 1:
                continue
            subject = _neighbours(u, cue)
            for _, members in _others(by_source, u.source):
                best = None
                for j in members:
                    v = units[j]
                    if len(u.negations) % 2 != len(v.negations) % 2:
                        continue  # "not voluntary" and "ordered" say the same thing
                    sides = [c for c in v.antonyms if c.key == cue.key]
                    if len({c.value for c in sides}) != 1 or sides[0].value == cue.value:
                        continue
                    if not subject & _neighbours(v, sides[0]):
                        continue
                    if best is None or sim[i, j] > sim[i, best[0]]:
                        best = (j, sides[0])
                if best:
                    j, other = best
                    yield i, j, Conflict("antonym", f"“{cue.text}” versus “{other.text}”", spans_of([cue]), spans_of([other]))


# --- a cause stated as fact against "not yet clear"

def _certainty(unit: ClaimUnit) -> dict[str, list[tuple[int, int, str]]]:
    """The cause / unknown / about cues of a sentence, as spans."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for m in compare_lexicon(unit.lang).certainty.finditer(unit.text):
        out.setdefault(m.note, []).append((unit.start + m.start, unit.start + m.end, m.text))
    return out


def _asserts_cause(unit: ClaimUnit) -> list[tuple[int, int, str]]:
    """The cause cues of a sentence that states a cause as fact (no hedge, no negation, not attributed)."""
    if unit.negations or unit.attributed or any(int(c.value) < 3 for c in unit.modals):
        return []
    return _certainty(unit).get("cause", [])


def _subject_tokens(unit: ClaimUnit, spans: list[tuple[int, int, str]]) -> set[str]:
    cue_words: set[str] = set()
    for start, end, _ in spans:
        cue_words |= _tokens(unit, start - unit.start, end - unit.start)
    return set(unit.tokens) - cue_words


def _unknown_cause(units: list[ClaimUnit], by_source: dict[int, list[int]], sim: np.ndarray):
    cues = [_certainty(u) for u in units]
    for i, u in enumerate(units):
        causes = _asserts_cause(u)
        if not causes:
            continue
        subject = _subject_tokens(u, causes)
        for _, members in _others(by_source, u.source):
            if any(_asserts_cause(units[k]) and subject & _subject_tokens(units[k], _asserts_cause(units[k]))
                   for k in members):
                continue  # that source names a cause too: not a fact against a hypothesis
            best = None
            for j in members:
                unknown, about = cues[j].get("unknown"), cues[j].get("about")
                if not unknown or not about:
                    continue
                if subject & _subject_tokens(units[j], unknown + about) and (best is None or sim[i, j] > sim[i, best]):
                    best = j
            if best is not None:
                unknown = cues[best]["unknown"]
                detail = f"“{causes[0][2]}” states a cause that the other source calls “{unknown[0][2]}”"
                yield i, best, Conflict("certainty", detail, tuple(causes[:1]), tuple(unknown[:1]))


# --- "almost no side effects" against "two patients had a serious side effect"

def _near_zero_occurrence(units: list[ClaimUnit], by_source: dict[int, list[int]], sim: np.ndarray):
    for i, u in enumerate(units):
        lex = compare_lexicon(u.lang)
        for zero in (x for x in u.anchors if x.kind == "count" and x.number == 0 and x.text.isalpha()):
            thing = _counted_after(u, zero)  # "no side effects", not the 0 of "2-0"
            if thing is None:
                continue
            before = list(re.finditer(r"[\w'-]+", u.text[: zero.start - u.start]))[-1:]
            near = bool(before) and before[0].group(0).lower() in lex.near_zero
            tolerance = NEAR_ZERO_TOLERANCE if near else 0
            shown_from = before[0].start() if near else zero.start - u.start
            for _, members in _others(by_source, u.source):
                best = None
                for j in members:
                    count = _occurrence(units[j], thing, tolerance)
                    shared = set(u.tokens) & set(units[j].tokens) - {thing}
                    if count and shared and (best is None or sim[i, j] > sim[i, best[0]]):
                        best = (j, count)
                if best:
                    j, (count, span) = best
                    none = u.text[shown_from : _end_of_thing(u, zero)]
                    detail = f"count: {none} versus {count.text} ({span[2]})"
                    yield i, j, Conflict("figure", detail, spans_of([zero]), (*spans_of([count]), span))


def _counted_after(unit: ClaimUnit, zero: Anchor) -> str | None:
    """What "no" counts: the first content word after it in its clause ("no *side* effects")."""
    _, hi = _clause(unit, zero.start, zero.end)
    words = re.findall(r"[\w'-]+", unit.text[zero.end - unit.start : hi].lower())[:2]
    tokens = pivot_tokens(words, compare_lexicon(unit.lang))
    return tokens[0] if tokens else None


def _end_of_thing(unit: ClaimUnit, zero: Anchor) -> int:
    """Where the words "no" counts end ("no side effects", "No injuries")."""
    end = zero.end - unit.start
    lex = compare_lexicon(unit.lang)
    for m in list(re.finditer(r"[\w'-]+", unit.text[end:]))[:2]:
        if not pivot_tokens([m.group(0).lower()], lex):
            break
        end = zero.end - unit.start + m.end()
    return end


def _occurrence(unit: ClaimUnit, thing: str, tolerance: int) -> tuple[Anchor, tuple[int, int, str]] | None:
    """A positive count (above ``tolerance``) in a clause of ``unit`` that also names ``thing``, with no
    negation in that clause: the thing happened."""
    for count in (x for x in unit.anchors if x.kind in ("count", "percent") and x.number and x.number > tolerance):
        if is_measurement(unit, count):
            continue  # "within four days stating ... inability": a duration, not cases
        _, hi = _clause(unit, count.start, count.end)
        lo = count.end - unit.start  # the thing follows its count: "two patients had a side effect"
        if any(lo <= c.start - unit.start < hi for c in unit.negations):
            continue
        words = list(re.finditer(r"[\w'-]+", unit.text[lo:hi]))
        for width in (2, 1):  # "adverse event" (two content words), "bijwerking"
            for k in range(len(words) - width + 1):
                tokens = pivot_tokens([w.group(0).lower() for w in words[k : k + width]], compare_lexicon(unit.lang))
                if len(tokens) >= width and same_thing(thing, tokens[0]):
                    start, end = lo + words[k].start(), lo + words[k + width - 1].end()
                    return count, (unit.start + start, unit.start + end, unit.text[start:end])
    return None
