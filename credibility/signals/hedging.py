"""hedging signals (placeholder: being written)."""

from __future__ import annotations

from ..document import Document
from .base import Signal, register

FEATURES = ()


@register("hedging", FEATURES)
def extract_hedging(doc: Document) -> Signal:
    """Placeholder."""
    return Signal("hedging", {}, ())
