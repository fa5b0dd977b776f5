"""Text with its topical content masked, for a wording model that reads *how* a text is built, not what
it is about.

Function words (the closed-class words of every supported language) are kept; every other word becomes
its shape (``Xw`` lower-case word, ``Xcap`` capitalised, ``Xcaps`` all capitals, ``Xnum`` a number,
``Xalnum`` letters and digits); punctuation is kept as ``P<code point>``. Quote and apostrophe styles are
folded to one form (they are the publisher's typesetting), and line breaks are ordinary spaces (layout
differs between corpora, not between writers). So "The Pentagon said 40 troops would leave." reads
``f_the Xcap Xw Xnum Xw f_would Xw P2e``: names and topics are gone, sentence construction stays.

The masking uses the union of the languages' function-word lists, so it needs no language and a
misidentified language cannot change it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import FUNCTION_WORDS_LIST, resources_for, supported_languages

TOKEN = re.compile(r"\w+|[^\w\s]")
QUOTE_FOLDING = str.maketrans(
    {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032`\u00b4"} | {c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"}
)
FUNCTION_PREFIX = "f_"
PUNCTUATION_PREFIX = "P"


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Every supported language's function words (lower case)."""
    words: set[str] = set()
    for lang in supported_languages():
        resources = resources_for(lang)
        if resources is not None:
            words |= resources.words(FUNCTION_WORDS_LIST)
    return frozenset(words)


def word_shape(token: str) -> str:
    if token.isdigit():
        return "Xnum"
    if not token.isalpha() and any(c.isdigit() for c in token):  # no character is both a letter and a digit
        return "Xalnum"
    if len(token) > 1 and token.isupper():
        return "Xcaps"
    if token[0].isupper():
        return "Xcap"
    return "Xw"


def masked_text(text: str) -> str:
    """``text`` as function words, word shapes and punctuation codes, space-separated."""
    masks = _token_masks(function_words())
    if len(masks) > _TOKEN_CACHE_LIMIT:
        masks.clear()
    tokens = TOKEN.findall(text.translate(QUOTE_FOLDING))
    new_tokens = set(tokens).difference(masks)  # each new token masked once; the rest are one C-level join
    if new_tokens:
        words = function_words()
        for token in new_tokens:
            masks[token] = _mask(token, words)
    return " ".join(map(masks.__getitem__, tokens))


def _mask(token: str, words: frozenset[str]) -> str:
    if token[0].isalnum() or token[0] == "_":
        lower = token.lower()
        return FUNCTION_PREFIX + lower if lower in words else word_shape(token)
    return f"{PUNCTUATION_PREFIX}{ord(token):x}"


# Each distinct token is masked once (words recur across articles far more than they are new); the cache
# is emptied when it outgrows this bound, so memory stays flat over any feed.
_TOKEN_CACHE_LIMIT = 200_000


@lru_cache(maxsize=1)
def _token_masks(words: frozenset[str]) -> dict[str, str]:
    """token → its mask, for one set of function words (a new set starts a new cache)."""
    return {}


SHAPE_GLOSS = {"Xw": "…", "Xcap": "Name", "Xcaps": "ABC", "Xnum": "0", "Xalnum": "A1"}


def readable(term: str) -> str:
    """A masked n-gram as a reader can take it: ``f_in Xw P2c`` -> ``in … ,``."""
    out = []
    for part in term.split():
        if part.startswith(FUNCTION_PREFIX):
            out.append(part[len(FUNCTION_PREFIX):])
        elif part in SHAPE_GLOSS:
            out.append(SHAPE_GLOSS[part])
        elif part.startswith(PUNCTUATION_PREFIX):
            try:
                out.append(chr(int(part[len(PUNCTUATION_PREFIX):], 16)))
            except (ValueError, OverflowError):
                out.append(part)
        else:
            out.append(part)
    return " ".join(out)
