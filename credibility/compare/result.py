"""The typed result of comparing sources on one story: what the CLI prints and the dashboard renders."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

STATUSES = ("corroborated", "uncorroborated", "contradicted")


@dataclass(frozen=True, slots=True)
class SourceInfo:
    index: int
    label: str
    lang: str
    title: str | None = None
    site: str | None = None
    date: str | None = None
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence of one source backing (or contradicting) a claim; offsets index that source's text."""

    source: int
    label: str
    sentence_index: int
    start: int
    end: int
    text: str
    lang: str
    claim_types: tuple[str, ...] = ()
    attributed: bool = False


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two aligned sentences that disagree, how (``kind``), and the words that show it in each."""

    kind: str
    detail: str
    a: Evidence
    b: Evidence
    a_spans: tuple[tuple[int, int, str], ...]
    b_spans: tuple[tuple[int, int, str], ...]
    similarity: float


@dataclass(slots=True)
class ClaimResult:
    """One claim of the story: an aligned group of sentences (or a figure only one source gives)."""

    id: str
    status: str
    text: str
    sources: list[int]
    evidence: list[Evidence]
    contradictions: list[Contradiction] = field(default_factory=list)
    kind: str = "claim"  # "claim" (aligned sentences) or "figure" (a figure no other source has)
    # figures no other source gives: (source, start, end, text), offsets into that source's text
    figures: list[tuple[int, int, int, str]] = field(default_factory=list)
    note: str = ""
    cells: dict[int, str] = field(default_factory=dict)  # source → supports | contradicts | only source


@dataclass(frozen=True, slots=True)
class Derivation:
    origin: int | None
    origin_label: str
    kinds: tuple[str, ...]
    evidence: tuple[str, ...]
    share: float
    direction_known: bool
    relation: str = "derived from"  # translation of | summary of | derived from | independent report
    strength: float = 0.0  # 0–1: how sure (1 = an explicit notice or credit)


@dataclass(slots=True)
class SourceSummary:
    index: int
    label: str
    lang: str
    claims: int
    corroborated: int
    uncorroborated: int
    contradicted: int
    corroboration_rate: float
    unique_unsupported: int
    contradictions: int
    derivative: bool
    derives_from: list[Derivation] = field(default_factory=list)
    related: list[Derivation] = field(default_factory=list)  # relations whose direction is unknown
    not_claims: dict[str, int] = field(default_factory=dict)  # sentences set aside, by reason (caption, …)
    relation: str = ""  # its main relation: "translation of X", "original report", "independent report", …
    contradicts_sources: int = 0  # how many other sources it contradicts
    verdict: str = ""  # one line: relation; contradictions; claims no other source makes


@dataclass(slots=True)
class CompareResult:
    sources: list[SourceInfo]
    claims: list[ClaimResult]
    summaries: list[SourceSummary]
    warnings: list[str] = field(default_factory=list)

    def by_status(self, status: str) -> list[ClaimResult]:
        return [c for c in self.claims if c.status == status]

    def as_dict(self) -> dict:
        """The stable JSON schema of ``credibility compare --format json``."""
        return {
            "sources": [asdict(s) for s in self.sources],
            "claims": [
                {**asdict(c), "cells": {self.sources[k].label: v for k, v in c.cells.items()}}
                for c in self.claims
            ],
            "summaries": [asdict(s) for s in self.summaries],
            "counts": {status: len(self.by_status(status)) for status in STATUSES},
            "warnings": list(self.warnings),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=indent)

    def matrix(self):
        """Claims × sources as a pandas DataFrame (see :func:`credibility.compare.matrix.claims_matrix`)."""
        from .matrix import claims_matrix

        return claims_matrix(self)
