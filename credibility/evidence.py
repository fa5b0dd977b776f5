"""Which way each kind of evidence span points: towards credibility, against it, or at a machine.

One table for every front end (the dashboard's colours and legend, the CLI's evidence quotes), so a named
source is never shown in the same colour as a vague one. A kind not listed here (a new extractor's) is
*context*: a cue worth seeing that decides nothing by itself (a checkable claim, a hedge, a long sentence).
"""

from __future__ import annotations

from typing import Literal

Direction = Literal["supports", "lowers", "machine", "context"]

# The order of the legend.
DIRECTIONS: tuple[Direction, ...] = ("supports", "lowers", "machine", "context")
DIRECTION_LABELS: dict[Direction, str] = {
    "supports": "supports credibility",
    "lowers": "lowers credibility",
    "machine": "machine furniture and vocabulary",
    "context": "context (decides nothing alone)",
}
DIRECTION_HELP: dict[Direction, str] = {
    "supports": "named sources, quotes, 'according to', reporting verbs",
    "lowers": "vague sources, claims with no source, emphatic words",
    "machine": "AI banners, generated question lists, calls to action, link footers, repeated lines, "
    "syndication notices, LLM-typical words",
    "context": "checkable claims, hedges, long sentences",
}

_KIND_DIRECTIONS: dict[str, Direction] = {
    # sourcing the credibility model rewards
    "named_source": "supports",
    "quote": "supports",
    "according_to": "supports",
    "reporting_verb": "supports",
    "pronoun_source": "supports",
    "attribution": "supports",
    # what it penalises
    "vague_source": "lowers",
    "unsupported_claim": "lowers",
    "booster": "lowers",
    "exclamation": "lowers",
    # machine-made page furniture and machine writing habits
    "ai_banner": "machine",
    "question_list": "machine",
    "call_to_action": "machine",
    "link_footer": "machine",
    "repeated_line": "machine",
    "syndication": "machine",
    "boilerplate": "machine",
    "llm_vocabulary": "machine",
}


def direction_of(kind: str) -> Direction:
    """The direction of a span kind; unknown kinds are context."""
    return _KIND_DIRECTIONS.get(kind, "context")
