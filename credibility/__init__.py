"""credibility: offline, explainable signals and scores for low-credibility and AI-generated news."""

from __future__ import annotations

from .analysis import analyze, analyze_document
from .document import Document, Sentence, build_document
from .featurize import SignalFeaturizer
from .report import Reason, Report, Score
from .signals import EXTRACTORS, Signal, Span

__version__ = "0.1.0"

__all__ = [
    "EXTRACTORS",
    "Document",
    "Reason",
    "Report",
    "Score",
    "Sentence",
    "Signal",
    "SignalFeaturizer",
    "Span",
    "analyze",
    "analyze_document",
    "build_document",
    "__version__",
]
