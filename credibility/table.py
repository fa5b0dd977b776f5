"""The readable table of ``credibility score --format table``: a few lines per article.

Kept apart from the machine formats in :mod:`credibility.output` (JSONL, CSV), which must stay byte-stable
for ``--resume``; this one is for people and may change wording freely.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from .output import terminal_safe
from .report import Report
from .verdict_block import QUESTIONS, BlockReason, verdict_block


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
        lines = [head, *verdict_lines(report, self.reasons)]
        counts = Counter(span.kind for span in report.spans)
        if counts:
            shown = ", ".join(f"{kind} {n}" for kind, n in counts.most_common(self.kinds))
            lines.append(f"    signals: {shown}")
        lines.extend(f"    warning: {w}" for w in report.warnings)
        return lines


_QUESTION_WIDTH = max(len(q) for q in QUESTIONS.values()) + 2


def verdict_lines(report: Report, reasons: int = 3) -> list[str]:
    """The verdict block (:mod:`credibility.verdict_block`) as indented text lines: one line per question,
    its reasons below it with the first piece of evidence quoted, then any note."""
    block = verdict_block(report, top=reasons)
    lines = []
    for key, question in QUESTIONS.items():
        line = next((ln for ln in block.lines if ln.key == key), None)
        if line is None:
            lines.append(f"    {question:<{_QUESTION_WIDTH}}n/a (no model score)")
            continue
        lines.append(f"    {question:<{_QUESTION_WIDTH}}{line.headline()}")
        lines.extend(f"      {'!' if r.decisive else '-'} {r.text}{_evidence(report, r)}" for r in line.reasons)
    if report.low_confidence and not report.scores:
        lines.append("    (low confidence)")
    lines.extend(f"    note: {note}" for note in block.notes)
    return lines


def _evidence(report: Report, reason: BlockReason) -> str:
    """' [vague_source: 'experts say' +1 more]': where the reason shows in the text (first span quoted)."""
    if not reason.evidence or reason.decisive:
        return ""
    first = reason.evidence[0]
    quoted = _shorten(" ".join(report.span_text(first).split()), 50)
    more = f" +{len(reason.evidence) - 1} more" if len(reason.evidence) > 1 else ""
    return f"  [{first.kind}: {quoted!r}{more}]"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
