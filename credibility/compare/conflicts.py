"""Do two aligned claims contradict each other, and does a claim carry a figure no other source has?

Contradiction kinds, each with the words that show it:
- ``antonym``: one says "classified", the other "unclassified" (pairs from ``compare_antonyms``);
- ``stage``: a deal "explored" versus in "advanced negotiations" (levels from ``compare_scales``);
- ``modality``: "may come into force" versus "will come into force" (levels from ``compare_modality``);
- ``negation``: one sentence is negated and the other is not (``compare_negations``);
- ``figure``: both give a figure of the same kind (amount, percentage, count, ordinal, date, month,
  weekday, year) and no value agrees; counts and ordinals only of the same counted word ("first night" /
  "derde nacht"), or the one count each sentence has left when they agree on every other figure
  ("28, 36 appearances, 2015" / "28, 46 keer, 2015"); a month alone ("in juni") also meets a date's month;
- ``actor``: both name someone, and each names a person/organisation the other source never mentions.

Sentences that do not align with each other (a summary's fused claims) are compared by
``unaligned.py``, which adds the kind ``certainty`` (a cause stated as fact against "not yet clear").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..word_frequencies import zipf_frequency
from .anchors import Anchor
from .resources import compare_lexicon, known_vocabulary
from .units import ClaimUnit, Cue, pivot_tokens

# Figures within this relative tolerance agree (rounding: "nearly 40 million" vs "39.8 million").
FIGURE_TOLERANCE = 0.02
# Negation and actor flips are only trusted between closely aligned sentences.
NEGATION_MIN_SIMILARITY = 0.4
# Across languages, paraphrase moves negation around ("declined to comment" / "wilde niets zeggen").
NEGATION_MIN_SIMILARITY_CROSS_LANGUAGE = 0.45
ACTOR_MIN_SIMILARITY = 0.4
# A name this common as a word (Zipf, wordfreq) may be a capitalised title ("Deputy", "Royal"); it does
# not count as a conflicting actor.
ACTOR_MAX_ZIPF = 4.3
# A negation must bear on shared content: the first content word after it appears in the other sentence.
NEGATION_SCOPE_WORDS = 1
# Modality: levels this far apart (1 possible, 3 certain) contradict; the modal must bear on a shared word
# among the next words (English) or the rest of the clause (Dutch, verb last: "zal het windpark de
# gemeenschap jaarlijks 30 miljoen pond opleveren"). Across languages the glossary cannot pair every verb
# ("could generate" / "zal opleveren"), so there the only modal of each of two sentences aligned by their
# words (not merely by translation order) is enough; within a language the same verb is the same word.
MODAL_MIN_GAP = 2
MODAL_SCOPE_WORDS = 3
MODAL_SCOPE_WORDS_VERB_FINAL = 15
COMPARED_FIGURES = ("money", "percent", "count", "ordinal", "date", "weekday", "year", "month")
# A figure of these kinds agreeing between two sentences shows they give the same figures; the one count
# each has left over is then the same figure told differently.
AGREEMENT_KINDS = ("money", "percent", "count", "ordinal", "date", "year")
NOVEL_FIGURES = ("money", "percent", "count", "date", "year")


@dataclass(frozen=True, slots=True)
class Conflict:
    """Why two aligned units contradict; spans are ``(start, end, text)`` in each source's text."""

    kind: str
    detail: str
    a_spans: tuple[tuple[int, int, str], ...]
    b_spans: tuple[tuple[int, int, str], ...]


def spans_of(items: list[Anchor] | list[Cue] | tuple) -> tuple[tuple[int, int, str], ...]:
    return tuple((x.start, x.end, x.text) for x in items)


def figures_agree(x: Anchor, y: Anchor) -> bool:
    if x.kind != y.kind:
        return False
    if x.kind == "money" and x.value.split(":")[0] != y.value.split(":")[0]:
        return False
    a, b = x.number, y.number
    if a is None or b is None:
        return x.value == y.value
    if x.kind in ("date", "weekday", "year", "month", "ordinal"):
        return a == b
    return abs(a - b) <= FIGURE_TOLERANCE * max(abs(a), abs(b), 1e-9)


