"""Read the articles to compare (any input ``credibility.ingest`` supports) into Documents."""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Document, build_document
from ..ingest import discover, iter_items
from .engine import compare_documents
from .result import CompareResult


class CompareInputError(ValueError):
    """An input could not be read; the message names it."""


def read_documents(inputs: Sequence[str], lang: str | None = None) -> tuple[list[Document], list[str | None]]:
    """Documents and their paths for every article in ``inputs`` (files, folders, tables, URLs)."""
    found = discover(list(inputs))
    docs: list[Document] = []
    paths: list[str | None] = []
    for item in iter_items(found.sources):
        if item.error:
            raise CompareInputError(item.error)
        docs.append(item.to_document(lang))
        paths.append(item.source_path or item.id)
    return docs, paths


def compare_texts(texts: Sequence[str], labels: Sequence[str] | None = None,
                  langs: Sequence[str | None] | None = None) -> CompareResult:
    """Compare raw article texts (e.g. pasted into the dashboard); ``langs`` forces languages."""
    langs = list(langs) if langs else [None] * len(texts)
    docs = [build_document(text, lang=lang) for text, lang in zip(texts, langs, strict=True)]
    return compare_documents(docs, labels=list(labels) if labels else None)


def compare_paths(inputs: Sequence[str], lang: str | None = None) -> CompareResult:
    """Compare the articles in ``inputs`` (at least two)."""
    docs, paths = read_documents(inputs, lang)
    if len(docs) < 2:
        raise CompareInputError(f"need at least two articles to compare, found {len(docs)}")
    return compare_documents(docs, paths=paths)
