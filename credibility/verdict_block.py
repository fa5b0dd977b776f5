"""The verdict block: what a reader sees first, the same in the CLI table and the dashboard.

One line per question (*machine-written?*, *how credible?*): the verdict in words, how often that verdict
is wrong on texts it should not flag (read from the model card: "flags about 1 in 240 human news
articles"), then the strongest reasons, each with the evidence spans that show it. A text that says AI
made it gets that statement as its decisive reason, with the model's own view beside it. When the two
answers point different ways, a note says why that is not a contradiction.

Nothing here computes a score: values and verdicts come from the Report, rates from the model cards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models.credibility_task import AI_PROBABILITY
from .models.credibility_task import BY_NAME as CREDIBILITY_INPUTS
from .models.model_card import ModelCard, as_card
from .models.tasks import AI_GENERATED, CREDIBILITY
from .models.thresholds import Threshold, ai_thresholds, credibility_threshold, find_card
from .report import Report, Score
from .signals.base import Span
from .verdicts import AI_DECLARED_VERDICT, AI_TOO_SHORT_VERDICT, AI_VERDICTS, CREDIBILITY_VERDICTS

QUESTIONS = {task.name: task.question for task in (AI_GENERATED, CREDIBILITY)}
TOP_REASONS = 3

# AI-model reasons carry no span kinds of their own; these features are visible in the text as these kinds.
_FEATURE_EVIDENCE = {
    "style.llm_vocabulary_per_100_words": ("llm_vocabulary",),
    "style.quotes_per_100_words": ("quote",),
    "attribution.attribution_rate_per_100_words": ("named_source", "according_to", "reporting_verb"),
    "attribution.vague_source_rate_per_100_words": ("vague_source",),
    "hedging.hedge_rate_per_100_words": ("hedge",),
    "hedging.booster_rate_per_100_words": ("booster",),
}
_FAMILY_EVIDENCE = {
    "boilerplate": ("ai_banner", "question_list", "call_to_action", "link_footer", "repeated_line", "syndication"),
}

# A model name -> its card (a typed card or a card dict; None or {} for none).
CardLookup = Callable[[str], ModelCard | dict[str, Any] | None]


@dataclass(frozen=True, slots=True)
class BlockReason:
    """One reason of a verdict line: its words, which way it pushes, and the spans that show it."""

    text: str
    # "machine" / "human" for the AI question, "raises" / "lowers" for credibility.
    direction: str
    evidence: tuple[Span, ...] = ()
    decisive: bool = False  # the text's own statement that AI made it


@dataclass(frozen=True, slots=True)
class VerdictLine:
    key: str  # the task: tasks.AI_GENERATED.name or tasks.CREDIBILITY.name
    question: str
    verdict: str  # in words, as the Report states it
    value: str  # "p = 0.94", "71/100"
    rate: str  # how often this verdict is given to texts it should not flag
    model_view: str | None = None  # for a declared text: what the model alone says
    reasons: tuple[BlockReason, ...] = ()

    def headline(self) -> str:
        """The line in words: verdict, value, rate (and the model's view when the text decided)."""
        if self.model_view:
            return f"{self.verdict}; {self.model_view}"
        return f"{self.verdict} ({self.value}; {self.rate})"


@dataclass(frozen=True, slots=True)
class VerdictBlock:
    lines: tuple[VerdictLine, ...]
    notes: tuple[str, ...] = ()


def verdict_block(report: Report, *, cards: CardLookup | None = None, top: int = TOP_REASONS) -> VerdictBlock:
    """The block for ``report``; ``cards`` maps a model name to its card (default: the models folder)."""
    lookup = cards or _folder_cards
    lines = []
    ai = report.scores.get(AI_GENERATED.name)
    if ai is not None:
        lines.append(_ai_line(report, ai, as_card(lookup(ai.model)), top))
    cred = report.scores.get(CREDIBILITY.name)
    if cred is not None:
        lines.append(_credibility_line(report, cred, as_card(lookup(cred.model)), top))
    return VerdictBlock(tuple(lines), _notes(report, ai, cred))


def format_probability(p: float) -> str:
    """'p = 0.94'; never rounded to a false certainty ('p < 0.01', 'p > 0.99')."""
    if 0.0 < p < 0.005:
        return "p < 0.01"
    if 0.995 <= p < 1.0:
        return "p > 0.99"
    return f"p = {p:.2f}"


def one_in(rate: float) -> str:
    """A rate as 'about 1 in N' (N to two significant figures), the way people read risks."""
    if rate >= 0.5:
        return f"{rate:.0%} of"
    n = 1.0 / rate
    rounded = int(n + 0.5) if n < 100 else int(float(f"{n:.2g}"))
    return f"about 1 in {rounded:,}"


def flags_phrase(threshold: Threshold, population: str) -> str:
    """'flags about 1 in 240 human news articles' (or what the card does not say)."""
    rate = threshold.fpr_on_human_news
    if rate is None:
        return f"its rate on {population} is not in the model card"
    if rate <= 0:
        return f"flagged none of the held-out {population}"
    return f"flags {one_in(rate)} {population}"


def ai_band(probability: float, possibly: Threshold, likely: Threshold) -> str:
    """The model's own verdict words for ``probability`` at the card's lines."""
    if probability >= likely.probability:
        return AI_VERDICTS[2]
    return AI_VERDICTS[1] if probability >= possibly.probability else AI_VERDICTS[0]


def _ai_line(report: Report, score: Score, card: ModelCard | None, top: int) -> VerdictLine:
    possibly, likely = ai_thresholds(card, report.lang) if card else _bare_ai_thresholds(score)
    value = format_probability(score.value)
    band = score.verdict if score.verdict in (*AI_VERDICTS, AI_TOO_SHORT_VERDICT) else ai_band(
        score.value, possibly, likely)
    rate = _ai_rate(band, possibly, likely, score.value)
    reasons = [_reason(report, r, ("machine", "human")) for r in _ranked(score, top)]
    if score.declared:
        banner = BlockReason(f"the text says AI made it: '{score.declared}'", "machine",
                             _declaring_spans(report, score.declared), decisive=True)
        model_band = ai_band(score.value, possibly, likely)
        view = f"the model alone: {model_band} ({value}; {_ai_rate(model_band, possibly, likely, score.value)})"
        return VerdictLine(AI_GENERATED.name, AI_GENERATED.question, AI_DECLARED_VERDICT, value,
                           "stated by the text, not inferred", view, (banner, *reasons[: max(0, top - 1)]))
    return VerdictLine(AI_GENERATED.name, AI_GENERATED.question, band, value, rate, None, tuple(reasons))


# Above this probability a text below the 'possibly' line is more machine-like than most human news (and
# the credibility model already counts its probability: its expert term starts here), so "likely
# human-written" needs its caveat.
MIDDLE_PROBABILITY = CREDIBILITY_INPUTS[AI_PROBABILITY].expert_reference


def _ai_rate(band: str, possibly: Threshold, likely: Threshold, probability: float | None = None) -> str:
    if band == AI_TOO_SHORT_VERDICT:
        return "too few words for the model's rates and ratios to mean anything"
    if band == AI_VERDICTS[2]:
        return flags_phrase(likely, "human news articles")
    if band == AI_VERDICTS[1]:
        rate = possibly.fpr_on_human_news
        if rate is None:
            return "human news scores this high too; the card does not say how often"
        return f"{one_in(rate)} human news articles score this high too"
    if probability is not None and probability >= MIDDLE_PROBABILITY:
        return (f"more machine-like than most human news, but under the 'possibly' line (p = "
                f"{possibly.probability:.2f}): weak evidence either way")
    return "weak evidence: much machine text scores this low too"


def _credibility_line(report: Report, score: Score, card: ModelCard | None, top: int) -> VerdictLine:
    line = credibility_threshold(card, report.lang) if card else Threshold("low credibility", 0.5, None)
    rate = line.fpr_on_human_news
    population = "credible news articles"
    if score.verdict == CREDIBILITY_VERDICTS[1]:
        said = f"calls {one_in(rate)} {population} low" if rate else f"its rate on {population} is not in the card"
    else:
        said = f"low below {score.threshold:.0f}/100"
        if rate:
            said += f", where {one_in(rate)} {population} fall too"
    reasons = tuple(_reason(report, r, ("raises", "lowers")) for r in _ranked(score, top))
    return VerdictLine(CREDIBILITY.name, CREDIBILITY.question, score.verdict, f"{score.value:.0f}/100", said,
                       None, reasons)


def _bare_ai_thresholds(score: Score) -> tuple[Threshold, Threshold]:
    """No card: the stored threshold from the Score and the old p = 0.5 line, rates unknown."""
    return Threshold("possibly", min(0.5, score.threshold), None), Threshold("likely", score.threshold, None)


def _ranked(score: Score, top: int) -> list:
    return sorted(score.reasons, key=lambda r: abs(r.contribution), reverse=True)[:top]


def _reason(report: Report, reason, directions: tuple[str, str]) -> BlockReason:
    kinds = reason.evidence or _FEATURE_EVIDENCE.get(reason.feature) or _FAMILY_EVIDENCE.get(
        reason.feature.split(".", 1)[0], ())
    spans = tuple(s for s in report.spans if s.kind in kinds)
    return BlockReason(reason.text, directions[0] if reason.contribution > 0 else directions[1], spans)


def _declaring_spans(report: Report, declared: str) -> tuple[Span, ...]:
    """The banner span(s) whose text is the declaration (whitespace-normalised, as the Score quotes it)."""
    head = declared.rstrip("…")[:40]
    banners = [s for s in report.spans if s.kind == "ai_banner"]
    exact = tuple(s for s in banners if " ".join(report.span_text(s).split()).startswith(head))
    return exact or tuple(banners[:1])


def _notes(report: Report, ai: Score | None, cred: Score | None) -> tuple[str, ...]:
    notes = []
    if ai is not None and cred is not None:
        machine = ai.declared is not None or ai.verdict in AI_VERDICTS[1:]
        credible = cred.verdict == CREDIBILITY_VERDICTS[0]
        if machine and credible:
            notes.append("The two answers differ on purpose: credibility rates sourcing and page furniture, "
                         "not who wrote the text. A machine-written text can cite real sources: check them.")
        elif not machine and not credible:
            notes.append("Likely written by a person, yet low credibility: credibility rates how the text "
                         "supports its claims, not who wrote it.")
    if report.low_confidence and report.scores:
        notes.append(f"Short text ({report.word_count} words): both answers are low-confidence.")
    return tuple(notes)


def _folder_cards(model_name: str) -> ModelCard | None:
    from .paths import models_dir

    return find_card(model_name, models_dir())

