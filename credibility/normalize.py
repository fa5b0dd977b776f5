"""Text normalisation before scoring, with a map back to the text the user gave.

Every signal and model reads the normalised text; evidence is shown in the original text. Normalising:

1. line ends to ``\\n``; C0/C1 control characters dropped (they break offsets);
2. invisible characters dropped (zero-width space/joiner/non-joiner, word joiner, BOM, soft hyphen,
   bidirectional controls, tag characters), odd whitespace (no-break space, the U+2000 spaces, narrow
   no-break space, ideographic space) turned into a plain space;
3. compatibility forms folded with NFKC where it is safe: fullwidth letters and digits, mathematical
   alphanumerics (``𝐚`` -> ``a``) and Latin ligatures (``ﬁ`` -> ``fi``) only, never NFKC over the whole text
   (it would also turn ``…`` into ``...``, ``²`` into ``2`` and ``½`` into ``1⁄2``, changing the features of clean
   text);
4. NFC;
5. Cyrillic and Greek look-alikes of Latin letters (``credibility/data/confusables.json``) folded, but only
   inside a word that also has Latin letters, or in a word made only of Cyrillic look-alikes whose neighbouring
   words are Latin (``а`` for the article "a"). Genuine Cyrillic or Greek words are never rewritten.

What was removed or folded *as evidence of manipulation* is kept as :class:`Finding` s (look-alike letters,
zero-width characters inside a word, bidi controls, tag characters): the ``obfuscation`` signal reports them.
No-break spaces, soft hyphens and ligatures are normal typesetting: normalised, never reported.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CONFUSABLES_FILE = Path(__file__).with_name("data") / "confusables.json"

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"  # Cc except \t \n (\r: line ends), lone surrogates
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e\u2061-\u2064"
_BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"
_TAGS = "\U000e0000-\U000e007f"
_SOFT_HYPHEN = "\u00ad"
_ODD_SPACE = "\u00a0\u2000-\u200a\u202f\u205f\u3000"
_STYLED = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff"  # fullwidth and mathematical alphanumerics
_LIGATURES = "\ufb00-\ufb06"
_INVISIBLE = _ZERO_WIDTH + _BIDI + _TAGS + _SOFT_HYPHEN

_LAYER1_RE = re.compile(f"\r\n?|[{_CONTROL}]+|[{_INVISIBLE}]+|[{_ODD_SPACE}]|[{_STYLED}]+|[{_LIGATURES}]")
_LAYER1_ASCII_RE = re.compile(f"\r\n?|[{_CONTROL}]+")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_CONTROL_RE = re.compile(f"[{_CONTROL}]")
_STYLED_RE = re.compile(f"[{_STYLED}]")
# Overrides reverse what is displayed (the "Trojan Source" trick); tag characters hide text from readers.
# Evidence wherever they are. Embeddings, isolates, pops and the marks LRM/RLM/ALM are left behind by
# copy-paste from right-to-left or social-media text (the corpora have them): evidence only inside a word.
_ALWAYS_EVIDENCE_RE = re.compile(f"[\u202d\u202e{_TAGS}]")
_NFC_SEGMENT_RE = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")
_BLACK_FLAG = "\U0001f3f4"  # tag characters after it spell a subdivision flag (England, Scotland, Wales)

KIND_HOMOGLYPH = "homoglyph"
KIND_INVISIBLE = "invisible_char"


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of obfuscation in the original text: ``original[start:end]``, how many characters, why."""

    kind: str  # KIND_HOMOGLYPH or KIND_INVISIBLE
    start: int
    end: int
    chars: int
    reason: str


@dataclass(frozen=True, slots=True)
class _Layer:
    """One rewriting pass as sorted, non-overlapping edits: input ``[in_start, in_end)`` became output
    ``[out_start, out_end)``. Text outside the edits is copied unchanged."""

    in_starts: list[int]
    in_ends: list[int]
    out_starts: list[int]
    out_ends: list[int]

    def to_input(self, pos: int, *, end: bool) -> int:
        return _through(pos, end, self.out_starts, self.out_ends, self.in_starts, self.in_ends)

    def to_output(self, pos: int, *, end: bool) -> int:
        return _through(pos, end, self.in_starts, self.in_ends, self.out_starts, self.out_ends)


