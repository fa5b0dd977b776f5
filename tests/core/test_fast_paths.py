"""The speed-ups of issue #19 give exactly what the plain code gives, on the awkward inputs too.

Each fast path is compared with the slow way it replaces: the single case-insensitive pattern, Pyphen's
own ``positions``, per-word lower-casing, the claim detector's sparse-matrix formula.
"""

from __future__ import annotations

import numpy as np
import pytest

from credibility.document import build_document
from credibility.lexicon import CaseSplitPattern, lower_for_matching, resources_for, supported_languages
from credibility.offline_textstat import _hyphenation_counter, _pyphen

AWKWARD = [
    "",
    "By JOHN SMITH and Jane Doe - WASHINGTON (Reuters) - said 40% will rise.",
    "ſome ſtuff BY ANNA – the \u212aelvin sign, İstanbul and ΟΔΟΣ ΣΟΦΟΣ by Jan Jansen",
    "AMSTERDAM (ANP) - Het kabinet zegt dat 12 procent naar mijn mening stijgt. Door onze verslaggever",
    "all Things all things ALL things, All the best. Read more: subscribe now!",
    "Published on March 3, 2024 at 10:15 GMT\nDatum: 3-4-2024 10:15 uur\nREAD MORE\n\n(AP) —",
]


def _plain(pattern: CaseSplitPattern, text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.lastgroup or "") for m in pattern.full.finditer(text)]


def test_split_pattern_finds_what_the_single_pattern_finds_with_ties_and_case_sensitive_entries() -> None:
    # The same start for a case-sensitive entry listed first and a phrase listed after it; an entry that
    # must see capitals; overlapping candidates that the scan must skip after a match.
    pattern = CaseSplitPattern([
        ("r0", r"(?-i:[A-Z][a-z]+)\s+said"),
        ("r1", r"by\s+(?-i:[A-Z])\w+"),
        ("phrase", r"(?:said|smith\s+said|john(?:\s+smith)?)"),
    ])
    assert pattern.lowered is not None or pattern.cased is not None
    for text in ("John said it. By Smith said. john smith said; By john", *AWKWARD):
        assert list(pattern.finditer(text)) == _plain(pattern, text)
        assert list(pattern.finditer(text, 3, max(3, len(text) - 2))) == [
            (m.start(), m.end(), m.lastgroup or "") for m in pattern.full.finditer(text, 3, max(3, len(text) - 2))
        ]


@pytest.mark.parametrize("lang", supported_languages())
def test_every_shipped_word_list_matches_as_before(lang: str, example_text) -> None:
    resources = resources_for(lang)
    assert resources is not None
    texts = [*AWKWARD, example_text(f"well_sourced_{lang}"), example_text(f"well_sourced_{lang}").upper()]
    for path in sorted(resources.folder.glob("*.txt")):
        matcher = resources.matcher(path.stem)
        if not matcher:
            continue
        for text in texts:
            found = [(m.start, m.end, m.text, m.note) for m in matcher.finditer(text)]
            plain = [(m.start(), m.end(), m.group(0)) for m in matcher.regex.finditer(text)]
            assert [f[:3] for f in found] == plain, (path.stem, text[:60])


def test_lower_casing_stands_in_only_where_it_is_faithful() -> None:
    assert lower_for_matching("Het Kabinet, café") == "het kabinet, café"
    assert lower_for_matching("İstanbul") is None  # lower-casing changes the length
    assert lower_for_matching("ſome") is None  # 'ſ' matches 's' case-insensitively, but lower-cases to itself
    assert lower_for_matching("ΟΔΟΣ") is None  # final sigma: lower case depends on the neighbours


@pytest.mark.parametrize("lang", ["en_US", "nl_NL"])
def test_hyphenation_count_is_pyphens(lang: str, example_text) -> None:
    hyphenator, counter = _pyphen(lang), _hyphenation_counter(lang)
    assert hyphenator is not None and counter is not None
    words = set(example_text("well_sourced_en").split()) | set(example_text("well_sourced_nl").split())
    words |= {"", "a", "ab", "abc", "x-y", "İstanbul", "straße", "ziekenhuisopnames", "aaaaaaaaaaaaaaaaaaaaaaaaaa"}
    for word in sorted(words):
        assert counter.count(word) == len(hyphenator.positions(word)), word


@pytest.mark.parametrize("text", [*AWKWARD, "ΟΔΟΣ ΣΟΦΟΣ. Straße İstanbul ǅemal."])
def test_document_words_are_each_word_lower_cased(text: str) -> None:
    doc = build_document(text, lang="en")
    assert doc.words_lower == [doc.text[s:e].lower() for s, e in zip(doc.word_starts, doc.word_ends, strict=True)]


