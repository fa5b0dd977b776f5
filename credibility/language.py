"""Language identification (py3langid, whose model ships inside the package: no download; loaded through
:mod:`credibility.language_model`, which keeps it decompressed in the user cache)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from py3langid.langid import LanguageIdentifier

from .language_model import load_identifier

# Below this many letters an identification is a guess; we say so instead of pretending.
MIN_LETTERS_FOR_RELIABLE_ID = 40
# The opening of an article identifies its language as well as the whole, at a fraction of the cost.
SAMPLE_CHARS = 1500


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    code: str
    confidence: float
    reliable: bool


@cache
def _identifier() -> LanguageIdentifier:
    return load_identifier(norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """Best language code for ``text`` with a normalised confidence in [0, 1]."""
    sample = text[:SAMPLE_CHARS]
    letters = _count_letters(sample, MIN_LETTERS_FOR_RELIABLE_ID)
    if letters == 0:
        return LanguageGuess("und", 0.0, False)
    code, confidence = _identifier().classify(sample)
    return LanguageGuess(code, float(confidence), letters >= MIN_LETTERS_FOR_RELIABLE_ID and confidence >= 0.5)


def _count_letters(text: str, enough: int) -> int:
    """Letters in ``text``, counting no further than ``enough`` (all that the caller asks is 0 / enough)."""
    letters = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if letters >= enough:
                break
    return letters
