"""What the shipped credibility model reads, which way each input may push, and how its reasons read.

The score is built from editorial evidence only: sourcing and attribution, vague sources, quotes,
unsupported checkable claims, emphatic language, machine page furniture and the AI-generation probability.
No topical wording model and no raw surface statistics: their meaning depends on the corpus (the last
model learned 2016 US-politics topics and one dataset's word lengths, and called a third of Dutch
mainstream news low-credibility). ``credibility train --features all`` keeps those for a user's own
in-domain retraining.

Directions are guaranteed, not hoped for. The model predicts P(not credible), so:

- ``+1``: more of it never raises the credibility score (vague sources, unsupported claims, emphasis,
  machine furniture, machine-likeness);
- ``-1``: more of it never lowers the score (sourced sentences, named sources, quotes);
- ``0``: free (the data decides, e.g. how many checkable claims an article makes).

Learned features are fitted by gradient-boosted trees of one feature each with these monotonic
constraints. **Expert terms** are fixed, one-sided weights (evidence above a reference counts, below it
does not; see bundle.expert_terms), because no training article has an AI banner, a generated
question list or an app footer: the data cannot teach what they mean, and editors agree on their direction.
Their sizes are stated here and in the model card, and checked by the counterfactual tests (remove the
furniture from an AI summary: its score must rise).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lexicon import resources_for
from .tasks import AI_GENERATED

AI_PROBABILITY = f"{AI_GENERATED.name}.probability"  # stacked: the AI model's P(machine) for the same article


@dataclass(frozen=True)
class FeatureSpec:
    name: str
    direction: int  # on P(not credible): +1 lowers credibility, -1 raises it, 0 free
    why: str
    expert_weight: float = 0.0  # fixed log-odds per unit; 0 = learned from data
    expert_reference: float = 0.0  # value at which the expert term is zero


FEATURES: tuple[FeatureSpec, ...] = (
    FeatureSpec("attribution.attributed_sentence_share", -1,
                "Sentences that tie what they say to a source are what fact-checkers look for first."),
    FeatureSpec("attribution.named_source_share", -1,
                "A named person or organisation can be checked; an anonymous one cannot."),
    FeatureSpec("attribution.quote_share", -1, "Direct quotes let a reader check who said what."),
    FeatureSpec("attribution.vague_source_rate_per_100_words", 1,
                "'Experts say', 'sources claim': sourcing that cannot be checked."),
    FeatureSpec("claims.unsupported_claim_share", 1,
                "Checkable claims (figures, causes, predictions) made without any source."),
    FeatureSpec("claims.unsupported_of_checkable_share", 1,
                "Of the claims a reader could check, the share the article leaves unsourced."),
    FeatureSpec("claims.checkable_claim_share", 0, "How much the article asserts; neither good nor bad alone."),
    FeatureSpec("hedging.hedge_rate_per_100_words", 0,
                "Hedges mark honest uncertainty as well as speculation: the data decides."),
    FeatureSpec("hedging.booster_rate_per_100_words", 1,
                "Emphatic certainty ('clearly', 'undeniably', 'shocking') is a mark of persuasion, not reporting."),
    FeatureSpec("style.exclamations_per_100_words", 1, "Exclamation marks belong to sensational writing."),
    FeatureSpec("style.questions_per_100_words", 0, "Rhetorical questions; direction left to the data."),
    FeatureSpec(AI_PROBABILITY, 1,
                "Machine-written text is a rewrite or invention, not a report. Counted only above P = 0.5 (the "
                "AI model flags some human news, e.g. BBC texts, at 0.3-0.5; below 0.5 is no evidence).",
                expert_weight=4.0, expert_reference=0.5),
    FeatureSpec("boilerplate.declares_ai", 1, "The text itself says AI wrote or summarised it.",
                expert_weight=1.5),
    FeatureSpec("boilerplate.has_question_list", 1,
                "An auto-generated 'Insights' / 'Key questions' list: AI-summary furniture.", expert_weight=0.8),
    FeatureSpec("boilerplate.has_call_to_action", 1, "'Subscribe', 'download our app': a page, not a report.",
                expert_weight=0.4),
    FeatureSpec("boilerplate.has_link_footer", 1, "A footer of links: aggregator furniture.", expert_weight=0.4),
    FeatureSpec("boilerplate.has_syndication", 1,
                "A syndication notice: a copy of someone else's report, read the original.", expert_weight=0.5),
    FeatureSpec("boilerplate.has_repeated_line", 1, "Repeated captions or lines: scraped or templated text.",
                expert_weight=0.3),
)

FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
BY_NAME = {f.name: f for f in FEATURES}


@dataclass(frozen=True)
class ReasonTemplate:
    """How a feature's value is put to a reader: as a count of sentences, a count per article, or a fact."""

    form: str  # "sentences" | "count" | "flag" | "probability"
    what: str  # e.g. "name a source"; "{examples}" is filled with example words of the article's language
    evidence: tuple[str, ...] = ()  # span kinds that show it in the text
    examples: str = ""  # key of the example words in the language's language.json "reason_examples"

    def what_in(self, lang: str | None) -> str:
        """``what`` with its example words in the article's language (English when it has none)."""
        if not self.examples:
            return self.what
        words = reason_examples(lang, self.examples) or reason_examples("en", self.examples)
        return self.what.replace("{examples}", _quoted_list(words))


