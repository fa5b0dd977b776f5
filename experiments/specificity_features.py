"""Checkable particulars and reader address, as measured for issue #13 (not shipped: see
``credibility_features_study.md``, "Particulars without date words").

The version of the features study's specificity columns that was built as a registered extractor and
then withdrawn: figures (words holding a digit), multi-word names (capitalised runs; a name particle such
as "de" or "of" may sit inside; a sentence's first word never starts one), named places (a capitalised
word after a locative preposition) and second-person words outside attributed sentences (in a quote it
is the source talking, not the page). Date words are left out on purpose: Dutch news writes fewer
month and weekday names than English news, which broke the Dutch false-alarm check in the first study.
"""

from __future__ import annotations

from credibility.document import Document, build_document
from credibility.signals.attribution import attributed_sentence_indices
from credibility.signals.base import rate_per_100_words

PREFIX = "particulars."
NAMES = (f"{PREFIX}figures_per_100_words", f"{PREFIX}multiword_names_per_100_words",
         f"{PREFIX}named_places_per_100_words", f"{PREFIX}second_person_per_100_words")
LOCATIVES = {"en": {"in", "at", "from", "near", "outside", "across"},
             "nl": {"in", "uit", "te", "bij", "nabij", "naar", "buiten", "vanuit"}}
SECOND_PERSON = {"en": {"you", "your", "yours", "yourself", "yourselves"},
                 "nl": {"jij", "je", "jou", "jouw", "jullie", "u", "uw", "jezelf", "uzelf"}}


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word.isalpha()


def multiword_names(doc: Document, words: list[str], firsts: set[int]) -> list[tuple[int, int]]:
    """(first, end) word ranges of capitalised runs of at least two words ("Jan de Vries", "Bank of England")."""
    particles = doc.resources.words("attribution_name_particles") if doc.resources else frozenset()
    out: list[tuple[int, int]] = []
    i, n = 0, len(words)
    while i < n:
        if not _capitalised(words[i]) or i in firsts:
            i += 1
            continue
        j = i + 1
        while j < n and j not in firsts:
            if _capitalised(words[j]):
                j += 1
            elif (doc.words_lower[j] in particles and j + 1 < n and _capitalised(words[j + 1])
                  and j + 1 not in firsts):
                j += 2
            else:
                break
        if j - i >= 2:
            out.append((i, j))
        i = j
    return out


def particulars(doc: Document) -> dict[str, float]:
    """The four columns of one parsed document (zeros for a language without lists)."""
    lang = doc.lang if doc.lang in LOCATIVES else None
    if lang is None or not doc.word_count:
        return dict.fromkeys(NAMES, 0.0)
    words = [doc.text[s:e] for s, e in zip(doc.word_starts, doc.word_ends, strict=True)]
    firsts = {s.first_word for s in doc.sentences}
    figures = sum(any(c.isdigit() for c in w) for w in doc.words_lower)
    names = len(multiword_names(doc, words, firsts))
    places = sum(1 for i in range(1, len(words)) if i not in firsts and _capitalised(words[i])
                 and doc.words_lower[i - 1] in LOCATIVES[lang])
    sourced = attributed_sentence_indices(doc)
    second = sum(1 for i, w in enumerate(doc.words_lower)
                 if w in SECOND_PERSON[lang] and doc.word_sentence[i] not in sourced)
    return dict(zip(NAMES, (rate_per_100_words(c, doc) for c in (figures, names, places, second)), strict=True))


def text_particulars(text: str) -> dict[str, float]:
    return particulars(build_document(text))
