"""claims signals (placeholder: being written)."""

from __future__ import annotations

from ..document import Document
from .base import Signal, register

FEATURES = ()


@register("claims", FEATURES)
def extract_claims(doc: Document) -> Signal:
    """Placeholder."""
    return Signal("claims", {}, ())
