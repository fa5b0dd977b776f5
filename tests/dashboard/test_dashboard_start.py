"""The dashboard's start (issue #16 item 6): the first page is drawn before the warm-up, which then runs
once per server in the background and leaves the first English or Dutch analysis nothing to load."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from credibility.dashboard_app import APP_PATH, services

# How long a join may wait before the test calls the warm-up hung: a bound on a hang, never a speed test (the
# threads here finish as soon as they are scheduled, which on a loaded CI machine can take seconds).
HANG_BOUND = 600

FIRST_PAGE_THEN_WARM_UP = f"""
import json, sys
from streamlit.testing.v1 import AppTest
import credibility.word_frequencies as word_frequencies

opened = []  # the languages whose word-frequency table was read
real_table_path = word_frequencies._table_path
word_frequencies._table_path = lambda lang: (opened.append(lang), real_table_path(lang))[1]

def loaded():
    return {{"altair": "altair" in sys.modules, "tables": sorted(set(opened))}}

app = AppTest.from_file({str(APP_PATH)!r}, default_timeout=600).run()
assert not app.exception, app.exception
first_page = loaded()
from credibility.dashboard_app import services
seconds = services.wait_for_warm_up()
print(json.dumps({{"first_page": first_page, "warm": loaded(), "seconds": seconds}}))
"""


@pytest.mark.slow  # a fresh interpreter starting the app (~4-6 CPU-s)
def test_first_page_is_drawn_before_the_warm_up_which_then_loads_both_languages():
    result = subprocess.run([sys.executable, "-c", FIRST_PAGE_THEN_WARM_UP], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["first_page"] == {"altair": False, "tables": []}
    assert found["warm"] == {"altair": True, "tables": ["en", "nl"]}
    assert found["seconds"] is not None and found["seconds"] > 0


@pytest.fixture
def no_warm_up_yet(monkeypatch):
    monkeypatch.setattr(services, "_warm_up_thread", None)
    monkeypatch.setattr(services, "_warm_up_seconds", None)


def test_the_warm_up_starts_once_per_server(no_warm_up_yet, monkeypatch):
    calls = []
    release = threading.Event()

    def warm_up(scorer):
        calls.append(scorer)
        release.wait(HANG_BOUND)
        return 0.5

    monkeypatch.setattr(services, "warm_up", warm_up)
    first = services.warm_up_after_first_page("scorer")
    second = services.warm_up_after_first_page("another scorer")  # a rerun, another session's first page
    release.set()
    assert first is second and first.daemon
    assert services.wait_for_warm_up(HANG_BOUND) == 0.5
    assert calls == ["scorer"]


def test_a_failed_warm_up_is_logged_and_the_server_goes_on(no_warm_up_yet, monkeypatch, caplog):
    def broken(scorer):
        raise OSError("lexicon folder unreadable")

    monkeypatch.setattr(services, "warm_up", broken)
    services.warm_up_after_first_page(None)
    assert services.wait_for_warm_up(HANG_BOUND) is None
    assert "warm-up failed" in caplog.text and "lexicon folder unreadable" in caplog.text


def test_warm_up_analyses_both_languages_and_imports_the_charts(monkeypatch):
    seen = []
    real_build = services.build_document

    def build(text, **kwargs):
        seen.append(kwargs.get("lang"))
        return real_build(text, **kwargs)

    monkeypatch.setattr(services, "build_document", build)
    assert services.warm_up(None) >= 0
    assert {"en", "nl"} <= set(seen)
    assert "credibility.dashboard_app.charts" in sys.modules
