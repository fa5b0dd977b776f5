"""Language identification (py3langid, whose model ships inside the package: no download)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

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
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """Best language code for ``text`` with a normalised confidence in [0, 1]."""
    sample = text[:SAMPLE_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    if letters == 0:
        return LanguageGuess("und", 0.0, False)
    code, confidence = _identifier().classify(sample)
    return LanguageGuess(code, float(confidence), letters >= MIN_LETTERS_FOR_RELIABLE_ID and confidence >= 0.5)
