"""Where the project finds things outside the package: the shipped models and the shared corpora."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent


MODELS_ENV = "CREDIBILITY_MODELS_DIR"
# Where `pip install .` (a wheel) puts the shipped models: pyproject.toml's [tool.setuptools.data-files].
INSTALLED_MODELS = Path(sys.prefix) / "share" / "credibility" / "models"


def models_dir() -> Path:
    """The models folder, looked up in this order:

    1. ``$CREDIBILITY_MODELS_DIR``, when set;
    2. ``models/`` of a source checkout (an editable install, or running from the repository);
    3. ``<prefix>/share/credibility/models``, where a regular install (``pip install .``, a wheel) puts them.
    """
    env = os.environ.get(MODELS_ENV)
    if env:
        return Path(env)
    source = PROJECT_ROOT / "models"
    if (PROJECT_ROOT / "pyproject.toml").is_file() and source.is_dir():
        return source
    return INSTALLED_MODELS


def shared_data_dir() -> Path:
    """The public corpora: ``$CREDIBILITY_SHARED_DATA`` or ``../shared/data`` beside the project root."""
    return Path(os.environ.get("CREDIBILITY_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data"))
