"""Relations between sources, typed with evidence and strength, and the one-line verdict per source."""

from __future__ import annotations

import json

import pytest

from credibility.compare.derive import RELATION_TYPES

EXPECTED = {  # story → the main relation of each source, in file order
    # QuickBrief keeps four of the six claims (three nearly verbatim): a shortened rewrite, not a summary
    "defence_network": ["original report", "translation of Northsea Wire", "derived from Northsea Wire",
                        "derived from Northsea Wire"],
    "dike_cracks": ["original report", "translation of Omroep IJsselland", "derived from Omroep IJsselland",
                    "summary of Omroep IJsselland"],
    "battery_recall": ["original report", "translation of Brussels Ledger", "derived from Brussels Ledger",
                       "summary of Brussels Ledger"],
    "migraine_trial": ["original report", "translation of Lowlands Science Desk",
                       "derived from Lowlands Science Desk", "summary of Lowlands Science Desk"],
    "factory_fire": ["original report", "derived from Omroep Oost"],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_story_source_gets_its_relation(story, name):
    result = story(name)
    got = [s.relation.split(" (followed by")[0] for s in result.summaries]
    assert got == EXPECTED[name]
    for s in result.summaries:
        for d in s.derives_from:
            assert d.relation in RELATION_TYPES and 0.0 < d.strength <= 1.0 and d.evidence


def test_verdicts_name_the_relation_contradictions_and_lone_claims(story):
    summaries = {s.label: s for s in story("dike_cracks").summaries}
    assert summaries["SnelNieuws AI"].verdict.startswith("AI summary of Omroep IJsselland; ")
    assert "claims no other source makes" in summaries["SnelNieuws AI"].verdict
    data = json.loads(story("defence_network").to_json())
    verdicts = {s["label"]: s["verdict"] for s in data["summaries"]}
    assert verdicts["QuickBrief AI"] == "Derived from Northsea Wire; contradicts 3 sources; 1 claim no other source makes"
    translation = next(s for s in data["summaries"] if s["label"] == "Dagblad Noord")["derives_from"][0]
    assert translation["relation"] == "translation of" and translation["strength"] >= 0.9


ORIGINAL = [
    "The water board of Salland will strengthen a 2.4-kilometre stretch of the IJssel dike near Wijhe this spring.",
    "Inspectors found seven long cracks in the inner slope of the dike during a routine check last week.",
    "The repairs will cost about 3 million euros and should be finished before the autumn storms arrive.",
    "Dike reeve Hendrika Oosterveld said the dike is safe at the current water level.",
    "Residents along the stretch do not need to leave their homes, the municipality of Olst-Wijhe said.",
    "Sensors placed in the dike will measure the moisture and movement of the soil every hour.",
    "Farmers near the dike were asked to keep heavy machinery off the crest until the work is done.",
    "The water board will hold an information evening for residents in the village hall on Thursday.",
]
# half the sentences, each reworded: a shorter rewrite (half the length), not a summary (a third or less)
REWRITE = [
    "Near Wijhe, the Salland water board is set to reinforce 2.4 kilometres of the IJssel dike this spring.",
    "Last week, a routine inspection turned up seven long cracks on the dike's inner slope.",
    "Repairing it will cost roughly 3 million euros, with the work due to finish before the autumn storms.",
    "According to dike reeve Hendrika Oosterveld, at the current water level the dike is safe.",
]


def test_a_rewrite_half_as_long_is_derived_and_a_third_or_less_is_a_summary():
    from credibility.compare import compare_texts

    result = compare_texts([" ".join(ORIGINAL), " ".join(REWRITE)], labels=["Original", "Rewrite"],
                           langs=["en", "en"])
    assert result.summaries[1].relation == "derived from Original"
    result = compare_texts([" ".join(ORIGINAL), " ".join(REWRITE[:2])], labels=["Original", "Brief"],
                           langs=["en", "en"])
    assert result.summaries[1].relation == "summary of Original"
