"""Where the project finds things outside the package: the shipped models and the shared corpora."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent


def models_dir() -> Path:
    """Shipped models: ``$CREDIBILITY_MODELS_DIR`` or ``models/`` beside the package."""
    return Path(os.environ.get("CREDIBILITY_MODELS_DIR", PROJECT_ROOT / "models"))


def shared_data_dir() -> Path:
    """The public corpora: ``$CREDIBILITY_SHARED_DATA`` or ``../shared/data`` beside the project root."""
    return Path(os.environ.get("CREDIBILITY_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data"))