def reason_examples(lang: str | None, key: str) -> tuple[str, ...]:
    """Example words for a reason (``key`` "hedge", "booster", "vague_source") from ``language.json``;
    empty when the language or the key is unknown."""
    resources = resources_for(lang) if lang else None
    if resources is None:
        return ()
    return tuple(resources.settings.get("reason_examples", {}).get(key, ()))


def _quoted_list(words: tuple[str, ...]) -> str:
    quoted = [f"'{w}'" for w in words]
    return " or ".join(quoted) if len(quoted) <= 2 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


REASONS: dict[str, ReasonTemplate] = {
    "attribution.attributed_sentence_share": ReasonTemplate(
        "sentences", "attribute what they say to a source", ("reporting_verb", "according_to", "named_source", "quote")),
    "attribution.named_source_share": ReasonTemplate("sentences", "name their source", ("named_source",)),
    "attribution.quote_share": ReasonTemplate("sentences", "quote someone directly", ("quote",)),
    "attribution.vague_source_rate_per_100_words": ReasonTemplate(
        "count", "vague source(s) such as {examples}", ("vague_source",), examples="vague_source"),
    "claims.unsupported_claim_share": ReasonTemplate(
        "sentences", "make a checkable claim with no source", ("unsupported_claim",)),
    "claims.unsupported_of_checkable_share": ReasonTemplate(
        "share", "of the checkable claims carry no source", ("unsupported_claim",)),
    "claims.checkable_claim_share": ReasonTemplate("sentences", "make a checkable claim", ("checkable_claim",)),
    "hedging.hedge_rate_per_100_words": ReasonTemplate(
        "count", "hedge(s) such as {examples}", ("hedge",), examples="hedge"),
    "hedging.booster_rate_per_100_words": ReasonTemplate(
        "count", "emphatic word(s) such as {examples}", ("booster",), examples="booster"),
    "style.exclamations_per_100_words": ReasonTemplate("count", "exclamation mark(s)"),
    "style.questions_per_100_words": ReasonTemplate("count", "question(s)"),
    AI_PROBABILITY: ReasonTemplate(
        "probability",
        f"how machine-like it reads (the AI model's probability, counted above {BY_NAME[AI_PROBABILITY].expert_reference:.2f})"),
    "boilerplate.declares_ai": ReasonTemplate("flag", "says AI wrote or summarised it", ("ai_banner",)),
    "boilerplate.has_question_list": ReasonTemplate("flag", "carries a generated question list", ("question_list",)),
    "boilerplate.has_call_to_action": ReasonTemplate("flag", "carries a call to action", ("call_to_action",)),
    "boilerplate.has_link_footer": ReasonTemplate("flag", "ends in a footer of links", ("link_footer",)),
    "boilerplate.has_syndication": ReasonTemplate("flag", "is a syndicated copy", ("syndication",)),
    "boilerplate.has_repeated_line": ReasonTemplate("flag", "repeats lines or captions", ("repeated_line",)),
}


def monotonic_vector(names: list[str] | tuple[str, ...]) -> list[int]:
    """Each feature's direction (0 for a feature without a spec)."""
    return [BY_NAME[n].direction if n in BY_NAME else 0 for n in names]


def expert_vectors(names: list[str] | tuple[str, ...]) -> tuple[list[float], list[float]]:
    """(weights, references) of the expert terms, 0 for learned features."""
    return ([BY_NAME[n].expert_weight if n in BY_NAME else 0.0 for n in names],
            [BY_NAME[n].expert_reference if n in BY_NAME else 0.0 for n in names])
