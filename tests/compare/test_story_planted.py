"""The planted contradictions of the credibility-order story sets (data/stories/README.md) that the
comparison finds; the ones it cannot find yet are listed in benchmarks/RESULTS.md."""

from __future__ import annotations

from credibility.compare import compare_texts


def test_no_fires_contradicts_the_fires_counted_elsewhere(story, claim_with):
    result = story("battery_recall")
    claim = claim_with(result, "BriefBot AI", "No fires have been reported")
    assert claim.status == "contradicted"
    against = {c.a.label for c in claim.contradictions if c.kind == "figure"}
    assert {"Brussels Ledger", "DailyFeed"} <= against
    assert any("14 fires" in c.detail and "No fires" in c.detail for c in claim.contradictions)
    summaries = {s.label: s for s in result.summaries}
    assert summaries["BriefBot AI"].contradicts_sources >= 2
    assert summaries["Brussels Ledger"].relation.startswith("original report")


def test_a_zero_count_in_a_fused_sentence_meets_the_count_of_the_same_thing():
    text = ("The factory in Deventer was evacuated on Tuesday evening. Twelve people were injured in the fire at "
            "the paint factory, the safety region said. The mayor of Deventer visited the site of the paint "
            "factory on Wednesday and thanked the fire brigade.")
    # a summary fuses two sentences: its best match is the mayor's visit, yet it says nobody was injured
    fused = "No people were injured, and the mayor of Deventer visited the site of the paint factory on Wednesday."
    result = compare_texts([text, fused], langs=["en", "en"])
    assert [c.detail for claim in result.claims for c in claim.contradictions] == [
        "count: Twelve people versus No people"]
    # no arrests is not twelve people: the counted word must be the same
    fused = "No arrests were made, and the mayor of Deventer visited the site of the paint factory on Wednesday."
    result = compare_texts([text, fused], langs=["en", "en"])
    assert not [c for claim in result.claims for c in claim.contradictions]
