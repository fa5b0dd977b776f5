"""Story set 2: a Dutch report and an English rewrite that changes the count, the day, the spokesperson
and the negation, and adds an arrest no other source reports."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def result(story):
    return story("factory_fire")


def test_conflicting_count_and_weekday(result, claim_with):
    claim = claim_with(result, "Omroep Oost", "twaalf mensen")
    kinds = {c.detail for c in claim.contradictions}
    assert "count: twaalf versus Fifteen" in kinds
    assert "weekday: dinsdagavond versus Wednesday" in kinds


def test_negation_flip_across_languages(result, claim_with):
    claim = claim_with(result, "Omroep Oost", "geen gevaarlijke stoffen")
    (conflict,) = claim.contradictions
    assert conflict.kind == "negation"
    assert [t for *_, t in conflict.a_spans] == ["geen"]
    assert conflict.b.text.startswith("According to the fire brigade, hazardous substances were released")


def test_conflicting_named_actor(result, claim_with):
    claim = claim_with(result, "Omroep Oost", "Sanne Vermeulen")
    (conflict,) = claim.contradictions
    assert conflict.kind == "actor"
    assert [t for *_, t in conflict.b_spans] == ["Pieter", "Bakker"]


def test_unaligned_claim_is_said_plainly(result, claim_with):
    claim = claim_with(result, "Euro Digest", "arrested the owner")
    assert claim.status == "uncorroborated"
    assert claim.note == "could not be aligned with any sentence of Omroep Oost (nl)"


def test_amount_and_time_align_across_languages(result, claim_with):
    damage = claim_with(result, "Omroep Oost", "3 miljoen euro")
    assert damage.status == "corroborated"
    assert any(ev.text == "The damage is estimated at 3 million euros." for ev in damage.evidence)
    start = claim_with(result, "Omroep Oost", "21.30 uur")
    assert start.status == "corroborated"
    assert not [c for c in result.claims if c.kind == "figure"]
