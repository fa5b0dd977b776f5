"""Language identification walks py3langid's automaton with NumPy (``language_scan.py``): every answer must
be py3langid's own, bit for bit, or the language and its confidence of every article could change."""

from __future__ import annotations

import random

import pytest
from py3langid.langid import LanguageIdentifier, visit_counts

from credibility import language_scan
from credibility.language import _identifier
from credibility.language_scan import ScanningIdentifier, automaton_tables, feature_visits

HOSTILE = ["", " ", "\n\t", "1234 5678", "!!!", "x", "🙂🙂 ok", "İstanbul ΣΟΦΟΣ 東京 Москва", "\ud800 lone", "a" * 5000]


@pytest.fixture(scope="module")
def identifiers() -> tuple[LanguageIdentifier, LanguageIdentifier]:
    """(ours, py3langid's own class over the same arrays)."""
    ours = _identifier()
    theirs = LanguageIdentifier(ours.nb_ptc, ours.nb_pc, ours.nb_classes, ours.tk_nextmove, ours.tk_output,
                                norm_probs=True, tk_row=ours.tk_row)
    return ours, theirs


@pytest.fixture(scope="module")
def texts(examples_dir) -> list[str]:
    articles = [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    rng = random.Random(0)
    noise = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))).decode("latin-1") for _ in range(50)]
    return articles + [a[:n] for a in articles for n in (1, 7, 80, 1500)] + HOSTILE + noise


def test_the_shipped_identifier_scans_with_numpy(identifiers):
    assert isinstance(identifiers[0], ScanningIdentifier)


def test_same_language_and_confidence_as_py3langid(identifiers, texts):
    ours, theirs = identifiers
    for text in texts:
        assert ours.classify(text) == theirs.classify(text), text[:40]
        assert ours.rank(text) == theirs.rank(text), text[:40]


def test_same_features_in_the_same_order(identifiers, texts):
    ours = identifiers[0]
    tables = automaton_tables(ours)
    for text in texts:
        data = ours._encode(text)
        expected = visit_counts(ours.tk_nextmove, ours._rowbase, ours.tk_output, data)
        found = feature_visits(*tables, data)
        if expected is None:
            assert found is None
        else:
            assert list(zip(*(a.tolist() for a in found), strict=True)) == list(expected.items())


def test_a_window_too_short_for_the_model_falls_back_to_py3langids_walk(identifiers, texts, monkeypatch):
    ours, theirs = identifiers
    data = ours._encode(texts[0])
    assert feature_visits(*automaton_tables(ours), data) is not None
    monkeypatch.setattr(language_scan, "WINDOW", 1)
    assert feature_visits(*automaton_tables(ours), data) is None  # states that need more bytes fail the check
    assert ours.classify(texts[0]) == theirs.classify(texts[0])


def test_a_py3langid_without_the_internals_it_reads_still_answers(identifiers, texts, monkeypatch):
    """The scan reads py3langid internals (``_rowbase``); another py3langid without them must not break
    language identification: its own walk answers."""
    ours, theirs = identifiers
    fresh = ScanningIdentifier(ours.nb_ptc, ours.nb_pc, ours.nb_classes, ours.tk_nextmove, ours.tk_output,
                               norm_probs=True, tk_row=ours.tk_row)

    def missing(_identifier):
        raise AttributeError("'LanguageIdentifier' object has no attribute '_rowbase'")

    monkeypatch.setattr(language_scan, "automaton_tables", missing)
    for text in texts[:20]:
        assert fresh.classify(text) == theirs.classify(text)
