"""Shared fixtures: the bundled example articles in ``data/examples`` loaded by name.

Every test that needs a realistic article uses these instead of pasting text, so fixes to the examples
reach all tests at once. Names are file stems; the suffix (``_en``/``_nl``) is the language.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from credibility.document import Document, build_document

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "data" / "examples"


def _example_path(name: str) -> Path:
    matches = sorted(p for p in EXAMPLES_DIR.glob(f"{name}.*") if p.suffix in (".txt", ".html", ".md"))
    if not matches:
        known = sorted(p.stem for p in EXAMPLES_DIR.iterdir() if p.name != "README.md")
        raise LookupError(f"no example named {name!r} in {EXAMPLES_DIR}; known: {known}")
    return matches[0]


def _example_lang(name: str) -> str:
    return name.rsplit("_", 1)[-1]


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES_DIR


@pytest.fixture(scope="session")
def example_path() -> Callable[[str], Path]:
    """``example_path("article_page_en")`` → path of that example file (any extension)."""
    return _example_path


@pytest.fixture(scope="session")
def example_text() -> Callable[[str], str]:
    """``example_text("ai_summary_en")`` → the raw file content (for ``.html``, the markup)."""

    def load(name: str) -> str:
        return _example_path(name).read_text(encoding="utf-8")

    return load


@pytest.fixture
def example_doc(example_text: Callable[[str], str]) -> Callable[[str], Document]:
    """``example_doc("well_sourced_nl")`` → a fresh Document of a ``.txt`` example, language from the name."""

    def build(name: str) -> Document:
        return build_document(example_text(name), lang=_example_lang(name))

    return build
