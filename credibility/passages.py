"""Where in a text the AI model sees machine writing: each window of about three sentences scored alone.

The same AI model that scores the whole article scores every window (its signals computed on the window's
text alone), so the passage view is never a second model. Windows are short, so their scores are much
noisier than the article's and run higher: the dashboard shades them against the scores of human-news
windows (:data:`WINDOW_LINES`) and says how reliable they are (:data:`WINDOW_RELIABILITY`, measured by
``benchmarks/eval_passages.py``); no verdict is given per window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .analysis import analyze_document
from .document import Document, build_document

WINDOW_SENTENCES = 3
# A window read alone looks more machine-like to the model than a whole article does: half the windows of
# held-out human news reach p = 0.69. So windows are shaded against human-news *windows*: each line is the
# probability that this share of held-out human-news windows reaches (benchmarks/eval_passages.py, 250 human
# and 250 machine held-out news texts, 1,900 and 759 windows; rerun it after retraining the AI model).
WINDOW_LINES: tuple[tuple[float, float], ...] = ((0.883, 0.25), (0.951, 0.10), (0.972, 0.05))
WINDOW_RELIABILITY = (
    "Windows are far noisier than the whole text: the model tells machine from human windows with AUROC 0.82 "
    "(whole articles 0.97), and half of the windows of held-out human news reach p = 0.69. So a window is "
    "shaded only where few human news windows score as high: light from p = 0.88 (1 in 4 human news windows), "
    "medium from 0.95 (1 in 10), dark from 0.97 (1 in 20; 38% of machine windows). Read the shading as where "
    "to look, not as a verdict."
)


def window_level(probability: float) -> int:
    """0 (unshaded) to len(WINDOW_LINES): how many of the human-window lines the window reaches."""
    return sum(probability >= line for line, _ in WINDOW_LINES)


def human_window_share(probability: float) -> float | None:
    """The share of held-out human-news windows scoring at least the highest line this window reaches
    (None below the first line: common in human news)."""
    level = window_level(probability)
    return WINDOW_LINES[level - 1][1] if level else None


@dataclass(frozen=True, slots=True)
class Passage:
    """A window of consecutive sentences (``first``..``last``) at ``start``..``end`` of the text the report
    shows, with the AI model's probability for it alone (None when no AI model is installed)."""

    start: int
    end: int
    first: int
    last: int
    words: int
    probability: float | None


def windows(doc: Document, size: int = WINDOW_SENTENCES) -> list[tuple[int, int]]:
    """(first, last) sentence indices of consecutive windows of ``size`` sentences; a shorter tail is
    joined to the window before it, so no window has fewer than ``size`` sentences unless the text does."""
    count = len(doc.sentences)
    bounds = [(i, min(i + size, count) - 1) for i in range(0, count, size)]
    if len(bounds) > 1 and bounds[-1][1] - bounds[-1][0] + 1 < size:
        tail = bounds.pop()
        bounds[-1] = (bounds[-1][0], tail[1])
    return bounds


def score_passages(doc: Document, scorer: Any | None, size: int = WINDOW_SENTENCES) -> list[Passage]:
    """Every window of ``doc`` with its machine-written probability from ``scorer``'s AI model."""
    spans = [(doc.sentences[a].start, doc.sentences[b].end, a, b) for a, b in windows(doc, size)]
    ai_model = getattr(scorer, "ai_model", None)
    if ai_model is None or not doc.supported:
        return [Passage(*_shown(doc, s, e), a, b, _words(doc, a, b), None) for s, e, a, b in spans]
    from .models.scorer import ModelScorer

    only_ai = ModelScorer(ai_model, None, top_k=0)
    parts = [build_document(doc.text[s:e], id=f"{doc.id}#{a}", lang=doc.lang) for s, e, a, _ in spans]
    reports = [analyze_document(part) for part in parts]
    scorable = [(part, report) for part, report in zip(parts, reports, strict=True) if part.word_count]
    only_ai.score_many([p for p, _ in scorable], [r for _, r in scorable])
    return [
        Passage(*_shown(doc, s, e), a, b, _words(doc, a, b), report.ai_probability)
        for (s, e, a, b), report in zip(spans, reports, strict=True)
    ]


def _shown(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Offsets in the text the report shows: the text as given, when the Document maps its normalised text
    back to it (windows are cut and scored on the normalised text, as the whole article is)."""
    to_original = getattr(doc, "original_span", None)
    return to_original(start, end) if to_original is not None else (start, end)


def _words(doc: Document, first: int, last: int) -> int:
    return sum(doc.sentences[i].word_count for i in range(first, last + 1))
