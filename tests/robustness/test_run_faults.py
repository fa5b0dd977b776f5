"""Faults of a run of ``credibility score`` (issue #18): signals, killed workers and parents, two runs on one
output, an output that cannot be written, resuming after a cut, and what the dashboard launch imports.

Tests that kill processes wait for behaviour with generous polling bounds (a loaded CI machine is slow);
they never assert how fast something happened.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from credibility.batch import score_items
from credibility.ingest.items import InputItem

TEXTS = [
    "The council approved the budget on Tuesday, the mayor said. Critics called the plan rushed.",
    "Sources say the plan may possibly fail. Experts claim it could perhaps be a disaster by 2030.",
    "Het kabinet viel op vrijdag, meldde de premier. Volgens ingewijden was dat al lang bekend.",
]
# Generous bounds for a heavily loaded machine: how long to wait for something that must happen.
PATIENCE_SECONDS = 600
POLL_SECONDS = 0.1


def _feed(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for k in range(n):
            fh.write(json.dumps({"id": f"r{k}", "text": f"{TEXTS[k % len(TEXTS)]} Item {k}."}) + "\n")
    return path


def _score_cli(*args: object) -> list[str]:
    return [sys.executable, "-m", "credibility.cli", "score", *map(str, args)]


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting ({PATIENCE_SECONDS} s) for {what}"
        time.sleep(POLL_SECONDS)


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _records_written(path: Path, n: int):
    return lambda: path.exists() and path.read_bytes().count(b"\n") >= n


def _stderr(out: Path) -> str:
    return (out.parent / "stderr.txt").read_text(encoding="utf-8")


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")


# -- signals and dying processes ----------------------------------------------------------------------

@pytest.fixture
def running(tmp_path: Path):
    """Start ``score feed.jsonl -j 2 -o out.jsonl`` in its own session once it has written a few records."""
    started: list[subprocess.Popen] = []

    def start(n_items: int = 3000, n_records: int = 20) -> tuple[subprocess.Popen, Path, set[int]]:
        feed = _feed(tmp_path / "feed.jsonl", n_items)
        out = tmp_path / "out.jsonl"
        # standard error to a file, not a pipe: a worker that outlived the CLI would hold a pipe open
        with (tmp_path / "stderr.txt").open("w") as stderr:
            run = subprocess.Popen(_score_cli(feed, "-f", "jsonl", "-o", out, "--no-model", "-j", 2),
                                   stderr=stderr, start_new_session=True)
        started.append(run)
        _wait_for(lambda: _records_written(out, n_records)() or run.poll() is not None, "the first records")
        assert run.poll() is None, "the run ended before it could be interrupted"
        workers = _children(run.pid)
        assert len(workers) >= 2
        return run, out, workers

    yield start
    for run in started:  # whatever a failed assertion left behind: the test's own process group only
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
        run.wait()


@needs_proc
@pytest.mark.slow
@pytest.mark.parametrize(("signum", "code", "group"), [(signal.SIGTERM, 143, False), (signal.SIGINT, 130, True)])
def test_a_signal_stops_the_workers_keeps_whole_records_and_exits_128_plus_n(running, signum, code, group):
    """SIGTERM to the CLI, or Ctrl-C (SIGINT to the whole process group): one line, no traceback, exit 143/130,
    every record written is whole and in order, no worker left."""
    run, out, workers = running()
    (os.killpg if group else os.kill)(run.pid, signum)
    run.wait()
    stderr = _stderr(out)
    assert run.returncode == code, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    stop_lines = [line for line in stderr.splitlines() if "stopped by" in line]
    assert len(stop_lines) == 1 and signal.Signals(signum).name in stop_lines[0] and "--resume" in stop_lines[0]
    ids = _ids(out)  # every line parses: whole records only
    assert ids == [f"r{k}" for k in range(len(ids))]
    assert f"; {len(ids)} whole record(s) written to" in stop_lines[0]
    _wait_for(lambda: not any(_alive(pid) for pid in workers), "the workers to end")


@needs_proc
@pytest.mark.slow
def test_workers_do_not_outlive_a_killed_parent(running):
    """SIGKILL of the CLI alone (not its group): its worker processes end too, nothing keeps running."""
    run, _, workers = running()
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    _wait_for(lambda: not any(_alive(pid) for pid in workers), "the orphaned workers to end")


@needs_proc
@pytest.mark.slow
def test_a_killed_worker_is_one_line_and_loses_nothing(running, tmp_path):
    """One worker killed mid-run: a one-line warning naming the articles retried, every record in order, exit 0."""
    run, out, workers = running(n_items=600)
    os.kill(min(workers), signal.SIGKILL)
    run.wait()
    stderr = _stderr(out)
    assert run.returncode == 0, stderr
    assert "Traceback" not in stderr
    died = [line for line in stderr.splitlines() if "worker process died" in line]
    assert len(died) == 1 and "SIGKILL" in died[0] and "retrying" in died[0]
    assert _ids(out) == [f"r{k}" for k in range(600)]


class KillsItsWorker:
    """A scorer that kills the process scoring an article holding 'POISON' (as a crash or the OOM killer would)."""

    def score(self, doc, report) -> None:
        if "POISON" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.slow
@pytest.mark.parametrize("fork", [True, False], ids=["forked-workers", "fresh-interpreters"])
def test_an_article_that_kills_its_worker_becomes_an_error_record_and_the_rest_are_kept(fork, monkeypatch):
    monkeypatch.setattr("credibility.workers.can_fork_workers", lambda: fork)
    texts = [f"{TEXTS[k % 2]} Item {k}." for k in range(12)]
    texts[5] += " POISON"
    items = [InputItem(id=f"a{k}", text=t) for k, t in enumerate(texts)]
    notes: list[str] = []
    reports = list(score_items(items, scorer=KillsItsWorker(), jobs=2, chunk_size=4, notify=notes.append,
                               min_articles_for_workers=0))
    assert [r.id for r in reports] == [f"a{k}" for k in range(12)]
    assert [r.id for r in reports if r.error] == ["a5"]
    assert "lost" in reports[5].error and "SIGKILL" in reports[5].error
    assert any("retrying them one at a time" in n for n in notes) and any("a5" in n and "lost" in n for n in notes)


def test_a_signal_during_a_write_waits_until_the_record_is_whole():
    from credibility.stopping import StopOnSignals, Stopped

    before = signal.getsignal(signal.SIGTERM)
    written = []
    with pytest.raises(Stopped) as stopped, StopOnSignals() as signals:
        with signals.hold():
            os.kill(os.getpid(), signal.SIGTERM)
            written.append("the rest of the record")  # still runs: the signal is held back
        written.append("never")
    assert written == ["the rest of the record"]
    assert stopped.value.exit_code == 143 and stopped.value.name == "SIGTERM"
    assert signal.getsignal(signal.SIGTERM) == before  # handlers restored


# -- the output file -----------------------------------------------------------------------------------

def _run(*args: object):
    from click.testing import CliRunner

    from credibility.cli import app

    return CliRunner().invoke(app, ["score", *map(str, args)])


def test_a_second_run_on_a_locked_output_is_refused_and_changes_nothing(examples_dir, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "from the first run"}\n', encoding="utf-8")
    with out.open("a") as first_run:  # another run holds the lock
        fcntl.flock(first_run.fileno(), fcntl.LOCK_EX)
        result = _run(examples_dir, "-f", "jsonl", "-o", out, "--no-model", "-q")
        assert result.exit_code == 3, result.output
        assert "another credibility run" in result.stderr and "Traceback" not in result.output
        assert out.read_text(encoding="utf-8") == '{"id": "from the first run"}\n'  # neither truncated nor appended
    assert _run(tmp_path / "missing.txt", "-f", "jsonl", "-o", out, "-q").exit_code == 1  # the lock was released
    assert "missing.txt: no such file or folder" in out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_two_real_runs_on_one_output_do_not_interleave(examples_dir, tmp_path):
    """A second process on the same file waits for nothing and writes nothing: exit 3."""
    out = tmp_path / "out.jsonl"
    with out.open("a") as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)
        second = subprocess.run(_score_cli(examples_dir, "-f", "jsonl", "-o", out, "--no-model"),
                                capture_output=True, text=True, check=False)
    assert second.returncode == 3 and "another credibility run" in second.stderr
    assert out.read_text() == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_exit_4(examples_dir):
    result = _run(examples_dir, "-f", "jsonl", "-o", "/dev/full", "--no-model", "-q")
    assert result.exit_code == 4
    assert result.stderr.strip().splitlines() == ["Error: cannot write /dev/full: No space left on device"]


def test_an_output_folder_that_cannot_be_made_is_one_line_and_exit_4(examples_dir, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = _run(examples_dir, "-f", "jsonl", "-o", blocker / "out.jsonl", "--no-model", "-q")
    assert result.exit_code == 4, result.output
    assert result.stderr.startswith(f"Error: cannot write {blocker / 'out.jsonl'}:")
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_standard_output_on_a_full_disk_is_one_line_and_exit_4(examples_dir):
    with open("/dev/full", "w") as full:
        result = subprocess.run(_score_cli(examples_dir, "-f", "jsonl", "--no-model", "-q"), stdout=full,
                                stderr=subprocess.PIPE, text=True, check=False)
    assert result.returncode == 4
    assert result.stderr.strip().splitlines() == ["Error: cannot write standard output: No space left on device"]


# -- resume --------------------------------------------------------------------------------------------

def test_resume_repairs_a_csv_cut_inside_a_quoted_line_break(tmp_path):
    table = tmp_path / "in.jsonl"
    table.write_text("".join(json.dumps({"id": f"t{k}", "title": f"Line one\nline two {k}", "text": TEXTS[k % 3]})
                             + "\n" for k in range(3)), encoding="utf-8")
    out = tmp_path / "out.csv"
    assert _run(table, "-f", "csv", "-o", out, "--no-model", "-q").exit_code == 0
    whole = out.read_bytes()
    cut = whole.rindex(b"Line one\n") + len(b"Line one\n")  # the last record, cut right after its line break
    out.write_bytes(whole[:cut])
    result = _run(table, "-f", "csv", "-o", out, "--no-model", "--resume")
    assert result.exit_code == 0, result.output
    assert "2 skipped" in result.stderr
    assert out.read_bytes() == whole
    assert [row["id"] for row in csv.DictReader(out.open(encoding="utf-8", newline=""))] == ["t0", "t1", "t2"]


def test_resume_scores_the_second_row_of_a_repeated_id(tmp_path):
    table = tmp_path / "in.jsonl"
    table.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in zip("aab", TEXTS, strict=True)),
                     encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _run(table, "-f", "jsonl", "-o", out, "--no-model", "-q").exit_code == 0
    whole = out.read_text(encoding="utf-8")
    out.write_text(whole.splitlines(keepends=True)[0], encoding="utf-8")  # interrupted after the first row
    result = _run(table, "-f", "jsonl", "-o", out, "--no-model", "--resume")
    assert result.exit_code == 0 and "1 skipped" in result.stderr
    assert out.read_text(encoding="utf-8") == whole


def test_resume_recognises_the_same_input_spelled_differently(tmp_path, monkeypatch):
    """Relative first, absolute or roundabout after: the same files, so nothing is scored twice."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS), encoding="utf-8")
    (tmp_path / "notes.txt").write_text(TEXTS[0], encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _run("feed.jsonl", "notes.txt", "-f", "jsonl", "-o", out, "--no-model", "-q").exit_code == 0
    first = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(first) == 4
    out.write_text("".join(json.dumps(r) + "\n" for r in first[:2]), encoding="utf-8")  # interrupted
    again = _run(tmp_path / "feed.jsonl", "sub/../notes.txt", "-f", "jsonl", "-o", out, "--no-model", "--resume")
    assert again.exit_code == 0, again.output
    assert "2 skipped" in again.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [os.path.realpath(r["source"]) for r in records] == [os.path.realpath(r["source"]) for r in first]
    assert [r["word_count"] for r in records] == [r["word_count"] for r in first]


# -- the dashboard launch ------------------------------------------------------------------------------

def test_dashboard_launch_does_not_import_modules_from_the_current_folder(tmp_path, monkeypatch):
    """A ``streamlit.py`` in the folder the dashboard is started from must not run instead of Streamlit."""
    from credibility.cli_dashboard import streamlit_command

    marker = tmp_path / "planted-module-ran"
    (tmp_path / "streamlit.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    command = streamlit_command(port=8501, host="localhost", headless=True)
    launcher = command[: command.index("run")]  # the interpreter and its flags, up to the Streamlit sub-command
    result = subprocess.run([*launcher, "version"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert not marker.exists()
    assert result.returncode == 0 and "Streamlit" in result.stdout


def _refuse_to_load():
    raise RuntimeError("this scorer cannot be loaded in a worker")


class CannotBeLoaded:
    """A scorer that unpickles as an error: every worker dies while starting (as with a broken install)."""

    def __reduce__(self):
        return (_refuse_to_load, ())


@pytest.mark.slow
def test_workers_that_cannot_start_stop_the_run_with_one_error_not_a_hang(monkeypatch):
    from credibility.workers import WorkerStartError

    monkeypatch.setattr("credibility.workers.can_fork_workers", lambda: False)  # fresh interpreters unpickle
    items = [InputItem(id=f"a{k}", text=TEXTS[0]) for k in range(4)]
    notes: list[str] = []
    with pytest.raises(WorkerStartError, match="could not start"):
        list(score_items(items, scorer=CannotBeLoaded(), jobs=2, chunk_size=2, notify=notes.append,
                         min_articles_for_workers=0))
    assert all("while starting" in n for n in notes) and len(notes) == 4
