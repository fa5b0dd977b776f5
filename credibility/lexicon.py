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
from functools import cache, cached_property
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
    longest phrase. The note of a plain phrase is found again from its normalised text. Matching runs
    through :class:`CaseSplitPattern` (same matches, about twice as fast); ``regex`` is the plain
    case-insensitive pattern, for callers that match at one place.
    """

    def __init__(self, name: str, entries: list[LexiconEntry]) -> None:
        self.name = name
        self.entries = entries
        self._regex_notes: dict[str, str] = {}
        self._phrase_notes: dict[str, str] = {}
        alternatives: list[tuple[str, str]] = []
        for entry in entries:
            if entry.pattern.startswith("re:"):
                group = f"r{len(self._regex_notes)}"
                self._regex_notes[group] = entry.note
                alternatives.append((group, entry.pattern[3:]))
            else:
                self._phrase_notes.setdefault(phrase_key(entry.pattern), entry.note)
        if self._phrase_notes:
            alternatives.append(("phrase", trie_regex(self._phrase_notes)))
        self._pattern = CaseSplitPattern(alternatives) if alternatives else None

    @property
    def regex(self) -> re.Pattern[str] | None:
        """The plain case-insensitive pattern (compiled on first use), None for an empty list."""
        return self._pattern.full if self._pattern else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[PhraseMatch]:
        if self._pattern is None:
            return
        for m_start, m_end, group in self._pattern.finditer(text, start, end):
            found = text[m_start:m_end]
            if group == "phrase":
                note = self._phrase_notes.get(phrase_key(found), "")
            else:
                note = self._regex_notes.get(group, "")
            yield PhraseMatch(m_start, m_end, found, note)

    def search(self, text: str) -> PhraseMatch | None:
        return next(self.finditer(text), None)


class CaseSplitPattern:
    r"""``(?<![\w])(?:A0|A1|…)(?![\w])`` matched case-insensitively: the same matches, found faster.

    Python's ``re`` compares case-insensitive letters one by one through case tables and cannot skip an
    alternative on its first letter; the same alternatives matched case-sensitively over the
    lower-cased text run about twice as fast. Alternatives that must see the original case (a
    ``(?-i:…)`` group, an upper-case letter) run case-insensitively over the original text in a second
    pattern, and the two streams are merged exactly as the single alternation would choose: the
    earliest start wins, at the same start the alternative listed first, and the scan resumes after the
    chosen match. Texts where lower-casing is not a faithful stand-in for case-insensitive matching
    (see :func:`lower_for_matching`) use the single pattern.
    """

    def __init__(self, alternatives: list[tuple[str, str]]) -> None:
        """``alternatives``: ``(group name, regex)`` in priority order; group names must be unique.

        Nothing is compiled here: each pattern on its first use (many word lists are read only for their
        entries, and the single pattern serves only rare texts), which saves a third of start-up's
        regular-expression compiling."""
        self.rank = {group: index for index, (group, _) in enumerate(alternatives)}
        self._alternatives = alternatives
        plain = [(g, body) for g, body in alternatives if not needs_original_case(body)]
        cased = [(g, body) for g, body in alternatives if needs_original_case(body)]
        self._lowered_alternatives = plain or None
        self._cased_alternatives = cased or None
        if cased and plain and len(_bounded_source(plain)) < _MIN_SPLIT_PATTERN:
            self._lowered_alternatives = None  # a second scan would cost more than the short lower-case part saves

    @cached_property
    def full(self) -> re.Pattern[str]:
        return _bounded(self._alternatives, re.IGNORECASE)

    @cached_property
    def lowered(self) -> re.Pattern[str] | None:
        """The case-free alternatives as named groups, for the lower-cased text (tells which one matched)."""
        return _bounded(self._lowered_alternatives, 0) if self._lowered_alternatives else None

    @cached_property
    def cased(self) -> re.Pattern[str] | None:
        """The alternatives that need the original case, as named groups, case-insensitive."""
        return _bounded(self._cased_alternatives, re.IGNORECASE) if self._cased_alternatives else None

    @cached_property
    def _scanners(self) -> tuple[_Scanner | None, _Scanner | None, _Scanner]:
        """(lower-cased, cased, single) scanners: the same alternatives without group names."""
        lowered = _Scanner(self._lowered_alternatives, 0, self.lowered) if self.lowered is not None else None
        cased = _Scanner(self._cased_alternatives, re.IGNORECASE, self.cased) if self.cased is not None else None
        return lowered, cased, _Scanner(self._alternatives, re.IGNORECASE, self.full)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
        """``(start, end, group)`` of each match in ``text[start:end]``, as ``full.finditer`` finds them."""
        end = len(text) if end is None else end
        lowered_scan, cased_scan, full_scan = self._scanners
        lowered = lower_for_matching(text) if lowered_scan is not None else None
        if lowered is None or lowered_scan is None:
            return full_scan.finditer(text, start, end)
        if cased_scan is None:
            return lowered_scan.finditer(lowered, start, end)
        merged = self._merged(text, lowered, start, end, lowered_scan, cased_scan)
        if merged is None:  # an empty match: leave its subtle resumption rules to the single pattern
            return ((m.start(), m.end(), m.lastgroup or "") for m in self.full.finditer(text, start, end))
        return iter(merged)

    def _merged(self, text: str, lowered: str, position: int, end: int, lowered_scan: _Scanner,
                cased_scan: _Scanner) -> list[tuple[int, int, str]] | None:
        found: list[tuple[int, int, str]] = []
        plain = lowered_scan.fast.search(lowered, position, end)
        cased = cased_scan.fast.search(text, position, end)
        while plain is not None or cased is not None:
            if cased is None:
                chosen, source, scan = plain, lowered, lowered_scan
            elif plain is None or cased.start() < plain.start():
                chosen, source, scan = cased, text, cased_scan
            elif plain.start() < cased.start():
                chosen, source, scan = plain, lowered, lowered_scan
            else:  # the same start: the alternative listed first wins
                plain_group = lowered_scan.group(lowered, plain.start(), end)
                cased_group = cased_scan.group(text, cased.start(), end)
                if self.rank[plain_group] < self.rank[cased_group]:
                    chosen, source, scan = plain, lowered, lowered_scan
                else:
                    chosen, source, scan = cased, text, cased_scan
            assert chosen is not None
            if chosen.end() == chosen.start():
                return None
            found.append((chosen.start(), chosen.end(), scan.group(source, chosen.start(), end)))
            position = chosen.end()
            if plain is not None and plain.start() < position:
                plain = lowered_scan.fast.search(lowered, position, end)
            if cased is not None and cased.start() < position:
                cased = cased_scan.fast.search(text, position, end)
        return found


class _Scanner:
    """One bounded alternation scanned without group names, and the named one to tell which matched.

    Python's ``re`` can skip an alternative that starts with a literal or a character class on the
    current character without entering it, but not one wrapped in a named group: scanning with the
    groups dropped runs about twice as fast. The named pattern, matched only at each match's start,
    gives the same match (same alternatives, same order) and its ``lastgroup``.
    """

    __slots__ = ("fast", "named")

    def __init__(self, alternatives: list[tuple[str, str]], flags: int, named: re.Pattern[str]) -> None:
        self.fast = _compile_bounded(_unnamed_source(alternatives, flags), flags)
        self.named = named

    def group(self, text: str, start: int, end: int) -> str:
        match = self.named.match(text, start, end)
        return (match.lastgroup or "") if match is not None else ""

    def finditer(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        return named_matches(self.fast, self.named, text, start, end)


def named_matches(fast: re.Pattern[str], named: re.Pattern[str], text: str, start: int = 0,
                  end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """``(start, end, lastgroup)`` of each match of ``named`` in ``text[start:end]``, found by scanning with
    ``fast``, its group-free copy (same alternatives in the same order, so the same matches), and matching
    ``named`` only at each hit to tell which group matched."""
    end = len(text) if end is None else end
    named_match = named.match
    for m in fast.finditer(text, start, end):
        found = named_match(text, m.start(), end)
        yield m.start(), m.end(), (found.lastgroup or "") if found is not None else ""


# Below this many characters of case-free alternatives (a few dozen words), splitting a pattern that also
# has case-sensitive entries costs more than it saves (measured on the shipped word lists).
_MIN_SPLIT_PATTERN = 1000


def _bounded(alternatives: list[tuple[str, str]], flags: int) -> re.Pattern[str]:
    return _compile_bounded(_bounded_source(alternatives), flags)


def _bounded_source(alternatives: list[tuple[str, str]]) -> str:
    body = "|".join(f"(?P<{group}>{regex})" for group, regex in alternatives)
    return r"(?<![\w])(?:" + body + r")(?![\w])"


def _unnamed_source(alternatives: list[tuple[str, str]], flags: int) -> str:
    """:func:`_bounded_source` without the group names and with every alternation flattened into one
    (the same matches: alternatives are still tried in the same order), grouped by first letter when the
    pattern is case-sensitive (see :func:`group_by_first_literal`)."""
    branches = [branch for _, regex in alternatives for branch in top_level_branches(regex)]
    if not flags & re.IGNORECASE:
        branches = group_by_first_literal(branches)
    return r"(?<![\w])(?:" + "|".join(branches) + r")(?![\w])"


def _compile_bounded(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags | re.UNICODE)


def needs_original_case(regex: str) -> bool:
    """True for an entry with a case-sensitive group or an upper-case letter (it must see the raw text)."""
    if "(?-i:" in regex:
        return True
    literal = re.sub(r"\\.|\(\?P[<=]", "", regex)  # escapes (\S, \W) and group syntax are not letters
    return any(ch.isupper() for ch in literal)


def _special_case_characters() -> frozenset[str]:
    """Characters that ``re.IGNORECASE`` equates with a letter other than their lower case ('ſ' ~ 's',
    'ı' ~ 'i', Greek and Cyrillic variants), or whose lower case depends on context ('Σ')."""
    try:
        from re._casefix import _EXTRA_CASES  # the table ``re`` itself compiles from (CPython 3.11+)

        special = {chr(c) for key, values in _EXTRA_CASES.items() for c in (key, *values)}
    except ImportError:  # pragma: no cover - other Pythons: a fixed list of the same characters
        special = set("µıſͅΐΰβεθικμπρςσφϐϑϕϖϰϱϵвдостъѣᲀᲁᲂᲃᲄᲅᲆᲇᲈṡẛιΐΰꙋﬅﬆ")
    special |= set("\u03a3\u212a\u212b\u1e9e\u0130")  # Σ, Kelvin and Ångström signs, ẞ, İ
    return frozenset(c for c in special if not c.isascii())


_SPECIAL_CASE_CHARACTERS = _special_case_characters()
_last_lowered: tuple[str, str | None] = ("", "")


def lower_for_matching(text: str) -> str | None:
    """``text.lower()`` when a case-sensitive pattern without upper-case letters matches it exactly where
    the same pattern matches ``text`` case-insensitively; None when it may not (lower-casing changes a
    length, or the text holds a character with special case rules). The last answer is kept: every
    word list of a document is matched against the same text."""
    global _last_lowered
    last_text, last_lowered = _last_lowered
    if text is last_text:
        return last_lowered
    lowered: str | None = text.lower()
    if len(lowered) != len(text) or not _SPECIAL_CASE_CHARACTERS.isdisjoint(text):
        lowered = None
    _last_lowered = (text, lowered)
    return lowered


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


def top_level_branches(regex: str) -> list[str]:
    """The alternatives of ``regex`` when it is one alternation, ``(?:A|B|…)`` or ``A|B|…``; else
    ``[regex]``. Joining them with ``|`` gives back the same pattern (same matches, same order)."""
    body = regex[3:-1] if regex.startswith("(?:") and _closing_paren(regex, 0) == len(regex) - 1 else regex
    branches: list[str] = []
    last = 0
    for i, char, depth in _structure(body):
        if char == "|" and depth == 0:
            branches.append(body[last:i])
            last = i + 1
    branches.append(body[last:])
    return branches if len(branches) > 1 or body is not regex else [regex]


def _structure(regex: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each character of ``regex`` from ``start`` that is
    neither escaped nor inside a character class: the characters that shape groups and alternatives."""
    depth, i = 0, start
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(regex, i)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        yield i, char, depth
        i += 1


