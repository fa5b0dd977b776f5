"""Reading inputs (txt, md, html, csv/tsv, jsonl, parquet, stdin, URLs) into :class:`InputItem` s.

Usage::

    found = discover(["articles/", "feed.jsonl", "https://example.org/a"])
    check_tables(found.sources, text_col=None)      # usage errors before any work starts
    for item in iter_items(found.sources):          # lazy, in input order
        ...
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO

from .decode import looks_binary
from .discover import Discovery, Source, discover
from .html import looks_like_html, parse_html
from .items import InputItem, cap_text, error_item
from .limits import MAX_HTML_BYTES, MAX_TEXT_BYTES
from .tables import (
    DEFAULT_CHUNK_ROWS,
    JSONL_SUFFIXES,
    PARQUET_SUFFIXES,
    TableColumnError,
    iter_table,
    resolve_columns,
    table_columns,
)
from .text_files import parse_text_bytes
from .urls import fetch_url

__all__ = [
    "Discovery",
    "InputItem",
    "OutputIsInputError",
    "Source",
    "TableColumnError",
    "check_output",
    "check_tables",
    "discover",
    "iter_items",
    "read_source",
]


class OutputIsInputError(ValueError):
    """The output file is also one of the inputs: writing it would destroy the input before it is read."""


def check_output(sources: list[Source], output: os.PathLike | str | None) -> None:
    """Raise :class:`OutputIsInputError` when ``output`` is one of the input files (a usage error)."""
    if output is None or not os.path.exists(output):
        return
    for source in sources:
        if source.kind in ("stdin", "url", "missing"):
            continue
        try:
            same = os.path.samefile(source.ref, output)
        except OSError:
            continue
        if same:
            raise OutputIsInputError(
                f"--output {output} is also an input ({source.ref}): it would be overwritten before it is "
                "read; write the records to another file"
            )


def check_tables(sources: list[Source], text_col: str | None = None) -> None:
    """Raise :class:`TableColumnError` when no input could be scored because every table lacks a usable
    text column (a usage error: a typo in ``--text-col``, or the wrong file).

    A table without its text column among other inputs is not a usage error: :func:`iter_items` reports
    it as an error item naming the file and its columns, and the rest of the batch is scored. Other read
    problems (empty or corrupt tables) are error items too.
    """
    first: TableColumnError | None = None
    for source in sources:
        if source.kind != "table":
            return
        try:
            columns = table_columns(source.path)
        except Exception:  # reported per file when it is read
            return
        if columns or text_col is not None:
            try:
                resolve_columns(source.path, columns, text_col)
            except TableColumnError as exc:
                first = first or exc
                continue
        return
    if first is not None:
        raise first


def iter_items(
    sources: list[Source],
    *,
    text_col: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    stdin: BinaryIO | None = None,
    max_parquet_bytes: int | None = None,
) -> Iterator[InputItem]:
    """Every article of every source, lazily and in order; problems become error items.

    Whatever goes wrong inside one source (a reader bug, a corrupt Parquet row group) ends that source
    with an error item saying how far it got, and the next source is read. ``max_parquet_bytes``: how
    much one Parquet file may decompress to (the dashboard passes a smaller budget).
    """
    for source in sources:
        count = 0
        try:
            for item in read_source(source, text_col=text_col, chunk_rows=chunk_rows, stdin=stdin,
                                    max_parquet_bytes=max_parquet_bytes):
                count += 1
                yield item
        except Exception as exc:
            where = f"after {count} item(s); the rest of it was skipped" if count else "nothing was read"
            yield error_item(
                f"{source.ref}:{count + 1}" if count else source.ref,
                f"{source.ref}: could not be read ({type(exc).__name__}: {exc}); {where}",
                source_path=source.ref,
            )


def read_source(
    source: Source,
    *,
    text_col: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    stdin: BinaryIO | None = None,
    max_parquet_bytes: int | None = None,
) -> Iterator[InputItem]:
    """The items of one source (one for a file or URL, one per record for a table)."""
    if source.kind == "missing":
        yield error_item(
            source.ref, source.problem or f"{source.ref}: cannot be read", source_path=source.ref
        )
    elif source.kind == "url":
        item = fetch_url(source.ref)
        yield item if item.error else cap_text(item)
    elif source.kind == "stdin":
        data, total = _read_stdin(stdin or sys.stdin.buffer)
        item = _from_bytes(data, "sniff", id="stdin", source_path=None, name="<stdin>")
        if not item.error:
            cap_text(item, total=f"{total:,} bytes of standard input" if total > len(data) else None)
            item.warnings = [w.replace("stdin: ", "<stdin>: ", 1) for w in item.warnings]
        yield item
    elif source.kind == "table":
        yield from _table_items(source, text_col, chunk_rows, max_parquet_bytes)
    else:
        yield _file_item(source)


def _table_items(
    source: Source, text_col: str | None, chunk_rows: int, max_parquet_bytes: int | None
) -> Iterator[InputItem]:
    path = source.path
    problem = _not_a_file(path, source.ref)
    if problem:
        yield error_item(source.ref, problem, source_path=source.ref)
        return
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
    # NUL bytes mean a binary file (unless it is UTF-16 with a byte-order mark); in JSONL only on the
    # first line (a later bad line is its own error).
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES and looks_binary(head):
        head = head.split(b"\n", 1)[0]
    if suffix not in PARQUET_SUFFIXES and looks_binary(head):
        yield error_item(source.ref, f"{source.ref}: binary file, not text", source_path=source.ref)
        return
    try:
        yield from iter_table(path, text_col, chunk_rows, max_parquet_bytes)
    except TableColumnError as exc:  # one table without its text column among other inputs: say so, go on
        yield error_item(source.ref, str(exc), source_path=source.ref)


def _not_a_file(path, ref: str) -> str | None:
    """Why ``path`` cannot be read as a file without blocking (FIFOs and devices would hang), or None."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):
            return f"{ref}: broken symbolic link (points to {os.readlink(path)})"
        return f"{ref}: cannot read ({exc.strerror or exc})"
    if stat.S_ISDIR(mode):
        return f"{ref}: is a folder, not a file"
    if not stat.S_ISREG(mode):
        kind = (
            "a named pipe (FIFO)"
            if stat.S_ISFIFO(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "a device"
        )
        return f"{ref}: {kind}, not a regular file; not read"
    return None


def _file_item(source: Source) -> InputItem:
    problem = _not_a_file(source.path, source.ref)
    if problem:
        return error_item(source.ref, problem, source_path=source.ref)
    limit = MAX_HTML_BYTES if source.kind == "html" else MAX_TEXT_BYTES
    try:
        size = source.path.stat().st_size
        with source.path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        return error_item(
            source.ref, f"{source.ref}: cannot read ({exc.strerror or exc})", source_path=source.ref
        )
    cut = len(data) > limit
    if cut:
        data = _whole_characters(data[:limit])
    item = _from_bytes(data, source.kind, id=source.ref, source_path=source.ref, name=source.ref)
    if not item.error:
        cap_text(item, total=f"a {size:,}-byte file" if cut else None)
    return item


def _whole_characters(data: bytes) -> bytes:
    """Bytes cut at a limit may end inside a character: drop that partial character, so the cut alone
    does not make a UTF-8 file look like a legacy encoding (or a UTF-16 file look broken)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        data = data[: len(data) - len(data) % 2]
        last = data[-2:] if data.startswith(b"\xff\xfe") else data[-2:][::-1]
        return data[:-2] if len(last) == 2 and 0xD8 <= last[1] <= 0xDB else data  # a cut surrogate pair
    for back in range(4):
        try:
            data[: len(data) - back].decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(data) - 4:  # invalid earlier on: not UTF-8 anyway
                return data
            continue
        return data[: len(data) - back]
    return data


def _read_stdin(stream: BinaryIO) -> tuple[bytes, int]:
    """The head of standard input (at most MAX_TEXT_BYTES) and the total size (the rest is drained)."""
    data = stream.read(MAX_TEXT_BYTES + 1)
    total = len(data)
    if total > MAX_TEXT_BYTES:
        while block := stream.read(1 << 20):
            total += len(block)
        data = _whole_characters(data[:MAX_TEXT_BYTES])
    return data, total


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
