"""Small synthetic labelled data for the model and train-CLI tests: two writing styles the features tell apart."""

from __future__ import annotations

import csv
import random
from pathlib import Path

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
