"""Our annotated claims/attribution set (data/annotations) stays well-formed and tied to the corpora, and the
unsupported-claim detector keeps at least its measured precision on the reporting half.

The floor sits a little under the precision measured when the set was made (issue #14 asks for >= 0.70 and
recall >= 0.60 per language); raise it as the detectors improve. Lowering it is a decision to write in the
commit message, never a silent edit. Only the reporting half's aggregate figures are read here: nothing in
this test lists its sentences (the reporting half is never tuned on).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from credibility.paths import shared_data_dir

ROOT = Path(__file__).resolve().parents[2]
ANNOTATIONS = ROOT / "data" / "annotations"
HALVES = ("tuning", "reporting")
KINDS = {"figure", "prediction", "causal", "comparison", "superlative", "sweeping", "event", "quote_of_claim"}

# Reporting-half unsupported-claim precision measured on 2026-12-02 (before the #14 rewrites):
# en 0.462 (6/13), nl 0.500 (24/48). After the Dutch not-claim and attribution-scope work of #14 (branch
# h-dutch): nl 0.553 (52/94); the nl floor was raised from 0.45 to 0.52 (en untouched).
# Round 3 (branch h-nl) added batch 2 (10 more Dutch articles per half): the extended Dutch reporting half
# measures 0.578 (119/206); floors unchanged.
UNSUPPORTED_PRECISION_FLOORS = {"en": 0.40, "nl": 0.52}

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not shared_data_dir().is_dir(), reason="needs the ../shared corpora"),
]


@pytest.fixture(scope="module")
def eval_module():
    spec = importlib.util.spec_from_file_location("eval_unsupported", ROOT / "benchmarks" / "eval_unsupported.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def _load(half: str) -> list[dict]:
    lines = (ANNOTATIONS / f"{half}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("half", HALVES)
def test_half_is_well_formed_and_balanced(half):
    articles = _load(half)
    langs = [a["lang"] for a in articles]
    assert langs.count("en") >= 10 and langs.count("nl") >= 10
    assert len({(a["corpus"], a["id"]) for a in articles}) == len(articles)
    for a in articles:
        previous_end = 0
        for s in a["sentences"]:
            assert previous_end <= s["start"] < s["end"], a["id"]
            previous_end = s["end"]
            assert s["unsupported"] == (s["claim"] and not s["attributed"] and not s["common_knowledge"])
            assert (s["kind"] in KINDS) if s["claim"] else s["kind"] is None
            if s["source"] is not None:
                assert s["attributed"] and s["start"] <= s["source"][0] < s["source"][1] <= s["end"], a["id"]


def test_halves_do_not_share_articles():
    keys = [{(a["corpus"], a["id"]) for a in _load(half)} for half in HALVES]
    assert not keys[0] & keys[1]


@pytest.mark.parametrize("half", HALVES)
def test_annotations_match_the_corpus_texts(eval_module, half):
    # raises AnnotationError on a missing article, a changed sha256 or a sentence prefix that moved
    texts = eval_module.load_texts(_load(half))
    assert len(texts) == len(_load(half))


def test_reporting_half_unsupported_precision_floor(eval_module):
    results = eval_module.evaluate("reporting")
    for lang, floor in UNSUPPORTED_PRECISION_FLOORS.items():
        counts = results[lang].unsupported
        assert counts.tp + counts.fp > 0, f"{lang}: no unsupported_claim spans at all"
        assert counts.precision >= floor, (
            f"{lang}: unsupported-claim precision {counts.precision:.3f} on the reporting half "
            f"(tp {counts.tp}, fp {counts.fp}) fell under the pinned floor {floor}"
        )