def find_conflicts(a: ClaimUnit, b: ClaimUnit, similarity: float, names_a: frozenset[str],
                   names_b: frozenset[str], positional: bool = False) -> list[Conflict]:
    """All contradictions between two aligned units; ``names_x`` are every name source x mentions;
    ``positional``: the two were aligned by translation order, not by their words."""
    out: list[Conflict] = []
    out += _antonym_conflicts(a, b)
    out += _stage_conflicts(a, b)
    out += _figure_conflicts(a, b)
    negation_floor = NEGATION_MIN_SIMILARITY if a.lang == b.lang else NEGATION_MIN_SIMILARITY_CROSS_LANGUAGE
    if similarity >= negation_floor:
        out += _modality_conflicts(a, b, positional)
    if similarity >= negation_floor and len(a.negations) % 2 != len(b.negations) % 2 and not any(
        c.kind == "antonym" for c in out
    ) and _negation_in_scope(a if len(a.negations) % 2 else b, b if len(a.negations) % 2 else a):
        negated, plain = (a, b) if len(a.negations) % 2 else (b, a)
        words = ", ".join(c.text for c in negated.negations)
        out.append(Conflict("negation", f"one source negates the claim ({words}), the other does not",
                            spans_of(a.negations), spans_of(b.negations)))
    if similarity >= ACTOR_MIN_SIMILARITY:
        out += _actor_conflicts(a, b, names_a, names_b)
    return out


def _negation_in_scope(negated: ClaimUnit, plain: ClaimUnit) -> bool:
    """True when the word the negation bears on ("no longer *cross*") is also in the other sentence; a
    negation inside a reworded clause ("have not lost" / "are unbeaten") is not a flip."""
    if compare_lexicon(plain.lang).implicit_negatives.search(plain.text):
        return False  # "voted NO" / "voted against": the other sentence says no in other words
    others = set(plain.tokens) - _negated_words(plain)  # "no adequate" in both sentences is no flip
    return bool(others & _negated_words(negated))


def _negated_words(unit: ClaimUnit) -> set[str]:
    """The content words the sentence's negations bear on (the first one after each cue)."""
    lex = compare_lexicon(unit.lang)
    out: set[str] = set()
    for cue in unit.negations:
        after = re.findall(r"\w+", unit.text[cue.end - unit.start :].lower())
        out.update(pivot_tokens(after[: NEGATION_SCOPE_WORDS * 3], lex)[:NEGATION_SCOPE_WORDS])
    return out


def _modal_scope(unit: ClaimUnit, cue: Cue) -> set[str]:
    """The content word the modal bears on: the next one (English), or any in the rest of the clause
    (Dutch puts the verb last: "kunnen volgend jaar ingaan")."""
    clause = re.split(r"[,;:.!?()]", unit.text[cue.end - unit.start :], maxsplit=1)[0]
    after = re.findall(r"[\w'-]+", clause.lower())
    verb_last = unit.lang != "en"
    window = MODAL_SCOPE_WORDS_VERB_FINAL if verb_last else MODAL_SCOPE_WORDS
    tokens = pivot_tokens(after[:window], compare_lexicon(unit.lang))
    return set(tokens if verb_last else tokens[:1])


def _modality_conflicts(a: ClaimUnit, b: ClaimUnit, positional: bool = False) -> list[Conflict]:
    """"may come into force" versus "will come into force": two modals two levels apart bearing on the
    same word, or (across languages) the only modal of each of two sentences aligned by their words."""
    if len(a.negations) % 2 != len(b.negations) % 2:
        return []
    names = {1: "possible", 2: "probable", 3: "certain"}
    lone = a.lang != b.lang and not positional and len(a.modals) == 1 and len(b.modals) == 1
    for ca in a.modals:
        scope_a = _modal_scope(a, ca)
        for cb in b.modals:
            if abs(int(ca.value) - int(cb.value)) < MODAL_MIN_GAP or not (lone or scope_a & _modal_scope(b, cb)):
                continue
            detail = f"“{ca.text}” ({names[int(ca.value)]}) versus “{cb.text}” ({names[int(cb.value)]})"
            return [Conflict("modality", detail, spans_of([ca]), spans_of([cb]))]
    return []


def _antonym_conflicts(a: ClaimUnit, b: ClaimUnit) -> list[Conflict]:
    if len(a.negations) % 2 != len(b.negations) % 2:
        return []  # "does not support" and "opposes" say the same thing
    out = []
    for key in sorted({c.key for c in a.antonyms} & {c.key for c in b.antonyms}):
        sides_a = {c.value for c in a.antonyms if c.key == key}
        sides_b = {c.value for c in b.antonyms if c.key == key}
        if sides_a != sides_b and len(sides_a) == 1 and len(sides_b) == 1:
            ca = [c for c in a.antonyms if c.key == key]
            cb = [c for c in b.antonyms if c.key == key]
            out.append(Conflict("antonym", f"“{ca[0].text}” versus “{cb[0].text}”", spans_of(ca), spans_of(cb)))
    return out


