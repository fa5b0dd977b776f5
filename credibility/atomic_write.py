"""Writing a file so that readers see the old version or the new one, never half of one.

The bytes go to a temporary file beside the target (same file system, so the final ``os.replace`` is
atomic); any failure removes the temporary file and leaves the target as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def ordinary_file_mode() -> int:
    """Ordinary file permissions (0o666 minus the umask): mkstemp's 0o600 would hide files from others."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def temp_beside(path: Path) -> tuple[int, str]:
    """A new temporary file next to ``path`` (open descriptor, name): ``.<name>.<random>.tmp``."""
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)


def temps_beside(path: Path) -> list[Path]:
    """Temporary files :func:`temp_beside` made for ``path`` that are still there (a write was killed)."""
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def atomic_write(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Call ``write(fh)`` on a temporary binary file, then move it onto ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, ordinary_file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
