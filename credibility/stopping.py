"""Stopping a run on SIGINT (Ctrl-C), SIGTERM or SIGHUP: cleanly, between records, with the shell's exit code.

The handler raises :class:`Stopped` (a ``BaseException``, so no ``except Exception`` of an article's
analysis swallows it) in the main thread. While a record is being written the signal is held back and
raised right after it, so an interrupted output ends with whole records only. The caller then closes the
workers and the output and exits ``128 + signal number`` (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

STOP_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)


class Stopped(BaseException):
    """The run was asked to stop by a signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class StopOnSignals:
    """Install the handlers for the duration of a ``with`` block (main thread only; elsewhere a no-op)."""

    def __init__(self) -> None:
        self._held = 0
        self._pending: int | None = None
        self._saved: dict[int, object] = {}

    def __enter__(self) -> StopOnSignals:
        if threading.current_thread() is threading.main_thread():
            for signum in STOP_SIGNALS:
                self._saved[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._saved.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        self._saved.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._held:
            self._pending = signum
            return
        self._stop(signum)

    def _stop(self, signum: int) -> None:
        self.ignore_further()
        raise Stopped(signum)

    def ignore_further(self) -> None:
        """While stopping: a second Ctrl-C must not interrupt the clean-up (workers, output)."""
        for signum in self._saved:
            signal.signal(signum, signal.SIG_IGN)

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """Hold signals back while a record is written; raise the held one afterwards."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
        if not self._held and self._pending is not None:
            signum, self._pending = self._pending, None
            self._stop(signum)
