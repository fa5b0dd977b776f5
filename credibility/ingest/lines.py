"""Reading table files line by line without ever holding more than one budget's worth of a line.

Python's own line iteration reads a whole line, however long; a single 5 GB line would be read into
memory. These readers cut a line at :data:`~credibility.ingest.limits.MAX_CELL_BYTES`, skip the rest of
it in bounded blocks, and report it, so the lines after it are still read.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, AnyStr

from .limits import MAX_CELL_BYTES, MAX_JSON_DEPTH

_SKIP_BLOCK = 1 << 20


class LineTooLong(ValueError):
    """A line (or CSV record) longer than the cell budget; the reader has already skipped past it."""


def utf16_bom(path: Path) -> bool:
    """True when the file starts with a UTF-16 byte-order mark (read it as text in 'utf-16')."""
    with path.open("rb") as fh:
        return fh.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def bounded_lines(fh: IO[AnyStr], limit: int = MAX_CELL_BYTES) -> Iterator[tuple[int, AnyStr | None]]:
    """``(line number, line)`` for every line of ``fh``; ``line`` is None for a line over ``limit``
    (bytes or characters, as ``fh`` reads), whose rest is skipped in bounded blocks."""
    line_no = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        line_no += 1
        if len(line) > limit and not _ends_line(line):
            _skip_to_line_end(fh)
            yield line_no, None
        else:
            yield line_no, line


def _ends_line(line: str | bytes) -> bool:
    return line.endswith(b"\n" if isinstance(line, bytes) else "\n")


def _skip_to_line_end(fh: IO[AnyStr]) -> None:
    while True:
        block = fh.readline(_SKIP_BLOCK)
        if not block or _ends_line(block):
            return


class CsvLines:
    """The line source of a ``csv.reader`` that keeps each record under the cell budget.

    A line over ``limit`` characters raises :class:`LineTooLong` out of the reader (the line is not
    kept). :meth:`skip_record` then reads on to the end of the record being parsed, by the parity of
    the quote marks seen since it began, so the next row is parsed from its own first line.
    """

    def __init__(self, fh: IO[str], limit: int = MAX_CELL_BYTES) -> None:
        self._fh = fh
        self._limit = limit
        self._quotes = 0  # quote marks seen since the current record began
        self._at_line_end = True
        self.lines = 0  # lines read so far
        self.record_line = 1  # the file line the current record began on

    def __iter__(self) -> CsvLines:
        return self

    def __next__(self) -> str:
        line = self._fh.readline(self._limit + 1)
        if not line:
            raise StopIteration
        self.lines += 1
        self._quotes += line.count('"')
        self._at_line_end = line.endswith("\n")
        if len(line) > self._limit and not self._at_line_end:
            raise LineTooLong(f"a line longer than {self._limit:,} characters")
        return line

    def start_record(self) -> None:
        """The reader returned a whole record: the next line begins a new one."""
        self._quotes = 0
        self.record_line = self.lines + 1

    def skip_record(self) -> None:
        """Read on to the end of the record the reader failed on (its quotes closed, at a line end)."""
        while not (self._at_line_end and self._quotes % 2 == 0):
            block = self._fh.readline(_SKIP_BLOCK)
            if not block:
                break
            self._quotes += block.count('"')
            self._at_line_end = block.endswith("\n")
            self.lines += self._at_line_end
        self._quotes = 0
        self._at_line_end = True


_JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON_BRACKET_RE = re.compile(r"[\[\]{}]")


def json_too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when the JSON text nests arrays/objects deeper than ``limit`` (strings are not counted).

    Python's decoder recurses once per level and fails deep inside with a RecursionError; this linear
    scan refuses such a line first. Cheap for ordinary lines: it only runs when there are more
    brackets than the limit at all.
    """
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for bracket in _JSON_BRACKET_RE.findall(_JSON_STRING_RE.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False
