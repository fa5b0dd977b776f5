"""The worker processes of ``credibility score --jobs N``: they die with their parent, and a dead worker
costs at most the article that killed it.

Why not joblib/loky: its reusable executor kept idle workers for minutes, workers outlived a killed parent
(no parent-death watch), Ctrl-C printed a traceback per worker, and one killed worker broke every
pending chunk with a ``TerminatedWorkerError`` traceback. Here each worker has its own pipe, so the
parent always knows which chunk a worker held:

- on Linux a worker is a fork of the parent made after the parent has loaded what scoring needs (models,
  language model, word tables: :func:`credibility.batch.warm_up`), so no worker imports or loads anything
  again and the loaded pages stay shared (copy-on-write; ``gc.freeze`` first so that the collector does
  not write to them). Elsewhere (macOS's system libraries are not fork-safe; Windows has no fork), or
  when another thread is running in the parent (a fork copies only the calling thread; a lock another
  thread held would stay locked in the child), workers are fresh interpreters started as
  ``python -P -c BOOT`` with the parent's ``sys.path`` (the current folder is not searched, so a stray
  ``numpy.py`` or ``credibility.py`` there is never imported) that receive the scorer pickled;
- a worker asks the kernel to kill it when its parent dies (Linux ``PR_SET_PDEATHSIG``) as the first
  thing it does, before it imports anything heavy, and also polls its parent's pid (other systems);
- workers ignore SIGINT (Ctrl-C reaches the whole process group; the parent decides) and are terminated
  when the pool is closed, whatever the reason (end of input, an exception, a signal, a closed pipe);
- when a worker dies, its chunk is retried one article per task in fresh workers; an article whose
  worker dies again becomes an error record (``lost: ...``). Every other result is kept, in input order.

Linux sends the parent-death signal when the *thread* that started a worker ends, so a pool is used from
the thread that created it (the CLI's main thread).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

# Linux prctl option: deliver a signal to this process when its parent (thread) exits.
PR_SET_PDEATHSIG = 1
# Seconds between a worker's checks that its parent is alive (the fallback to PR_SET_PDEATHSIG).
PARENT_POLL_SECONDS = 1.0
# Seconds a worker is given to exit after SIGTERM before it is killed.
STOP_GRACE_SECONDS = 5.0
# Thread-pool variables capped in worker processes (cores // jobs each), so N workers do not each start
# one BLAS thread per core.
THREAD_VARIABLES = (
    "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS", "NUMBA_NUM_THREADS", "NUMEXPR_NUM_THREADS",
)


# The start of a worker process: the parent-death signal first (a few lines of the standard library, so
# the window in which a dying parent is missed is the interpreter's start-up, covered by the ppid check).
BOOT = """\
import ctypes, os, sys
try:
    ctypes.CDLL(None).prctl(1, 9, 0, 0, 0)  # PR_SET_PDEATHSIG, SIGKILL
except Exception:
    pass
if os.getppid() != int(sys.argv[1]):
    os._exit(1)
from credibility.workers import worker_main
worker_main(int(sys.argv[1]), int(sys.argv[2]))
"""


class WorkerStartError(RuntimeError):
    """A worker process could not start (it died before it was ready)."""


# -- in the worker -----------------------------------------------------------------------------------

def die_with_parent(parent_pid: int) -> None:
    """Make this process end when ``parent_pid`` does: PR_SET_PDEATHSIG on Linux, a polling thread always."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the request above was made
        os._exit(1)

    def watch() -> None:
        while True:
            threading.Event().wait(PARENT_POLL_SECONDS)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker_signals() -> None:
    """Ctrl-C is the parent's to handle; SIGTERM and SIGHUP end a worker at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def worker_main(parent_pid: int, fd: int) -> None:
    """A fresh-interpreter worker: receive the scorer on the socket ``fd``, then serve chunks."""
    die_with_parent(parent_pid)
    _worker_signals()
    conn = Connection(fd)
    try:
        scorer, lang = conn.recv()
    except (EOFError, OSError):
        return
    _serve(conn, scorer, lang)


def forked_worker_main(
    parent_pid: int, conn: Connection, scorer: Any, lang: str | None, jobs: int, parent_ends: list[Connection],
) -> None:
    """A forked worker: it already holds the parent's loaded scorer and tables; serve chunks on ``conn``.

    Runs with the stop signals blocked (the parent blocked them around the fork, so the parent's own
    handlers never run here); they are unblocked once this worker's handlers are in place.
    """
    die_with_parent(parent_pid)
    _worker_signals()
    with contextlib.suppress(ValueError):
        signal.set_wakeup_fd(-1)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _BLOCKED_DURING_FORK)
    for end in parent_ends:  # the parent's ends of this and the other workers' sockets
        end.close()
    _cap_threads(jobs)
    from .start_up import start_up_done

    start_up_done()
    _serve(conn, scorer, lang)


def _cap_threads(jobs: int) -> None:
    """Thread pools already loaded (BLAS) capped at cores // jobs, as the environment caps fresh workers."""
    threads = _worker_environment(jobs)[THREAD_VARIABLES[0]]
    os.environ.update(dict.fromkeys(THREAD_VARIABLES, threads))
    with contextlib.suppress(Exception):  # threadpoolctl comes with scikit-learn; without it, no cap
        from threadpoolctl import threadpool_limits

        threadpool_limits(int(threads))


