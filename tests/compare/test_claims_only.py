"""Only claims are compared: furniture, captions, bylines, repeats and questions are set aside and counted."""

from __future__ import annotations

import pytest

from credibility.compare import compare_texts
from credibility.compare.furniture import not_claims
from credibility.document import build_document

AGGREGATOR = """Foto: De IJsseldijk bij Wijhe, waar vorige week scheuren werden ontdekt. (Foto: Omroep IJsselland)

Door Anna de Vries

Waterschap Salland-Vecht gaat een stuk IJsseldijk van 2,4 kilometer bij Wijhe met spoed versterken.

Waarom scheuren dijken bij droogte?

Foto: De IJsseldijk bij Wijhe, waar vorige week scheuren werden ontdekt. (Foto: Omroep IJsselland)

Blijf op de hoogte van het laatste nieuws. Download de NieuwsFlits-app en ontvang meldingen.

Dit artikel verscheen eerder bij Omroep IJsselland.
"""


def test_furniture_sentences_are_set_aside_with_a_reason():
    doc = build_document(AGGREGATOR, lang="nl")
    reasons = not_claims(doc)
    kept = [doc.sentence_text(s) for s in doc.sentences if s.index not in reasons]
    assert kept == ["Waterschap Salland-Vecht gaat een stuk IJsseldijk van 2,4 kilometer bij Wijhe met spoed "
                    "versterken."]
    assert {"caption", "byline", "question", "call to action", "syndication"} <= set(reasons.values())


@pytest.mark.parametrize("name", ["dike_cracks", "battery_recall", "migraine_trial"])
def test_story_aggregators_and_summaries_have_no_furniture_claims(story, name):
    result = story(name)
    texts = [ev.text for claim in result.claims for ev in claim.evidence]
    for furniture in ("Foto:", "Photo:", "verscheen eerder", "originally appeared", "Download", "Subscribe",
                      "Samengevat door", "Summarized by", "summarized by"):
        assert not [t for t in texts if furniture in t], furniture
    aggregator = result.summaries[2]
    assert aggregator.not_claims.get("caption", 0) >= 2


def test_counts_add_up_and_one_claim_id_per_sentence(story):
    for name in ("dike_cracks", "battery_recall", "migraine_trial", "defence_network", "factory_fire"):
        result = story(name)
        seen = [(ev.source, ev.sentence_index) for claim in result.claims for ev in claim.evidence]
        assert len(seen) == len(set(seen)), name
        for s in result.summaries:
            assert s.corroborated + s.uncorroborated + s.contradicted == s.claims, (name, s.label)
            assert s.unique_unsupported <= s.claims, (name, s.label)


def test_dutch_acht_as_a_verb_is_not_the_number_eight():
    result = compare_texts(["Het kabinet acht de kans klein dat de fabriek in Delft dit jaar nog opengaat.",
                            "Het kabinet vindt de kans klein dat de fabriek in Delft dit jaar nog opengaat.",
                            "Er raakten acht mensen gewond bij de brand in de fabriek in Delft."],
                           langs=["nl", "nl", "nl"])
    assert not [c for claim in result.claims for c in claim.contradictions]
    assert not [c for c in result.claims if c.figures and "acht" in [t for *_, t in c.figures]
                and c.evidence[0].source == 0]
    eight = [t for c in result.claims for s, *_, t in c.figures if s == 2]
    assert eight == ["acht"]
