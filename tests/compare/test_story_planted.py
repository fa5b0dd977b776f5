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


def _against(claim, kind: str) -> set[str]:
    """Labels of the sources a claim's sentence is contradicted by, through contradictions of ``kind``."""
    return {ev.label for c in claim.contradictions if c.kind == kind for ev in (c.a, c.b)}


def test_evacuated_households_contradict_every_version_saying_nobody_needs_to_leave(story, claim_with):
    result = story("dike_cracks")
    claim = claim_with(result, "SnelNieuws AI", "200 huishoudens zijn uit voorzorg geëvacueerd")
    assert claim.status == "contradicted"
    assert {"Omroep IJsselland", "Omroep IJsselland English", "NieuwsFlits"} <= _against(claim, "negation")


def test_drought_as_the_cause_contradicts_the_cause_not_yet_being_clear(story, claim_with):
    result = story("dike_cracks")
    claim = claim_with(result, "SnelNieuws AI", "ontstaan door de extreme droogte")
    assert claim.status == "contradicted"
    assert {"Omroep IJsselland", "Omroep IJsselland English"} <= _against(claim, "certainty")


def test_recall_ordered_by_regulators_contradicts_the_voluntary_recall(story, claim_with):
    result = story("battery_recall")
    claim = claim_with(result, "BriefBot AI", "ordered by European regulators")
    assert claim.status == "contradicted"
    assert {"Brussels Ledger", "Brussels Ledger Nederlands"} <= _against(claim, "antonym")


def test_almost_no_side_effects_contradicts_the_serious_adverse_events(story, claim_with):
    result = story("migraine_trial")
    claim = claim_with(result, "MediBrief AI", "almost no side effects")
    assert claim.status == "contradicted"
    assert {"Lowlands Science Desk", "Lowlands Science Desk Nederlands"} <= _against(claim, "figure")


def test_met_its_main_goal_contradicts_the_dutch_edition_too(story, claim_with):
    result = story("migraine_trial")
    claim = claim_with(result, "MediBrief AI", "met its main goal")
    assert {"Lowlands Science Desk", "Lowlands Science Desk Nederlands", "Beursbericht"} <= _against(claim, "negation")


def test_faithful_versions_never_contradict_each_other(story):
    for name in ("defence_network", "dike_cracks", "battery_recall", "migraine_trial"):
        result = story(name)
        for claim in result.claims:
            for c in claim.contradictions:
                assert "AI" in c.a.label or "AI" in c.b.label, (name, c.kind, c.detail, c.a.text, c.b.text)


def test_every_quote_of_an_original_meets_its_translation(story):
    editions = {"dike_cracks": ("Omroep IJsselland", "Omroep IJsselland English"),
                "battery_recall": ("Brussels Ledger", "Brussels Ledger Nederlands"),
                "migraine_trial": ("Lowlands Science Desk", "Lowlands Science Desk Nederlands")}
    for name, (original, edition) in editions.items():
        result = story(name)
        for claim in result.claims:
            quoted = [ev for ev in claim.evidence if ev.label == original and ev.text.lstrip().startswith(("\"", "“"))]
            if quoted:
                assert edition in {ev.label for ev in claim.evidence}, (name, quoted[0].text)