def _serve(conn: Connection, scorer: Any, lang: str | None) -> None:
    """Score chunks received on ``conn`` until told to stop (None) or the parent is gone."""
    from .batch import score_chunk

    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        key, items = task
        conn.send((key, score_chunk(items, scorer, lang)))


# -- in the parent -----------------------------------------------------------------------------------

# Signals blocked in the parent while it forks a worker (the child unblocks them with its own handlers).
_BLOCKED_DURING_FORK = {
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
}


def can_fork_workers() -> bool:
    """Workers can be forks of this process: Linux, and no other Python thread running in it."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


class _ForkedProcess:
    """A forked worker (``multiprocessing`` fork context) seen through the few ``Popen`` calls used here."""

    def __init__(self, process: multiprocessing.process.BaseProcess) -> None:
        self.process = process
        self.pid = process.pid

    @property
    def returncode(self) -> int | None:
        return self.process.exitcode

    def wait(self, timeout: float | None = None) -> int | None:
        self.process.join(timeout)
        if self.process.exitcode is None:
            raise subprocess.TimeoutExpired(f"worker {self.pid}", timeout or 0)
        return self.process.exitcode

    def terminate(self) -> None:
        self.process.terminate()

    def kill(self) -> None:
        self.process.kill()


@dataclass
class _Task:
    chunk: int  # index of the chunk in the input
    offset: int  # position of the first item within that chunk
    items: list
    retry: bool = False  # a retry after a worker died: one article, not retried again


@dataclass
class _Worker:
    process: subprocess.Popen
    conn: Connection
    ready: bool = False
    task: _Task | None = None


@dataclass
class _Chunk:
    reports: list = field(default_factory=list)
    missing: int = 0


def _exit_cause(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


def _describe(items: list) -> str:
    ids = [str(getattr(item, "id", "?")) for item in items]
    shown = ", ".join(ids[:3]) + (f" (+{len(ids) - 3} more)" if len(ids) > 3 else "")
    return f"{len(ids)} article(s): {shown}"


class ScoringPool:
    """``jobs`` worker processes scoring chunks in input order, with a bounded window of work in flight.

    ``fork``: start workers as forks of this process (default: where :func:`can_fork_workers`); they
    then share the scorer and everything loaded before the pool starts, and the scorer is never pickled.
    """

    def __init__(
        self, jobs: int, scorer: Any, lang: str | None, notify: Callable[[str], None] | None = None,
        fork: bool | None = None,
    ):
        self.jobs = jobs
        self.scorer = scorer
        self.lang = lang
        self.notify = notify or (lambda message: None)
        self.fork = can_fork_workers() if fork is None else fork
        self.workers: list[_Worker] = []
        self.start_failures = 0  # workers in a row that died before they were ready

    def _start(self) -> _Worker:
        """A new worker process: a fork when possible now, else a fresh interpreter."""
        if self.fork and can_fork_workers():  # checked again: a thread may have started since
            return self._start_forked()
        return self._start_fresh()

    def _start_forked(self) -> _Worker:
        """A fork of this process, holding the scorer and every table already loaded here."""
        ours, theirs = socket.socketpair()
        conn, child_end = Connection(ours.detach()), Connection(theirs.detach())
        parent_ends = [worker.conn for worker in self.workers] + [conn]
        process = multiprocessing.get_context("fork").Process(
            target=forked_worker_main, name="credibility-worker", daemon=True,
            args=(os.getpid(), child_end, self.scorer, self.lang, self.jobs, parent_ends),
        )
        gc.freeze()  # what is loaded now is never collected: the children's collections leave its pages shared
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _BLOCKED_DURING_FORK)
        try:
            process.start()  # flushes stdout/stderr first, so nothing buffered is written twice
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            child_end.close()
        worker = _Worker(_ForkedProcess(process), conn)  # type: ignore[arg-type]
        self.workers.append(worker)
        return worker

    def _start_fresh(self) -> _Worker:
        """A fresh interpreter that receives the scorer pickled (no fork, or a parent that holds threads)."""
        ours, theirs = socket.socketpair()
        try:
            process = subprocess.Popen(
                [sys.executable, "-P", "-c", BOOT, str(os.getpid()), str(theirs.fileno())],
                pass_fds=(theirs.fileno(),), env=_worker_environment(self.jobs), stdin=subprocess.DEVNULL,
            )
        finally:
            theirs.close()
        conn = Connection(ours.detach())
        worker = _Worker(process, conn)
        self.workers.append(worker)
        with contextlib.suppress(OSError):  # a worker that died at once is seen when its socket closes
            conn.send((self.scorer, self.lang))
        return worker

    def close(self) -> None:
        """Stop every worker: ask, then SIGTERM, then SIGKILL; nothing is left running."""
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                if worker.task is None:
                    worker.conn.send(None)
                else:
                    worker.process.terminate()
        for worker in self.workers:
            _reap(worker)
        self.workers.clear()

    def score(self, chunks: Iterable[list]) -> Iterator[Any]:
        """Reports for every item of ``chunks``, in input order; the pool is closed when this ends."""
        try:
            yield from self._run(iter(chunks))
        finally:
            self.close()

    def _run(self, chunks: Iterator[list]) -> Iterator[Any]:
        window = 2 * self.jobs
        todo: deque[_Task] = deque()  # retries, sent before new chunks
        done: dict[int, _Chunk] = {}
        next_chunk = next_out = 0
        exhausted = False
        if self.fork:
            from .batch import warm_up

            warm_up(self.scorer, self.lang)  # loaded once here, shared by every fork
        for _ in range(self.jobs):
            self._start()
        while True:
            while next_out in done and done[next_out].missing == 0:
                yield from done.pop(next_out).reports
                next_out += 1
            for worker in self.workers:
                if worker.task is not None:
                    continue
                if not todo and not exhausted and next_chunk - next_out < window:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                    else:
                        done[next_chunk] = _Chunk([None] * len(chunk), len(chunk))
                        todo.append(_Task(next_chunk, 0, chunk))
                        next_chunk += 1
                if todo:
                    self._send(worker, todo.popleft())
            busy = [w for w in self.workers if w.task is not None]
            if not busy:
                if exhausted and not todo and next_out == next_chunk:
                    return
                continue
            ready = wait([w.conn for w in busy])
            for worker in busy:
                if worker.conn in ready:
                    self._collect(worker, done, todo)

    def _send(self, worker: _Worker, task: _Task) -> None:
        worker.task = task
        with contextlib.suppress(OSError):  # the worker is already gone: seen when its socket closes
            worker.conn.send(((task.chunk, task.offset), task.items))

    def _collect(self, worker: _Worker, done: dict[int, _Chunk], todo: deque[_Task]) -> None:
        try:
            while worker.conn.poll():
                key, reports = worker.conn.recv()
                if key == "ready":
                    worker.ready = True
                    self.start_failures = 0
                    continue
                task = worker.task
                worker.task = None
                slot = done[task.chunk]
                slot.reports[task.offset:task.offset + len(reports)] = reports
                slot.missing -= len(reports)
                return
        except (EOFError, OSError):  # its socket closed: the worker process ended
            self._replace(worker, done, todo)

    def _replace(self, worker: _Worker, done: dict[int, _Chunk], todo: deque[_Task]) -> None:
        """A worker died: start another; retry its chunk article by article, or record a lost article."""
        _reap(worker)
        self.workers.remove(worker)
        cause = _exit_cause(worker.process.returncode)
        task = worker.task
        if not worker.ready:  # it died before it could score anything: its task is sent again as it was
            self.start_failures += 1
            if self.start_failures > 2 * self.jobs:
                raise WorkerStartError(f"worker processes could not start ({cause}; see the messages above)")
            self.notify(f"warning: a worker process died while starting ({cause}); starting another")
            self._start()
            if task is not None:
                todo.appendleft(task)
            return
        self._start()
        if task is None:
            self.notify(f"warning: a worker process died ({cause}) between tasks; nothing was lost")
            return
        if not task.retry:
            self.notify(f"warning: a worker process died ({cause}) while scoring {_describe(task.items)}; "
                        "retrying them one at a time")
            todo.extendleft(reversed([_Task(task.chunk, task.offset + i, [item], retry=True)
                                      for i, item in enumerate(task.items)]))
            return
        from .batch import item_error_report

        item = task.items[0]
        where = item.source_path or item.url or item.id
        self.notify(f"error: {_describe(task.items)} lost: its worker process died again ({cause})")
        slot = done[task.chunk]
        slot.reports[task.offset] = item_error_report(
            item, f"{where}: lost: the worker process scoring it died twice ({cause}); not retried again")
        slot.missing -= 1


def _worker_environment(jobs: int) -> dict[str, str]:
    """The parent's environment and import path; thread pools capped at cores // jobs (as joblib caps them)."""
    env = dict(os.environ)
    env.update(dict.fromkeys(THREAD_VARIABLES, str(max(1, (os.cpu_count() or 1) // jobs))))
    env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in sys.path if p)
    return env


def _reap(worker: _Worker) -> None:
    """Wait for ``worker`` to end (killing it after the grace period) and close its connection."""
    try:
        worker.process.wait(STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        worker.process.kill()
        worker.process.wait()
    worker.conn.close()
