"""Fixtures for the model tests (data helpers live in model_test_data.py, shared with test_cli_train.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from model_test_data import synthetic_rows, write_csv

from credibility.models.bundle import TrainedModel
from credibility.models.training import fit_binary


@pytest.fixture
def labeled_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "labeled.csv", synthetic_rows())


@pytest.fixture(scope="session")
def toy_matrix() -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """A separable-with-noise feature matrix: feature 0 carries the signal, feature 2 is constant."""
    rng = np.random.default_rng(0)
    n = 300
    y = np.r_[np.zeros(n // 2, int), np.ones(n // 2, int)]
    X = np.column_stack([rng.normal(y * 2.0, 1.0), rng.normal(0, 1, n), np.ones(n)])  # noqa: N806
    groups = np.array([f"g{i // 2}" for i in range(n)])
    return X, y, groups, ["toy.signal", "toy.noise", "toy.constant"]


@pytest.fixture(scope="session")
def toy_model(toy_matrix) -> TrainedModel:
    X, y, groups, names = toy_matrix  # noqa: N806
    return fit_binary(X, y, groups, names, name="toy", task="ai_generated", classes=("human", "machine"),
                      candidates=("linear",), target_fpr=0.05, n_splits=3).model
