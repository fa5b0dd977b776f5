"""style signals (placeholder: being written)."""

from __future__ import annotations

from ..document import Document
from .base import Signal, register

FEATURES = ()


@register("style", FEATURES)
def extract_style(doc: Document) -> Signal:
    """Placeholder."""
    return Signal("style", {}, ())
