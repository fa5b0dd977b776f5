"""Fixtures shared by the extractor tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from credibility.document import Document, build_document
from credibility.signals import EXTRACTORS, Signal

ExtractorRun = Callable[[str, str], tuple[Document, Signal, list[tuple[str, str]]]]


def _runner(name: str) -> ExtractorRun:
    extractor = EXTRACTORS[name]

    def run(text: str, lang: str):
        doc = build_document(text, lang=lang)
        signal = extractor(doc)
        cues = [(doc.text[s.start : s.end], s.kind) for s in signal.spans]
        return doc, signal, cues

    return run


@pytest.fixture
def hedging() -> ExtractorRun:
    """Run the registered hedging extractor; return the document, the signal and its (text, kind) cues."""
    return _runner("hedging")


@pytest.fixture
def attribution() -> ExtractorRun:
    """Run the registered attribution extractor; return the document, the signal and its (text, kind) cues."""
    return _runner("attribution")
