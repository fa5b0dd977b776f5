"""Compare several versions of one story: align their claims, classify each, summarise each source.

Pipeline: Documents → claim units (units.py) → links between sources (align.py) → claims (connected
links) → contradictions on each link and figures no other source has (conflicts.py) → derivations
(derive.py) → :class:`CompareResult`.
"""

from __future__ import annotations

from collections import Counter, deque
from pathlib import Path

from ..document import Document
from .align import LINK_THRESHOLD, Link, align, clusters
from .conflicts import Conflict, find_conflicts, novel_figures, zero_count_conflicts
from .derive import Relation, find_relations, notices
from .furniture import not_claims
from .result import (
    ClaimResult,
    CompareResult,
    Contradiction,
    Derivation,
    Evidence,
    SourceInfo,
    SourceSummary,
)
from .unaligned import unaligned_conflicts
from .units import ClaimUnit, claim_units

TRANSLATION_POSITION_SIMILARITY = 0.45


def source_label(doc: Document, path: str | None, index: int) -> str:
    """A short human name: the site, else the file name, else "source N"."""
    if doc.site:
        return doc.site
    if path:
        return Path(path).stem
    return f"source {index + 1}"


def _unique(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def compare_documents(docs: list[Document], labels: list[str] | None = None, paths: list[str | None] | None = None,
                      threshold: float = LINK_THRESHOLD) -> CompareResult:
    """Compare two or more Documents about one story (any mix of supported languages)."""
    if len(docs) < 2:
        raise ValueError("comparing needs at least two sources")
    paths = paths or [None] * len(docs)
    labels = _unique(labels or [source_label(d, paths[i], i) for i, d in enumerate(docs)])
    sources = [SourceInfo(i, labels[i], d.lang, d.title, d.site, d.date, paths[i]) for i, d in enumerate(docs)]
    warnings = [f"{labels[i]}: language '{d.lang}' has no lexicons; it is aligned through numbers, dates, "
                "names and quotes only" for i, d in enumerate(docs) if not d.supported]
    units: list[ClaimUnit] = []
    set_aside: list[dict[str, int]] = []
    for i, doc in enumerate(docs):
        reasons = {index: "syndication" for index, _ in notices(doc)} | not_claims(doc)
        units += claim_units(doc, i, frozenset(reasons))
        set_aside.append(dict(Counter(reasons.values())))
    warnings += [f"{labels[i]}: {w}" for i, d in enumerate(docs) for w in d.extra.get("compare_warnings", [])]
    links, sim = align(units, threshold)
    names = [frozenset(a.value for u in units if u.source == i for a in u.anchors if a.kind == "name")
             for i in range(len(docs))]
    conflicts = {}
    for link in links:
        if not link.mutual:  # a sentence's best match whose own best match is elsewhere: too loose to accuse
            continue
        a, b = units[link.a], units[link.b]
        # a sentence placed by translation order shares few words by construction: its rules still need
        # their own evidence (a negated word the other sentence has, a differing figure)
        similarity = max(link.similarity, TRANSLATION_POSITION_SIMILARITY) if link.positional else link.similarity
        found = find_conflicts(a, b, similarity, names[a.source], names[b.source], link.positional)
        if found:
            conflicts[(link.a, link.b)] = found
    linked = {(link.a, link.b) for link in links}
    checked = {(link.a, link.b) for link in links if link.mutual}  # find_conflicts saw these pairs
    for a, b, conflict in zero_count_conflicts(units, checked, sim):  # "no fires" vs "14 fires" elsewhere
        if (a, b) not in linked:
            links.append(Link(a, b, round(float(sim[a, b]), 4)))
            linked.add((a, b))
        conflicts.setdefault((a, b), []).append(conflict)
    mutual_partners: dict[int, set[int]] = {}
    for link in links:
        if link.mutual:
            mutual_partners.setdefault(link.a, set()).add(units[link.b].source)
            mutual_partners.setdefault(link.b, set()).add(units[link.a].source)
    for a, b, conflict in unaligned_conflicts(units, mutual_partners, checked, set(conflicts), sim):
        if (a, b) not in linked:  # "200 huishoudens zijn geëvacueerd" vs "hoeven niet geëvacueerd te worden"
            links.append(Link(a, b, round(float(sim[a, b]), 4)))
            linked.add((a, b))
        conflicts.setdefault((a, b), []).append(conflict)
    links.sort(key=lambda link: (link.a, link.b))
    evidence = [_evidence(u, labels) for u in units]
    claims, claim_of = _claims(units, links, conflicts, evidence, labels, len(docs))
    novel = _novel_figures(units, conflicts)
    _attach_figures(claims, claim_of, units, novel, labels)
    pair_conflicts = Counter((min(units[a].source, units[b].source), max(units[a].source, units[b].source))
                             for (a, b), found in conflicts.items() for _ in found)
    relations = find_relations(docs, labels, units, links, dict(pair_conflicts))
    summaries = _summaries(units, links, conflicts, novel, relations, labels, set_aside)
    return CompareResult(sources, claims, summaries, warnings)


def _evidence(unit: ClaimUnit, labels: list[str]) -> Evidence:
    return Evidence(unit.source, labels[unit.source], unit.sentence_index, unit.start, unit.end, unit.text,
                    unit.lang, unit.claim_types, unit.attributed)


def _claims(units: list[ClaimUnit], links: list[Link], conflicts: dict[tuple[int, int], list[Conflict]],
            evidence: list[Evidence], labels: list[str], n_sources: int) -> tuple[list[ClaimResult], dict[int, int]]:
    """One claim per group of aligned units, and unit index → index of its claim (each sentence of a
    source belongs to exactly one claim, so it has exactly one claim id)."""
    out = []
    claim_of: dict[int, int] = {}
    for group in clusters(len(units), links):
        for i in group:
            claim_of[i] = len(out)
        members = sorted(group, key=lambda i: (units[i].source, units[i].sentence_index))
        member_set = set(members)
        sources = sorted({units[i].source for i in members})
        contradictions = []
        for link in links:
            if link.a in member_set and (link.a, link.b) in conflicts:
                for c in conflicts[(link.a, link.b)]:
                    contradictions.append(Contradiction(c.kind, c.detail, evidence[link.a], evidence[link.b],
                                                        c.a_spans, c.b_spans, link.similarity))
        if contradictions:
            status = "contradicted"
        elif len(sources) >= 2:
            status = "corroborated"
        else:
            status = "uncorroborated"
        claim = ClaimResult(f"C{len(out) + 1}", status, units[members[0]].text, sources,
                            [evidence[i] for i in members], contradictions)
        claim.cells = _cells(members, units, links, conflicts, sources)
        positional = [link for link in links if link.a in member_set and link.positional]
        if positional:
            claim.note = ("partly aligned by sentence order with a translation (few shared words or anchors): "
                          "check the evidence")
        if status == "uncorroborated":
            others = [f"{labels[s]} ({units_lang(units, s)})" for s in range(n_sources) if s not in sources]
            claim.note = "could not be aligned with any sentence of " + ", ".join(others)
        out.append(claim)
    return out, claim_of


def units_lang(units: list[ClaimUnit], source: int) -> str:
    return next((u.lang for u in units if u.source == source), "?")


def _cells(members: list[int], units: list[ClaimUnit], links: list[Link],
           conflicts: dict[tuple[int, int], list[Conflict]], sources: list[int]) -> dict[int, str]:
    """Each source's stance relative to the first source's version (a conflict edge flips it)."""
    if len(sources) == 1:
        return {sources[0]: "only source"}
    member_set = set(members)
    adjacency: dict[int, list[tuple[int, bool]]] = {i: [] for i in members}
    for link in links:
        if link.a in member_set:
            flip = (link.a, link.b) in conflicts
            adjacency[link.a].append((link.b, flip))
            adjacency[link.b].append((link.a, flip))
    variant = {members[0]: False}
    queue = deque([members[0]])
    while queue:
        i = queue.popleft()
        for j, flip in adjacency[i]:
            if j not in variant:
                variant[j] = variant[i] ^ flip
                queue.append(j)
    cells: dict[int, str] = {}
    for i in members:
        stance = "contradicts" if variant.get(i, False) else "supports"
        if cells.get(units[i].source) != "contradicts":
            cells[units[i].source] = stance
    return cells


def _novel_figures(units: list[ClaimUnit], conflicts: dict[tuple[int, int], list[Conflict]]) -> dict[int, list]:
    """Unit index → the figures it gives that no other source gives (and that are not a reported conflict)."""
    in_conflict: dict[int, set[tuple[int, int]]] = {}
    for (a, b), found in conflicts.items():
        for c in found:
            in_conflict.setdefault(a, set()).update((s, e) for s, e, _ in c.a_spans)
            in_conflict.setdefault(b, set()).update((s, e) for s, e, _ in c.b_spans)
    others: dict[int, list] = {}  # source → the anchors of every other source
    for source in {u.source for u in units}:
        others[source] = [a for u in units if u.source != source for a in u.anchors]
    found = {i: novel_figures(unit, others[unit.source], in_conflict.get(i, set())) for i, unit in enumerate(units)}
    return {i: figures for i, figures in found.items() if figures}


def _attach_figures(claims: list[ClaimResult], claim_of: dict[int, int], units: list[ClaimUnit],
                    novel: dict[int, list], labels: list[str]) -> None:
    """Put each figure no other source gives on the claim of its sentence (never a second claim id).

    A sentence no other source aligns with becomes a claim of kind "figure"; on an aligned claim the
    figure is listed with a note, since the other sources support the sentence but not that figure.
    """
    for i, figures in sorted(novel.items()):
        claim = claims[claim_of[i]]
        unit = units[i]
        claim.figures += [(unit.source, a.start, a.end, a.text) for a in figures]
        shown = ", ".join(f"“{a.text}”" for a in figures)
        note = f"figure {shown} ({labels[unit.source]}) appears in no other source"
        if claim.status == "uncorroborated":
            claim.kind = "figure"
            note = f"figure {shown} appears in no other source"
        elif claim.cells.get(unit.source) == "supports":
            claim.cells[unit.source] = "adds figure"
        claim.note = f"{claim.note}; {note}" if claim.note else note


def _summaries(units: list[ClaimUnit], links: list[Link], conflicts: dict[tuple[int, int], list[Conflict]],
               novel: dict[int, list], relations: list[Relation], labels: list[str],
               set_aside: list[dict[str, int]]) -> list[SourceSummary]:
    """Per source: its claims split into corroborated + uncorroborated + contradicted (they add up to
    ``claims``); ``unique_unsupported`` counts its claims no other source supports, or supports only
    without a figure it gives (at most ``claims``)."""
    linked = {i for link in links for i in (link.a, link.b)}
    conflicted = {i for pair in conflicts for i in pair}
    out = []
    for s, label in enumerate(labels):
        mine = [i for i, u in enumerate(units) if u.source == s]
        corroborated = sum(1 for i in mine if i in linked and i not in conflicted)
        uncorroborated = sum(1 for i in mine if i not in linked)
        contradicted = sum(1 for i in mine if i in conflicted)
        n_conflicts = sum(len(found) for (a, b), found in conflicts.items() if s in (units[a].source, units[b].source))
        derivations = [
            Derivation(r.origin, labels[r.origin] if r.origin is not None else "an outlet outside this set",
                       tuple(r.kinds), tuple(r.evidence), r.share, r.direction_known, r.relation, r.strength)
            for r in relations if r.source == s
        ]
        reverse_unknown = [
            Derivation(r.source, labels[r.source], tuple(r.kinds), tuple(r.evidence), r.share, False,
                       r.relation, r.strength)
            for r in relations if r.origin == s and not r.direction_known
        ]
        derives = [d for d in derivations if d.direction_known]
        out.append(SourceSummary(
            index=s, label=label, lang=units_lang(units, s), claims=len(mine), corroborated=corroborated,
            uncorroborated=uncorroborated, contradicted=contradicted,
            corroboration_rate=round(corroborated / len(mine), 3) if mine else 0.0,
            unique_unsupported=sum(1 for i in mine if i not in linked or i in novel), contradictions=n_conflicts,
            derivative=bool(derives), derives_from=derives,
            related=[d for d in derivations if not d.direction_known] + reverse_unknown,
            not_claims=set_aside[s],
            contradicts_sources=len({units[b if units[a].source == s else a].source for (a, b) in conflicts
                                     if s in (units[a].source, units[b].source)}),
        ))
    for summary in out:
        summary.relation = main_relation(summary, relations, labels)
        summary.verdict = verdict(summary)
    return out


def main_relation(summary: SourceSummary, relations: list[Relation], labels: list[str]) -> str:
    """The one relation that best describes a source: its strongest derivation; else "original report"
    when others derive from it; else "independent report" when it shares claims with another source."""
    own = summary.derives_from or summary.related
    if own:
        best = max(own, key=lambda d: (d.direction_known, d.strength))
        if best.relation in ("translation of", "summary of", "derived from"):
            return f"{best.relation} {best.origin_label}" if best.direction_known else (
                f"{best.relation.removesuffix(' of').removesuffix(' from')} (direction unknown) of {best.origin_label}")
    if any(r.origin == summary.index and r.direction_known for r in relations):
        followers = sorted({labels[r.source] for r in relations if r.origin == summary.index})
        return f"original report (followed by {', '.join(followers)})"
    if summary.corroborated or summary.contradicted:
        return "independent report"
    return "unrelated (no claim shared with another source)"


def verdict(summary: SourceSummary) -> str:
    """'AI summary of X; contradicts 3 sources; 29 claims no other source makes'."""
    role = summary.relation
    if summary.not_claims.get("ai banner"):
        role = f"AI {role}" if role.startswith("summary") else f"AI-made; {role}"
    parts = [role[:1].upper() + role[1:]]
    n = summary.contradicts_sources
    parts.append(f"contradicts {n} source{'s' if n != 1 else ''}" if n else "contradicts no source")
    k = summary.unique_unsupported
    parts.append(f"{k} claim{'s' if k != 1 else ''} no other source makes" if k else "every claim found elsewhere")
    return "; ".join(parts)
