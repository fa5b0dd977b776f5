"""Small synthetic labelled data for the model tests: two writing styles the features can tell apart."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import numpy as np
import pytest

from credibility.models.bundle import TrainedModel
from credibility.models.training import fit_binary

PLAIN = [
    "The council approved the budget on Tuesday, the mayor said.",
    '"We will open the bridge in May," said Anna de Vries, a spokeswoman.',
    "Police arrested 3 men after the fire at 14 Station Road.",
    "The company reported a profit of 2.1 million euros in 2018.",
    "Officials said 41 people were taken to hospital.",
    "The train to Utrecht was delayed by 20 minutes, NS said.",
    "According to the ministry, 12 schools will close next year.",
    '"It was a difficult week," the coach told reporters.',
]
FLOWERY = [
    "It is important to note that this could perhaps reshape the landscape in many meaningful ways.",
    "Moreover, experts believe that the situation might possibly evolve into something truly transformative.",
    "Furthermore, this seemingly simple development may ultimately foster a deeper sense of community.",
    "In conclusion, it appears that the journey ahead is likely to be both challenging and rewarding.",
    "Additionally, many observers suggest that such initiatives could arguably pave the way for progress.",
    "Ultimately, it remains to be seen whether these efforts will delve into the heart of the matter.",
    "Overall, this multifaceted issue arguably underscores the crucial importance of collaboration.",
    "Nevertheless, it seems that the broader implications may well be felt for years to come.",
]


def make_text(pool: list[str], rng: random.Random, n: int = 9) -> str:
    return " ".join(rng.choice(pool) for _ in range(n))


def synthetic_rows(n_per_class: int = 14, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(n_per_class):
        rows.append({"text": make_text(PLAIN, rng), "label": "human", "title": f"News {i}", "story": f"s{i % 7}"})
        rows.append({"text": make_text(FLOWERY, rng), "label": "machine", "title": f"Essay {i}", "story": f"s{i % 7}"})
    return rows


def write_csv(path: Path, rows: list[dict], fields: list[str] | None = None) -> Path:
    fields = fields or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


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
