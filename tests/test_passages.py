"""Passage windows (#17 item 3): ~3-sentence windows scored alone by the same AI model."""

from __future__ import annotations

import pytest

from credibility.document import build_document
from credibility.passages import WINDOW_LINES, human_window_share, score_passages, window_level, windows


def doc_of(sentences: int):
    return build_document(" ".join(f"The council met on day {i} and voted on the plan." for i in range(sentences)),
                          lang="en")


@pytest.mark.parametrize(("count", "expected"), [
    (1, [(0, 0)]), (3, [(0, 2)]), (4, [(0, 3)]), (6, [(0, 2), (3, 5)]), (7, [(0, 2), (3, 6)]),
])
def test_windows_of_three_sentences_with_a_short_tail_joined(count, expected):
    doc = doc_of(count)
    assert len(doc.sentences) == count
    assert windows(doc) == expected


def test_without_a_model_windows_have_no_probability():
    passages = score_passages(doc_of(6), None)
    assert [(p.first, p.last, p.probability) for p in passages] == [(0, 2, None), (3, 5, None)]
    assert passages[0].start == 0 and passages[-1].end == len(doc_of(6).text)


def test_windows_are_scored_by_the_same_ai_model_as_the_article(example_doc):
    from credibility.analysis import analyze_document
    from credibility.models.scorer import load_default_scorer

    scorer = load_default_scorer()
    if scorer is None or scorer.ai_model is None:
        pytest.skip("the shipped models are not installed")
    doc = example_doc("ai_summary_en")
    passages = score_passages(doc, scorer)
    first = passages[0]
    alone = analyze_document(build_document(doc.text[first.start:first.end], lang="en"), scorer)
    assert first.probability == alone.ai_probability
    assert all(0.0 <= p.probability <= 1.0 for p in passages)


def test_shading_levels_follow_the_human_window_lines():
    (light, quarter), (medium, tenth), (dark, twentieth) = WINDOW_LINES
    assert [window_level(p) for p in (0.5, light, medium, dark, 1.0)] == [0, 1, 2, 3, 3]
    assert (human_window_share(0.5), human_window_share(medium), human_window_share(1.0)) == (None, tenth, twentieth)
