"""Per-source aggregates: how a site's or publisher's articles score as a group.

A single article's score is noisy; the spread over many articles of one outlet (percentiles, share
flagged, recurring boilerplate) is what an editor or researcher compares between sources.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import urlparse

import numpy as np

from .models.tasks import AI_GENERATED, CREDIBILITY
from .report import Report

UNKNOWN_SOURCE = "(unknown)"
PERCENTILES = (10, 50, 90)


def source_key(report: Report) -> str:
    """The site name (HTML metadata or a table column), else the URL's host, else where the article was
    read from: a plain file's folder (``news/guardian/``: archives are kept one folder per outlet) or a
    table's file (its rows without a site column), else unknown (stdin, a bare upload name)."""
    if report.site:
        return report.site
    if report.url:
        host = urlparse(report.url).netloc.lower()
        if host:
            return host.removeprefix("www.")
    if report.source and report.source != "-":
        if report.id != report.source:  # a row of a table: the table names its origin
            return report.source
        folder = PurePath(report.source).parent
        if folder != PurePath("."):
            return f"{folder.as_posix().rstrip('/')}/"
    return UNKNOWN_SOURCE


def is_flagged(report: Report) -> bool | None:
    """True when a model's verdict crosses its stored threshold; None when no model scored it.

    The AI model flags at or above its threshold (a probability), or when the text declares itself
    AI-made; the credibility model flags at or below its threshold (a 0-100 score where low means low
    credibility), as the models decide verdicts.
    """
    ai = report.scores.get(AI_GENERATED.name)
    cred = report.scores.get(CREDIBILITY.name)
    if ai is None and cred is None:
        return None
    return bool(
        (ai is not None and (ai.value >= ai.threshold or ai.declared is not None))
        or (cred is not None and cred.value <= cred.threshold)
    )


@dataclass(slots=True)
class _Group:
    articles: int = 0
    failed: int = 0
    ai: list[float] = field(default_factory=list)
    cred: list[float] = field(default_factory=list)
    flagged: int = 0
    judged: int = 0
    boilerplate: Counter = field(default_factory=Counter)


class SourceAggregator:
    """Feed reports one at a time (streaming); read :meth:`rows` at the end. Keeps two floats per
    article, never the reports themselves."""

    def __init__(self, top_kinds: int = 3) -> None:
        self.top_kinds = top_kinds
        self._groups: dict[str, _Group] = defaultdict(_Group)

    def add(self, report: Report) -> None:
        group = self._groups[source_key(report)]
        group.articles += 1
        if report.error:
            group.failed += 1
            return
        if report.ai_probability is not None:
            group.ai.append(float(report.ai_probability))
        if report.credibility is not None:
            group.cred.append(float(report.credibility))
        flagged = is_flagged(report)
        if flagged is not None:
            group.judged += 1
            group.flagged += flagged
        group.boilerplate.update(s.kind for s in report.spans if s.signal == "boilerplate")

    def rows(self) -> list[dict[str, Any]]:
        """One dict per source, most articles first (ties by name)."""
        out = []
        for name, group in sorted(self._groups.items(), key=lambda kv: (-kv[1].articles, kv[0])):
            row: dict[str, Any] = {"source": name, "articles": group.articles, "failed": group.failed}
            row.update(_percentiles("ai_probability", group.ai))
            row.update(_percentiles("credibility", group.cred))
            row["flagged_share"] = group.flagged / group.judged if group.judged else None
            row["boilerplate_kinds"] = group.boilerplate.most_common(self.top_kinds)
            out.append(row)
        return out


def _percentiles(name: str, values: list[float]) -> dict[str, float | None]:
    if not values:
        return {f"{name}_p{p}": None for p in PERCENTILES}
    points = np.percentile(np.asarray(values, dtype=float), PERCENTILES)
    return {f"{name}_p{p}": round(float(v), 4) for p, v in zip(PERCENTILES, points, strict=True)}