def _through(pos: int, end: bool, src_starts: list[int], src_ends: list[int],
             dst_starts: list[int], dst_ends: list[int]) -> int:
    """Map a start (``end=False``) or exclusive end offset across one layer's edits.

    A start next to removed characters lands after them and an end before them, so a span never swallows
    removed characters at its edges; characters removed inside a span stay inside it. Inside an edit of
    equal length the map is per character; inside any other edit a start goes to its beginning and an end
    to its end.
    """
    i = (bisect.bisect_left(src_starts, pos) if end else bisect.bisect_right(src_starts, pos)) - 1
    if i < 0:
        return pos
    s, e, ds, de = src_starts[i], src_ends[i], dst_starts[i], dst_ends[i]
    if s < e and (pos < e or (end and pos == e)):
        if e - s == de - ds:
            return ds + (pos - s)
        return de if end else ds
    return de + (pos - e)


@dataclass(slots=True)
class OffsetMap:
    """Normalised offsets -> original offsets (and back), through each pass's edits. Empty = identity."""

    layers: list[_Layer] = field(default_factory=list)

    @property
    def identity(self) -> bool:
        return not self.layers

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of normalised ``[start, end)``."""
        for layer in reversed(self.layers):
            start, end = layer.to_input(start, end=False), layer.to_input(end, end=True)
        return start, end

    def to_normalised(self, start: int, end: int) -> tuple[int, int]:
        """The normalised span of original ``[start, end)`` (empty when all of it was removed)."""
        for layer in self.layers:
            start, end = layer.to_output(start, end=False), layer.to_output(end, end=True)
        return start, max(start, end)


@dataclass(frozen=True, slots=True)
class Normalised:
    text: str
    offsets: OffsetMap
    findings: tuple[Finding, ...] = ()


def normalise(original: str) -> Normalised:
    """The text every signal reads, its map back to ``original`` and the obfuscation found on the way."""
    offsets = OffsetMap()
    findings: list[Finding] = []
    text = _layer1(original, offsets, findings)
    if not text.isascii():
        text = _nfc(text, offsets)
        # Latin 'a' + accent composes after folding, which can join two words into one mixed word ('aа' +
        # U+0301 + 'аж' -> 'aáаж'), so fold again until nothing changes: every round that changes the text
        # folds at least one look-alike, so this ends, and cleaning the result again changes nothing.
        while _confusable_class().search(text):
            folded = _nfc(_fold_confusables(text, offsets, findings), offsets)
            if folded == text:
                break
            text = folded
    findings.sort(key=lambda f: (f.start, f.end))
    return Normalised(text, offsets, tuple(findings))


def _apply(text: str, edits: list[tuple[int, int, str]], offsets: OffsetMap) -> str:
    """Apply sorted non-overlapping ``(start, end, replacement)`` edits and record them as a layer."""
    if not edits:
        return text
    parts: list[str] = []
    layer = _Layer([], [], [], [])
    last = out = 0
    for start, end, replacement in edits:
        parts.append(text[last:start])
        out += start - last
        layer.in_starts.append(start)
        layer.in_ends.append(end)
        layer.out_starts.append(out)
        out += len(replacement)
        layer.out_ends.append(out)
        parts.append(replacement)
        last = end
    parts.append(text[last:])
    offsets.layers.append(layer)
    return "".join(parts)


def _layer1(text: str, offsets: OffsetMap, findings: list[Finding]) -> str:
    pattern = _LAYER1_ASCII_RE if text.isascii() else _LAYER1_RE
    edits: list[tuple[int, int, str]] = []
    for m in pattern.finditer(text):
        found, start, end = m.group(), m.start(), m.end()
        first = found[0]
        if first == "\r":
            edits.append((start, end, "\n"))
        elif _INVISIBLE_RE.match(first):
            edits.append((start, end, ""))
            finding = _invisible_finding(text, start, end)
            if finding:
                findings.append(finding)
        elif first in _ODD_SPACE_SET:
            edits.append((start, end, " "))
        elif _CONTROL_RE.match(first):
            edits.append((start, end, ""))
        else:  # a run of fullwidth or mathematical letters (one letter each: evidence), or a ligature (typesetting)
            folded = "".join(unicodedata.normalize("NFKC", c) for c in found)
            edits.append((start, end, folded))
            if first not in _LIGATURE_SET:
                many = "styled letters" if len(found) > 1 else "styled letter"
                findings.append(Finding(KIND_HOMOGLYPH, start, end, len(found),
                                        f"{many} for '{folded}' ({_describe(first)}{', …' if len(found) > 1 else ''})"))
    return _apply(text, edits, offsets)


_LIGATURE_SET = frozenset(chr(c) for c in range(0xFB00, 0xFB07))
_ODD_SPACE_SET = frozenset(chr(c) for c in (0xA0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000))


def _invisible_finding(text: str, start: int, end: int) -> Finding | None:
    """A run of invisible characters that is evidence: bidi/tag controls anywhere (except the tags of a
    subdivision flag), zero-width characters inside a word; ``None`` for soft hyphens, emoji joiners,
    and invisible characters at word edges."""
    run = text[start:end]
    evidence = [c for c in run if _ALWAYS_EVIDENCE_RE.match(c)]
    if evidence and all(c >= "\U000e0000" for c in evidence) and start > 0 and text[start - 1] == _BLACK_FLAG:
        evidence = []
    # Inside a Latin word only: zero-width (non-)joiners are part of spelling in Persian, Arabic and Indic text.
    inside = start > 0 and end < len(text) and _latin_or_lookalike(text[start - 1]) and _latin_or_lookalike(text[end])
    if not evidence and inside:
        evidence = [c for c in run if c != _SOFT_HYPHEN]
    if not evidence:
        return None
    where = "inside a word" if inside else "in the text"
    if all(c >= "\U000e0000" for c in evidence):  # tag characters mirror ASCII: show what they spell
        hidden = "".join(chr(ord(c) - 0xE0000) for c in evidence if 0xE0020 <= ord(c) <= 0xE007E)
        shown = hidden if len(hidden) <= 60 else hidden[:59] + "…"
        return Finding(KIND_INVISIBLE, start, end, len(evidence), f"invisible tag characters {where} spelling '{shown}'")
    names = sorted({_describe(c) for c in evidence})
    names = names if len(names) <= 3 else [*names[:3], f"and {len(names) - 3} more"]
    return Finding(KIND_INVISIBLE, start, end, len(evidence), f"invisible {', '.join(names)} {where}")


def _latin_or_lookalike(char: str) -> bool:
    return char.isascii() and char.isalnum() or _is_latin(char) or char in confusables() \
        or _STYLED_RE.match(char) is not None


def _describe(char: str) -> str:
    name = unicodedata.name(char, "").lower()
    return f"{name} (U+{ord(char):04X})" if name else f"U+{ord(char):04X}"


def _nfc(text: str, offsets: OffsetMap) -> str:
    """NFC, applied per run of non-ASCII characters (with the ASCII character before it): ASCII characters
    never compose with what precedes them, so this equals NFC of the whole text and keeps the map fine."""
    if unicodedata.is_normalized("NFC", text):
        return text
    edits = []
    for m in _NFC_SEGMENT_RE.finditer(text):
        composed = unicodedata.normalize("NFC", m.group())
        if composed != m.group():
            edits.extend(_nfc_pieces(m.group(), m.start(), composed))
    return _apply(text, edits, offsets)


def _nfc_pieces(segment: str, offset: int, composed: str) -> list[tuple[int, int, str]]:
    """The changed pieces of one segment, each a base character with the marks that follow it, so that
    a span after ``e + combining accent`` does not stretch over the next characters; the whole segment
    when the pieces do not add up to its NFC (a script whose starters compose, e.g. Hangul jamo)."""
    cuts = [i for i, c in enumerate(segment)
            if i == 0 or (unicodedata.combining(c) == 0 and not unicodedata.category(c).startswith("M")
                          and not "\u1160" <= c <= "\u11ff")]
    pieces = []
    for a, b in zip(cuts, [*cuts[1:], len(segment)], strict=True):
        nfc = unicodedata.normalize("NFC", segment[a:b])
        pieces.append((offset + a, offset + b, nfc, nfc != segment[a:b]))
    if "".join(p[2] for p in pieces) != composed:
        return [(offset, offset + len(segment), composed)]
    return [(start, end, nfc) for start, end, nfc, changed in pieces if changed]


@lru_cache(maxsize=1)
def confusables() -> dict[str, str]:
    """Look-alike letter -> the Latin letter it imitates (see the provenance in the data file)."""
    data = json.loads(CONFUSABLES_FILE.read_text(encoding="utf-8"))
    return {char: entry["latin"] for char, entry in data["confusables"].items()}


@lru_cache(maxsize=1)
def _confusable_class() -> re.Pattern[str]:
    return re.compile(f"[{''.join(sorted(confusables()))}]")


_WORD_RE = re.compile(r"\w+")
_CONTEXT_WORDS = 2  # words each side that decide whether a word made only of look-alikes is Latin


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalpha() or unicodedata.name(char, "").startswith("LATIN")


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ")[0].title()


def _fold_confusables(text: str, offsets: OffsetMap, findings: list[Finding]) -> str:
    table = confusables()
    words = list(_WORD_RE.finditer(text))
    mixed = {i for i, m in enumerate(words) if any(c in table for c in m.group())
             and any(_is_latin(c) for c in m.group() if c.isalpha())}
    folded = _with_lone_lookalikes(words, mixed, table)
    edits: list[tuple[int, int, str]] = []
    for i in sorted(folded):
        m = words[i]
        word = m.group()
        edits.append((m.start(), m.end(), "".join(table.get(c, c) for c in word)))
        what = f"inside a Latin word '{word}'" if i in mixed else f"in the Latin-script word '{word}'"
        for j, c in enumerate(word):
            if c in table:
                start, end = offsets.to_original(m.start() + j, m.start() + j + 1)
                findings.append(Finding(KIND_HOMOGLYPH, start, end, 1, f"{_script(c)} '{c}' {what}"))
    return _apply(text, edits, offsets)


def _with_lone_lookalikes(words: list[re.Match[str]], folded: set[int], table: dict[str, str]) -> set[int]:
    """``folded`` plus every word made only of Cyrillic look-alikes among Latin words (``а`` for the article
    "a"), where words already folded count as Latin. A worklist, so the result does not depend on the order
    of the words (and folding the cleaned text again changes nothing). Greek is left alone: a lone Greek
    letter in Latin text is usually meant (``α-helix``, ``ν = 3``)."""
    folded = set(folded)
    candidates = {i for i, m in enumerate(words) if i not in folded
                  and all(c in table and _script(c) == "Cyrillic" for c in m.group())}
    todo = sorted(candidates)
    while todo:
        i = todo.pop()
        if i in folded or not _latin_context(words, i, table, folded):
            continue
        folded.add(i)
        todo.extend(j for j in range(i - _CONTEXT_WORDS, i + _CONTEXT_WORDS + 1) if j in candidates and j not in folded)
    return folded


def _latin_context(words: list[re.Match[str]], i: int, table: dict[str, str], folded: set[int]) -> bool:
    """Whether the neighbouring words are Latin: some Latin letter (a folded word counts as Latin), and no
    Cyrillic letter that is not a look-alike (``а`` among Latin words is a trick, next to ``ты`` Russian)."""
    latin = False
    for j in [*range(max(0, i - _CONTEXT_WORDS), i), *range(i + 1, min(len(words), i + 1 + _CONTEXT_WORDS))]:
        if j in folded:
            latin = True
        for c in words[j].group():
            if not c.isalpha() or c in table:
                continue
            if _is_latin(c):
                latin = True
            elif _script(c) == "Cyrillic":
                return False
    return latin
