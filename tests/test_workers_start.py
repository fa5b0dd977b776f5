"""How ``--jobs N`` starts its workers (issue #19 item 4, #16 item 6): none for a small input, and on Linux
forks that share what the parent loaded (the models are loaded once per run, never pickled to workers)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from credibility import batch, workers
from credibility.batch import MIN_ARTICLES_FOR_WORKERS, score_items
from credibility.ingest.items import InputItem

TEXT = "The council approved the budget on Tuesday, the mayor said. Critics called the plan rushed."

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


def _items(n: int) -> list[InputItem]:
    return [InputItem(id=f"a{k}", text=f"{TEXT} Item {k}.") for k in range(n)]


class PidScorer:
    """Notes which process scored each article."""

    def score(self, doc, report) -> None:
        report.warnings.append(f"scored in {os.getpid()}")


def _scoring_pids(reports) -> set[int]:
    return {int(w.split()[-1]) for r in reports for w in r.warnings if w.startswith("scored in")}


@pytest.fixture
def pools(monkeypatch) -> list[int]:
    """Records every worker pool started (its ``jobs``), which then scores in this process."""
    started: list[int] = []

    class RecordingPool:
        def __init__(self, jobs, scorer, lang, notify=None, fork=None):
            started.append(jobs)
            self.scorer, self.lang = scorer, lang

        def score(self, chunks):
            for chunk in chunks:
                yield from batch.score_chunk(chunk, self.scorer, self.lang)

    monkeypatch.setattr(workers, "ScoringPool", RecordingPool)
    return started


@pytest.mark.parametrize("n", [1, MIN_ARTICLES_FOR_WORKERS])
def test_a_small_input_starts_no_worker(pools, n):
    reports = list(score_items(_items(n), scorer=PidScorer(), jobs=2, chunk_size=4))
    assert [r.id for r in reports] == [f"a{k}" for k in range(n)]
    assert pools == []
    assert _scoring_pids(reports) == {os.getpid()}


def test_a_larger_input_starts_the_workers_asked_for(pools):
    n = MIN_ARTICLES_FOR_WORKERS + 1
    reports = list(score_items(_items(n), scorer=None, jobs=2, chunk_size=4))
    assert [r.id for r in reports] == [f"a{k}" for k in range(n)]  # nothing lost in the read-ahead
    assert pools == [2]


class Unpicklable(PidScorer):
    """A scorer that cannot be sent to a fresh interpreter (as a model holding an open resource)."""

    def __reduce__(self):
        raise TypeError("this scorer cannot be pickled")


@linux_only
def test_forked_workers_use_the_parents_scorer_without_pickling_it(monkeypatch):
    monkeypatch.setattr(workers, "can_fork_workers", lambda: True)
    reports = list(score_items(_items(40), scorer=Unpicklable(), jobs=2, chunk_size=4, min_articles_for_workers=0))
    assert [r.id for r in reports] == [f"a{k}" for k in range(40)]
    assert len(_scoring_pids(reports) - {os.getpid()}) >= 1  # the articles were scored in worker processes


@linux_only
def test_the_shipped_models_are_loaded_once_per_run_not_once_per_worker(monkeypatch, tmp_path: Path):
    """``scorer="default"``: the parent loads the models before forking; no worker loads them again."""
    loads = tmp_path / "loads.txt"

    def counting_loader():
        with loads.open("a") as fh:
            fh.write(f"{os.getpid()}\n")
        return PidScorer()

    monkeypatch.setattr(workers, "can_fork_workers", lambda: True)
    monkeypatch.setattr(batch, "default_scorer", counting_loader)
    batch.load_scorer.cache_clear()
    try:
        reports = list(score_items(_items(40), jobs=2, chunk_size=4, min_articles_for_workers=0))
    finally:
        batch.load_scorer.cache_clear()
    assert loads.read_text().split() == [str(os.getpid())]
    assert len(_scoring_pids(reports) - {os.getpid()}) >= 1
