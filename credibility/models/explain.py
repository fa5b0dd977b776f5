"""Per-article reasons: the features that moved this article's score most, signed, in plain words.

Contributions come from :meth:`TrainedModel.contributions` (log-odds units; see bundle.py). A reason
says which feature, whether the article is above or below what is typical in the training data, and
which way that pushed the score.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..report import Reason
from .ai_reasons import plain_ai_reason, plain_reason
from .bundle import TrainedModel
from .credibility_task import REASONS

# Words that read better than the raw feature-name pieces (longest first: "word_zipf" before "zipf").
_WORDS = {
    "per_100_words": "per 100 words",
    "word_zipf_p10": "commonness of the rarer words",
    "word_zipf": "word commonness",
    "zipf": "word commonness",
    "cv": "variation",
    "sd": "spread",
    "mattr_50": "vocabulary variety",
    "llm": "LLM-typical",
    "ai": "AI",
    "lix": "LIX readability",
}


@lru_cache(maxsize=4096)
def plain_feature(name: str) -> str:
    """``style.sentence_length_cv`` → ``sentence length variation (style)``."""
    family, _, feature = name.partition(".")
    present = feature.startswith("has_")
    text = f"_{feature[4:] if present else feature}_"
    for raw, nice in _WORDS.items():  # whole underscore-separated tokens only
        text = text.replace(f"_{raw}_", "_" + nice.replace(" ", "_") + "_")
    text = text.strip("_").replace("_", " ") + (" present" if present else "")
    return f"{text} ({family})" if family else text


def reason_text(name: str, value: float, mean: float, contribution: float, effect: tuple[str, str]) -> str:
    """One sentence: what the feature is, how it compares with typical, and which way it pushed."""
    shown, typical = f"{value:.3g}", f"{mean:.3g}"
    level = ("about typical" if shown == typical else "higher than typical" if value > mean else "lower than typical")
    push = effect[1] if contribution > 0 else effect[0]
    return f"{plain_feature(name)} is {level} ({shown} vs {typical}): {push}"


@dataclass(frozen=True)
class ArticleCounts:
    """What an editorial reason counts against: the article's sentences and words, its declaring banner, and
    its language (the example words of a reason are that language's)."""

    sentences: int
    words: int
    declared: str | None = None
    lang: str | None = None


def editorial_reason(name: str, value: float, reference: float | None, contribution: float,
                     effect: tuple[str, str], counts: ArticleCounts) -> tuple[str, tuple[str, ...]] | None:
    """A credibility reason in the article's own counts against typical credible news, with the span kinds
    that show it; None for a feature without a template (the generic wording is used then)."""
    template = REASONS.get(name)
    if template is None:
        return None
    push = effect[1] if contribution > 0 else effect[0]
    what = template.what_in(counts.lang)
    n, words = max(counts.sentences, 1), max(counts.words, 1)
    if template.form == "sentences":
        k = round(value * n)
        typical = f" (typical credible news: {round(reference * n)} of {n})" if reference is not None else ""
        text = f"{k} of {n} sentences {what}{typical}"
    elif template.form == "share":
        typical = f" (typical credible news: {reference:.0%})" if reference is not None else ""
        text = f"{value:.0%} {what}{typical}"
    elif template.form == "count":
        k = round(value * words / 100)
        expected = reference * words / 100 if reference is not None else None
        typical = ("" if expected is None else " (typical credible news: none)" if expected < 0.05
                   else f" (typical credible news: {expected:.1f} in as many words)")
        text = f"{k or 'no'} {what} in {words} words{typical}"
    elif template.form == "probability":
        # The number, not a verdict: the AI model's own verdict (its lines are in its card) may say "likely
        # human-written" at a probability this term already counts (it counts from 0.5).
        typical = f" (typical credible news: {reference:.2f})" if reference is not None else ""
        text = f"{what}: {value:.2f}{typical}"
    elif name == "boilerplate.declares_ai" and counts.declared:
        text = f"the text {what}: '{counts.declared}'"
    else:
        text = f"the text {what}" if value else f"the text has no {what.split(' ', 1)[-1]}"
    return f"{text}: {push}", template.evidence


def wording_reason_text(terms: list[str], contribution: float, effect: tuple[str, str], view: str = "words") -> str:
    """The wording feature in words, naming the article's own phrases (or, for a model reading masked text,
    sentence patterns: '…' stands for any content word) that pushed it."""
    push = effect[1] if contribution > 0 else effect[0]
    phrases = ", ".join(f"'{t}'" for t in terms)
    what = "sentence construction (function words, punctuation; '…' is any word)" if view == "masked" else \
        "word and phrase choice"
    if view == "masked":
        return f"{what}{f': {phrases}' if phrases else ''}: {push}"
    return f"{what}{f' ({phrases})' if phrases else ''}: {push}"


def top_reasons(
    model: TrainedModel,
    x: np.ndarray,
    contributions: np.ndarray,
    *,
    effect: tuple[str, str],
    k: int = 5,
    sign: float = 1.0,
    skip_terms: frozenset[str] = frozenset(),
    wording_row=None,
    counts: ArticleCounts | None = None,
    lang: str | None = None,
) -> list[Reason]:
    """The ``k`` largest absolute contributions for one article, as :class:`Reason` objects.

    ``effect`` is the wording for (pushes to class 0, pushes to class 1); ``sign=-1`` flips the
    contribution for scores that run opposite to P(positive) (credibility = 100 × (1 − P(not credible))).
    ``wording_row`` (the article's TF-IDF row from the model's wording model) lets the wording feature's
    reason name the phrases behind it (minus ``skip_terms``). With ``counts``, features that have an
    editorial template (credibility_task.REASONS) are put in the article's own counts against the
    model's typical credible article (``metadata["reference_values"]``). With ``lang`` (the AI model's
    reasons), an input is put in plain words against human news and machine text of that language
    (ai_reasons.py); any other described input is put in plain words against its typical value.
    """
    references = model.metadata.get("reference_values", {}) if counts is not None else {}
    magnitude = np.abs(contributions)
    order = np.argpartition(-magnitude, k)[:k] if magnitude.size > k else np.arange(magnitude.size)
    order = order[np.argsort(-magnitude[order])]
    out = []
    for j in order:
        c = float(contributions[j])
        if c == 0.0:
            continue
        name = model.feature_names[j]
        evidence: tuple[str, ...] = ()
        editorial = (editorial_reason(name, float(x[j]), references.get(name), c, effect, counts)
                     if counts is not None else None)
        if name == model.wording_feature:
            terms = ([] if wording_row is None
                     else model.wording.top_terms_of_row(wording_row, direction=np.sign(c), skip=skip_terms))
            words = wording_reason_text(terms, c, effect, getattr(model.wording, "view", "words"))
        elif editorial is not None:
            words, evidence = editorial
        else:
            push = effect[1] if c > 0 else effect[0]
            if lang is not None:
                plain = plain_ai_reason(name, float(x[j]), lang, push)
            elif name in references:
                plain = plain_reason(name, float(x[j]), push, references[name], "typical credible news")
            else:  # a user's own model: against the average of the articles it was trained on
                plain = plain_reason(name, float(x[j]), push, float(model.mean[j]), "its training average")
            words = plain or reason_text(name, float(x[j]), float(model.mean[j]), c, effect)
        out.append(Reason(feature=name, value=float(x[j]), contribution=round(sign * c, 4), text=words,
                          evidence=evidence))
    return out
