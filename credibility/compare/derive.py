"""Which sources are derivative of others: copied passages, translations, credits and syndication notices.

Evidence, strongest first: a syndication notice or a credit naming another source's outlet ("first
published by Northsea Wire", "meldt NOS"); near-duplicate passages (shared 6-word sequences) in the
same language; a translation (most sentences of one source aligned closely, in order, with a source in
another language). The direction comes from the notice or credit, then from publication dates, then
from coverage (the source that adds nothing of its own copies the one that has more); when none of these
decides, the relation is reported with its direction unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document
from .align import Link
from .resources import compare_lexicon
from .units import ClaimUnit

SHINGLE = 6
COPY_SHARE = 0.2  # share of a source's 6-word sequences found in another: copied passages
TRANSLATION_SHARE = 0.6  # share of a source's claims closely aligned, in order, across languages
TRANSLATION_SIMILARITY = 0.35
NOTICE_MAX_WORDS = 20


@dataclass(slots=True)
class Relation:
    """``source`` derives from ``origin`` (indices; origin None = an outlet outside this set)."""

    source: int
    origin: int | None
    kinds: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    share: float = 0.0
    direction_known: bool = True


def outlet_names(doc: Document, label: str) -> list[str]:
    """Ways another article may name this source's outlet: its site ("nos.nl" → "nos") and label."""
    names = []
    for raw in (doc.site, label):
        if not raw:
            continue
        raw = raw.strip()
        names.append(raw)
        host = re.sub(r"^(https?://)?(www\.)?", "", raw).split("/")[0]
        if "." in host and " " not in host:
            names.append(host.rsplit(".", 1)[0])
    return [n for n in dict.fromkeys(names) if len(n) >= 2 and not re.fullmatch(r"[\w-]+\.(txt|md|html?)", n)]


def _mentions(text: str, name: str) -> re.Match[str] | None:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)


def notices(doc: Document) -> list[tuple[int, str]]:
    """Sentences carrying a syndication notice: (sentence index, sentence text)."""
    lex = compare_lexicon(doc.lang)
    found = []
    last_paragraph = len(doc.paragraphs) - 1
    for match in lex.syndication.finditer(doc.text):
        sentence = doc.sentence_at(match.start)
        if sentence is None:
            continue
        edge = sentence.paragraph in (0, last_paragraph)
        if sentence.word_count <= NOTICE_MAX_WORDS and (edge or match.text.startswith("(")):
            found.append((sentence.index, doc.sentence_text(sentence)))
    return list(dict.fromkeys(found))


def credits(doc: Document, name: str) -> list[str]:
    """Sentences of ``doc`` that credit the outlet ``name`` next to an attribution cue."""
    lex = compare_lexicon(doc.lang)
    out = []
    for sentence in doc.sentences:
        text = doc.sentence_text(sentence)
        if _mentions(text, name) and (lex.outlet_cues.search(text) or lex.syndication.search(text)):
            out.append(text)
    return out


def shingles(doc: Document) -> set[tuple[str, ...]]:
    words = doc.words_lower
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _date_order(a: Document, b: Document) -> int:
    """-1 when a was published before b, 1 after, 0 unknown (ISO-like dates compare as strings)."""
    if a.date and b.date and a.date[:10] != b.date[:10]:
        return -1 if a.date[:10] < b.date[:10] else 1
    return 0


