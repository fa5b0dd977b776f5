"""Style: the writing habits that separate edited human news from LLM output and from sloppy content.

LLM prose is less "bursty" (sentence lengths vary less), uses more predictable, frequent words, favours a
known set of words (Kobak et al. 2024) and the em dash, and repeats structures; human reporting has more
quotes, rarer words and uneven rhythm. Every feature is a mean, share or rate per 100 words, so it does
not grow with article length. Lexicon-free features (rhythm, diversity, punctuation) work for any
language; the word-frequency and word-list features are 0 when the language has no resources.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from functools import lru_cache
from itertools import repeat

from ..document import Document
from ..lexicon import FUNCTION_WORDS_LIST, LanguageResources
from ..word_frequencies import frequency_table
from .base import Signal, Span, rate_per_100_words, register, share
from .readability import prose_sentences

FEATURES = (
    "sentence_length_mean",
    "sentence_length_cv",  # "burstiness": standard deviation / mean of sentence length in words
    "mattr_50",  # moving-average type-token ratio, 50-word window (length-robust lexical diversity)
    "mean_content_word_zipf",  # wordfreq Zipf frequency of non-function words (higher = more predictable)
    "rare_word_share",  # words below Zipf 3 (about 1 per million words)
    "function_word_share",
    "llm_vocabulary_per_100_words",
    "commas_per_100_words",
    "semicolons_per_100_words",
    "colons_per_100_words",
    "em_dashes_per_100_words",
    "en_dashes_per_100_words",  # en dash or a spaced hyphen used as a dash
    "exclamations_per_100_words",
    "questions_per_100_words",
    "quotes_per_100_words",  # quotation marks (apostrophes inside words excluded)
    "repeated_sentence_start_share",  # sentences starting with the same word as the previous one
    "paragraph_length_mean",  # words per paragraph
)

MATTR_WINDOW = 50
RARE_ZIPF = 3.0
ZIPF_CACHE_SIZE = 1 << 16
LLM_VOCABULARY_LIST = "style_llm_vocabulary"
# LLM words are matched in lower case; capitalised mid-sentence they are names ("Jodie Foster"), not style.
LLM_REASON = "word favoured by LLM-written text (Kobak et al. 2024); weak evidence alone"
EM_DASH_REASON = "em dash: frequent in LLM-written prose, though also used by human editors; weak evidence"

# Each pattern starts with the character it counts, so the regex engine scans for it quickly.
PUNCTUATION = {
    "commas_per_100_words": re.compile(r",(?:(?!\d)|(?<!\d,))"),  # not the separator in 1,000 or 3,5
    "semicolons_per_100_words": re.compile(r";"),
    "colons_per_100_words": re.compile(r":(?:(?!\d)|(?<!\d:))"),  # not the separator in 10:30
    "em_dashes_per_100_words": re.compile(r"—"),
    # an en dash that is not a range (2019–2020), or a spaced hyphen used as a dash
    "en_dashes_per_100_words": re.compile(r"–(?:(?!\d)|(?<!\d–))|-(?<=\s-)(?=\s)"),
    "exclamations_per_100_words": re.compile(r"!"),
    "questions_per_100_words": re.compile(r"\?"),
    "quotes_per_100_words": re.compile(r"[\"“”„«»'‘’](?:(?<=[\"“”„«»])|(?!\w)|(?<!\w.))"),
}


@register("style", FEATURES, needs_lexicons=False)
def extract_style(doc: Document) -> Signal:
    """Writing style: sentence rhythm, lexical diversity, word predictability, LLM vocabulary, punctuation."""
    features: dict[str, float] = {}
    spans: list[Span] = []
    lengths = [s.word_count for s in prose_sentences(doc)]
    if lengths:
        mean = statistics.fmean(lengths)
        features["sentence_length_mean"] = mean
        features["sentence_length_cv"] = statistics.pstdev(lengths) / mean if mean else 0.0
    features["mattr_50"] = mattr(doc.words_lower, MATTR_WINDOW)
    features["repeated_sentence_start_share"] = _repeated_start_share(doc)
    features["paragraph_length_mean"] = _paragraph_length_mean(doc)

    for name, pattern in PUNCTUATION.items():
        matches = list(pattern.finditer(doc.text))
        features[name] = rate_per_100_words(len(matches), doc)
        if name == "em_dashes_per_100_words":
            spans.extend(Span(m.start(), m.end(), "em_dash", EM_DASH_REASON) for m in matches)

    if doc.resources is not None:
        spans.extend(_vocabulary_features(doc, doc.resources, features))
    return Signal("style", features, tuple(spans))


def _vocabulary_features(
    doc: Document, resources: LanguageResources, features: dict[str, float]
) -> list[Span]:
    """Word-list and word-frequency features (need the language's resources); returns LLM-word spans."""
    function_words = resources.words(FUNCTION_WORDS_LIST)
    llm_words = resources.words(LLM_VOCABULARY_LIST)
    words = [w.replace("’", "'") for w in doc.words_lower] if "’" in doc.text else doc.words_lower
    sentence_starts = {sentence.first_word for sentence in doc.sentences}
    llm_indices = [
        i
        for i, w in enumerate(words)
        if w in llm_words and (i in sentence_starts or not doc.text[doc.word_starts[i]].isupper())
    ]
    features["llm_vocabulary_per_100_words"] = rate_per_100_words(len(llm_indices), doc)
    alphabetic = [w for w in words if w.isalpha() or _is_alpha_compound(w)]
    features["function_word_share"] = share(sum(w in function_words for w in alphabetic), len(alphabetic))
    if resources.wordfreq_lang:
        lang = resources.wordfreq_lang
        zipfs = list(map(zipf, alphabetic, repeat(lang)))
        content = [z for w, z in zip(alphabetic, zipfs, strict=True) if w not in function_words]
        features["mean_content_word_zipf"] = statistics.fmean(content) if content else 0.0
        features["rare_word_share"] = share(sum(z < RARE_ZIPF for z in zipfs), len(zipfs))
    return [Span(doc.word_starts[i], doc.word_ends[i], "llm_vocabulary", LLM_REASON) for i in llm_indices]


def mattr(words: list[str], window: int) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010); plain TTR when shorter than the window."""
    n = len(words)
    if n == 0:
        return 0.0
    if n <= window:
        return len(set(words)) / n
    counts: dict[str, int] = {}
    for word in words[:window]:
        counts[word] = counts.get(word, 0) + 1
    total = len(counts)
    for incoming, outgoing in zip(words[window:], words, strict=False):
        left = counts[outgoing] - 1
        if left:
            counts[outgoing] = left
        else:
            del counts[outgoing]
        counts[incoming] = counts.get(incoming, 0) + 1
        total += len(counts)
    return total / ((n - window + 1) * window)


def _repeated_start_share(doc: Document) -> float:
    """Share of consecutive sentence pairs in one paragraph whose first words are equal ("The ... The ...")."""
    firsts = [(s.paragraph, doc.words_lower[s.first_word]) for s in doc.sentences if s.word_count]
    pairs = [(a, b) for a, b in zip(firsts, firsts[1:], strict=False) if a[0] == b[0]]
    return share(sum(a[1] == b[1] for a, b in pairs), len(pairs))


def _paragraph_length_mean(doc: Document) -> float:
    per_paragraph = Counter()
    for s in doc.sentences:
        per_paragraph[s.paragraph] += s.word_count
    lengths = [n for n in per_paragraph.values() if n]
    return statistics.fmean(lengths) if lengths else 0.0


def _is_alpha_compound(word: str) -> bool:
    """Hyphenated or apostrophed words made of letters ("well-known", "don't", "auto's")."""
    return any(ch.isalpha() for ch in word) and all(ch.isalpha() or ch in "-'’" for ch in word)


@lru_cache(maxsize=ZIPF_CACHE_SIZE)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency (log10 per billion words) of one lower-case word; 0 when unknown.

    Hyphenated words absent from the table combine their parts as wordfreq does (1/f = sum of 1/f_i).
    """
    table = frequency_table(lang)
    frequency = table.get(word)
    if frequency is None and "-" in word:
        parts = [table.get(p) for p in word.split("-") if p]
        if parts and all(parts):
            frequency = 1.0 / sum(1.0 / f for f in parts)  # type: ignore[operator]
    return math.log10(frequency) + 9.0 if frequency else 0.0
