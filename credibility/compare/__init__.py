"""Cross-source comparison of one story: which claims each source supports, makes alone, or contradicts.

Entry points: :func:`compare_documents` (Documents → :class:`CompareResult`), :func:`compare_paths`
(files → result, through ``credibility.ingest``), :func:`compare_texts` (raw texts → result), ``CompareResult.matrix()`` (claims × sources as a
pandas DataFrame) and :func:`render_text` (the terminal report).
"""

from __future__ import annotations

from .engine import compare_documents
from .reader import compare_paths, compare_texts, read_documents
from .render import render_text
from .result import (
    ClaimResult,
    CompareResult,
    Contradiction,
    Derivation,
    Evidence,
    SourceInfo,
    SourceSummary,
)

__all__ = [
    "ClaimResult",
    "CompareResult",
    "Contradiction",
    "Derivation",
    "Evidence",
    "SourceInfo",
    "SourceSummary",
    "compare_documents",
    "compare_paths",
    "compare_texts",
    "read_documents",
    "render_text",
]
