"""Surface features: cheap, language-independent shape measures plus the word-frequency profile.

A registered extractor like every other family, so ``Report.features`` holds every model input and
there is one feature path (Document -> signals -> model). No evidence spans: these are distributions,
not cues. The AI-generation model reads them; the credibility model does not (their meaning depends on
the corpus and topic, see models/README.md).

Only what the ``style`` and ``readability`` extractors do not already measure. Every value is a share or
rate, so none grows with article length, and none looks at paragraph breaks or the last sentence
(training corpora differ in layout and truncation; users' articles do not). Well under a millisecond.
"""

from __future__ import annotations

import math

from ..document import Document
from .base import Signal, register
from .word_profile import FEATURES as WORD_PROFILE_FEATURES
from .word_profile import word_profile_features

FAMILY = "surface"
FEATURES = (
    "word_length_mean",
    "word_length_sd",
    "digit_word_share",
    "capitalised_inner_share",
    "all_caps_word_share",
    "apostrophe_word_share",
    "parentheses_per_100_words",
    "sentence_length_sd",
    *WORD_PROFILE_FEATURES,
)
FEATURE_NAMES = tuple(f"{FAMILY}.{f}" for f in FEATURES)
_CACHE_KEY = "surface_features"  # doc.extra key: these values, computed once per Document


@register(FAMILY, FEATURES, needs_lexicons=False)
def extract_surface(doc: Document) -> Signal:
    """Word length, capitals, digits and word-commonness profile: distributions, no evidence spans."""
    prefix = len(FAMILY) + 1
    return Signal(FAMILY, {name[prefix:]: value for name, value in surface_features(doc).items()})


def surface_features(doc: Document) -> dict[str, float]:
    """The surface feature values of one document (zeros when it has no words)."""
    cached = doc.extra.get(_CACHE_KEY)
    if cached is not None:
        return cached
    words = doc.words_lower
    n = len(words)
    if n == 0:
        return dict.fromkeys(FEATURE_NAMES, 0.0)
    text = doc.text
    lengths = [len(w) for w in words]
    mean_len = sum(lengths) / n
    sd_len = math.sqrt(sum((x - mean_len) ** 2 for x in lengths) / n)
    sent = [s.word_count for s in doc.sentences if s.word_count > 0] or [n]
    sl_mean = sum(sent) / len(sent)
    first_words = {s.first_word for s in doc.sentences}
    inner_caps = all_caps = 0
    for i, (start, end) in enumerate(zip(doc.word_starts, doc.word_ends, strict=True)):
        if text[start].isupper():
            if i not in first_words:
                inner_caps += 1
            if end - start >= 2 and text[start:end].isupper():
                all_caps += 1
    values = {
        "word_length_mean": mean_len,
        "word_length_sd": sd_len,
        # An all-letter word has no digit: the cheap test first (same value, a sixth of the time).
        "digit_word_share": sum(1 for w in words if not w.isalpha() and any(ch.isdigit() for ch in w)) / n,
        "capitalised_inner_share": inner_caps / n,
        "all_caps_word_share": all_caps / n,
        "apostrophe_word_share": sum(1 for w in words if "'" in w or "’" in w) / n,
        "parentheses_per_100_words": 100.0 * text.count("(") / n,
        "sentence_length_sd": math.sqrt(sum((x - sl_mean) ** 2 for x in sent) / len(sent)),
        **word_profile_features(doc),
    }
    out = {f"{FAMILY}.{k}": float(v) for k, v in values.items()}
    doc.extra[_CACHE_KEY] = out
    return out
