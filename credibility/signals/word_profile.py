"""Weak language-model features: how predictable an article's words are, and how much it repeats itself.

Detectors such as Ghostbuster get much of their power from word probabilities under weak language
models. The cheapest offline one is a unigram model: wordfreq's frequency table for the article's
language (shipped with the package, no download). Machine text favours common words more evenly and
names fewer rare things; older models also repeat word pairs. Every value is a share, a spread or a
mean over fixed 100-word windows, so none grows with article length. Zeros when the language has no
frequency table.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from ..document import Document
from ..lexicon import FUNCTION_WORDS_LIST
from .style import zipf

FEATURES = (
    "word_zipf_mean",  # mean Zipf frequency of all alphabetic words (higher = more predictable)
    "word_zipf_sd",  # spread of word Zipf frequencies
    "word_zipf_p10",  # 10th percentile: how rare the rarer words get
    "common_word_share",  # words with Zipf >= 6 (the, of, said, ...)
    "unknown_word_share",  # words absent from the frequency table (names, typos, coinages)
    "content_word_zipf_sd",  # spread of Zipf frequencies of known content words
    "sentence_zipf_cv",  # variation of sentence mean Zipf across sentences ("burstiness")
    "repeated_bigram_share",  # word pairs recurring within a 100-word window
    "repeated_trigram_share",  # word triples recurring within a 100-word window
    "content_word_repeat_share",  # content words recurring within a 60-word window
)
COMMON_ZIPF = 6.0
WINDOW = 100
CONTENT_WINDOW = 60


def word_profile_features(doc: Document) -> dict[str, float]:
    """The feature values (unprefixed names) of one document."""
    values = dict.fromkeys(FEATURES, 0.0)
    resources = doc.resources
    if resources is None or not resources.wordfreq_lang:
        return values
    lang = resources.wordfreq_lang
    # Zipf of every alphabetic word, looked up once (None for the rest); sentences reuse these values.
    per_word = [zipf(w, lang) if w.isalpha() else None for w in doc.words_lower]
    words = [w for w in doc.words_lower if w.isalpha()]
    if len(words) < 5:
        return values
    zipfs = [z for z in per_word if z is not None]
    n = len(zipfs)
    mean = math.fsum(zipfs) / n
    values["word_zipf_mean"] = mean
    values["word_zipf_sd"] = _sd(zipfs, mean)
    values["word_zipf_p10"] = sorted(zipfs)[n // 10]
    values["common_word_share"] = sum(z >= COMMON_ZIPF for z in zipfs) / n
    values["unknown_word_share"] = sum(z == 0.0 for z in zipfs) / n
    function_words = resources.words(FUNCTION_WORDS_LIST)
    content = [w for w in words if w not in function_words]
    known_content = [z for w, z in zip(words, zipfs, strict=True) if w not in function_words and z > 0.0]
    if len(known_content) > 2:
        values["content_word_zipf_sd"] = _sd(known_content, math.fsum(known_content) / len(known_content))
    values["sentence_zipf_cv"] = _sentence_zipf_cv(doc, per_word)
    values["repeated_bigram_share"] = _windowed_repeats(words, 2, WINDOW)
    values["repeated_trigram_share"] = _windowed_repeats(words, 3, WINDOW)
    values["content_word_repeat_share"] = _windowed_repeats(content, 1, CONTENT_WINDOW)
    return values


def _sd(values: Sequence[float], mean: float) -> float:
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))


def _sentence_zipf_cv(doc: Document, per_word: Sequence[float | None]) -> float:
    means = []
    for sentence in doc.sentences:
        zs = [z for z in per_word[sentence.first_word : sentence.end_word] if z is not None]
        if len(zs) >= 3:
            means.append(math.fsum(zs) / len(zs))
    if len(means) < 2:
        return 0.0
    mean = math.fsum(means) / len(means)
    return _sd(means, mean) / mean if mean else 0.0


def _windowed_repeats(words: Sequence[str], n: int, size: int) -> float:
    """Mean over consecutive ``size``-word windows of the share of n-grams that occur more than once."""
    shares = []
    for start in range(0, max(1, len(words) - size + 1), size):
        window = words[start : start + size]
        grams = [tuple(window[i : i + n]) for i in range(len(window) - n + 1)]
        if len(grams) < 10:
            continue
        counts = Counter(grams)
        shares.append(sum(c for c in counts.values() if c > 1) / len(grams))
    return math.fsum(shares) / len(shares) if shares else 0.0
