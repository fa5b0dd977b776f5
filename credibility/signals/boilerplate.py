"""boilerplate signals (placeholder: being written)."""

from __future__ import annotations

from ..document import Document
from .base import Signal, register

FEATURES = ()


@register("boilerplate", FEATURES)
def extract_boilerplate(doc: Document) -> Signal:
    """Placeholder."""
    return Signal("boilerplate", {}, ())