def _stage_conflicts(a: ClaimUnit, b: ClaimUnit) -> list[Conflict]:
    out = []
    for scale in sorted({c.key for c in a.stages} & {c.key for c in b.stages}):
        ca = [c for c in a.stages if c.key == scale]
        cb = [c for c in b.stages if c.key == scale]
        level_a, level_b = max(int(c.value) for c in ca), max(int(c.value) for c in cb)
        if level_a != level_b:
            top_a = max(ca, key=lambda c: int(c.value))
            top_b = max(cb, key=lambda c: int(c.value))
            out.append(Conflict("stage", f"{scale} stage “{top_a.text}” ({level_a}) versus “{top_b.text}” ({level_b})",
                                (( top_a.start, top_a.end, top_a.text),), ((top_b.start, top_b.end, top_b.text),)))
    return out


def _figure_conflicts(a: ClaimUnit, b: ClaimUnit) -> list[Conflict]:
    out = []
    for kind in COMPARED_FIGURES:
        fa = [x for x in a.anchors if x.kind == kind]
        fb = [y for y in b.anchors if y.kind == kind]
        if kind == "month" and (fa or fb):  # "in juni" meets "on 12 June"
            fa, fb = fa + _date_months(a), fb + _date_months(b)
        if not fa or not fb:
            continue
        if kind == "money":
            # amounts in different currencies are not comparable without a rate; compare per currency
            currencies = {x.value.split(":")[0] for x in fa} & {y.value.split(":")[0] for y in fb}
            fa = [x for x in fa if x.value.split(":")[0] in currencies]
            fb = [y for y in fb if y.value.split(":")[0] in currencies]
            if not fa or not fb:
                continue
        if kind in ("count", "ordinal"):  # "two accused" and "12 years old" count different things
            pairs = [(x, y) for x in fa for y in fb if same_thing(_counted(a, x), _counted(b, y))]
            if not pairs:
                pairs = _leftover_counts(a, b, fa, fb)
            fa = list(dict.fromkeys(x for x, _ in pairs))
            fb = list(dict.fromkeys(y for _, y in pairs))
            if not pairs:
                continue
        if any(figures_agree(x, y) for x in fa for y in fb):
            continue
        text_a = ", ".join(x.text for x in fa)
        text_b = ", ".join(y.text for y in fb)
        out.append(Conflict("figure", f"{kind}: {text_a} versus {text_b}", spans_of(fa), spans_of(fb)))
    return out


def _date_months(unit: ClaimUnit) -> list[Anchor]:
    """The month of each full date of a unit, as a month anchor."""
    return [Anchor("month", str(int(d.value.split("-")[0])), d.start, d.end, d.text)
            for d in unit.anchors if d.kind == "date" and re.fullmatch(r"\d\d-\d\d", d.value)]


def _leftover_counts(a: ClaimUnit, b: ClaimUnit, fa: list[Anchor], fb: list[Anchor]) -> list[tuple[Anchor, Anchor]]:
    """The one count (or ordinal) each sentence has that the other lacks, when the two agree on another figure:
    sentences giving the same figures give the same count, whatever word they count it in ("36
    appearances" / "46 keer")."""
    xs = [x for x in fa if x.number and not any(figures_agree(x, y) for y in fb)]
    ys = [y for y in fb if y.number and not any(figures_agree(x, y) for x in fa)]
    if len(xs) != 1 or len(ys) != 1 or is_measurement(a, xs[0]) or is_measurement(b, ys[0]):
        return []  # "18 months" / "three years": measurements compare only in the same unit
    agreeing = any(figures_agree(x, y) and x.number != 0 for x in a.anchors if x.kind in AGREEMENT_KINDS
                   for y in b.anchors)
    return [(xs[0], ys[0])] if agreeing else []


def is_measurement(unit: ClaimUnit, figure: Anchor) -> bool:
    """The number is followed by a unit of measure ("18 months", "2,4 kilometer")."""
    after = re.match(r"\s*([\w'-]+)", unit.text[figure.end - unit.start :])
    return bool(after) and after.group(1).lower() in compare_lexicon(unit.lang).measure_units


def same_name(x: str, y: str) -> bool:
    """Two spellings of one name: equal, or one letter apart in a name of five letters or more
    ("Cordon" / "Corden"), or one the other plus a genitive or plural ending or a common noun."""
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2:
        return True
    if len(short) >= 4 and long_.startswith(short) and long_[len(short):] in known_vocabulary():
        return True  # a Dutch compound of the name and a common noun: "IJsseldijk" is the IJssel's dike
    if len(x) != len(y) or len(x) < 5:
        return False
    return sum(1 for p, q in zip(x, y, strict=True) if p != q) <= 1


def _unmatched(names: list[Anchor], known: frozenset[str], lang: str) -> list[Anchor]:
    """Names of people or organisations (not product codes such as "CVT-114") no name in ``known`` matches."""
    return [n for n in names if _rare(n.value, lang) and not any(ch.isdigit() for ch in n.value)
            and not any(same_name(n.value, k) for k in known)]


