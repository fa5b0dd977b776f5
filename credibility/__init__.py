"""credibility: offline, explainable signals and scores for low-credibility and AI-generated news."""

from __future__ import annotations

from .analysis import analyze, analyze_document
from .document import Document, Sentence, build_document
from .report import Reason, Report, Score
from .signals import EXTRACTORS, Signal, Span

__version__ = "0.1.0"


def __getattr__(name: str):
    """Import scikit-learn (about 2 s) only when the featurizer or classifier is asked for, not on every CLI start."""
    if name == "SignalFeaturizer":
        from .featurize import SignalFeaturizer

        return SignalFeaturizer
    if name == "ArticleClassifier":
        from .models.estimator import ArticleClassifier

        return ArticleClassifier
    raise AttributeError(f"module 'credibility' has no attribute {name!r}")

__all__ = [
    "ArticleClassifier",
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
