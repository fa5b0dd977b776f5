"""Contradictions between sentences that do not align (credibility/compare/unaligned.py), on texts of their
own: the rules must hold beyond the story sets, and stay quiet on faithful paraphrase."""

from __future__ import annotations

from credibility.compare import compare_texts

ORIGINAL = ("The river dike near Zutphen is safe and residents do not need to be evacuated, the water board said on "
            "Monday. Engineers found two cracks in the dike during a routine inspection on Friday. How the cracks "
            "formed is not yet clear. The board said the repair was voluntary but followed a request from the "
            "province. The repair will cost about 2 million euros, according to the board.")


def _flags(a: str, b: str, langs: tuple[str, str] = ("en", "en")) -> list[tuple[str, str]]:
    result = compare_texts([a, b], langs=list(langs))
    return [(c.kind, c.detail) for claim in result.claims for c in claim.contradictions]


def test_a_summary_fusing_clauses_is_caught_on_status_cause_and_agent():
    summary = ("About 150 households were evacuated as a precaution, and the water board is repairing the dike. "
               "The cracks were caused by last summer's drought. The repair was ordered by the national government. "
               "Engineers found two cracks in the dike during a routine inspection on Friday.")
    kinds = {kind for kind, _ in _flags(ORIGINAL, summary)}
    assert kinds == {"negation", "certainty", "antonym"}


def test_a_faithful_rewrite_of_the_same_facts_is_not_flagged():
    rewrite = ("Residents near Zutphen do not have to leave their homes, the water board said on Monday, because the "
               "dike is safe. Engineers found two cracks in the dike during a routine inspection on Friday. It is not "
               "yet clear how the cracks formed. The repair, which will cost about 2 million euros, is voluntary, "
               "the board said.")
    assert _flags(ORIGINAL, rewrite) == []


def test_a_negation_bearing_on_a_thing_is_no_negated_event():
    # "not have an issue": the article shows the negation is about a thing, not the verb
    a = ("In principle we would not have an issue with police forces training eagles, a spokesman for the charity "
         "said. Officers in the Netherlands have trained eagles to catch drones since 2015.")
    b = ("Officers in the Netherlands have trained eagles to catch drones since 2015. Careful evaluations of the "
         "training of the eagles can address potential issues with their welfare.")
    assert not [f for f in _flags(a, b) if f[0] == "negation"]


def test_a_cause_the_other_source_also_names_is_no_contradiction():
    a = ("How the fire started is not yet clear, the fire brigade said. Later on Tuesday the brigade said the fire "
         "was caused by a faulty heater in the warehouse.")
    b = "The warehouse fire was caused by a faulty heater, the fire brigade said on Tuesday."
    assert not [f for f in _flags(a, b) if f[0] == "certainty"]


def test_no_injuries_contradicts_people_injured_in_either_language():
    none = "No injuries were reported after the fire at the warehouse, police said."
    assert _flags("Two people were injured in the fire at the warehouse, police said.", none) == [
        ("figure", "count: No injuries versus Two (injured)")]
    assert _flags("Twee mensen raakten gewond bij de brand in het magazijn, zei de politie.", none, ("nl", "en")) == [
        ("figure", "count: No injuries versus Twee (gewond)")]


def test_almost_none_tolerates_one_case_but_not_two():
    claim = "The drug has almost no side effects, the company said. The trial enrolled 300 adults."
    one = "One patient in the treatment group had a serious side effect, the company said. The trial enrolled 300 adults."
    two = "Two patients in the treatment group had a serious side effect, the company said. The trial enrolled 300 adults."
    assert _flags(one, claim) == []
    assert _flags(two, claim) == [("figure", "count: almost no side effects versus Two (side effect)")]


def test_a_duration_is_no_count_of_cases():
    a = "No inability exists, the president declared in writing to the speaker of the house."
    b = "The vice president may declare within four days that the inability of the president continues."
    assert not [f for f in _flags(a, b) if f[0] == "figure"]


def test_a_status_said_of_another_subject_is_no_contradiction():
    a = ("The ministry will modernise its unclassified office network, officials said. Classified systems for "
         "military operations are not part of the project, the ministry said.")
    b = "The ministry will modernise its unclassified office network, officials said on Tuesday."
    assert _flags(a, b) == []
