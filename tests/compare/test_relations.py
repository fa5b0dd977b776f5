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
