"""The terminal report of a comparison: sources, claims by class with evidence side by side, per source."""

from __future__ import annotations

import textwrap

from .result import ClaimResult, CompareResult, Evidence

WIDTH = 100
_ORDER = {"contradicted": 0, "uncorroborated": 1, "corroborated": 2}
_HEADINGS = {
    "contradicted": "CONTRADICTED: sources disagree",
    "uncorroborated": "UNCORROBORATED: only one source",
    "corroborated": "CORROBORATED: several sources agree",
}


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def _evidence_line(ev: Evidence, indent: str = "    ") -> str:
    return _wrap(f"[{ev.label} · {ev.lang} · s{ev.sentence_index}] {ev.text}", indent)


def _claim_block(claim: ClaimResult) -> list[str]:
    lines = [_wrap(f"{claim.id} {claim.text}", "  ")]
    if claim.status == "contradicted":
        stances: dict[str, list[str]] = {}
        for source, stance in claim.cells.items():
            stances.setdefault(stance, []).append(next(ev.label for ev in claim.evidence if ev.source == source))
        lines.append("    " + "; ".join(f"{stance}: {', '.join(names)}" for stance, names in stances.items()))
        pairs: dict[tuple, list] = {}
        for c in claim.contradictions:
            pairs.setdefault((c.a.source, c.a.sentence_index, c.b.source, c.b.sentence_index), []).append(c)
        for group in pairs.values():
            for c in group:
                lines.append(f"    ✗ {c.kind}: {c.detail}")
            lines.append(_evidence_line(group[0].a, "      "))
            lines.append(_evidence_line(group[0].b, "      "))
        if claim.figures:
            lines.append(_wrap(f"! {claim.note}", "    "))
    elif claim.kind == "figure":
        lines.append(f"    ! {claim.note} (source: {claim.evidence[0].label})")
    else:
        labels = ", ".join(dict.fromkeys(ev.label for ev in claim.evidence))
        lines.append(f"    sources: {labels}")
        if claim.note:
            lines.append(_wrap(f"! {claim.note}", "    "))
        if claim.status == "corroborated":
            for ev in claim.evidence:
                lines.append(_evidence_line(ev, "      "))
    return lines


def render_text(result: CompareResult, show_corroborated: bool = True) -> str:
    """A readable plain-text report (no colours, so it can be piped or saved)."""
    out = [f"Comparing {len(result.sources)} sources on one story", ""]
    for s in result.sources:
        title = f" — {s.title}" if s.title else ""
        out.append(f"  [{s.index + 1}] {s.label} ({s.lang}){title}")
    for warning in result.warnings:
        out.append(f"  warning: {warning}")
    counts = {status: len(result.by_status(status)) for status in _ORDER}
    out += ["", "Claims: " + ", ".join(f"{n} {status}" for status, n in counts.items())]
    for status in sorted(_ORDER, key=_ORDER.get):
        if status == "corroborated" and not show_corroborated:
            continue
        claims = result.by_status(status)
        if not claims:
            continue
        out += ["", f"{_HEADINGS[status]} ({len(claims)})"]
        for claim in claims:
            out += _claim_block(claim)
    out += ["", "PER SOURCE"]
    for s in result.summaries:
        out.append(_wrap(f"{s.label} ({s.lang}): {s.verdict}", "  "))
        set_aside = sum(s.not_claims.values())
        aside = (f"; {set_aside} sentence{'s' if set_aside != 1 else ''} not claims ("
                 + ", ".join(f"{n} {reason}" for reason, n in sorted(s.not_claims.items())) + ")") if set_aside else ""
        out.append(_wrap(f"{s.claims} claims: {s.corroborated} corroborated, {s.uncorroborated} uncorroborated, "
                         f"{s.contradicted} contradicted; {s.contradictions} contradiction{'s' if s.contradictions != 1 else ''}"
                         f"{aside}", "    "))
        for d in s.derives_from:
            out.append(_wrap(f"{d.relation} {d.origin_label} (strength {d.strength:.2f}): {', '.join(d.kinds)} — "
                             f"{'; '.join(d.evidence)}", "    → "))
        for d in s.related:
            out.append(_wrap(f"{d.relation} {d.origin_label}? (direction unknown, strength {d.strength:.2f}): "
                             f"{', '.join(d.kinds)}", "    ~ "))
        if not s.derives_from and not s.related:
            out.append("    not derived from another source in this set")
    return "\n".join(out) + "\n"
