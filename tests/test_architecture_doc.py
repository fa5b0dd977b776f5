"""docs/ARCHITECTURE.md describes the house as it is (#16 item 7): every module of ``credibility/`` has its
line, and no line names a module that is gone."""

from __future__ import annotations

import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

PACKAGE = PROJECT_ROOT / "credibility"
DOC = PROJECT_ROOT / "docs" / "ARCHITECTURE.md"


def _modules() -> set[str]:
    return {p.relative_to(PROJECT_ROOT).as_posix() for p in PACKAGE.rglob("*.py")}


def _listed() -> set[str]:
    """Module paths that open a row of the doc's tables (`| `credibility/…py` | job |`)."""
    return set(re.findall(r"^\| `(credibility/[\w/]+\.py)` \| \S", DOC.read_text(encoding="utf-8"), re.MULTILINE))


def test_every_module_has_its_line():
    missing = sorted(_modules() - _listed())
    assert not missing, f"add a line saying its job to docs/ARCHITECTURE.md for: {missing}"


def test_no_line_names_a_module_that_is_gone():
    gone = sorted(_listed() - _modules())
    assert not gone, f"docs/ARCHITECTURE.md lists modules that no longer exist: {gone}"
