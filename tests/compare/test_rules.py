"""Alignment and contradiction rules on small hand-made pairs: what must and must not be flagged."""

from __future__ import annotations

from credibility.compare import compare_texts


def contradiction_kinds(result) -> list[str]:
    return [c.kind for claim in result.claims for c in claim.contradictions]


def test_negation_flip_on_shared_content():
    result = compare_texts(["Pedestrians and cyclists can still cross the bridge on foot.",
                            "Pedestrians and cyclists can no longer cross the bridge on foot."], langs=["en", "en"])
    (claim,) = result.by_status("contradicted")
    assert [c.kind for c in claim.contradictions] == ["negation"]
    assert [t for *_, t in claim.contradictions[0].b_spans] == ["no longer"]


def test_reworded_negation_and_not_only_are_not_flips():
    reworded = compare_texts(["Celtic have not lost a domestic game this season before the cup final.",
                              "Celtic are unbeaten in domestic games this season before the cup final."],
                             langs=["en", "en"])
    assert contradiction_kinds(reworded) == []
    not_only = compare_texts(["The defender has played for Penarol and has nine caps for Uruguay.",
                              "The defender has not only played for Penarol but has nine caps for Uruguay."],
                             langs=["en", "en"])
    assert contradiction_kinds(not_only) == []


def test_rounded_figures_agree_and_other_currency_is_not_compared():
    result = compare_texts(["The contract is worth €39.8 million, the ministry said on Monday.",
                            "The contract is worth nearly 40 million euros, the ministry said on Monday.",
                            "The contract is worth $39.8 million, the ministry said on Monday."],
                           langs=["en", "en", "en"])
    assert contradiction_kinds(result) == []
    # a dollar amount is neither confirmed nor contradicted by a euro one: it is a figure only one source has
    figures = [(c.status, [t for *_, t in c.figures]) for c in result.claims if c.figures]
    assert figures == [("corroborated", ["$39.8 million"])]


def test_translation_order_fills_alignment_gaps():
    english = ("The museum in Assen reopened on Friday after a long renovation. "
               "Visitors queued for hours at the entrance. "
               "The renovation cost 12 million euros, the museum said.")
    dutch = ("Het museum in Assen ging vrijdag na een lange renovatie weer open. "
             "Bezoekers stonden urenlang in de rij bij de ingang. "
             "De renovatie kostte 12 miljoen euro, zei het museum.")
    result = compare_texts([english, dutch], langs=["en", "nl"])
    middle = next(c for c in result.claims if any("queued" in ev.text for ev in c.evidence))
    assert middle.status == "corroborated"
    assert [ev.text for ev in middle.evidence][1] == "Bezoekers stonden urenlang in de rij bij de ingang."
    assert "aligned by sentence order" in middle.note


def test_translation_order_links_runs_of_unmatched_sentences():
    english = ("The museum in Assen reopened on Friday after a long renovation. "
               "Visitors queued for hours at the entrance. "
               "Many had brought their children along. "
               "The renovation cost 12 million euros, the museum said.")
    dutch = ("Het museum in Assen ging vrijdag na een lange renovatie weer open. "
             "Bezoekers stonden urenlang in de rij bij de ingang. "
             "Velen hadden hun kroost meegenomen. "
             "De renovatie kostte 12 miljoen euro, zei het museum.")
    result = compare_texts([english, dutch], langs=["en", "nl"])
    assert [c.status for c in result.claims] == ["corroborated"] * 4
    middle = next(c for c in result.claims if any("children" in ev.text for ev in c.evidence))
    assert [ev.text for ev in middle.evidence][1] == "Velen hadden hun kroost meegenomen."
