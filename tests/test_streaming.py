"""Streaming: scoring pulls input lazily, a few chunks ahead at most, so memory does not grow with N."""

from __future__ import annotations

import gc
import itertools
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from credibility.batch import MIN_ARTICLES_FOR_WORKERS, score_items
from credibility.ingest import discover, iter_items
from credibility.ingest.items import InputItem

TEXTS = [
    "The council approved the budget on Tuesday, the mayor said. Critics called the plan rushed.",
    "Sources say the plan may possibly fail. Experts claim it could perhaps be a disaster by 2030.",
    "Het kabinet viel op vrijdag, meldde de premier. Volgens ingewijden was dat al lang bekend.",
]


class CountingFeed:
    """A long feed of articles that records how many have been pulled."""

    def __init__(self, size: int = 400) -> None:
        self.size = size
        self.pulled = 0

    def __iter__(self) -> Iterator[InputItem]:
        for k in range(self.size):
            self.pulled += 1
            yield InputItem(id=f"a{k}", text=TEXTS[k % len(TEXTS)])


@pytest.mark.parametrize(
    ("jobs", "chunk_size"),
    [
        (1, 4),
        pytest.param(2, 2, marks=pytest.mark.slow),  # forks two workers over 200+ articles (~7 CPU-s)
    ],
)
def test_input_is_read_at_most_a_few_chunks_ahead(jobs, chunk_size):
    feed = CountingFeed()
    reports = score_items(feed, scorer=None, jobs=jobs, chunk_size=chunk_size)
    first = list(itertools.islice(reports, 10))
    assert [r.id for r in first] == [f"a{k}" for k in range(10)]  # input order
    # jobs=1: the current chunk only; jobs>1: the read-ahead that decides whether workers are worth
    # starting (a fixed number of articles), and at most one window of 2 × jobs chunks beyond that
    limit = (10 + chunk_size if jobs == 1
             else max(10, MIN_ARTICLES_FOR_WORKERS + chunk_size) + (2 * jobs + jobs + 1) * chunk_size)
    assert feed.pulled <= limit


def _peak_while_scoring(items: Iterator[InputItem]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        for report in score_items(items, scorer=None):
            assert report.error is None
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow  # quick loop: pytest -m 'not slow'
def test_peak_memory_does_not_grow_with_the_number_of_articles(tmp_path: Path):
    """Scoring a JSONL table of 30 and of 300 articles peaks at about the same traced memory."""

    def table(n: int) -> Path:
        path = tmp_path / f"feed{n}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for k in range(n):
                fh.write(json.dumps({"id": f"r{k}", "text": TEXTS[k % len(TEXTS)]}) + "\n")
        return path

    small, large = table(30), table(300)
    _peak_while_scoring(iter_items(discover([str(small)]).sources))  # warm every per-process cache first
    peak_small = _peak_while_scoring(iter_items(discover([str(small)]).sources))
    peak_large = _peak_while_scoring(iter_items(discover([str(large)]).sources))
    assert peak_large < 1.5 * peak_small + 256 * 1024


def _cli(*args: object) -> list[str]:
    import sys

    return [sys.executable, "-m", "credibility.cli", "score", *map(str, args)]


@pytest.mark.slow  # quick loop: pytest -m 'not slow'
@pytest.mark.parametrize("jobs", [1, 2])
def test_killed_run_keeps_its_records_and_resume_finishes_it(tmp_path: Path, jobs: int):
    """A real interruption (SIGKILL mid-run): whole records survive, --resume adds exactly the rest."""
    import os
    import signal
    import subprocess
    import time

    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for k in range(3000):
            fh.write(json.dumps({"id": f"r{k}", "text": f"{TEXTS[k % len(TEXTS)]} Item {k}."}) + "\n")
    out = tmp_path / "out.jsonl"
    run = subprocess.Popen(_cli(feed, "-f", "jsonl", "-o", out, "--no-model", "-q", "-j", jobs),
                           start_new_session=True)
    try:
        deadline = time.monotonic() + 600  # a bound on a run that never writes, not a speed test
        while (not out.exists() or out.read_bytes().count(b"\n") < 50) and time.monotonic() < deadline:
            assert run.poll() is None, "the run ended before it could be interrupted"
            time.sleep(0.05)
    finally:
        os.killpg(run.pid, signal.SIGKILL)  # the CLI and its workers, like a power cut
        run.wait()
    whole = out.read_text(encoding="utf-8").split("\n")[:-1]  # a record cut by the kill has no line end yet
    kept = [json.loads(line)["id"] for line in whole]
    assert 50 <= len(kept) < 3000 and kept == [f"r{k}" for k in range(len(kept))]  # in order, no gaps

    resumed = subprocess.run(_cli(feed, "-f", "jsonl", "-o", out, "--no-model", "--resume"),
                             capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"r{k}" for k in range(3000)]  # every article exactly once, in input order
    assert "skipped" in resumed.stderr
