"""attribution signals (placeholder: being written)."""

from __future__ import annotations

from ..document import Document
from .base import Signal, register

FEATURES = ()


@register("attribution", FEATURES)
def extract_attribution(doc: Document) -> Signal:
    """Placeholder."""
    return Signal("attribution", {}, ())
