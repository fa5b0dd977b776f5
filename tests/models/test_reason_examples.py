"""The example words in a credibility reason ("hedge(s) such as …") come from the article's language."""

from __future__ import annotations

import pytest

from credibility.lexicon import resources_for
from credibility.models.credibility_task import REASONS, reason_examples
from credibility.models.explain import ArticleCounts, editorial_reason

EFFECT = ("raises credibility", "lowers credibility")
# reason key -> the word list whose entries the examples must be
EXAMPLE_LISTS = {"hedge": "hedges", "booster": "boosters", "vague_source": "vague_sources"}


def _text(name: str, lang: str | None) -> str:
    text, _ = editorial_reason(name, 1.0, 0.5, 0.3, EFFECT, ArticleCounts(sentences=10, words=200, lang=lang))
    return text


def test_dutch_count_reasons_use_dutch_example_words():
    assert _text("hedging.hedge_rate_per_100_words", "nl").startswith(
        "2 hedge(s) such as 'mogelijk' or 'naar verluidt' in 200 words")
    assert "'ongetwijfeld' or 'overduidelijk'" in _text("hedging.booster_rate_per_100_words", "nl")
    assert "such as 'volgens ingewijden'" in _text("attribution.vague_source_rate_per_100_words", "nl")


@pytest.mark.parametrize("lang", ["en", None, "xx"])
def test_english_and_unknown_languages_keep_the_english_examples(lang):
    assert "hedge(s) such as 'may' or 'reportedly' in" in _text("hedging.hedge_rate_per_100_words", lang)
    assert "such as 'clearly' or 'shocking'" in _text("hedging.booster_rate_per_100_words", lang)
    assert "such as 'experts say'" in _text("attribution.vague_source_rate_per_100_words", lang)


@pytest.mark.parametrize(("key", "list_name"), sorted(EXAMPLE_LISTS.items()))
def test_every_dutch_example_word_is_found_by_the_dutch_word_list(key, list_name):
    # (the English examples keep their earlier wording: "shocking" is not in the English booster list)
    matcher = resources_for("nl").matcher(list_name)
    words = reason_examples("nl", key)
    assert words
    for word in words:
        assert any(m.text.lower() == word for m in matcher.finditer(f"Dat is {word} gebeurd.")), word


def test_templates_with_examples_name_their_key():
    for template in REASONS.values():
        assert ("{examples}" in template.what) == bool(template.examples)