def find_relations(docs: list[Document], labels: list[str], units: list[ClaimUnit], links: list[Link]) -> list[Relation]:
    """Every derivation found between the sources (and towards outlets outside the set)."""
    n = len(docs)
    grams = [shingles(d) for d in docs]
    names = [outlet_names(d, labels[i]) for i, d in enumerate(docs)]
    per_source_units = [sum(1 for u in units if u.source == i) for i in range(n)]
    close = _close_alignment(units, links, n)
    relations: dict[tuple[int, int | None], Relation] = {}

    def rel(src: int, origin: int | None) -> Relation:
        return relations.setdefault((src, origin), Relation(src, origin))

    for x in range(n):
        notice_list = notices(docs[x])
        named_in_notice: set[int] = set()
        for y in range(n):
            if x == y:
                continue
            for name in names[y]:
                for sentence in credits(docs[x], name):
                    r = rel(x, y)
                    kind = "syndication notice" if any(sentence == s for _, s in notice_list) else "credits outlet"
                    if kind not in r.kinds:
                        r.kinds.append(kind)
                        r.evidence.append(sentence)
                    named_in_notice.add(y)
        for _, sentence in notice_list:
            if not any(any(_mentions(sentence, nm) for nm in names[y]) for y in named_in_notice):
                r = rel(x, None)
                if "syndication notice" not in r.kinds:
                    r.kinds.append("syndication notice")
                r.evidence.append(sentence)
    for x in range(n):
        for y in range(x + 1, n):
            same_lang = docs[x].lang == docs[y].lang
            if same_lang:
                share_x = len(grams[x] & grams[y]) / len(grams[x]) if grams[x] else 0.0
                share_y = len(grams[x] & grams[y]) / len(grams[y]) if grams[y] else 0.0
                kind = "copied passages"
            else:
                share_x, share_y = close[x][y], close[y][x]
                kind = "translation"
            # copying may be partial (a rewrite lifts a few paragraphs); a translation covers both ways
            if (max(share_x, share_y) if same_lang else min(share_x, share_y)) < (
                COPY_SHARE if same_lang else TRANSLATION_SHARE
            ):
                continue
            src, origin, known = _direction(x, y, share_x, share_y, relations, docs, per_source_units)
            r = rel(src, origin)
            r.direction_known = r.direction_known and known if r.kinds else known
            r.kinds.append(kind)
            r.share = round(share_x if src == x else share_y, 3)
            r.evidence.append(f"{r.share:.0%} of its {'6-word sequences' if same_lang else 'claims'} "
                              f"{'also appear in' if same_lang else 'closely align with'} {labels[origin]}")
    return sorted(_prune(relations).values(), key=lambda r: (r.source, -1 if r.origin is None else r.origin))


def _prune(relations: dict[tuple[int, int | None], Relation]) -> dict[tuple[int, int | None], Relation]:
    """Keep the root of a chain: when x copies both y and z, and z itself copies y, x derives from y.

    Only content-similarity relations are pruned; an explicit credit or notice always stays.
    """
    explicit = {"syndication notice", "credits outlet"}
    out = dict(relations)
    for (x, o2), rel in relations.items():
        if o2 is None or explicit & set(rel.kinds):
            continue
        for x1, o1 in relations:
            if x1 == x and o1 not in (None, o2) and (o2, o1) in relations and relations[(o2, o1)].direction_known:
                out.pop((x, o2), None)
    return out


def _direction(x: int, y: int, share_x: float, share_y: float, relations: dict, docs: list[Document],
               sizes: list[int]) -> tuple[int, int, bool]:
    if (x, y) in relations and (y, x) not in relations:
        return x, y, True
    if (y, x) in relations and (x, y) not in relations:
        return y, x, True
    order = _date_order(docs[x], docs[y])
    if order:
        return (y, x, True) if order < 0 else (x, y, True)
    if abs(share_x - share_y) >= 0.1:
        return (x, y, True) if share_x > share_y else (y, x, True)
    if sizes[x] != sizes[y]:
        return (x, y, False) if sizes[x] < sizes[y] else (y, x, False)
    return y, x, False


def _close_alignment(units: list[ClaimUnit], links: list[Link], n: int) -> list[list[float]]:
    """share[x][y]: fraction of x's claims closely aligned with a claim of y."""
    totals = [0] * n
    for u in units:
        totals[u.source] += 1
    aligned: list[list[set[int]]] = [[set() for _ in range(n)] for _ in range(n)]
    for link in links:
        if link.similarity < TRANSLATION_SIMILARITY:
            continue
        a, b = units[link.a], units[link.b]
        aligned[a.source][b.source].add(link.a)
        aligned[b.source][a.source].add(link.b)
    return [[len(aligned[x][y]) / totals[x] if totals[x] else 0.0 for y in range(n)] for x in range(n)]
