"""Hedging signals: how much a text softens its claims (hedges) or insists on them (boosters).

Careful reporting hedges what is uncertain ("reportedly", "may", "naar verluidt"); heavy hedging without
sources, or boosters that wave doubt away ("clearly", "ongetwijfeld"), are both marks of weak
credibility. Cues come from the per-language lists ``hedges`` and ``boosters`` (context rules live in
their ``re:`` entries); both lists are matched in one pass over the whole text and mapped to sentences
by offset with :func:`credibility.signals.cues.cue_matches`.
"""

from __future__ import annotations

from ..document import Document
from .base import Signal, Span, rate_per_100_words, register, share
from .cues import cue_matches

FEATURES = (
    "hedge_rate_per_100_words",
    "hedged_sentence_share",
    "booster_rate_per_100_words",
    "boosted_sentence_share",
    "hedge_booster_balance",
)


def find_cues(doc: Document) -> dict[str, list[tuple[int, int, str, int]]]:
    """Hedge and booster cues as (start, end, text, sentence index), in text order, by list name."""
    cues: dict[str, list[tuple[int, int, str, int]]] = {"hedges": [], "boosters": []}
    for start, end, text, list_name in cue_matches(doc, "hedges", "boosters"):
        sentence = doc.sentence_at(start)
        if sentence is not None:
            cues[list_name].append((start, end, text, sentence.index))
    return cues


@register("hedging", FEATURES)
def extract_hedging(doc: Document) -> Signal:
    """Hedge and booster cues: how tentatively or how forcefully the text states its claims."""
    cues = find_cues(doc)
    hedges, boosters = cues["hedges"], cues["boosters"]
    n_sentences = len(doc.sentences)
    total = len(hedges) + len(boosters)
    features = {
        "hedge_rate_per_100_words": rate_per_100_words(len(hedges), doc),
        "hedged_sentence_share": share(len({c[3] for c in hedges}), n_sentences),
        "booster_rate_per_100_words": rate_per_100_words(len(boosters), doc),
        "boosted_sentence_share": share(len({c[3] for c in boosters}), n_sentences),
        "hedge_booster_balance": share(len(hedges) - len(boosters), total),
    }
    spans = [Span(s, e, "hedge", f"hedge: '{t}' weakens the claim") for s, e, t, _ in hedges]
    spans += [
        Span(s, e, "booster", f"booster: '{t}' presents the claim as certain") for s, e, t, _ in boosters
    ]
    spans.sort(key=lambda span: (span.start, span.end))
    return Signal("hedging", features, tuple(spans))
