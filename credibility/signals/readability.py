"""Readability: how hard the prose is to read, by textstat's formulas in the document's language.

Machine-written and low-quality news drift away from the readability band of edited journalism (LLM
prose tends to long, even, polysyllabic sentences; clickbait to very short ones). The measures use
textstat's per-language coefficients (Dutch: Flesch-Douma) and its syllable rule, but counted once on the
Document's own sentences and words (see :mod:`credibility.offline_textstat` for why and how it stays
offline). Shares and means only, so values do not grow with article length.
"""

from __future__ import annotations

from itertools import chain, repeat

from ..document import Document, Sentence
from ..offline_textstat import lang_config, word_syllables
from .base import Signal, Span, register, share

FEATURES = (
    "flesch_reading_ease",  # textstat coefficients for the language (nl: Flesch-Douma)
    "flesch_kincaid_grade",  # US grade formula; English-calibrated, still monotone in difficulty for nl
    "lix",  # language-neutral: words/sentence + % words longer than 6 letters
    "words_per_sentence",
    "syllables_per_word",
    "long_word_share",  # words with more than 6 letters (LIX definition)
    "polysyllable_share",  # words with >= textstat's syllable_threshold syllables (3 for en and nl)
    "long_sentence_share",  # sentences of LONG_SENTENCE_WORDS words or more
)

LONG_WORD_LETTERS = 6
LONG_SENTENCE_WORDS = 30
MAX_LONG_SENTENCE_SPANS = 3
# Fragments this short without terminal punctuation are headings, bylines or datelines, not prose.
MAX_FRAGMENT_WORDS = 2
_TERMINAL = ".!?…\"'”’»)"


def prose_sentences(doc: Document) -> list[Sentence]:
    """Sentences that are prose (drops short unpunctuated fragments); cached as ``doc.extra["prose_sentences"]``.

    Shared by the readability and style signals so both measure the same sentences.
    """
    cached = doc.extra.get("prose_sentences")
    if cached is None:
        cached = [
            s
            for s in doc.sentences
            if s.word_count > MAX_FRAGMENT_WORDS or (s.word_count > 0 and doc.text[s.end - 1] in _TERMINAL)
        ]
        doc.extra["prose_sentences"] = cached
    return cached


def _is_long(word: str) -> bool:
    """More than LONG_WORD_LETTERS letters or digits; most words need only ``len`` (no per-character loop)."""
    if len(word) <= LONG_WORD_LETTERS:
        return False
    return word.isalnum() or sum(ch.isalnum() for ch in word) > LONG_WORD_LETTERS


@register("readability", FEATURES, needs_lexicons=False)
def extract_readability(doc: Document) -> Signal:
    """Reading difficulty (Flesch, Flesch-Kincaid, LIX, sentence and word length) in the document's language."""
    sentences = prose_sentences(doc)
    if len(sentences) == len(doc.sentences):  # usually every sentence is prose: no copy needed
        words = doc.words_lower
    else:
        words = list(chain.from_iterable(doc.sentence_words(s) for s in sentences))
    n_words, n_sentences = len(words), len(sentences)
    if not n_words:
        return Signal("readability", dict.fromkeys(FEATURES, 0.0), ())

    words_per_sentence = n_words / n_sentences
    long_words = sum(1 for w in words if len(w) > LONG_WORD_LETTERS and _is_long(w))
    long_sentences = sorted(
        (s for s in sentences if s.word_count >= LONG_SENTENCE_WORDS), key=lambda s: -s.word_count
    )
    features = {
        "lix": words_per_sentence + 100.0 * long_words / n_words,
        "words_per_sentence": words_per_sentence,
        "long_word_share": long_words / n_words,
        "long_sentence_share": share(len(long_sentences), n_sentences),
    }

    resources = doc.resources
    if resources is not None:  # syllable measures need a known hyphenation language
        lang = resources.textstat_lang
        syllables = list(map(word_syllables, words, repeat(lang)))
        syllables_per_word = sum(syllables) / n_words
        threshold = lang_config(lang, "syllable_threshold")
        features.update(
            flesch_reading_ease=lang_config(lang, "fre_base")
            - lang_config(lang, "fre_sentence_length") * words_per_sentence
            - lang_config(lang, "fre_syll_per_word") * syllables_per_word,
            flesch_kincaid_grade=0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
            syllables_per_word=syllables_per_word,
            polysyllable_share=sum(n >= threshold for n in syllables) / n_words,
        )

    spans = tuple(
        Span(s.start, s.end, "long_sentence", f"very long sentence ({s.word_count} words) is hard to read")
        for s in long_sentences[:MAX_LONG_SENTENCE_SPANS]
    )
    return Signal("readability", features, spans)
