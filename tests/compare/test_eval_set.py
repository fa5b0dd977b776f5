"""The labeled evaluation pairs stay well-formed and the detector keeps its measured quality on them."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def eval_module():
    spec = importlib.util.spec_from_file_location("eval_compare", ROOT / "benchmarks" / "eval_compare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(name: str) -> list[dict]:
    path = ROOT / "data" / "stories" / "eval" / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", ["pairs.jsonl", "heldout.jsonl"])
def test_pairs_are_well_formed(name):
    pairs = load(name)
    assert len({p["id"] for p in pairs}) == len(pairs)
    for p in pairs:
        assert p["a"]["lang"] in ("en", "nl") and p["b"]["lang"] in ("en", "nl")
        for fragments in p["labels"].values():
            assert all(fragment in p["b"]["text"] for fragment in fragments), p["id"]


def test_development_set_quality_does_not_regress(eval_module):
    scores = eval_module.evaluate(load("pairs.jsonl"))
    assert scores["contradicted"]["precision"] >= 0.9 and scores["contradicted"]["recall"] >= 0.9
    assert scores["uncorroborated"]["precision"] >= 0.9 and scores["uncorroborated"]["recall"] >= 0.9


def test_translations_and_planted_contradictions_are_well_formed():
    spec = importlib.util.spec_from_file_location("translations_nl", ROOT / "data" / "stories" / "eval" /
                                                  "translations_nl.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    ids = [t["id"] for t in module.TRANSLATIONS]
    assert len(ids) == len(set(ids)) and {t["split"] for t in module.TRANSLATIONS} == {"tuning", "reporting"}
    by_id = {t["id"]: t["nl"] for t in module.TRANSLATIONS}
    assert set(module.PLANTED) <= set(by_id)
    for key, planted in module.PLANTED.items():
        for index, sentence, kind in planted:
            assert 0 <= index < len(by_id[key]) and sentence != by_id[key][index] and kind, (key, index)
