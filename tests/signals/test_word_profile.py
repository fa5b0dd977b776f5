"""Word-frequency profile features: values on texts we wrote, no growth with length, zeros without a table."""

import pytest

from credibility.document import build_document
from credibility.signals.surface import FEATURE_NAMES, surface_features
from credibility.signals.word_profile import FEATURES, word_profile_features

COMMON = ("The man said that he was going to the city with his family and that they would come back "
          "the next day because it was too late to go home. ")
RARE = ("Oberstdorf's ski-jumping federation appointed Krzysztof Wąsowicz after Tuesday's plenary; "
        "Bundesliga sponsors Allianz, Siemens and Rheinmetall welcomed the appointment. ")
REPETITIVE = "The company said the company said the company said the plan was good. "


def profile(text: str, lang: str = "en") -> dict[str, float]:
    return word_profile_features(build_document(text, lang=lang))


def test_common_words_score_higher_and_rarer_than_names():
    common, rare = profile(COMMON * 3), profile(RARE * 3)
    assert common["word_zipf_mean"] > rare["word_zipf_mean"] + 1.0
    assert common["common_word_share"] > rare["common_word_share"]
    assert rare["unknown_word_share"] > common["unknown_word_share"]
    assert rare["word_zipf_p10"] < common["word_zipf_p10"]


def test_repetition_is_measured_per_window_so_length_does_not_inflate_it():
    once = profile(COMMON * 2)
    assert profile(REPETITIVE * 3)["repeated_trigram_share"] > once["repeated_trigram_share"]
    # the same kind of text at 5x the length keeps (about) the same values
    long = profile(COMMON * 10)
    for name in ("repeated_bigram_share", "word_zipf_mean", "common_word_share"):
        assert long[name] == pytest.approx(profile(COMMON * 2)[name], rel=0.05, abs=0.02), name


def test_dutch_uses_its_own_table():
    nl = profile("De gemeente heeft dinsdag besloten dat de nieuwe brug in mei opengaat, zei de wethouder. " * 3,
                 lang="nl")
    assert nl["word_zipf_mean"] > 4.0 and nl["unknown_word_share"] < 0.1


def test_no_table_or_no_words_gives_zeros_and_every_name_is_declared():
    assert set(profile("")) == set(FEATURES)
    assert all(v == 0.0 for v in profile("").values())
    assert all(f"surface.{name}" in FEATURE_NAMES for name in FEATURES)
    values = surface_features(build_document(COMMON * 3, lang="en"))
    assert set(values) == set(FEATURE_NAMES)
