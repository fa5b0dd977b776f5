"""Fixtures for the robustness matrix: a CLI runner, JSONL parsing and a small trained model."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from credibility.cli import app


@pytest.fixture
def cli():
    """``cli("score", path, "--format", "jsonl")`` → click Result (stdout and stderr kept apart)."""
    runner = CliRunner()

    def run(*args, input: bytes | str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def records():
    """JSONL text → list of records."""

    def parse(text: str) -> list[dict]:
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    return parse


@pytest.fixture(scope="session")
def toy_model():
    """A tiny linear model fitted with the project's training code (seconds)."""
    from credibility.models.training import fit_binary

    rng = np.random.default_rng(0)
    n = 120
    y = np.r_[np.zeros(n // 2, int), np.ones(n // 2, int)]
    X = np.column_stack([rng.normal(y * 2.0, 1.0), rng.normal(0, 1, n)])  # noqa: N806
    return fit_binary(X, y, np.arange(n).astype(str), ["toy.signal", "toy.noise"], name="toy", task="ai_generated",
                      classes=("human", "machine"), candidates=("linear",), target_fpr=0.05, n_splits=3).model
