"""Per-article reasons: the features that moved this article's score most, signed, in plain words.

Contributions come from :meth:`TrainedModel.contributions` (log-odds units; see bundle.py). A reason
says which feature, whether the article is above or below what is typical in the training data, and
which way that pushed the score.
"""

from __future__ import annotations

import numpy as np

from ..report import Reason
from .bundle import TrainedModel

# Words that read better than the raw feature-name pieces.
_WORDS = {
    "per_100_words": "per 100 words",
    "cv": "variation",
    "sd": "spread",
    "mattr_50": "vocabulary variety",
    "zipf": "word commonness",
    "llm": "LLM-typical",
    "ai": "AI",
    "lix": "LIX readability",
}


def plain_feature(name: str) -> str:
    """``style.sentence_length_cv`` → ``sentence length variation (style)``."""
    family, _, feature = name.partition(".")
    text = feature
    for raw, nice in _WORDS.items():
        text = text.replace(raw, nice.replace(" ", "\x00"))
    text = text.replace("_", " ").replace("\x00", " ")
    if text.startswith("has "):
        text = text[4:] + " present"
    return f"{text} ({family})" if family else text


def reason_text(name: str, value: float, mean: float, contribution: float, effect: tuple[str, str]) -> str:
    """One sentence: what the feature is, how it compares with typical, and which way it pushed."""
    level = "higher than typical" if value > mean else "lower than typical" if value < mean else "typical"
    push = effect[1] if contribution > 0 else effect[0]
    return f"{plain_feature(name)} is {level} ({value:.3g} vs {mean:.3g}): {push}"


def top_reasons(
    model: TrainedModel,
    x: np.ndarray,
    contributions: np.ndarray,
    *,
    effect: tuple[str, str],
    k: int = 5,
    sign: float = 1.0,
) -> list[Reason]:
    """The ``k`` largest absolute contributions for one article, as :class:`Reason` objects.

    ``effect`` is the wording for (pushes to class 0, pushes to class 1); ``sign=-1`` flips the
    contribution for scores that run opposite to P(positive) (credibility = 100 × (1 − P(not credible))).
    """
    order = np.argsort(-np.abs(contributions))[:k]
    out = []
    for j in order:
        c = float(contributions[j])
        if c == 0.0:
            continue
        name = model.feature_names[j]
        out.append(Reason(feature=name, value=float(x[j]), contribution=round(sign * c, 4),
                          text=reason_text(name, float(x[j]), float(model.mean[j]), c, effect)))
    return out
