"""``--resume``: which input items already have a record in ``--output``.

An item is keyed on where it comes from and its place there: (input identity, position), where the
identity of a file or table is its resolved path (so ``feed.csv`` and ``/data/feed.csv`` are the same
input) and the position counts the items of that input in order (so two rows with the same id are two
items). Items without a file (standard input, URLs) are keyed on their id and its occurrence. Records are
written in input order, so the n-th record of an input in the output is its n-th item.

Before anything is appended, a record cut off by an interruption is removed: a JSONL line without its
newline, and for CSV also a record cut inside a quoted cell that holds a line break.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .output import csv_columns, csv_unguard


class ResumeError(ValueError):
    """The existing output cannot be continued (other format, other columns, damaged in the middle)."""


def input_identity(source: str | None, item_id: str) -> str:
    """Which input a record or item came from: the resolved path of its file, its URL, else its id."""
    if not source:
        return f"id:{item_id}"
    if "://" in source:
        return source
    return os.path.realpath(source)


class ResumeState:
    """The (input, position) keys of the records already written, and a filter for the items to come."""

    def __init__(self) -> None:
        self.records = 0
        self._written: dict[str, set[int]] = defaultdict(set)
        self._written_count: Counter[str] = Counter()
        self._seen: Counter[str] = Counter()

    def add_record(self, source: str | None, item_id: str) -> None:
        """The next record of the output (records are read in file order)."""
        identity = input_identity(source, item_id)
        self.mark_done(source, item_id, self._written_count[identity])
        self._written_count[identity] += 1

    def mark_done(self, source: str | None, item_id: str, position: int) -> None:
        """The item at ``position`` (0-based) of this input has its record."""
        self._written[input_identity(source, item_id)].add(position)
        self.records += 1

    def is_done(self, source: str | None, item_id: str) -> bool:
        """Whether the next item of this input already has its record (call once per item, in order)."""
        identity = input_identity(source, item_id)
        position = self._seen[identity]
        self._seen[identity] += 1
        return position in self._written.get(identity, ())

    def positions(self, source: str) -> frozenset[int]:
        """Positions (0-based) of the items of the input ``source`` that already have a record."""
        return frozenset(self._written.get(input_identity(source, ""), ()))


def prepare_resume(path: Path, fmt: str, *, csv_guard: bool = True) -> ResumeState:
    """What ``path`` (a previous, maybe interrupted, run) already holds; a cut-off last record is removed.

    ``csv_guard``: the CSV was written with formula-like cells prefixed (read back without the prefix)."""
    if fmt not in ("jsonl", "csv"):
        raise ResumeError("--resume needs --format jsonl or csv (the table format cannot be read back)")
    state = ResumeState()
    if not path.exists() or path.stat().st_size == 0:
        return state
    _drop_partial_line(path)
    with path.open(encoding="utf-8", errors="surrogateescape", newline="") as fh:
        if fmt == "jsonl":
            _read_jsonl(fh, state)
            return state
        end = _read_csv(fh, path, state, csv_unguard if csv_guard else str)
    if end is not None:
        with path.open("rb+") as fh:
            fh.truncate(end)
    return state


def _read_jsonl(fh: TextIO, state: ResumeState) -> None:
    for line in fh:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("id") is not None:
            source = record.get("source")
            state.add_record(str(source) if source is not None else None, str(record["id"]))


def _read_csv(fh: TextIO, path: Path, state: ResumeState, unguard) -> int | None:
    """Read the records into ``state``; the byte offset to cut the file at when its last record is cut
    inside a quoted line break (else None). A file broken anywhere else is refused, never cut."""
    lines = _CountingLines(fh)
    reader = csv.reader(lines, strict=True)
    columns = csv_columns()
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ResumeError(f"{path}: not a CSV file this command wrote ({exc}); cannot append to it") from None
    if header is not None and header != columns:
        raise ResumeError(f"{path}: its CSV columns differ from this version's; cannot append to it")
    at_id, at_source = columns.index("id"), columns.index("source")
    complete = lines.offset
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            if lines.at_end:  # cut inside a quoted cell: drop the partial record
                return complete
            raise ResumeError(f"{path}: record {state.records + 1} is not valid CSV ({exc}); "
                              "cannot append to it safely") from None
        complete = lines.offset
        if len(row) == len(columns):
            source = unguard(row[at_source]) or None
            state.add_record(source, unguard(row[at_id]))


class _CountingLines:
    """The lines of a text file, counting the bytes handed out (the csv reader never reads ahead)."""

    def __init__(self, fh: TextIO) -> None:
        self.fh = fh
        self.offset = 0
        self.at_end = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.fh.readline()
        if not line:
            self.at_end = True
            raise StopIteration
        self.offset += len(line.encode("utf-8", "surrogateescape"))
        return line


def _drop_partial_line(path: Path) -> None:
    """An interrupted write can leave a last line without its newline: remove it so appends stay valid."""
    with path.open("rb+") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 1))
        if fh.read(1) == b"\n":
            return
        block = 1 << 16
        pos = size
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                fh.truncate(start + nl + 1)
                return
            pos = start
        fh.truncate(0)
