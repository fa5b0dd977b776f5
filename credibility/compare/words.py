"""A crude, deterministic English stemmer for pivot words: enough to let inflections meet.

"negotiations", "negotiating" and "negotiate" all become "negoti"; "denied"/"deny" become "deny";
"closed"/"close" become "clos"; "significantly"/"significant" become "significant". It is not a linguistic stemmer; it only has to be consistent, since both
sides of every comparison pass through it.
"""

from __future__ import annotations

_SUFFIXES = ("ations", "ation", "ating", "ated", "ates", "ate", "ings", "ing", "ed", "es", "s")
_MIN_STEM = 3
_MIN_ADVERB_STEM = 5
_SIBILANT_PLURALS = ("ses", "xes", "zes", "ches", "shes")  # "early", "only", "family", "supply" keep their "ly"


def stem(word: str) -> str:
    w = word.lower().replace("’", "'").removesuffix("'s")
    if len(w) > 4 and w.endswith(("ies", "ied")):
        return w[:-3] + "y"
    if w.endswith("ly") and len(w) - 2 >= _MIN_ADVERB_STEM:  # "significantly" meets "significant"
        w = w[:-2]
    for suffix in _SUFFIXES:
        if suffix == "es" and not w.endswith(_SIBILANT_PLURALS):
            continue  # "fires" is "fire" + "s" (as "fire" stems), "boxes" is "box" + "es"
        if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_STEM and not w.endswith("ss"):
            w = w[: -len(suffix)]
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w
