"""The word lists the comparison needs, read once from ``credibility/lexicons``.

Per language: ``compare_negations`` / ``compare_negation_exceptions`` / ``compare_antonyms`` / ``compare_scales`` / ``compare_numbers`` /
``compare_dates`` / ``compare_ordinals`` / ``compare_measure_units`` / ``compare_stopwords`` / ``compare_syndication`` / ``compare_outlet_cues`` /
``compare_synonyms`` (phrases compared as one English phrase) / ``compare_certainty`` / ``compare_near_zero``; shared:
``_bilingual/en-nl.txt`` (Dutch → English pivot). Keeping them as data lets a reviewer see exactly which
words can make two sources "contradict", and lets a new language be added without code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from ..lexicon import (
    LEXICON_ROOT,
    LexiconEntry,
    PhraseMatcher,
    phrase_key,
    read_entries,
    resources_for,
    supported_languages,
)
from .words import stem

BILINGUAL_DIR = "_bilingual"
# Languages whose words are mapped into English (the pivot) through ``_bilingual/en-<lang>.txt``.
PIVOT_LANG = "en"


@dataclass(frozen=True)
class CompareLexicon:
    """Everything language-specific for one language; empty lists for a language without files."""

    lang: str
    negations: PhraseMatcher
    negation_exceptions: PhraseMatcher  # "not only": a negation word that negates nothing
    implicit_negatives: PhraseMatcher  # "voted against", "opposed": a no without a negation word
    antonyms: PhraseMatcher  # note = "<pair key>|<side>" (";"-joined when a form is in several pairs)
    scales: PhraseMatcher  # note = "<scale>|<level>"
    modality: PhraseMatcher  # note = "<level>": 1 possible, 2 probable, 3 certain (0: ability, not a modal)
    number_words: dict[str, float]
    multipliers: dict[str, float]
    percent_words: frozenset[str]
    currencies: dict[str, str]
    units: PhraseMatcher  # currencies and percent words/symbols; note = "currency EUR" | "percent"
    months: dict[str, int]
    weekdays: dict[str, int]
    month_cues: frozenset[str]  # "in June", "sinds maart": a month name without day or year after these
    ordinals: dict[str, int]  # "third" → 3, "derde" → 3
    ordinal_suffixes: tuple[str, ...]  # "14th", "14de": endings of written ordinals
    ordinal_units: frozenset[str]  # ordinals that are also a unit of time ("second")
    measure_units: frozenset[str]  # "months", "km": a number before one is a measurement
    time_before: frozenset[str]  # "at 21.30", "om 21.30": the figure is a clock time
    time_after: frozenset[str]  # "21.30 uur", "9.30 am"
    stopwords: frozenset[str]
    syndication: PhraseMatcher
    outlet_cues: PhraseMatcher
    captions: frozenset[str] = frozenset()  # words opening a caption or photo credit ("foto", "photo")
    bylines: frozenset[str] = frozenset()  # words opening a byline ("door", "by")
    actions: tuple[str, ...] = ()  # words opening a call to the reader ("download", "subscribe")
    number_homographs: frozenset[str] = frozenset()  # number words that are also verbs ("acht")
    certainty: PhraseMatcher = field(default_factory=lambda: PhraseMatcher("compare_certainty", []))  # note: cause | unknown | about
    status_keys: frozenset[str] = frozenset()  # antonym pairs that name a lasting property ("voluntary~mandatory")
    near_zero: frozenset[str] = frozenset()  # "almost" in "almost no side effects"
    verb_negations: PhraseMatcher = field(default_factory=lambda: PhraseMatcher("compare_negations", []))  # "not", "niet"
    articles: frozenset[str] = frozenset()  # "the", "een": a negation before one bears on a thing, not a verb
    pivot: dict[str, str] = field(default_factory=dict)  # source-language phrase → English phrase
    pivot_max_words: int = 1


def _matcher(lang: str, name: str) -> PhraseMatcher:
    """The (cached) matcher of one list of ``lang``; empty for a language without a lexicon folder."""
    res = resources_for(lang)
    return res.matcher(name) if res else PhraseMatcher(name, [])


def _entries(lang: str, name: str) -> list[LexiconEntry]:
    return _matcher(lang, name).entries


def _words(lang: str, name: str) -> frozenset[str]:
    res = resources_for(lang)
    return res.words(name) if res else frozenset()


def _pairs(lang: str, name: str, sep: str) -> list[tuple[str, str]]:
    """``left <sep> right`` lines of a list (comments already dropped)."""
    out = []
    for entry in _entries(lang, name):
        left, found, right = entry.pattern.partition(sep)
        if found and left.strip() and right.strip():
            out.append((left.strip().lower(), right.strip().lower()))
    return out


@cache
def bilingual(lang: str) -> dict[str, str]:
    """``lang`` phrase → English phrase (empty for English itself or a language without a glossary)."""
    if lang == PIVOT_LANG:
        return {}
    path = LEXICON_ROOT / BILINGUAL_DIR / f"{PIVOT_LANG}-{lang}.txt"
    if not path.is_file():
        return {}
    mapping: dict[str, str] = {}
    for entry in read_entries(path):
        left, found, right = entry.pattern.partition(" = ")
        if found:
            mapping.setdefault(phrase_key(left), phrase_key(right))
    return mapping


def to_pivot(lang: str, phrase: str) -> str:
    """A phrase in English terms (unchanged for English or when the glossary lacks it)."""
    phrase = phrase_key(phrase)
    return bilingual(lang).get(phrase, phrase)


def _english_hit(lang: str, forms: list[str], english_by_stem: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    if lang == PIVOT_LANG:
        return None
    for form in forms:
        hit = english_by_stem.get(stem(to_pivot(lang, form)))
        if hit:
            return hit
    return None


def _forms(side: str) -> list[str]:
    return [f.strip() for f in side.split(",") if f.strip()]


@cache
def antonym_index(lang: str) -> dict[str, list[tuple[str, str]]]:
    """Every antonym form of ``lang`` → (pair key, side), with keys shared across languages.

    A line is ``forms of one side ~ forms of the other`` (comma-separated inflections); the first form
    of each side names it. A Dutch form whose English gloss is a known English form takes that English
    pair's key and side, so "gestegen" (nl) and "fell" (en) are recognised as opposites.
    """
    english = antonym_index(PIVOT_LANG) if lang != PIVOT_LANG else {}
    english_by_stem = {stem(form): hits[0] for form, hits in english.items()}
    index: dict[str, list[tuple[str, str]]] = {}
    for left, right in _pairs(lang, "compare_antonyms", " ~ "):
        sides = [_forms(left), _forms(right)]
        if not sides[0] or not sides[1]:
            continue
        key, names = "~".join(sorted((sides[0][0], sides[1][0]))), [sides[0][0], sides[1][0]]
        hits = [_english_hit(lang, forms, english_by_stem) for forms in sides]
        anchor = next((h for h in hits if h), None)
        if anchor:  # tie the pair to the English pair one of its sides translates to
            key = anchor[0]
            for i, hit in enumerate(hits):
                if hit and hit[0] == key:
                    names[i] = hit[1]
            for i in (0, 1):
                if not (hits[i] and hits[i][0] == key):
                    names[i] = next(p for p in key.split("~") if p != names[1 - i])
        for forms, name in zip(sides, names, strict=True):
            for form in forms:
                if (key, name) not in index.setdefault(form, []):
                    index[form].append((key, name))
    return index


def _status_keys(lang: str) -> frozenset[str]:
    """The keys of the antonym pairs marked ``| status`` (a lasting property, not an event)."""
    index = antonym_index(lang)
    keys: set[str] = set()
    for entry in _entries(lang, "compare_antonyms"):
        if "status" in entry.note:
            first = _forms(entry.pattern.partition(" ~ ")[0].strip().lower())[:1]
            keys.update(key for form in first for key, _ in index.get(form, []))
    return frozenset(keys)


@cache
def compare_lexicon(lang: str) -> CompareLexicon:
    """The comparison lists of ``lang`` (compiled once per process)."""
    antonym_entries = [
        LexiconEntry(form, ";".join(f"{key}|{side}" for key, side in hits))
        for form, hits in antonym_index(lang).items()
    ]
    scale_entries = []
    for head, phrase in _pairs(lang, "compare_scales", ":"):
        scale, _, level = head.rpartition(" ")
        if scale and level.isdigit():
            scale_entries.append(LexiconEntry(phrase, f"{scale}|{level}"))
    modality_entries = [LexiconEntry(phrase, level) for level, phrase in _pairs(lang, "compare_modality", ":")
                        if level.isdigit()]
    number_words: dict[str, float] = {}
    multipliers: dict[str, float] = {}
    percent_words: set[str] = set()
    currencies: dict[str, str] = {}
    unit_entries = []
    for word, value in _pairs(lang, "compare_numbers", " = "):
        if value.startswith("×"):
            multipliers[word] = float(value[1:])
        elif value == "percent":
            percent_words.add(word)
            unit_entries.append(LexiconEntry(word, "percent"))
        elif value.startswith("currency "):
            currencies[word] = value.split()[1].upper()
            unit_entries.append(LexiconEntry(word, value))
        else:
            number_words[word] = float(value)
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    time_before: set[str] = set()
    time_after: set[str] = set()
    month_cues: set[str] = set()
    for word, value in _pairs(lang, "compare_dates", " = "):
        kind, _, number = value.partition(" ")
        if kind == "time":
            (time_before if number == "before" else time_after).add(word)
        elif value == "month cue":
            month_cues.add(word)
        elif number.isdigit():
            (months if kind == "month" else weekdays)[word] = int(number)
    ordinals: dict[str, int] = {}
    suffixes: list[str] = []
    for word, value in _pairs(lang, "compare_ordinals", " = "):
        if value == "suffix" and word.startswith("-"):
            suffixes.append(word[1:])
        elif value.isdigit():
            ordinals[word] = int(value)
    # the glossary into English, and (English) phrases compared as one English phrase
    glossary = {**dict(_pairs(lang, "compare_synonyms", " = ")), **bilingual(lang)}
    furniture = _pairs(lang, "compare_furniture", ":")
    return CompareLexicon(
        lang=lang,
        negations=_matcher(lang, "compare_negations"),
        negation_exceptions=_matcher(lang, "compare_negation_exceptions"),
        implicit_negatives=_matcher(lang, "compare_implicit_negatives"),
        antonyms=PhraseMatcher("compare_antonyms", antonym_entries),
        scales=PhraseMatcher("compare_scales", scale_entries),
        modality=PhraseMatcher("compare_modality", modality_entries),
        number_words=number_words,
        multipliers=multipliers,
        percent_words=frozenset(percent_words),
        currencies=currencies,
        units=PhraseMatcher("compare_units", unit_entries),
        months=months,
        weekdays=weekdays,
        month_cues=frozenset(month_cues),
        ordinals=ordinals,
        ordinal_suffixes=tuple(sorted(suffixes, key=len, reverse=True)),
        ordinal_units=frozenset(e.pattern.partition(" = ")[0].strip().lower()
                                for e in _entries(lang, "compare_ordinals") if "unit" in e.note),
        time_before=frozenset(time_before),
        time_after=frozenset(time_after),
        stopwords=_words(lang, "compare_stopwords"),
        syndication=_matcher(lang, "compare_syndication"),
        outlet_cues=_matcher(lang, "compare_outlet_cues"),
        captions=frozenset(word for kind, word in furniture if kind == "caption"),
        bylines=frozenset(word for kind, word in furniture if kind == "byline"),
        actions=tuple(word for kind, word in furniture if kind == "action"),
        number_homographs=_words(lang, "compare_number_homographs"),
        measure_units=_words(lang, "compare_measure_units"),
        certainty=_matcher(lang, "compare_certainty"),
        status_keys=_status_keys(lang),
        near_zero=_words(lang, "compare_near_zero"),
        verb_negations=PhraseMatcher("compare_negations", [e for e in _entries(lang, "compare_negations")
                                                           if e.note.startswith("verb")]),
        articles=frozenset(e.pattern.lower() for e in _entries(lang, "compare_stopwords") if e.note == "article"),
        pivot=glossary,
        pivot_max_words=max((len(k.split()) for k in glossary), default=1),
    )


@cache
def known_vocabulary() -> frozenset[str]:
    """Every single word any comparison list or glossary knows: such words are not names."""
    words: set[str] = set()
    for lang in supported_languages():
        lex = compare_lexicon(lang)
        words |= lex.stopwords | set(lex.number_words) | set(lex.months) | set(lex.weekdays) | set(lex.ordinals)
        for phrase, english in lex.pivot.items():
            words.update(phrase.split())
            words.update(english.split())
    return frozenset(words)
