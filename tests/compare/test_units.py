"""Claim units: Dutch words mapped to English pivot stems; cues for negation, antonyms and stages."""

from __future__ import annotations

from credibility.compare.resources import antonym_index, compare_lexicon
from credibility.compare.units import claim_units, pivot_tokens, stem
from credibility.document import build_document


def test_stem_joins_inflections():
    assert stem("negotiations") == stem("negotiation")
    assert stem("denied") == stem("deny")


def test_dutch_words_map_to_english_pivot():
    lex = compare_lexicon("nl")
    words = ["het", "ministerie", "verkent", "een", "contract", "voor", "het", "kantoornetwerk"]
    assert pivot_tokens(words, lex) == ["ministry", "explor", "contract", "offic", "network"]
    assert pivot_tokens(["ongerubriceerde"], lex) == ["unclassify"]


def test_dutch_antonyms_share_english_keys():
    dutch = antonym_index("nl")
    english = antonym_index("en")
    assert dutch["gestegen"] == english["rose"] == [("fell~rose", "rose")]
    assert dutch["gedaald"] == english["fell"]
    assert ("confirmed~unconfirmed", "confirmed") in english["confirmed"]


def test_cues_in_units():
    doc = build_document("De minister bevestigde niet dat het ongerubriceerde netwerk in vergevorderde "
                         "onderhandelingen wordt vervangen.", lang="nl")
    (unit,) = claim_units(doc, 0)
    assert [c.text for c in unit.negations] == ["niet"]
    assert [(c.key, c.value, c.text) for c in unit.antonyms] == [
        ("confirmed~denied", "confirmed", "bevestigde"),
        ("classified~unclassified", "unclassified", "ongerubriceerde")]
    assert [(c.key, c.value, c.text) for c in unit.stages] == [("deal", "3", "vergevorderde onderhandelingen")]


def test_questions_and_headings_are_not_claims():
    doc = build_document("Wat gebeurt er nu met het netwerk?\n\nHet netwerk wordt volgend jaar vervangen door Helix.",
                         lang="nl")
    assert [u.text for u in claim_units(doc, 0)] == ["Het netwerk wordt volgend jaar vervangen door Helix."]


def test_glossary_reads_function_words_and_inflections_as_they_are():
    from credibility.compare.resources import compare_lexicon
    from credibility.compare.units import pivot_tokens
    from credibility.compare.words import stem

    nl = compare_lexicon("nl")
    # "volgens" is no form of "volgen", "waardoor" no compound of "waar", "afgelopen" no form of "lopen"
    assert pivot_tokens(["volgens", "het", "waterschap", "waardoor"], nl) == ["water", "board"]
    assert pivot_tokens(["de", "afgelopen", "week"], nl) == ["last", "week"]
    assert pivot_tokens(["niet", "significant", "verminderd"], nl) == ["not", "significant", "reduc"]
    assert stem("significantly") == stem("significant")
    assert stem("fires") == stem("fire") and stem("boxes") == stem("box")
    en = compare_lexicon("en")
    assert pivot_tokens(["a", "serious", "adverse", "event"], en) == pivot_tokens(["a", "serious", "side", "effect"], en)
