"""Segmentation keeps offsets exact and respects abbreviations, initials and line structure."""

from __future__ import annotations

import pytest

from credibility.document import build_document


@pytest.fixture
def sentences_of():
    def split(text: str, lang: str = "en") -> list[str]:
        doc = build_document(text, lang=lang)
        return [doc.sentence_text(s) for s in doc.sentences]

    return split


def test_abbreviations_and_initials_do_not_end_sentences(sentences_of):
    text = 'Mr. Smith met Dr. J. K. Rowling at 5 p.m. on Monday. She said: "No." Then she left.'
    assert sentences_of(text) == [
        "Mr. Smith met Dr. J. K. Rowling at 5 p.m. on Monday.",
        'She said: "No."',
        "Then she left.",
    ]


def test_dutch_abbreviations(sentences_of):
    text = "Volgens dhr. Jansen o.a. in Utrecht is het rustig. Het kabinet zwijgt."
    assert sentences_of(text, "nl") == ["Volgens dhr. Jansen o.a. in Utrecht is het rustig.", "Het kabinet zwijgt."]


def test_headings_and_list_lines_are_their_own_sentences(sentences_of):
    text = "Insights\nWhat happened next?\nWhy does it matter?\n\nThe council voted on Tuesday."
    assert sentences_of(text) == [
        "Insights",
        "What happened next?",
        "Why does it matter?",
        "The council voted on Tuesday.",
    ]


def test_hard_wrapped_lines_are_joined(sentences_of):
    text = "The committee published a report that was\nwidely criticised by the opposition. It denied this."
    assert sentences_of(text) == [
        "The committee published a report that was\nwidely criticised by the opposition.",
        "It denied this.",
    ]


def test_offsets_index_the_text_exactly():
    text = "  First sentence here.  Second one!\n\n\nThird? Yes.  "
    doc = build_document(text, lang="en")
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == doc.text[s.start : s.end].strip()
        assert doc.text[s.start : s.end]
    for start, end, word in zip(doc.word_starts, doc.word_ends, doc.words_lower, strict=True):
        assert doc.text[start:end].lower() == word
    assert doc.words_lower == ["first", "sentence", "here", "second", "one", "third", "yes"]
    assert [doc.sentences[i].index for i in doc.word_sentence] == [0, 0, 0, 1, 1, 2, 3]


def test_numbers_with_separators_are_one_word():
    doc = build_document("Prices rose 3.5% to €1,250.75 in 2024.", lang="en")
    assert "3.5" in doc.words_lower and "1,250.75" in doc.words_lower and "2024" in doc.words_lower
