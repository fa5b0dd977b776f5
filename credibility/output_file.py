"""The ``--output`` file of a run: opened without truncating, locked against a second run, then emptied.

Two runs appending to one file would interleave their records (and a second run's truncation would wipe
the first's work), so a run holds an exclusive ``flock`` on a regular output file for as long as it
writes. The lock is taken before anything is truncated or repaired, and the kernel releases it when the
process ends, however it ends. Devices and pipes (``/dev/null``, ``/dev/stdout``) are not locked.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import TextIO

try:
    import fcntl
except ImportError:  # not on POSIX: no locking
    fcntl = None  # type: ignore[assignment]


class OutputBusyError(OSError):
    """Another process holds the lock on the output file."""


class OutputFile:
    """An output file opened for appending and locked; :meth:`start` empties it unless resuming."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
        try:
            self.regular = stat.S_ISREG(os.fstat(self.fd).st_mode)
            if self.regular:
                _lock(self.fd, path)
        except BaseException:
            os.close(self.fd)
            raise

    def start(self, *, append: bool) -> TextIO:
        """The text stream to write records to (the file emptied first unless ``append``)."""
        if not append and self.regular:
            os.ftruncate(self.fd, 0)
        return open(self.fd, "a", encoding="utf-8", newline="", closefd=False)  # noqa: SIM115

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)  # releases the lock


def _lock(fd: int, path: Path) -> None:
    if fcntl is None:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise OutputBusyError(
            errno.EWOULDBLOCK,
            f"{path} is being written by another credibility run (it holds the file's lock); "
            "wait for it to finish or choose another --output",
        ) from None
    except OSError as exc:  # a file system without locks (some network mounts): go on unlocked
        if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
            raise