def _closing_paren(regex: str, open_at: int) -> int:
    """Index of the parenthesis closing the one at ``open_at`` (-1 when unbalanced)."""
    for i, char, depth in _structure(regex, open_at):
        if char == ")" and depth == 0:
            return i
    return -1


def _class_end(regex: str, open_at: int) -> int:
    """Index of the ``]`` closing the character class opened at ``open_at`` (a ``]`` right after ``[`` or
    ``[^`` is a member, as ``re`` reads it); the end of ``regex`` when it is not closed."""
    i = open_at + 1
    if regex[i : i + 1] == "^":
        i += 1
    if regex[i : i + 1] == "]":
        i += 1
    while i < len(regex):
        if regex[i] == "\\":
            i += 2
            continue
        if regex[i] == "]":
            return i
        i += 1
    return len(regex)


_SPECIAL = frozenset("\\.^$*+?{}[]|()")
_QUANTIFIERS = frozenset("*+?{")


def _first_literal(branch: str) -> str | None:
    """The source of the literal character a branch must start with (``a``, ``\\.``), or None when it may
    start otherwise (a class, a group, a look-around, a quantified first character)."""
    if not branch:
        return None
    if branch[0] == "\\":
        token = branch[:2]
        if len(token) < 2 or token[1].isalnum() or token[1] == "_":
            return None  # \d, \s, \b, \1 …: not one literal character
    elif branch[0] in _SPECIAL:
        return None
    else:
        token = branch[0]
    return None if branch[len(token) : len(token) + 1] in _QUANTIFIERS else token


def group_by_first_literal(branches: list[str]) -> list[str]:
    """Case-sensitive alternatives with branches that open with the same literal character merged,
    ``wil(?:l)|wou…|w…`` → ``w(?:il(?:l)|ou…|…)``: the same matches in the same order, found faster.

    Python's ``re`` checks the alternatives of an alternation one after the other, each against the
    current character, at every position; grouping leaves one check per first letter. Two branches
    that open with different literals never match at the same place, so their order does not matter;
    a branch that may open otherwise keeps its place, and nothing is moved across it.
    """
    grouped: list[str] = []
    run: dict[str, list[tuple[str, str]]] = {}  # first character → (token, branch), in order

    def flush() -> None:
        for members in run.values():
            if len(members) == 1:
                grouped.append(members[0][1])
            else:
                token = members[0][0]
                grouped.append(token + "(?:" + "|".join(branch[len(t) :] for t, branch in members) + ")")
        run.clear()

    for branch in branches:
        token = _first_literal(branch)
        if token is None:
            flush()
            grouped.append(branch)
        else:
            run.setdefault(token[-1], []).append((token, branch))
    flush()
    return grouped