def test_claim_detector_fast_path_is_the_sparse_formula() -> None:
    from credibility.signals.claim_detector import shipped_detector

    detector = shipped_detector()
    if detector is None:
        pytest.skip("no shipped claim detector")
    texts = ["Unemployment rose to 4.5% in March, the highest since 2019.", "", "a", "It's great!",
             "Het aantal ziekenhuisopnames steeg met 12 procent.", "x" * 3, "https://example.com @user 1,000"]
    cues = np.random.default_rng(0).integers(0, 2, (len(texts), 9)).astype(float)
    weights = detector.coef[0]
    expected = 1.0 / (1.0 + np.exp(-(detector.features(texts, cues) @ weights + detector.intercept[0])))
    for _ in range(2):  # new words, then the same words from the caches
        assert np.allclose(detector.predict_proba(texts, cues), expected, rtol=0.0, atol=1e-12)


def test_alternatives_split_and_grouped_keep_their_matches_and_order() -> None:
    import re

    from credibility.lexicon import group_by_first_literal, top_level_branches

    assert top_level_branches("(?:a|b)") == ["a", "b"]
    assert top_level_branches("(?:a|b)c") == ["(?:a|b)c"]
    assert top_level_branches(r"(?:[|)]|\(x|y\))") == ["[|)]", r"\(x", r"y\)"]
    assert top_level_branches("[]|]x|y") == ["[]|]x", "y"]
    assert top_level_branches("(?:[[]|x)|[^]|]|y") == ["(?:[[]|x)", "[^]|]", "y"]
    assert top_level_branches("(?:[(]|x)") == ["[(]", "x"]
    branches = ["will", "would", "wa?s", r"\d+", "wait", "w", r"\.a", r"\.b", "x"]
    # Branches are not merged across one that may open otherwise (here '\d+').
    assert group_by_first_literal(branches) == ["w(?:ill|ould|a?s)", r"\d+", "w(?:ait|)", r"\.(?:a|b)", "x"]
    text = "will would was ws 12 wait w .a .b x wa"
    for source in (branches, ["a", "ab", "abc", "b"], ["ab", "a", "b(?:c|d)", "bc"]):
        plain = re.compile(r"(?<![\w.])(?:" + "|".join(source) + r")(?![\w])")
        grouped = re.compile(r"(?<![\w.])(?:" + "|".join(group_by_first_literal(source)) + r")(?![\w])")
        assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("lang", supported_languages())
def test_cue_scans_find_what_the_named_patterns_find(lang: str, example_text) -> None:
    import re

    from credibility.signals.attribution import CUE_LISTS
    from credibility.signals.cues import _cue_patterns, cue_matches

    resources = resources_for(lang)
    assert resources is not None
    texts = [*AWKWARD, example_text(f"well_sourced_{lang}"), example_text(f"well_sourced_{lang}").upper()]
    for lists in (tuple(CUE_LISTS), ("hedges", "boosters")):
        (lowered, _), (cased, _) = _cue_patterns(resources, lists)
        for text in texts:
            doc = build_document(text, lang=lang)
            expected = []
            if lowered is not None:
                scanned = doc.text.lower()
                if len(scanned) != len(doc.text):  # as cue_matches does: case-insensitive over the text
                    lowered, scanned = re.compile(lowered.pattern, re.IGNORECASE), doc.text
                expected += [(m.start(), m.end(), doc.text[m.start() : m.end()], lists[int(m.lastgroup[1:])])
                             for m in lowered.finditer(scanned)]
            if cased is not None:
                expected += [(m.start(), m.end(), m.group(0), lists[int(m.lastgroup[1:])]) for m in cased.finditer(doc.text)]
                expected.sort()
            assert cue_matches(doc, *lists) == expected, (lists, text[:60])


@pytest.mark.parametrize("lang", supported_languages())
def test_every_shipped_word_list_names_the_entry_the_named_pattern_names(lang: str, example_text) -> None:
    resources = resources_for(lang)
    assert resources is not None
    texts = [*AWKWARD, example_text(f"well_sourced_{lang}")]
    for path in sorted(resources.folder.glob("*.txt")):
        pattern = resources.matcher(path.stem)._pattern
        if pattern is None:
            continue
        for text in texts:
            assert list(pattern.finditer(text)) == _plain(pattern, text), (path.stem, text[:60])
