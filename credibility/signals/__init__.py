"""Signal extractors, one module per family, registered by name in :data:`EXTRACTORS`."""

from __future__ import annotations

from ..document import Document
from . import (  # noqa: F401  (registration)
    attribution,
    boilerplate,
    claims,
    hedging,
    readability,
    style,
    surface,  # noqa: F401,I001  (registered last: earlier families keep their feature order)
)
from .base import EXTRACTORS, Extractor, Signal, Span, register

__all__ = ["EXTRACTORS", "Extractor", "Signal", "Span", "register", "extract_all", "feature_names", "flatten",
           "model_feature_names"]


def feature_names(extractors: tuple[str, ...] | None = None) -> list[str]:
    """Qualified feature names ``extractor.feature`` in a stable order."""
    names = extractors or tuple(EXTRACTORS)
    return [f"{name}.{feature}" for name in names for feature in EXTRACTORS[name].feature_names]


def extract_all(doc: Document, extractors: tuple[str, ...] | None = None) -> list[Signal]:
    """Run the named extractors (all by default) on one document."""
    names = extractors or tuple(EXTRACTORS)
    unknown = [n for n in names if n not in EXTRACTORS]
    if unknown:
        raise ValueError(f"unknown extractor(s) {unknown}; known: {sorted(EXTRACTORS)}")
    return [EXTRACTORS[name](doc) for name in names]


def flatten(signals: list[Signal]) -> dict[str, float]:
    """``{"family.feature": value}`` of the signals: the one flattening used by reports and models."""
    return {f"{signal.name}.{name}": float(value) for signal in signals for name, value in signal.features.items()}


def model_feature_names() -> list[str]:
    """The features a model may read: those of every extractor registered as a model input."""
    return feature_names(tuple(name for name, extractor in EXTRACTORS.items() if extractor.model_input))


# Registered after every model family (reported, never a model input): their feature order stays as it was.
from . import obfuscation  # noqa: E402,F401,I001
