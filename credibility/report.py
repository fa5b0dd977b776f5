"""The typed result every front end renders (CLI, dashboard, compare). No front end computes scores.

Output schema (``Report.as_dict``) is documented in README.md under "Output schema"; keys are stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .models.tasks import AI_GENERATED, CREDIBILITY
from .signals.base import Span

SCHEMA_VERSION = 1
# Texts shorter than this are still scored but flagged: rates and ratios are noisy on a few sentences.
LOW_CONFIDENCE_WORDS = 80


@dataclass(slots=True)
class Reason:
    """One feature's signed contribution to a score, in plain words."""

    feature: str
    value: float
    contribution: float
    text: str
    # Span kinds (``Report.spans``) that show this reason in the text, e.g. ("vague_source",).
    evidence: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "value": self.value, "contribution": self.contribution, "text": self.text,
                "evidence": list(self.evidence)}


@dataclass(slots=True)
class Score:
    """A model's output for one article: value, verdict at the model's stored threshold, reasons."""

    model: str
    value: float
    verdict: str
    threshold: float
    reasons: list[Reason] = field(default_factory=list)
    # The text's own statement that AI made it (an AI banner line); it decides the AI verdict whatever
    # the value, because the models never saw such banners in training.
    declared: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "value": self.value,
            "verdict": self.verdict,
            "threshold": self.threshold,
            "declared": self.declared,
            "reasons": [r.as_dict() for r in self.reasons],
        }


@dataclass(slots=True)
class Report:
    id: str
    text: str = ""
    source: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    lang: str = "und"
    lang_confidence: float = 0.0
    supported: bool = False
    word_count: int = 0
    sentence_count: int = 0
    features: dict[str, float] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    scores: dict[str, Score] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def low_confidence(self) -> bool:
        return self.error is None and (self.word_count < LOW_CONFIDENCE_WORDS or not self.supported)

    @property
    def ai_probability(self) -> float | None:
        score = self.scores.get(AI_GENERATED.name)
        return None if score is None else score.value

    @property
    def credibility(self) -> float | None:
        score = self.scores.get(CREDIBILITY.name)
        return None if score is None else score.value

    def as_dict(self, *, include_text: bool = False, include_spans: bool = True) -> dict[str, Any]:
        """Flat, JSON-ready record (the documented output schema)."""
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "site": self.site,
            "url": self.url,
            "lang": self.lang,
            "lang_confidence": round(self.lang_confidence, 4),
            "supported": self.supported,
            "word_count": self.word_count,
            "sentence_count": self.sentence_count,
            "low_confidence": self.low_confidence,
            "ai_probability": self.ai_probability,
            "ai_verdict": self._verdict(AI_GENERATED.name),
            "credibility": self.credibility,
            "credibility_verdict": self._verdict(CREDIBILITY.name),
            "scores": {name: score.as_dict() for name, score in self.scores.items()},
            "features": self.features,
            "warnings": list(self.warnings),
            "error": self.error,
        }
        if include_spans:
            out["spans"] = [s.as_dict(self.text) for s in self.spans]
        if include_text:
            out["text"] = self.text
        return out

    def _verdict(self, model: str) -> str | None:
        score = self.scores.get(model)
        return None if score is None else score.verdict

    def spans_of(self, signal: str | None = None, kind: str | None = None) -> list[Span]:
        return [s for s in self.spans if (signal is None or s.signal == signal) and (kind is None or s.kind == kind)]

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]


def error_report(id: str, message: str, *, source: str | None = None) -> Report:
    """A record for an article that could not be read: the batch keeps going and says why."""
    return Report(id=id, source=source, error=message)
