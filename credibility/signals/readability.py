"""readability signals (placeholder: being written)."""

from __future__ import annotations

from ..document import Document
from .base import Signal, register

FEATURES = ()


@register("readability", FEATURES)
def extract_readability(doc: Document) -> Signal:
    """Placeholder."""
    return Signal("readability", {}, ())