def _counted(unit: ClaimUnit, figure: Anchor) -> str | None:
    """What a count counts: the first content word right after it ("twelve *sensors*"), if any; none when
    the clause ends after the figure ("stay 14th, in June")."""
    clause = re.split(r"[,;:.!?()]", unit.text[figure.end - unit.start :], maxsplit=1)[0]
    after = re.findall(r"[\w-]+", clause.lower())[:2]
    tokens = pivot_tokens(after, compare_lexicon(unit.lang))
    return tokens[0] if tokens else None


def same_thing(x: str | None, y: str | None) -> bool:
    """Two counts are comparable when both say what they count and it is the same (a bare number may be
    a list mark, a footnote or part of "a few hundred")."""
    return x is not None and y is not None and (x == y or x[:4] == y[:4])


def _actor_conflicts(a: ClaimUnit, b: ClaimUnit, names_a: frozenset[str], names_b: frozenset[str]) -> list[Conflict]:
    only_a = _unmatched([x for x in a.anchors if x.kind == "name"], names_b, a.lang)
    only_b = _unmatched([y for y in b.anchors if y.kind == "name"], names_a, b.lang)
    if not only_a or not only_b:
        return []
    shown_a = ", ".join(dict.fromkeys(x.text for x in only_a))
    shown_b = ", ".join(dict.fromkeys(y.text for y in only_b))
    return [Conflict("actor", f"named actors differ: {shown_a} versus {shown_b}", spans_of(only_a), spans_of(only_b))]


@lru_cache(maxsize=20000)
def _rare(word: str, lang: str) -> bool:
    return zipf_frequency(word, lang) < ACTOR_MAX_ZIPF


def novel_figures(unit: ClaimUnit, other_figures: list[Anchor], conflicting: set[tuple[int, int]]) -> list[Anchor]:
    """Figures of ``unit`` that match no figure anywhere in the other sources (and are not already a
    reported conflict): an invented or unsourced number."""
    out = []
    for figure in unit.anchors:
        if figure.kind not in NOVEL_FIGURES or (figure.start, figure.end) in conflicting or figure.number == 0:
            continue  # "no comment" is not an invented figure
        if not any(figures_agree(figure, other) for other in other_figures):
            out.append(figure)
    return out


# "No fires have been reported" says the count of fires is zero. A summary fuses clauses, so the sentence
# of another source that counts fires may not be its best match; it still contradicts a zero count when it
# counts the same thing (more than zero) and shares another content word (what the count is about).
ZERO_COUNT_SHARED_WORDS = 1


def zero_count_conflicts(units: list[ClaimUnit], checked: set[tuple[int, int]],
                         sim) -> list[tuple[int, int, Conflict]]:
    """(unit, unit of another source, conflict) for each claim of a zero count ("no fires", "geen
    doden") and the sentence of each other source, most similar first, that counts the same thing; pairs
    ``checked`` by :func:`find_conflicts` already (mutual best matches) are left to it."""
    out = []
    by_source: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        by_source.setdefault(u.source, []).append(i)
    for i, u in enumerate(units):
        for zero in (x for x in u.anchors if x.kind == "count" and x.number == 0):
            thing = _counted(u, zero)
            if thing is None:
                continue
            for source, members in by_source.items():
                if source == u.source:
                    continue
                found = []
                for j in members:
                    v = units[j]
                    counts = [y for y in v.anchors if y.kind == "count" and y.number and
                              same_thing(thing, _counted(v, y))]
                    shared = (set(u.tokens) & set(v.tokens)) - {thing}
                    if counts and len(shared) >= ZERO_COUNT_SHARED_WORDS and not v.negations:
                        found.append((float(sim[i, j]), j, counts))
                if not found:
                    continue
                _, j, counts = max(found)
                if (min(i, j), max(i, j)) in checked:
                    continue
                none, some = _with_word(u, zero), ", ".join(_with_word(units[j], y) for y in counts)
                if i < j:
                    out.append((i, j, Conflict("figure", f"count: {none} versus {some}", spans_of([zero]), spans_of(counts))))
                else:
                    out.append((j, i, Conflict("figure", f"count: {some} versus {none}", spans_of(counts), spans_of([zero]))))
    return out


def _with_word(unit: ClaimUnit, figure: Anchor) -> str:
    """A count with the word after it, as the reader sees it ("No fires", "14 fires")."""
    after = re.match(r"\s+([\w-]+)", unit.text[figure.end - unit.start :])
    return f"{figure.text} {after.group(1)}" if after else figure.text
