"""Read the articles to compare (any input ``credibility.ingest`` supports) into Documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..document import Document, build_document
from ..ingest import discover, iter_items
from .engine import compare_documents
from .result import CompareResult


class CompareInputError(ValueError):
    """An input could not be read; the message names it."""


@dataclass
class ReadArticles:
    """The articles read for a comparison, and the inputs that could not be read (never dropped silently)."""

    docs: list[Document] = field(default_factory=list)
    paths: list[str | None] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # one message per input, naming it
    warnings: list[str] = field(default_factory=list)  # the readable inputs' read warnings


def read_documents(inputs: Sequence[str], lang: str | None = None) -> ReadArticles:
    """Documents and their paths for every article in ``inputs`` (files, folders, tables, URLs).

    An input that cannot be read or parsed is listed in ``unreadable`` and the others are still read.
    """
    read = ReadArticles()
    for item in iter_items(discover(list(inputs)).sources):
        if item.error:
            read.unreadable.append(item.error)
            continue
        try:
            doc = item.to_document(lang)
        except Exception as exc:  # one bad article must not stop the comparison
            read.unreadable.append(f"{item.source_path or item.id}: could not be read ({type(exc).__name__}: {exc})")
            continue
        read.docs.append(doc)
        read.paths.append(item.source_path or item.id)
        read.warnings.extend(item.warnings)
    return read


def compare_texts(texts: Sequence[str], labels: Sequence[str] | None = None,
                  langs: Sequence[str | None] | None = None) -> CompareResult:
    """Compare raw article texts (e.g. pasted into the dashboard); ``langs`` forces languages."""
    langs = list(langs) if langs else [None] * len(texts)
    docs = [build_document(text, lang=lang) for text, lang in zip(texts, langs, strict=True)]
    return compare_documents(docs, labels=list(labels) if labels else None)


def compare_read(read: ReadArticles) -> CompareResult:
    """Compare what :func:`read_documents` read (at least two articles); the unreadable inputs and the
    read warnings lead the result's warnings."""
    if len(read.docs) < 2:
        unread = f"; {len(read.unreadable)} input(s) could not be read" if read.unreadable else ""
        raise CompareInputError(f"need at least two articles to compare, found {len(read.docs)}{unread}")
    result = compare_documents(read.docs, paths=read.paths)
    result.warnings[:0] = [*(f"not compared: {s}" for s in read.unreadable), *read.warnings]
    return result


def compare_paths(inputs: Sequence[str], lang: str | None = None) -> CompareResult:
    """Compare the articles in ``inputs`` (at least two readable ones; unreadable ones are skipped and
    named in the result's warnings)."""
    return compare_read(read_documents(inputs, lang))
