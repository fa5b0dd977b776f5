"""The AI model's reasons in plain words, against human news and machine text of the article's language.

A reader cannot act on "word commonness mean (surface) is lower than typical (5.68 vs 5.74)": the
"typical" was the training mean over human *and* machine rows, and the name is ours. Here each input the
AI model reads has a description a reader understands and a unit, and the comparison is with the medians
of human news and of machine text in ``data/reference_distributions.json`` (``credibility/reference.py``,
the references the dashboard draws), e.g. "words chatbots favour: 1.3 per 100 words (human news typically
0.0, machine text 0.23): points to machine-written". Descriptions carry no English example words: the reason's evidence spans
show the article's own words, in its own language.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..reference import reference_for


@dataclass(frozen=True)
class Plain:
    """How one input reads: what it counts and in which unit ("share", "rate", "flag" or a format spec)."""

    what: str
    unit: str


_SHARE, _RATE, _FLAG = "share", "rate", "flag"

PLAIN: dict[str, Plain] = {
    "attribution.attributed_sentence_share": Plain("sentences tied to a source", _SHARE),
    "attribution.attribution_rate_per_100_words": Plain("attributions (a reporting verb or 'according to')", _RATE),
    "attribution.named_source_share": Plain("sentences that name their source", _SHARE),
    "attribution.vague_source_share": Plain("sentences with a vague source", _SHARE),
    "attribution.vague_source_rate_per_100_words": Plain("vague sources", _RATE),
    "attribution.quote_share": Plain("sentences quoting someone directly", _SHARE),
    "boilerplate.has_ai_banner": Plain("an AI banner", _FLAG),
    "boilerplate.has_question_list": Plain("a generated question list", _FLAG),
    "boilerplate.has_call_to_action": Plain("a call to action (subscribe, download the app)", _FLAG),
    "boilerplate.has_link_footer": Plain("a footer of links", _FLAG),
    "boilerplate.has_repeated_line": Plain("repeated lines or captions", _FLAG),
    "boilerplate.has_syndication": Plain("a syndication notice", _FLAG),
    "boilerplate.declares_ai": Plain("a statement that AI wrote or summarised it", _FLAG),
    "boilerplate.boilerplate_char_share": Plain("text that is page furniture (banners, footers)", _SHARE),
    "boilerplate.boilerplate_kind_count": Plain("kinds of page furniture", ".0f"),
    "claims.checkable_claim_share": Plain("sentences making a checkable claim", _SHARE),
    "claims.unsupported_claim_share": Plain("sentences with a checkable claim and no source", _SHARE),
    "claims.unsupported_claim_rate_per_100_words": Plain("checkable claims with no source", _RATE),
    "claims.unsupported_of_checkable_share": Plain("checkable claims left without a source", _SHARE),
    "claims.unsupported_figure_rate_per_100_words": Plain("figures with no source", _RATE),
    "claims.unsupported_prediction_rate_per_100_words": Plain("predictions with no source", _RATE),
    "claims.unsupported_superlative_rate_per_100_words": Plain("superlatives with no source", _RATE),
    "claims.unsupported_causal_rate_per_100_words": Plain("cause-and-effect claims with no source", _RATE),
    "claims.unsupported_sweeping_rate_per_100_words": Plain("sweeping claims with no source", _RATE),
    "claims.unsupported_comparison_rate_per_100_words": Plain("comparisons with no source", _RATE),
    "claims.mean_claim_probability": Plain("how claim-like its sentences are (claim detector, 0 to 1)", ".2f"),
    "hedging.hedge_rate_per_100_words": Plain("hedges", _RATE),
    "hedging.hedged_sentence_share": Plain("hedged sentences", _SHARE),
    "hedging.booster_rate_per_100_words": Plain("emphatic words", _RATE),
    "hedging.boosted_sentence_share": Plain("sentences with an emphatic word", _SHARE),
    "hedging.hedge_booster_balance": Plain("hedges against emphatic words (+1 all hedges, -1 all emphatic)", ".2f"),
    "readability.flesch_reading_ease": Plain("reading ease (Flesch; higher is easier)", ".0f"),
    "readability.flesch_kincaid_grade": Plain("school grade needed to read it (Flesch-Kincaid)", ".1f"),
    "readability.lix": Plain("LIX readability (higher is harder)", ".0f"),
    "readability.words_per_sentence": Plain("words per sentence", ".1f"),
    "readability.syllables_per_word": Plain("syllables per word", ".2f"),
    "readability.long_word_share": Plain("words of 7 or more letters", _SHARE),
    "readability.polysyllable_share": Plain("words of 3 or more syllables", _SHARE),
    "readability.long_sentence_share": Plain("sentences of 30 or more words", _SHARE),
    "style.sentence_length_mean": Plain("words per sentence", ".1f"),
    "style.sentence_length_cv": Plain("how much sentence lengths vary (0: all alike)", ".2f"),
    "style.mattr_50": Plain("vocabulary variety (different words in any 50)", _SHARE),
    "style.mean_content_word_zipf": Plain("how common its content words are (Zipf scale: 3 rare, 6 very common)",
                                          ".2f"),
    "style.rare_word_share": Plain("rare words (under 1 in a million)", _SHARE),
    "style.function_word_share": Plain("function words (articles, pronouns, prepositions)", _SHARE),
    "style.llm_vocabulary_per_100_words": Plain("words chatbots favour", _RATE),
    "style.commas_per_100_words": Plain("commas", _RATE),
    "style.semicolons_per_100_words": Plain("semicolons", _RATE),
    "style.colons_per_100_words": Plain("colons", _RATE),
    "style.em_dashes_per_100_words": Plain("em dashes (—)", _RATE),
    "style.en_dashes_per_100_words": Plain("en dashes (–)", _RATE),
    "style.exclamations_per_100_words": Plain("exclamation marks", _RATE),
    "style.questions_per_100_words": Plain("question marks", _RATE),
    "style.quotes_per_100_words": Plain("quotation marks", _RATE),
    "style.repeated_sentence_start_share": Plain("sentences starting with the previous one's first word", _SHARE),
    "surface.word_length_mean": Plain("letters per word", ".2f"),
    "surface.word_length_sd": Plain("spread of word lengths (letters)", ".2f"),
    "surface.digit_word_share": Plain("words with digits", _SHARE),
    "surface.capitalised_inner_share": Plain("capitalised words inside sentences (mostly names)", _SHARE),
    "surface.all_caps_word_share": Plain("words in capitals", _SHARE),
    "surface.apostrophe_word_share": Plain("words with an apostrophe", _SHARE),
    "surface.parentheses_per_100_words": Plain("brackets", _RATE),
    "surface.sentence_length_sd": Plain("spread of sentence lengths (words)", ".1f"),
    "surface.word_zipf_mean": Plain("how common its words are (Zipf scale: 3 rare, 6 very common)", ".2f"),
    "surface.word_zipf_sd": Plain("spread of word commonness (Zipf)", ".2f"),
    "surface.word_zipf_p10": Plain("how rare its rarer words get (10th percentile, Zipf)", ".2f"),
    "surface.common_word_share": Plain("the most common words (Zipf 6 or more)", _SHARE),
    "surface.unknown_word_share": Plain("words missing from the frequency list (names, typos, coinages)", _SHARE),
    "surface.content_word_zipf_sd": Plain("spread of content-word commonness (Zipf)", ".2f"),
    "surface.sentence_zipf_cv": Plain("how much word commonness changes from sentence to sentence", ".2f"),
    "surface.repeated_bigram_share": Plain("word pairs repeated within 100 words", _SHARE),
    "surface.repeated_trigram_share": Plain("three-word phrases repeated within 100 words", _SHARE),
    "surface.content_word_repeat_share": Plain("content words repeated within 60 words", _SHARE),
}


def reference_medians(name: str, lang: str) -> tuple[float, float] | None:
    """(human news, machine text) medians of one input in ``lang`` (English for an unknown language)."""
    _, groups = reference_for(lang)
    try:
        return (float(groups["human_news"]["features"][name]["q50"]),
                float(groups["machine_text"]["features"][name]["q50"]))
    except KeyError:
        return None


def _value(x: float, unit: str) -> str:
    if unit == _SHARE:
        return f"{x:.0%}" if x >= 0.01 or x == 0 else f"{x:.1%}"
    if unit == _RATE:
        return f"{x:.2g} per 100 words" if 0 < abs(x) < 1 else f"{x:.1f} per 100 words"
    return format(x, unit)


def _bare(x: float, unit: str) -> str:
    """A reference value without the unit's words (they are said once, after the article's value)."""
    return _value(x, unit).removesuffix(" per 100 words")


def plain_ai_reason(name: str, value: float, lang: str, push: str) -> str | None:
    """One input of the AI model in plain words, or None when the input has no description."""
    plain = PLAIN.get(name)
    if plain is None:
        return None
    if plain.unit == _FLAG:
        return _flag_reason(plain, value, push)
    text = f"{plain.what}: {_value(value, plain.unit)}"
    refs = reference_medians(name, lang)
    if refs is not None:
        human, machine = (_bare(r, plain.unit) for r in refs)
        text += (f" (human news and machine text both typically {human})" if human == machine
                 else f" (human news typically {human}, machine text {machine})")
    return f"{text}: {push}"


def plain_reason(name: str, value: float, push: str, typical: float | None, typical_label: str) -> str | None:
    """Any model's input in plain words against one typical value (e.g. the average of its training articles),
    or None when the input has no description: the wording for a user's own model, whatever its question."""
    plain = PLAIN.get(name)
    if plain is None:
        return None
    if plain.unit == _FLAG:
        return _flag_reason(plain, value, push)
    text = f"{plain.what}: {_value(value, plain.unit)}"
    if typical is not None:
        text += f" ({typical_label}: {_bare(typical, plain.unit)})"
    return f"{text}: {push}"


def _flag_reason(plain: Plain, value: float, push: str) -> str:
    """'has an AI banner' / 'no AI banner': a yes-or-no input needs no reference."""
    what = plain.what if value else plain.what.removeprefix("a ").removeprefix("an ")
    return f"{'has' if value else 'no'} {what}: {push}"
