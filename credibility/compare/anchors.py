"""Language-independent anchors of a sentence: figures, dates, names and quoted strings.

Anchors are what survives translation and paraphrase unchanged in meaning, so they tie an English and
a Dutch version of a claim together, and a mismatch between them (12 versus 15 injured, Monday versus
Tuesday) is the clearest sign that two sources disagree. Figures are normalised to values using the
conventions of the sentence's language ("1,5 miljoen" = "1.5 million" = 1,500,000).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import Document, Sentence
from ..lexicon import FUNCTION_WORDS_LIST
from ..word_frequencies import zipf_frequency
from .resources import CompareLexicon, known_vocabulary

# Kinds of figure that are compared as values; the others only help alignment.
FIGURE_KINDS = ("money", "percent", "count", "year", "date", "month", "weekday", "ordinal")

_NUMBER_RE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:(bn|mln|[kmb])\b)?")
_CODE_BEFORE_RE = re.compile(r"[A-Za-z][\-‑]?$")
_CLOCK_RE = re.compile(r"(?<![\w.,])([01]?\d|2[0-3])([:.])([0-5]\d)(?![\w]|[.,]\d)")
_QUOTE_RE = re.compile(r"[“\"„«‘]([^”\"“»’]{12,}?)[”\"“»’]")
_CAPITAL_RE = re.compile(r"^[A-ZÀ-ÖØ-Þ]")
# A sentence-initial capitalised word this frequent (Zipf scale, wordfreq) is an ordinary word.
COMMON_WORD_ZIPF = 3.9
_SUFFIX_MULTIPLIERS = {"k": 1e3, "m": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9}


@dataclass(frozen=True, slots=True)
class Anchor:
    """One anchor: ``kind`` (money, percent, count, ordinal, year, date, month, weekday, time, code, name, quote),
    a normalised ``value`` comparable across languages, and its span in the document text."""

    kind: str
    value: str
    start: int
    end: int
    text: str

    @property
    def number(self) -> float | None:
        """The numeric value of a figure (money: the amount; date: month*100+day)."""
        raw = self.value.rsplit(":", 1)[-1]
        try:
            return float(raw)
        except ValueError:
            return None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value}"


def parse_number(raw: str, lang: str) -> float | None:
    """``raw`` digits with separators as a value, reading ``.``/``,`` the way ``lang`` writes them."""
    decimal, thousands = (",", ".") if lang == "nl" else (".", ",")
    parts = re.split(r"([.,])", raw)
    if len(parts) == 1:
        return float(raw)
    seps = parts[1::2]
    groups = parts[0::2]
    last_sep, last_group = seps[-1], groups[-1]
    if len(set(seps)) == 2:  # both separators: the last one is the decimal mark
        decimal, thousands = last_sep, seps[0]
    elif last_sep == thousands and len(last_group) == 3 and all(len(g) == 3 for g in groups[1:]):
        decimal = ""
    elif len(seps) == 1 and len(last_group) != 3:
        decimal = last_sep  # "1,5" in an English text, "1.5" in a Dutch one: only a decimal fits
    elif last_sep == decimal and len(seps) == 1:
        pass
    elif all(len(g) == 3 for g in groups[1:]):
        decimal = ""  # repeated separators are thousands groups
    text = ""
    for i, group in enumerate(groups):
        text += group
        if i < len(seps):
            text += "." if seps[i] == decimal else ""
    try:
        return float(text)
    except ValueError:
        return None


def _fmt(value: float) -> str:
    return f"{value:.6g}"


def sentence_anchors(doc: Document, sentence: Sentence, lex: CompareLexicon) -> list[Anchor]:
    """All anchors of one sentence, in text order."""
    text = doc.text
    start, end = sentence.start, sentence.end
    anchors: list[Anchor] = []
    used: list[tuple[int, int]] = []
    anchors += _times(text, start, end, lex, used)
    words = list(range(sentence.first_word, sentence.end_word))
    anchors += _dates(doc, words, lex, used)
    anchors += _figures(doc, start, end, lex, used)
    anchors += _word_numbers(doc, words, lex, used)
    anchors += _ordinal_words(doc, sentence, words, lex, used)
    anchors += _names(doc, sentence, words, used)
    for match in _QUOTE_RE.finditer(text, start, end):
        body = " ".join(re.findall(r"\w+", match.group(1).lower()))
        if len(body.split()) >= 3:
            anchors.append(Anchor("quote", body, match.start(), match.end(), match.group(0)))
    anchors.sort(key=lambda a: (a.start, a.kind))
    return anchors


def _inside(pos: int, used: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in used)


def _times(text: str, start: int, end: int, lex: CompareLexicon, used: list[tuple[int, int]]) -> list[Anchor]:
    """Clock times: "21:30" always; "21.30" only after a time cue ("at", "om") or before a unit ("uur")."""
    out = []
    for match in _CLOCK_RE.finditer(text, start, end):
        before = re.search(r"(\w+)\s+$", text[max(start, match.start() - 15) : match.start()])
        after = re.match(r"\s*([\w.]+)", text[match.end() : end])
        after_word = after.group(1).lower().rstrip(".") if after else ""
        is_time = match.group(2) == ":" or (before and before.group(1).lower() in lex.time_before) or (
            after_word in lex.time_after
        )
        if not is_time:
            continue
        span_end = match.end() + (after.end() if after and after_word in lex.time_after else 0)
        value = f"{int(match.group(1)):02d}:{match.group(3)}"
        out.append(Anchor("time", value, match.start(), span_end, text[match.start() : span_end]))
        used.append((match.start(), span_end))
    return out


def _dates(doc: Document, words: list[int], lex: CompareLexicon, used: list[tuple[int, int]]) -> list[Anchor]:
    out = []
    lower = doc.words_lower
    for position, i in enumerate(words):
        word = lower[i].rstrip(".")
        if word in lex.weekdays:
            out.append(Anchor("weekday", str(lex.weekdays[word]), doc.word_starts[i], doc.word_ends[i],
                              doc.text[doc.word_starts[i]:doc.word_ends[i]]))
            continue
        if word not in lex.months:
            continue
        month = lex.months[word]
        prev_i = words[position - 1] if position > 0 else None
        next_i = words[position + 1] if position + 1 < len(words) else None
        day = None
        span_start, span_end = doc.word_starts[i], doc.word_ends[i]
        for j in (prev_i, next_i):
            if j is not None and lower[j].isdigit() and 1 <= int(lower[j]) <= 31:
                day = int(lower[j])
                span_start, span_end = min(span_start, doc.word_starts[j]), max(span_end, doc.word_ends[j])
                break
        if day is not None:
            out.append(Anchor("date", f"{month:02d}-{day:02d}", span_start, span_end, doc.text[span_start:span_end]))
            used.append((span_start, span_end))
        elif (next_i is not None and re.fullmatch(r"(19|20)\d\d", lower[next_i])) or (
                prev_i is not None and lower[prev_i] in lex.month_cues and _month_spelling(doc, i, lex)):
            out.append(Anchor("month", str(month), span_start, span_end, doc.text[span_start:span_end]))
    return out


def _month_spelling(doc: Document, i: int, lex: CompareLexicon) -> bool:
    """A bare month name is a month when written as one: capitalised in English ("in May", not "may"),
    as the language writes it elsewhere (Dutch months are lower case), and not an abbreviation ("Jan")."""
    original = doc.text[doc.word_starts[i] : doc.word_ends[i]]
    word = original.lower()
    full = max((w for w, m in lex.months.items() if m == lex.months[word]), key=len)
    if word != full and len(word) < len(full) - 1:  # "jan", "okt": names and codes as often as months
        return False
    return lex.lang != "en" or original[:1].isupper()


def _figures(doc: Document, start: int, end: int, lex: CompareLexicon, used: list[tuple[int, int]]) -> list[Anchor]:
    text = doc.text
    out = []
    for match in _NUMBER_RE.finditer(text, start, end):
        if _inside(match.start(), used):
            continue
        before = text[max(start, match.start() - 12) : match.start()]
        if _CODE_BEFORE_RE.search(before):
            out.append(Anchor("code", match.group(1), match.start(), match.end(), match.group(0)))
            continue
        value = parse_number(match.group(1), lex.lang)
        if value is None:
            continue
        span_start, span_end = match.start(), match.end()
        multiplier = _SUFFIX_MULTIPLIERS.get((match.group(2) or "").lower(), 1.0)
        after = text[span_end:end]
        word_match = re.match(r"\s+([\w.]+)", after)
        if multiplier == 1.0 and word_match and word_match.group(1).lower().rstrip(".") in lex.multipliers:
            multiplier = lex.multipliers[word_match.group(1).lower().rstrip(".")]
            span_end += word_match.end()
        value *= multiplier
        currency, percent = None, False
        before_unit = re.search(r"([€$£]|\b[A-Za-z]{3})\s?$", text[max(start, span_start - 5) : span_start])
        if before_unit and before_unit.group(1).lower() in lex.currencies:
            currency = lex.currencies[before_unit.group(1).lower()]
            span_start -= len(before_unit.group(0))
        rest = text[span_end:end]
        for pattern in (r"\s?%", r"\s+\w+\s+\w+", r"\s+\w+"):
            unit = re.match(pattern, rest)
            if not unit:
                continue
            word = unit.group(0).strip().lower()
            if word in lex.percent_words:
                percent = True
            elif currency is None and word in lex.currencies:
                currency = lex.currencies[word]
            else:
                continue
            span_end += unit.end()
            break
        raw = match.group(1)
        if currency:
            kind, norm = "money", f"{currency}:{_fmt(value)}"
        elif percent:
            kind, norm = "percent", _fmt(value)
        elif multiplier == 1.0 and re.fullmatch(r"(19|20)\d\d", raw):
            kind, norm = "year", raw
        elif multiplier == 1.0 and raw.isdigit() and (suffix := _ordinal_suffix(text, match.end(), end, lex)):
            kind, norm = "ordinal", str(int(raw))  # "14th", "14de"
            span_end = match.end() + len(suffix)
        else:
            kind, norm = "count", _fmt(value)
        out.append(Anchor(kind, norm, span_start, span_end, text[span_start:span_end]))
        used.append((span_start, span_end))
    return out


def _word_numbers(doc: Document, words: list[int], lex: CompareLexicon, used: list[tuple[int, int]]) -> list[Anchor]:
    out = []
    for position, i in enumerate(words):
        word = doc.words_lower[i]
        if word not in lex.number_words or _inside(doc.word_starts[i], used):
            continue
        if word in lex.number_homographs and _reads_as_verb(doc, words, position, lex):
            continue
        value = lex.number_words[word]
        span_end = doc.word_ends[i]
        if position + 1 < len(words) and doc.words_lower[words[position + 1]] in lex.multipliers:
            value *= lex.multipliers[doc.words_lower[words[position + 1]]]
            span_end = doc.word_ends[words[position + 1]]
        out.append(Anchor("count", _fmt(value), doc.word_starts[i], span_end, doc.text[doc.word_starts[i]:span_end]))
    return out


def _ordinal_suffix(text: str, pos: int, end: int, lex: CompareLexicon) -> str | None:
    """The ending that makes digits an ordinal ("14th", "3e"), when one follows them directly."""
    for suffix in lex.ordinal_suffixes:
        stop = pos + len(suffix)
        if stop <= end and text[pos:stop].lower() == suffix and not (stop < end and text[stop].isalnum()):
            return text[pos:stop]
    return None


# An ordinal that is also a unit of time is the unit after these ("per second", "a second").
_UNIT_BEFORE = frozenset({"per", "each", "every", "a", "an", "one"})


def _ordinal_words(doc: Document, sentence: Sentence, words: list[int], lex: CompareLexicon,
                   used: list[tuple[int, int]]) -> list[Anchor]:
    """Ordinal words ("third", "derde"); a capitalised one inside a sentence is part of a name or title
    ("First Minister", "Eerste Kamer")."""
    out = []
    for position, i in enumerate(words):
        word = doc.words_lower[i]
        if word not in lex.ordinals or _inside(doc.word_starts[i], used):
            continue
        original = doc.text[doc.word_starts[i] : doc.word_ends[i]]
        following = doc.text[doc.word_starts[words[position + 1]]] if position + 1 < len(words) else ""
        if original[:1].isupper() and (i != sentence.first_word or following.isupper()):
            continue  # "the Second World War", "First Minister Arlene Foster said"
        before = doc.words_lower[words[position - 1]] if position else ""
        if word in lex.ordinal_units and (before in _UNIT_BEFORE or before in lex.number_words or before.isdigit()):
            continue
        out.append(Anchor("ordinal", str(lex.ordinals[word]), doc.word_starts[i], doc.word_ends[i], original))
    return out


# Words before a number word that make it a number even when a function word follows ("om acht uur",
# "de acht die"); checked for number words that are also verb forms (Dutch "acht", from "achten").
_NUMBER_DETERMINERS = frozenset({"de", "het", "die", "deze", "om", "van", "tot", "met", "er", "nog", "ruim",
                                 "ongeveer", "zo'n", "bijna", "circa", "the", "of", "at", "to", "about"})


def _reads_as_verb(doc: Document, words: list[int], position: int, lex: CompareLexicon) -> bool:
    """A number word that is also a verb form ("Het kabinet acht de kans klein") is read as the verb when
    a function word, pronoun or nothing follows it and no determiner or preposition precedes it."""
    lower = doc.words_lower
    before = doc.text[doc.word_starts[words[position - 1]]:doc.word_ends[words[position - 1]]] if position else ""
    if before.lower() in _NUMBER_DETERMINERS and not before.isupper():  # "om acht uur", not "het OM acht"
        return False
    after = lower[words[position + 1]] if position + 1 < len(words) else ""
    if after in lex.multipliers or after in lex.percent_words or after in lex.currencies:
        return False
    function_words = doc.resources.words(FUNCTION_WORDS_LIST) if doc.resources else frozenset()
    return not after or after in lex.stopwords or after in function_words or not after.isalpha()


@lru_cache(maxsize=20000)
def _common_word(word: str, lang: str | None) -> bool:
    return bool(lang) and zipf_frequency(word, lang) >= COMMON_WORD_ZIPF


def name_form(word: str, original: str, lang: str | None) -> str:
    """One form for the ways a name is written in a word: "GPT-modellen", "Ghent-based" → the name
    before a lower-case compound tail; Dutch adjectives of places "Gentse" → "gent"."""
    head, dash, _ = original.partition("-")
    if dash and head and original[len(head) + 1 : len(head) + 2].islower():
        word = word[: len(head)]
    if lang == "nl" and word.endswith("se") and len(word) >= 6 and word == original.lower():
        word = word[:-2]
    return word


def _names(doc: Document, sentence: Sentence, words: list[int], used: list[tuple[int, int]]) -> list[Anchor]:
    """Capitalised words that no word list knows as a common word: people, places, organisations."""
    vocabulary = known_vocabulary()
    not_names = doc.resources.words("attribution_not_names") if doc.resources else frozenset()
    wordfreq_lang = doc.resources.wordfreq_lang if doc.resources else None
    out = []
    for i in words:
        original = doc.text[doc.word_starts[i] : doc.word_ends[i]]
        if not _CAPITAL_RE.match(original) or original.isdigit() or _inside(doc.word_starts[i], used):
            continue
        word = name_form(doc.words_lower[i], original, doc.lang)
        forms = {word, word.rstrip("s"), word[:-2] if word.endswith(("es", "en")) else word}
        if forms & vocabulary or word in not_names or len(word) < 2:
            continue
        if i == sentence.first_word and (len(word) <= 3 or _common_word(word, wordfreq_lang)):
            continue  # a capital that only marks the start of a sentence
        out.append(Anchor("name", word.replace("’", "'").removesuffix("'s"), doc.word_starts[i], doc.word_ends[i], original))
    return out
