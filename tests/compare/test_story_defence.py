"""Story set 1: an English report, its Dutch translation, an aggregator copy and an AI summary that
flips "unclassified" to "classified", turns "exploring" into "advanced negotiations" and adds a figure."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def result(story):
    return story("defence_network")


def test_sources_and_languages(result, claim_with, label_index):
    assert [(s.label, s.lang) for s in result.sources] == [
        ("Northsea Wire", "en"), ("Dagblad Noord", "nl"), ("NewsHub Daily", "en"), ("QuickBrief AI", "en")]


def test_antonym_and_stage_flip_are_contradictions_with_evidence(result, claim_with, label_index):
    claim = claim_with(result, "Northsea Wire", "exploring a contract")
    assert claim.status == "contradicted"
    pairs = {(c.a.label, c.b.label, c.kind): c for c in claim.contradictions}
    antonym = pairs[("Northsea Wire", "QuickBrief AI", "antonym")]
    assert [t for *_, t in antonym.a_spans] == ["unclassified"]
    assert [t for *_, t in antonym.b_spans] == ["classified"]
    assert "in advanced negotiations" in antonym.b.text
    stage = pairs[("Northsea Wire", "QuickBrief AI", "stage")]
    assert [t for *_, t in stage.a_spans] == ["exploring"] and [t for *_, t in stage.b_spans] == ["advanced negotiations"]
    # the Dutch version is contradicted by the summary too, through the bilingual lexicon
    dutch = pairs[("Dagblad Noord", "QuickBrief AI", "antonym")]
    assert [t for *_, t in dutch.a_spans] == ["ongerubriceerde"]
    assert claim.cells[label_index(result, "QuickBrief AI")] == "contradicts"
    assert claim.cells[label_index(result, "Dagblad Noord")] == "supports"


def test_faithful_versions_do_not_contradict_each_other(result, claim_with, label_index):
    faithful = {"Northsea Wire", "Dagblad Noord", "NewsHub Daily"}
    for claim in result.claims:
        for c in claim.contradictions:
            assert not {c.a.label, c.b.label} <= faithful, c.detail


def test_invented_figure_is_marked_on_the_claim_of_its_sentence(result, claim_with, label_index):
    figures = [c for c in result.claims if c.figures]
    assert [(c.id, [(result.sources[s].label, t) for s, *_, t in c.figures]) for c in figures] == [
        (claim_with(result, "QuickBrief AI", "€40 million").id, [("QuickBrief AI", "€40 million")])]
    assert "appears in no other source" in figures[0].note
    assert figures[0].cells[label_index(result, "QuickBrief AI")] == "adds figure"


def test_one_claim_id_per_sentence_and_counts_add_up(result):
    seen = [(ev.source, ev.sentence_index) for claim in result.claims for ev in claim.evidence]
    assert len(seen) == len(set(seen))
    for s in result.summaries:
        assert s.corroborated + s.uncorroborated + s.contradicted == s.claims
        assert s.unique_unsupported <= s.claims


def test_cross_language_corroboration(result, claim_with, label_index):
    claim = claim_with(result, "Northsea Wire", "Marieke Brandsma")
    assert claim.status == "corroborated"
    dutch = [ev for ev in claim.evidence if ev.label == "Dagblad Noord"]
    assert dutch and dutch[0].text.startswith("Staatssecretaris Marieke Brandsma")
    assert {result.sources[s].label for s in claim.sources} == {"Northsea Wire", "Dagblad Noord", "QuickBrief AI"}


def test_derivatives(result, claim_with, label_index):
    summaries = {s.label: s for s in result.summaries}
    assert not summaries["Northsea Wire"].derivative
    copy = summaries["NewsHub Daily"]
    assert copy.derivative
    (origin,) = copy.derives_from
    assert origin.origin_label == "Northsea Wire"
    assert {"syndication notice", "copied passages"} <= set(origin.kinds)
    assert any("originally appeared on Northsea Wire" in e for e in origin.evidence)
    translation = summaries["Dagblad Noord"]
    assert [(d.origin_label, d.kinds) for d in translation.derives_from] == [("Northsea Wire", ("translation",))]


def test_per_source_figures(result, claim_with, label_index):
    summary = {s.label: s for s in result.summaries}["QuickBrief AI"]
    assert summary.claims == 4
    assert summary.unique_unsupported == 1
    assert summary.contradictions >= 2
    assert 0.0 < summary.corroboration_rate < 1.0
