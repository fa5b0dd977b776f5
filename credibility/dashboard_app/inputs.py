"""Uploaded bytes to :class:`~credibility.ingest.items.InputItem` through the project's own readers.

An upload is written to a private temporary folder under its own name and read with
``credibility.ingest`` exactly as the CLI reads files, so tables (CSV/TSV/JSONL/Parquet), HTML metadata
and encodings behave the same everywhere; the temporary folder is then removed from every message.
"""

from __future__ import annotations

import tempfile
from itertools import islice
from pathlib import Path, PurePath

from ..ingest import TableColumnError, discover, iter_items
from ..ingest.items import InputItem, error_item
from ..ingest.limits import DASHBOARD_MAX_TABLE_BYTES
from ..ingest.tables import TEXT_COLUMNS

ARTICLE_TYPES = ("txt", "md", "markdown", "html", "htm")
TABLE_TYPES = ("csv", "tsv", "jsonl", "ndjson", "parquet")

__all__ = [
    "ARTICLE_TYPES",
    "MAX_BATCH_ARTICLES",
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_MB",
    "TABLE_TYPES",
    "TEXT_COLUMNS",
    "example_files",
    "read_article",
    "read_upload",
    "too_large",
]


def suffix(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


# Limits of the dashboard (a shared server): the CLI has none of these (`credibility score` streams).
MAX_UPLOAD_MB = 25  # per file; also passed to Streamlit as server.maxUploadSize
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_BATCH_ARTICLES = 2000  # per batch (all uploaded files together)


def too_large(name: str, size: int) -> str | None:
    """The message for an upload over :data:`MAX_UPLOAD_BYTES`, or None."""
    if size <= MAX_UPLOAD_BYTES:
        return None
    return (
        f"{PurePath(name).name}: {size / 2**20:.1f} MB is more than the dashboard accepts per file "
        f"({MAX_UPLOAD_MB} MB); not read. Use `credibility score` for large files."
    )


def read_upload(name: str, data: bytes, limit: int | None = None) -> list[InputItem]:
    """Items from one uploaded file: one per row of a table, otherwise one article.

    A file over :data:`MAX_UPLOAD_BYTES` is one error item, and so is a Parquet file that would
    decompress to more than ``DASHBOARD_MAX_TABLE_BYTES``; ``limit`` stops reading after that many
    items (the caller says so: see the Batch page).
    """
    name = PurePath(name).name or "upload"
    problem = too_large(name, len(data))
    if problem:
        return [error_item(name, problem, source_path=name)]
    with tempfile.TemporaryDirectory(prefix="credibility-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            sources = discover([str(path)]).sources
            items = list(islice(iter_items(sources, max_parquet_bytes=DASHBOARD_MAX_TABLE_BYTES), limit))
        except TableColumnError as exc:
            items = [error_item(str(path), str(exc), source_path=str(path))]
        prefix = f"{folder}/"
        return [_relabel(item, prefix) for item in items]


def read_article(name: str, data: bytes) -> InputItem:
    """One article from an uploaded .txt/.md/.html file."""
    items = read_upload(name, data)
    return items[0] if items else error_item(name, f"{name}: nothing to read", source_path=name)


def example_files(folder: Path | None = None) -> list[Path]:
    """Bundled example articles (``data/examples/``), empty when the folder is not there."""
    from ..paths import PROJECT_ROOT

    folder = folder or PROJECT_ROOT / "data" / "examples"
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and suffix(p.name) in ARTICLE_TYPES and not p.name.lower().startswith("readme")
    )


def _relabel(item: InputItem, prefix: str) -> InputItem:
    """Name the upload, not the temporary file, in ids, sources and messages."""

    def strip(value: str | None) -> str | None:
        return None if value is None else value.replace(prefix, "")

    item.id = strip(item.id) or item.id
    item.source_path = strip(item.source_path)
    item.error = strip(item.error)
    item.warnings = [strip(w) or w for w in item.warnings]
    return item
