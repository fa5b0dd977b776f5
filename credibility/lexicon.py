"""Per-language resources loaded from data files under ``credibility/lexicons/<lang>/``.

A language is supported when its folder holds a ``language.json``; every word list is a ``.txt`` file
beside it. Adding a language is therefore a matter of adding a folder, never of changing code.

Word-list format (one entry per line, UTF-8):
- ``#`` starts a comment (use the header to name sources and licences);
- a plain entry is a word or phrase matched case-insensitively on word boundaries, with any run of
  whitespace in the entry matching any run of whitespace in the text;
- an entry starting with ``re:`` is a Python regular expression (also case-insensitive);
- an optional `` | note`` after an entry is kept as that entry's explanation.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LEXICON_ROOT = Path(os.environ.get("CREDIBILITY_LEXICONS", Path(__file__).parent / "lexicons"))


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    pattern: str
    note: str


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    start: int
    end: int
    text: str
    note: str


class PhraseMatcher:
    """All entries of one word list compiled into a single regular expression (one pass per text)."""

    def __init__(self, name: str, entries: list[LexiconEntry]) -> None:
        self.name = name
        self.entries = entries
        self._notes: list[str] = []
        alternatives: list[str] = []
        plain = sorted((e for e in entries if not e.pattern.startswith("re:")), key=lambda e: -len(e.pattern))
        regexes = [e for e in entries if e.pattern.startswith("re:")]
        for index, entry in enumerate([*regexes, *plain]):
            body = entry.pattern[3:] if entry.pattern.startswith("re:") else _phrase_to_regex(entry.pattern)
            alternatives.append(f"(?P<e{index}>{body})")
            self._notes.append(entry.note)
        if alternatives:
            self.regex: re.Pattern[str] | None = re.compile(
                r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE | re.UNICODE
            )
        else:
            self.regex = None

    def __bool__(self) -> bool:
        return self.regex is not None

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[PhraseMatch]:
        if self.regex is None:
            return
        for match in self.regex.finditer(text, start, len(text) if end is None else end):
            note = self._notes[int(match.lastgroup[1:])] if match.lastgroup else ""
            yield PhraseMatch(match.start(), match.end(), match.group(0), note)

    def search(self, text: str) -> PhraseMatch | None:
        return next(self.finditer(text), None)


def _phrase_to_regex(phrase: str) -> str:
    return r"\s+".join(re.escape(part) for part in phrase.split())


def read_entries(path: Path) -> list[LexiconEntry]:
    """Parse one word-list file; raise ``ValueError`` naming the file and line for a bad regex."""
    entries: list[LexiconEntry] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        pattern, _, note = line.partition(" | ")
        pattern = pattern.strip()
        if pattern.startswith("re:"):
            try:
                re.compile(pattern[3:])
            except re.error as exc:
                raise ValueError(f"{path}:{number}: invalid regular expression: {exc}") from exc
        entries.append(LexiconEntry(pattern, note.strip()))
    return entries


@dataclass(frozen=True)
class LanguageResources:
    """Everything language-specific that the signals need, read from one lexicon folder."""

    code: str
    name: str
    folder: Path
    textstat_lang: str
    wordfreq_lang: str | None
    settings: dict = field(default_factory=dict, hash=False, compare=False)

    def matcher(self, list_name: str) -> PhraseMatcher:
        return _matcher(self.folder, list_name)

    def words(self, list_name: str) -> frozenset[str]:
        """A word list as a set of lower-case single entries (for token lookups)."""
        return _word_set(self.folder, list_name)

    def has_list(self, list_name: str) -> bool:
        return (self.folder / f"{list_name}.txt").exists()


@cache
def _matcher(folder: Path, list_name: str) -> PhraseMatcher:
    path = folder / f"{list_name}.txt"
    return PhraseMatcher(list_name, read_entries(path) if path.exists() else [])


@cache
def _word_set(folder: Path, list_name: str) -> frozenset[str]:
    path = folder / f"{list_name}.txt"
    if not path.exists():
        return frozenset()
    return frozenset(e.pattern.lower() for e in read_entries(path) if not e.pattern.startswith("re:"))


@cache
def supported_languages() -> tuple[str, ...]:
    """Codes of every language with a lexicon folder (sorted)."""
    if not LEXICON_ROOT.is_dir():
        return ()
    return tuple(sorted(p.name for p in LEXICON_ROOT.iterdir() if (p / "language.json").is_file()))


@cache
def resources_for(lang: str) -> LanguageResources | None:
    """Resources for ``lang`` or None when the language has no lexicon folder."""
    folder = LEXICON_ROOT / lang
    settings_path = folder / "language.json"
    if not settings_path.is_file():
        return None
    try:
        settings = json.loads(settings_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{settings_path}: invalid JSON: {exc}") from exc
    return LanguageResources(
        code=lang,
        name=settings.get("name", lang),
        folder=folder,
        textstat_lang=settings.get("textstat_lang", lang),
        wordfreq_lang=settings.get("wordfreq_lang"),
        settings=settings,
    )
