"""Learned attribution cues: words that mark an attribution only in some contexts (issue #14).

The word lists catch the frequent, unambiguous cues ("said", "according to"). Many cues are words that
attribute in one context and not in another: "Trump *plans* a major ad buy" and "the poll *shows*" are
attributions, "the *plans* were shelved" is not; "Clinton *has repeatedly* called ..." marks a stance.
A small logistic regression over the word and its neighbours decides these. It was fitted on the PolNeAR
train split by ``benchmarks/train_attribution_cues.py`` and is stored as a readable weight table,
``lexicons/<lang>/attribution_learned_cues.txt`` (a language without the file has no learned cues).

Only words of the table's vocabulary (its ``w=`` features) are candidates, and only outside quotes and
outside the cues the word lists found: the model adds cues, it never removes one. Features of a candidate
word (:func:`candidate_features`; the training script calls the same function, so the two cannot drift):
the word, its suffix, the words around it, whether a subject (a name, a role, a pronoun) stands before it,
whether "that" follows, whether its sentence already holds a listed cue, and a few conjunctions of these.
Adjacent chosen words make one cue ("has repeatedly ripped"), also across one adverb or auxiliary.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

from ..document import Document, Sentence
from ..lexicon import LanguageResources

WEIGHTS_FILE = "attribution_learned_cues.txt"
SUBJECT_CLASSES = frozenset(["pronoun", "role", "name"])


@dataclass(frozen=True, slots=True)
class CueModel:
    """A linear model over string features: ``score = bias + sum(weights[f])``, a cue at ``score >= cut``."""

    bias: float
    threshold: float  # probability
    weights: dict[str, float]
    vocabulary: frozenset[str]

    @property
    def cut(self) -> float:
        """The threshold as a logit, so that scoring needs no exponential."""
        return math.log(self.threshold / (1.0 - self.threshold))

    def score(self, features: list[str]) -> float:
        return self.bias + sum(map(self.weights.get, features, repeat(0.0)))  # same order, no generator


@cache
def load_model(res: LanguageResources) -> CueModel | None:
    """The learned-cue model of a language, or None when its folder has no weight table (kept per
    language: building the file's path for the look-up on every article cost 0.07 ms)."""
    return _load(res.folder / WEIGHTS_FILE)


@cache
def _load(path: Path) -> CueModel | None:
    if not path.is_file():
        return None
    bias, threshold = 0.0, 0.5
    weights: dict[str, float] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, value = line.rpartition("\t")
        try:
            number_value = float(value)
        except ValueError:
            number_value = math.nan
        if not sep or math.isnan(number_value):
            raise ValueError(f"{path}:{number}: expected 'feature<TAB>number', got {line!r}")
        if name == "@bias":
            bias = number_value
        elif name == "@threshold":
            threshold = number_value
        else:
            weights[name] = number_value
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"{path}: @threshold must lie between 0 and 1, got {threshold}")
    vocabulary = frozenset(name[2:] for name in weights if name.startswith("w="))
    return CueModel(bias, threshold, weights, vocabulary)


def candidate_features(
    doc: Document,
    vocabulary: frozenset[str] | None,
    taken: Callable[[int], bool],
    subject_class: Callable[[int, Sentence], str],
    cue_sentences: frozenset[int],
) -> Iterator[tuple[int, list[str]]]:
    """(word index, features) of every candidate word: in ``vocabulary`` (every word when None) and not
    ``taken`` (a word index inside a quote or a listed cue)."""
    words = doc.words_lower
    text = doc.text
    starts, ends = doc.word_starts, doc.word_ends
    for sentence in doc.sentences:
        first, end = sentence.first_word, sentence.end_word
        has_cue = "1" if sentence.index in cue_sentences else "0"
        for i in range(first, end):
            word = words[i]
            if vocabulary is not None and word not in vocabulary:
                continue
            if taken(i):
                continue
            before = words[i - 1] if i > first else "<s>"
            before2 = words[i - 2] if i - 1 > first else "<s>"
            if i + 1 < end:
                gap = text[ends[i] : starts[i + 1]].strip()
                after = "gap" + gap if gap else words[i + 1]
            else:
                after = "<end>"
            after2 = words[i + 2] if i + 2 < end else "<end>"
            subject = subject_class(i, sentence)
            features = [
                "w=" + word,
                "suf2=" + word[-2:],
                "prev=" + subject,
                "pw=" + before,
                "pw2=" + before2,
                "nx=" + after,
                "nx2=" + after2,
                "w+nx=" + word + "_" + after,
                "pw+w=" + before + "_" + word,
                "cue_in_sentence=" + has_cue,
            ]
            if text[starts[i]].isupper():
                features.append("cap")
            if i == first:
                features.append("first")
            if subject in SUBJECT_CLASSES:
                features.append("subj&w=" + word)
            if after == "that" or after2 == "that":
                features.append("that&w=" + word)
            yield i, features


def learned_cues(
    doc: Document,
    model: CueModel,
    taken: Callable[[int], bool],
    subject_class: Callable[[int, Sentence], str],
    cue_sentences: frozenset[int],
    bridge_words: frozenset[str] = frozenset(),
) -> list[tuple[int, int]]:
    """Character spans of the learned cues: chosen candidate words, adjacent ones merged into one span,
    also across one word of ``bridge_words`` (an adverb: "has repeatedly pledged" is one cue)."""
    cut = model.cut
    chosen = [
        i
        for i, features in candidate_features(doc, model.vocabulary, taken, subject_class, cue_sentences)
        if model.score(features) >= cut
    ]
    spans: list[tuple[int, int]] = []
    previous = -2
    for i in chosen:
        bridged = i == previous + 2 and doc.words_lower[previous + 1] in bridge_words
        if (i == previous + 1 or bridged) and all(
            not doc.text[doc.word_ends[j] : doc.word_starts[j + 1]].strip(" \t") for j in range(previous, i)
        ):
            spans[-1] = (spans[-1][0], doc.word_ends[i])
        else:
            spans.append((doc.word_starts[i], doc.word_ends[i]))
        previous = i
    return spans
