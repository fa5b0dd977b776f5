"""How the sources relate: translation/edition of, summary of, derived from (rewrite or copy), independent.

Evidence, strongest first: a syndication notice or a credit naming another source's outlet ("first
published by Northsea Wire", "meldt NOS"); near-duplicate passages (shared 6-word sequences) in the
same language; aligned claims. From the aligned claims of a pair of sources (what share of each one's
claims the other has, whether they come in the same order, how long each is) the relation is typed:

- *translation of*: other languages, most claims of both aligned, in the same order, similar length;
- *summary of*: at most a third of the longer source's claim words, a fair share of its claims found
  there, no notice or credit and few copied passages (a shorter rewrite that keeps half the text keeps
  most of what the original says: it is derived, not a summary);
- *derived from*: a notice, a credit or copied passages, or most of its claims aligned with the other
  (a rewrite);
- *independent report*: some shared facts, but most claims its own.

Each relation has a strength in [0, 1] (1 for an explicit notice or credit). The direction comes from the
notice or credit, then from publication dates, then from coverage (the source that adds nothing of its
own copies the one that has more); when none of these decides, it is reported with direction unknown.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..document import Document
from .align import Link
from .resources import compare_lexicon
from .units import ClaimUnit

SHINGLE = 6
COPY_SHARE = 0.2  # share of a source's 6-word sequences found in another: copied passages
TRANSLATION_SHARE = 0.5  # share of both sources' claims aligned across languages: a translation
TRANSLATION_ORDER = 0.7  # ... with this share of the aligned pairs in the same order
TRANSLATION_LENGTH = (0.6, 1.6)  # ... and claim counts this close (ratio)
SUMMARY_SHORT = 1 / 3  # a summary has at most this share of the longer source's claim words,
SUMMARY_SHARE = 0.3  # ... at least this share of its own claims found there
SUMMARY_MAX_COPY = 0.5  # ... carries no notice or credit, and copies less than this share verbatim
REWRITE_SHARE = 0.6  # a source with this share of its claims aligned with another is derived from it
REWRITE_CONTRADICTIONS = 2  # a "translation" that contradicts its original this often is a rewrite
NOTICE_MAX_WORDS = 20
RELATION_TYPES = ("translation of", "summary of", "derived from", "independent report")


@dataclass(slots=True)
class Relation:
    """``source`` derives from ``origin`` (indices; origin None = an outlet outside this set)."""

    source: int
    origin: int | None
    kinds: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    share: float = 0.0
    direction_known: bool = True
    relation: str = "derived from"  # one of RELATION_TYPES
    strength: float = 0.0


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


def find_relations(docs: list[Document], labels: list[str], units: list[ClaimUnit], links: list[Link],
                   conflicts: dict[tuple[int, int], int] | None = None) -> list[Relation]:
    """Every derivation found between the sources (and towards outlets outside the set);
    ``conflicts[(x, y)]`` (x < y) counts the contradictions between two sources."""
    conflicts = conflicts or {}
    n = len(docs)
    grams = [shingles(d) for d in docs]
    names = [outlet_names(d, labels[i]) for i, d in enumerate(docs)]
    per_source_units = [sum(1 for u in units if u.source == i) for i in range(n)]
    stats = pair_stats(units, links, n)
    claim_words = [sum(len(u.text.split()) for u in units if u.source == i) for i in range(n)]
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
    for r in relations.values():  # an explicit notice or credit: derived, with certainty
        r.strength = 1.0
    for x in range(n):
        for y in range(x + 1, n):
            _content_relation(x, y, docs, labels, grams, stats, relations, per_source_units, conflicts, claim_words)
    return sorted(_prune(relations).values(), key=lambda r: (r.source, -1 if r.origin is None else r.origin))


@dataclass(frozen=True, slots=True)
class PairStats:
    """share[x][y]: fraction of x's claims aligned with a claim of y; order[x][y]: share of those aligned
    pairs that keep the sentence order (longest increasing run)."""

    share: list[list[float]]
    order: list[list[float]]


def _content_relation(x: int, y: int, docs: list[Document], labels: list[str], grams: list[set],
                      stats: PairStats, relations: dict, sizes: list[int], conflicts: dict[tuple[int, int], int],
                      words: list[int]) -> None:
    """Type the relation between x and y from their aligned claims and copied passages (if any)."""
    same_lang = docs[x].lang == docs[y].lang
    common = len(grams[x] & grams[y]) if same_lang else 0
    copied = {x: common / len(grams[x]) if grams[x] else 0.0, y: common / len(grams[y]) if grams[y] else 0.0}
    share = {x: stats.share[x][y], y: stats.share[y][x]}
    if not sizes[x] or not sizes[y] or max(share.values()) == 0:
        return
    small, large = (x, y) if words[x] <= words[y] else (y, x)
    ratio = sizes[small] / sizes[large] if sizes[x] <= sizes[y] else sizes[large] / sizes[small]
    noticed = any(k in ("syndication notice", "credits outlet") for k in relations.get((small, large), Relation(0, 0)).kinds)
    order = stats.order[x][y]
    contradictions = conflicts.get((min(x, y), max(x, y)), 0)
    if (not same_lang and min(share.values()) >= TRANSLATION_SHARE and order >= TRANSLATION_ORDER
            and TRANSLATION_LENGTH[0] <= ratio <= TRANSLATION_LENGTH[1] and contradictions < REWRITE_CONTRADICTIONS):
        kind, strength = "translation", min(share.values()) * order
        relation = "translation of"
    elif (not noticed and share[small] >= SUMMARY_SHARE and copied[small] < SUMMARY_MAX_COPY
            and words[small] <= SUMMARY_SHORT * words[large]):
        kind, strength, relation = "summary", share[small], "summary of"
    elif max(copied.values()) >= COPY_SHARE:
        kind, strength, relation = "copied passages", max(max(copied.values()), max(share.values())), "derived from"
    elif max(share.values()) >= REWRITE_SHARE:
        kind, strength, relation = "reworded claims", max(share.values()), "derived from"
    else:
        return
    if relation == "summary of":
        src, origin, known = small, large, True
    else:
        src, origin, known = _direction(x, y, share[x], share[y], relations, docs, sizes, labels)
    evidence = (f"{share[src]:.0%} of its claims align with {labels[origin]} ({share[origin]:.0%} of "
                f"{labels[origin]}'s with it" + (f", {order:.0%} in the same order)" if not same_lang else ")"))
    if kind == "copied passages":
        evidence = f"{copied[src]:.0%} of its 6-word sequences also appear in {labels[origin]}; {evidence}"
    r = relations.setdefault((src, origin), Relation(src, origin))
    explicit = bool(r.kinds)
    r.direction_known = (r.direction_known and known) if explicit else known
    r.kinds.append(kind)
    r.share = round(share[src], 3)
    r.evidence.append(evidence)
    if relation != "derived from" or not explicit:  # content names the type; a notice keeps strength 1
        r.relation = relation
    r.strength = round(max(r.strength, strength), 2)


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
               sizes: list[int], labels: list[str]) -> tuple[int, int, bool]:
    if (x, y) in relations and (y, x) not in relations:
        return x, y, True
    if (y, x) in relations and (x, y) not in relations:
        return y, x, True
    if labels[y].startswith(labels[x] + " "):  # "Lowlands Science Desk Nederlands": an edition of the outlet
        return y, x, True
    if labels[x].startswith(labels[y] + " "):
        return x, y, True
    credited = {origin for (_, origin), r in relations.items() if r.kinds and r.strength == 1.0}
    if (x in credited) != (y in credited):  # a third source's notice names the original
        return (y, x, True) if x in credited else (x, y, True)
    order = _date_order(docs[x], docs[y])
    if order:
        return (y, x, True) if order < 0 else (x, y, True)
    if abs(share_x - share_y) >= 0.1:
        return (x, y, True) if share_x > share_y else (y, x, True)
    if sizes[x] != sizes[y]:
        return (x, y, False) if sizes[x] < sizes[y] else (y, x, False)
    return y, x, False


def pair_stats(units: list[ClaimUnit], links: list[Link], n: int) -> PairStats:
    """How much of each source the others align with, and whether in order (see :class:`PairStats`)."""
    totals = [0] * n
    for u in units:
        totals[u.source] += 1
    aligned: list[list[set[int]]] = [[set() for _ in range(n)] for _ in range(n)]
    pairs: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for link in links:
        a, b = units[link.a], units[link.b]
        aligned[a.source][b.source].add(link.a)
        aligned[b.source][a.source].add(link.b)
        pairs.setdefault((a.source, b.source), []).append((a.sentence_index, b.sentence_index))
        pairs.setdefault((b.source, a.source), []).append((b.sentence_index, a.sentence_index))
    share = [[len(aligned[x][y]) / totals[x] if totals[x] else 0.0 for y in range(n)] for x in range(n)]
    order = [[_in_order(pairs.get((x, y), [])) for y in range(n)] for x in range(n)]
    return PairStats(share, order)


def _in_order(pairs: list[tuple[int, int]]) -> float:
    """Share of aligned sentence pairs on the longest run that keeps both sources' order."""
    if not pairs:
        return 0.0
    ys = [b for _, b in sorted(pairs)]
    tails: list[int] = []
    for y in ys:
        i = bisect.bisect_right(tails, y)
        tails[i:i + 1] = [y]
    return len(tails) / len(ys)
