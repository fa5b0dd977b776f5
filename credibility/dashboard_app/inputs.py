"""Uploaded bytes to :class:`~credibility.ingest.items.InputItem` through the project's own readers.

An upload is written to a private temporary folder under its own name and read with
``credibility.ingest`` exactly as the CLI reads files, so tables (CSV/TSV/JSONL/Parquet), HTML metadata
and encodings behave the same everywhere; the temporary folder is then removed from every message.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath

from ..ingest import TableColumnError, discover, iter_items
from ..ingest.items import InputItem, error_item
from ..ingest.tables import TEXT_COLUMNS

ARTICLE_TYPES = ("txt", "md", "markdown", "html", "htm")
TABLE_TYPES = ("csv", "tsv", "jsonl", "ndjson", "parquet")

__all__ = ["ARTICLE_TYPES", "TABLE_TYPES", "TEXT_COLUMNS", "example_files", "read_article", "read_upload"]


def suffix(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def read_upload(name: str, data: bytes) -> list[InputItem]:
    """Items from one uploaded file: one per row of a table, otherwise one article."""
    name = PurePath(name).name or "upload"
    with tempfile.TemporaryDirectory(prefix="credibility-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            items = list(iter_items(discover([str(path)]).sources))
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
