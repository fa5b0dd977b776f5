"""Reading inputs (txt, md, html, csv/tsv, jsonl, parquet, stdin, URLs) into :class:`InputItem` s.

Usage::

    found = discover(["articles/", "feed.jsonl", "https://example.org/a"])
    check_tables(found.sources, text_col=None)      # usage errors before any work starts
    for item in iter_items(found.sources):          # lazy, in input order
        ...
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import BinaryIO

from .discover import Discovery, Source, discover
from .html import looks_like_html, parse_html
from .items import InputItem, error_item
from .tables import DEFAULT_CHUNK_ROWS, TableColumnError, iter_table, resolve_columns, table_columns
from .text_files import parse_text_bytes
from .urls import fetch_url

__all__ = [
    "Discovery",
    "InputItem",
    "Source",
    "TableColumnError",
    "check_tables",
    "discover",
    "iter_items",
    "read_source",
]

# Single files larger than this are not articles (dumps, logs); they become error items.
MAX_FILE_BYTES = 50 * 1024 * 1024


def check_tables(sources: list[Source], text_col: str | None = None) -> None:
    """Raise :class:`TableColumnError` when a table has no usable text column (a usage error).

    Other read problems (empty or corrupt tables) are left to :func:`iter_items`, which turns them
    into error items so the batch goes on.
    """
    for source in sources:
        if source.kind != "table":
            continue
        try:
            columns = table_columns(source.path)
        except Exception:  # reported per file when it is read
            continue
        if columns or text_col is not None:
            resolve_columns(source.path, columns, text_col)


def iter_items(
    sources: list[Source],
    *,
    text_col: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    stdin: BinaryIO | None = None,
) -> Iterator[InputItem]:
    """Every article of every source, lazily and in order; problems become error items."""
    for source in sources:
        yield from read_source(source, text_col=text_col, chunk_rows=chunk_rows, stdin=stdin)


def read_source(
    source: Source,
    *,
    text_col: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    stdin: BinaryIO | None = None,
) -> Iterator[InputItem]:
    """The items of one source (one for a file or URL, one per record for a table)."""
    if source.kind == "missing":
        yield error_item(
            source.ref, source.problem or f"{source.ref}: cannot be read", source_path=source.ref
        )
    elif source.kind == "url":
        yield fetch_url(source.ref)
    elif source.kind == "stdin":
        data = (stdin or sys.stdin.buffer).read()
        yield _from_bytes(data, "sniff", id="stdin", source_path=None, name="<stdin>")
    elif source.kind == "table":
        yield from _table_items(source, text_col, chunk_rows)
    else:
        yield _file_item(source)


def _table_items(source: Source, text_col: str | None, chunk_rows: int) -> Iterator[InputItem]:
    path = source.path
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        yield error_item(
            source.ref, f"{source.ref}: cannot read ({exc.strerror or exc})", source_path=source.ref
        )
        return
    if not head.strip():
        yield error_item(source.ref, f"{source.ref}: empty file", source_path=source.ref)
        return
    if path.suffix.lower() not in (".parquet", ".pq") and b"\x00" in head:
        yield error_item(source.ref, f"{source.ref}: binary file, not text", source_path=source.ref)
        return
    yield from iter_table(path, text_col, chunk_rows)


def _file_item(source: Source) -> InputItem:
    try:
        size = source.path.stat().st_size
        if size > MAX_FILE_BYTES:
            return error_item(
                source.ref,
                f"{source.ref}: file of {size // (1024 * 1024)} MB is too large for one article",
                source_path=source.ref,
            )
        data = source.path.read_bytes()
    except OSError as exc:
        return error_item(
            source.ref, f"{source.ref}: cannot read ({exc.strerror or exc})", source_path=source.ref
        )
    return _from_bytes(data, source.kind, id=source.ref, source_path=source.ref, name=source.ref)


def _from_bytes(data: bytes, kind: str, *, id: str, source_path: str | None, name: str) -> InputItem:
    if not data.strip():
        return error_item(id, f"{name}: empty file", source_path=source_path)
    if kind == "sniff":
        kind = "html" if looks_like_html(data) else "text"
    if kind == "html":
        item = parse_html(data, id=id, source_path=source_path)
    else:
        item = parse_text_bytes(data, id=id, source_path=source_path, markdown=kind == "markdown")
    if item.error and source_path is None:
        item.error = item.error.replace(f"{id}:", f"{name}:", 1)
    return item
