"""From command-line arguments (files, folders, globs, URLs, '-') to an ordered list of sources.

Discovery only looks at names; reading happens lazily in :func:`credibility.ingest.iter_items`, so a
folder of thousands of files costs nothing until it is scored.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .tables import TABLE_SUFFIXES
from .text_files import MARKDOWN_SUFFIXES
from .urls import is_url

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_DOC_STEMS = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "COPYING"})
KNOWN_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to read. ``kind``: stdin, url, text, markdown, html, table, sniff (unknown suffix
    given by name: HTML or text by content) or missing (``problem`` says why)."""

    kind: str
    ref: str
    problem: str | None = None

    @property
    def path(self) -> Path:
        return Path(self.ref)


@dataclass(slots=True)
class Discovery:
    sources: list[Source] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. files skipped in folders, for stderr


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TABLE_SUFFIXES:
        return "table"
    return "sniff"


def discover(inputs: Iterable[str]) -> Discovery:
    """Expand arguments in order: folders recursively (sorted, hidden entries skipped), globs sorted."""
    found = Discovery()
    for arg in inputs:
        if arg == "-":
            found.sources.append(Source("stdin", "-"))
        elif is_url(arg):
            found.sources.append(Source("url", arg))
        elif os.path.isdir(arg):
            _walk(Path(arg), found)
        elif os.path.exists(arg) or os.path.islink(arg):  # a broken link is reported when it is read
            found.sources.append(Source(kind_of(Path(arg)), arg))
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                found.sources.append(Source("missing", arg, f"{arg}: pattern matched no files"))
            for match in matches:
                if os.path.isdir(match):
                    _walk(Path(match), found)
                else:
                    found.sources.append(Source(kind_of(Path(match)), match))
        else:
            found.sources.append(Source("missing", arg, f"{arg}: no such file or folder"))
    return found


def _is_project_doc(name: str) -> bool:
    """README/LICENSE-style files describe a folder; they are not articles (still read if named)."""
    return name.split(".")[0].upper() in _DOC_STEMS


def _walk(folder: Path, found: Discovery) -> None:
    before = len(found.sources)
    skipped = hidden = 0
    docs: list[str] = []

    def unreadable(exc: OSError) -> None:  # os.walk skips a folder it cannot list; never silently
        ref = exc.filename or str(folder)
        found.sources.append(Source("missing", ref, f"{ref}: folder cannot be read ({exc.strerror or exc})"))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        hidden += sum(1 for d in dirs if d.startswith(".")) + sum(1 for f in files if f.startswith("."))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if _is_project_doc(name):
                docs.append(name)
            elif path.suffix.lower() in KNOWN_SUFFIXES:
                found.sources.append(Source(kind_of(path), str(path)))
            else:
                skipped += 1
    if docs:
        found.notes.append(
            f"{folder}: skipped {', '.join(sorted(set(docs)))} (folder documentation, not articles)"
        )
    if skipped:
        found.notes.append(
            f"{folder}: skipped {skipped} file(s) without a known extension ({', '.join(KNOWN_SUFFIXES)})"
        )
    if hidden:
        found.notes.append(f"{folder}: skipped {hidden} hidden file(s) or folder(s) (names starting with '.')")
    if len(found.sources) == before and not (skipped or docs or hidden):
        found.notes.append(f"{folder}: no files in this folder")
