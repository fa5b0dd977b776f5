"""The garbage collector during a command-line run's start-up and exit (issue #16: start-up cost).

Start-up allocates about a million objects that live until the process ends (scikit-learn, SciPy and
pandas modules, word tables, models); the cyclic collector, run every 700 allocations by default, walks
them again and again, and once more at exit just before the process frees everything anyway. Measured on
a one-article ``credibility score``: ~0.3 CPU-s during start-up and ~0.7 CPU-s at exit, a sixth of the run.

So the console command collects rarely until its first chunk of articles is scored (then the usual
thresholds are back, so a long run's garbage is collected as before), and at exit it freezes every
object alive (``gc.freeze``: the final collections skip them; the memory is returned to the system when
the process ends, as it would be). Library use (``import credibility``) is not affected: only the console
entry point calls :func:`defer_collection`.
"""

from __future__ import annotations

import atexit
import gc

# Allocations between two young-generation collections while starting (Python's default is 700).
START_UP_GEN0_THRESHOLD = 50_000

_saved_thresholds: tuple[int, int, int] | None = None


def defer_collection() -> None:
    """Collect rarely until :func:`start_up_done`; skip the long-lived objects at exit. Idempotent."""
    global _saved_thresholds
    if _saved_thresholds is not None:
        return
    _saved_thresholds = gc.get_threshold()
    gc.set_threshold(START_UP_GEN0_THRESHOLD, *_saved_thresholds[1:])
    atexit.register(gc.freeze)  # registered first, so it runs after every other exit handler


def start_up_done() -> None:
    """The usual collection thresholds again (no-op unless :func:`defer_collection` changed them)."""
    global _saved_thresholds
    if _saved_thresholds is not None:
        gc.set_threshold(*_saved_thresholds)
        _saved_thresholds = None
