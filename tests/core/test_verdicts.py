"""The AI verdict words at the card's lines: 'possibly' from the card's own line (p = 0.5 for older cards),
and no verdict under the card's minimum length."""

from __future__ import annotations

import pytest

from credibility.verdicts import AI_TOO_SHORT_VERDICT, AI_VERDICTS, LEGACY_POSSIBLY, ai_verdict, card_ai_lines


@pytest.mark.parametrize(("p", "expected"), [(0.2, 0), (0.55, 0), (0.7, 1), (0.9, 1), (0.95, 2)])
def test_bands_follow_the_cards_possibly_line(p, expected):
    assert ai_verdict(p, threshold=0.95, possibly=0.7) == AI_VERDICTS[expected]


def test_old_cards_keep_p_one_half():
    assert ai_verdict(0.55, threshold=0.95) == AI_VERDICTS[1]


def test_a_possibly_line_above_the_threshold_never_hides_a_likely_verdict():
    assert ai_verdict(0.85, threshold=0.8, possibly=0.9) == AI_VERDICTS[2]


def test_short_texts_get_no_verdict_whatever_their_score():
    assert ai_verdict(0.99, threshold=0.9, possibly=0.7, words=40, min_words=80) == AI_TOO_SHORT_VERDICT
    assert ai_verdict(0.99, threshold=0.9, possibly=0.7, words=80, min_words=80) == AI_VERDICTS[2]


@pytest.mark.parametrize(("entry", "expected"), [
    ({"possibly": {"probability": 0.8}, "min_words": 80}, (0.8, 80)),
    ({"possibly": 0.75}, (0.75, 0)),
    (None, (LEGACY_POSSIBLY, 0)),
    ({"possibly": {"probability": "0.8"}, "min_words": "80"}, (LEGACY_POSSIBLY, 0)),
    ({"possibly": {"probability": 7.0}, "min_words": -1}, (LEGACY_POSSIBLY, 0)),
    ({"possibly": True, "min_words": True}, (LEGACY_POSSIBLY, 0)),
])
def test_card_lines_are_read_defensively(entry, expected):
    assert card_ai_lines(entry) == expected
