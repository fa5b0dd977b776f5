"""The readable table of ``credibility score --format table``: a few lines per article.

Kept apart from the machine formats in :mod:`credibility.output` (JSONL, CSV), which must stay byte-stable
for ``--resume``; this one is for people and may change wording freely.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from .output import terminal_safe
from .report import Report
from .verdicts import ai_verdict


class TableWriter:
    """Human-readable lines per article: scores and verdicts, top reasons, signal counts, problems."""

    def __init__(self, stream: TextIO, *, reasons: int = 3, kinds: int = 6) -> None:
        self.stream = stream
        self.reasons = reasons
        self.kinds = kinds
        self.count = 0

    def write(self, report: Report) -> None:
        self.count += 1
        # Each line escaped as a whole: ids, titles, errors, warnings and reasons quote user input.
        self.stream.write("\n".join(terminal_safe(line) for line in self.lines(report)) + "\n\n")
        self.stream.flush()

    def lines(self, report: Report) -> list[str]:
        head = f"[{self.count}] {report.id}"
        if report.error:
            return [head, f"    ERROR: {report.error}", *(f"    warning: {w}" for w in report.warnings)]
        head += f"  lang={report.lang}  words={report.word_count}"
        if report.title:
            head += f"  title={_shorten(report.title, 60)!r}"
        lines = [head, "    " + _score_line(report)]
        reasons = _top_reasons(report, self.reasons)
        if reasons:
            lines.append("    reasons: " + "; ".join(reasons))
        counts = Counter(span.kind for span in report.spans)
        if counts:
            shown = ", ".join(f"{kind} {n}" for kind, n in counts.most_common(self.kinds))
            lines.append(f"    signals: {shown}")
        lines.extend(f"    warning: {w}" for w in report.warnings)
        return lines


def _score_line(report: Report) -> str:
    parts = []
    ai = report.scores.get("ai_generated")
    if ai is None:
        parts.append("ai: n/a (no model)")
    elif ai.declared:
        alone = ai_verdict(ai.value, ai.threshold)
        parts.append(f"ai: {ai.value:.2f} {ai.verdict} ({ai.declared!r}; model alone: {alone})")
    else:
        parts.append(f"ai: {ai.value:.2f} {ai.verdict}")
    cred = report.scores.get("credibility")
    parts.append("credibility: n/a" if cred is None else f"credibility: {cred.value:.0f}/100 {cred.verdict}")
    if report.low_confidence:
        parts.append("(low confidence)")
    return "  ".join(parts)


def _top_reasons(report: Report, n: int) -> list[str]:
    reasons = [r for score in report.scores.values() for r in score.reasons]
    reasons.sort(key=lambda r: -abs(r.contribution))
    return [r.text for r in reasons[:n]]


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
