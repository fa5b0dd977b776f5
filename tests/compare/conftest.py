"""Fixtures for the compare tests: the story sets in ``data/stories`` compared once per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from credibility.compare import CompareResult, compare_paths
from credibility.compare.result import ClaimResult

STORIES_DIR = Path(__file__).resolve().parents[2] / "data" / "stories"


@pytest.fixture(scope="session")
def stories_dir() -> Path:
    return STORIES_DIR


@pytest.fixture(scope="session")
def story() -> Callable[[str], CompareResult]:
    """``story("defence_network")`` → the comparison of every article in that story folder (cached)."""
    cache: dict[str, CompareResult] = {}

    def load(name: str) -> CompareResult:
        if name not in cache:
            cache[name] = compare_paths([str(STORIES_DIR / name)])
        return cache[name]

    return load


def _label_index(result: CompareResult, label: str) -> int:
    return next(s.index for s in result.sources if s.label == label)


def _claim_with(result: CompareResult, label: str, fragment: str) -> ClaimResult:
    found = [c for c in result.claims if any(ev.label == label and fragment in ev.text for ev in c.evidence)]
    assert found, f"no claim from {label} containing {fragment!r}"
    return found[0]


@pytest.fixture(scope="session")
def label_index() -> Callable[[CompareResult, str], int]:
    """``label_index(result, "Northsea Wire")`` → that source's index."""
    return _label_index


@pytest.fixture(scope="session")
def claim_with() -> Callable[[CompareResult, str, str], ClaimResult]:
    """``claim_with(result, label, fragment)`` → the claim whose evidence from ``label`` contains it."""
    return _claim_with
