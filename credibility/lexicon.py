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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

# The closed-class (grammar) word list every language folder has: style and boilerplate both read it.
FUNCTION_WORDS_LIST = "style_function_words"
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
    """All entries of one word list compiled into a single regular expression (one pass per text).

    Plain phrases are compiled as a character trie (shared prefixes factored out), which is many times
    faster than a flat alternation of hundreds of words; ``re:`` entries are tried first, then the
    longest phrase. The note of a plain phrase is found again from its normalised text.
    """

    def __init__(self, name: str, entries: list[LexiconEntry]) -> None:
        self.name = name
        self.entries = entries
        self._regex_notes: dict[str, str] = {}
        self._phrase_notes: dict[str, str] = {}
        alternatives: list[str] = []
        for entry in entries:
            if entry.pattern.startswith("re:"):
                group = f"r{len(self._regex_notes)}"
                self._regex_notes[group] = entry.note
                alternatives.append(f"(?P<{group}>{entry.pattern[3:]})")
            else:
                self._phrase_notes.setdefault(phrase_key(entry.pattern), entry.note)
        if self._phrase_notes:
            alternatives.append(f"(?P<phrase>{trie_regex(self._phrase_notes)})")
        self.regex: re.Pattern[str] | None = (
            re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE | re.UNICODE)
            if alternatives
            else None
        )

    def __bool__(self) -> bool:
        return self.regex is not None

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[PhraseMatch]:
        if self.regex is None:
            return
        for match in self.regex.finditer(text, start, len(text) if end is None else end):
            group = match.lastgroup or ""
            if group == "phrase":
                note = self._phrase_notes.get(phrase_key(match.group(0)), "")
            else:
                note = self._regex_notes.get(group, "")
            yield PhraseMatch(match.start(), match.end(), match.group(0), note)

    def search(self, text: str) -> PhraseMatch | None:
        return next(self.finditer(text), None)


def phrase_key(phrase: str) -> str:
    """Lower-case phrase with whitespace runs folded: how plain entries are compared."""
    return " ".join(phrase.lower().split())


def trie_regex(phrases: Iterable[str]) -> str:
    """A regex matching exactly the given (normalised) phrases, factored by shared prefixes.

    Greedy optional tails make the longest phrase win; a space in a phrase matches any whitespace run.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + build(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


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


def supported_code(value: str | None) -> str | None:
    """``value`` as a supported language code ('EN', 'en-GB' → 'en'), or None for anything else."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in supported_languages() else None


@cache
def resources_for(lang: str) -> LanguageResources | None:
    """Resources for ``lang`` or None when the language has no lexicon folder.

    Only the codes of :func:`supported_languages` are looked up: a language comes from user input
    (``--lang``, a table column, front matter), and must never name a folder of its own.
    """
    if lang not in supported_languages():
        return None
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
