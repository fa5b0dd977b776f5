"""The per-user cache folder: files derived from installed packages that are costly to derive at every start.

Only data we can rebuild lives here (never user data), so losing it costs time, not results. The folder is
``$CREDIBILITY_CACHE_DIR`` when set (an empty value turns the cache off), else ``$XDG_CACHE_HOME/credibility``,
else ``~/.cache/credibility``. Every caller must work without it: :func:`cache_dir` answers None when no
folder can be made there, and a folder that cannot be written is only read.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "CREDIBILITY_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache folder (made if missing), or None when the cache is turned off or no folder can be made."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        if not configured.strip():
            return None
        folder = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = Path(base) / "credibility"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder
