"""Feature values and evidence spans must not change when the code is only made faster.

The shipped models were trained on these exact values. ``golden_features.json`` holds every signal
feature, every span, the segmentation counts and a digest of the word arrays (which the models' own
surface features read) of our own example articles and stories (``data/examples``, ``data/stories``)
plus a few awkward texts, computed before the speed work of issue #6. The surface features themselves
belong to the models and change with them, so they are not pinned here. A change that alters any of them is a change to the features, not an
optimisation: retrain the models and regenerate on purpose with

    python tests/core/test_features_golden.py --regenerate
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from pathlib import Path

import pytest

from credibility.document import build_document
from credibility.signals import extract_all

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("golden_features.json")
TOLERANCE = 1e-9
EDGE_TEXTS = {
    "edge_empty": "",
    "edge_one_word": "Hello.",
    "edge_controls": "\u00e9t\u00e9 \r\n\r\n caf\u00e9 \x00 test.",
    "edge_punctuation": "1,000. 2.5 3:30 — – - ; ! ? “q” ‘x’ ,,y'' (a) [b]",
    "edge_abbreviations": 'Dr. J. Smith said: "It is." He left. U.S. officials, e.g. the FBI, reportedly agree.',
    "edge_unicode": "ΑΒΓ straße İstanbul ǅ ﬁ ligature test. Ａ full width.",
    "edge_list": "Read more\n- Markets fall again\n- Storm hits coast\n* Three ways to save\n1. One\n2. Two",
}


def _cases() -> dict[str, tuple[str, str | None]]:
    """name -> (text, forced language or None)."""
    cases: dict[str, tuple[str, str | None]] = {}
    paths = sorted((ROOT / "data" / "examples").glob("*.txt")) + sorted((ROOT / "data" / "stories").glob("*/*.md"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        name = f"{path.parent.name}/{path.stem}"
        cases[name] = (text, None)
        cases[f"{name}@{'nl' if 'nl' in path.stem else 'en'}"] = (text, "nl" if "nl" in path.stem else "en")
    for name, text in EDGE_TEXTS.items():
        cases[name] = (text, None)
        cases[f"{name}@en"] = (text, "en")
    return cases


def _features(text: str, lang: str | None) -> dict:
    doc = build_document(text, lang=lang)
    features: dict[str, float] = {}
    spans = []
    for signal in extract_all(doc):
        features.update({f"{signal.name}.{k}": v for k, v in signal.features.items()})
        spans.extend([s.start, s.end, s.kind, s.reason, s.signal] for s in signal.spans)
    words = json.dumps([doc.word_starts, doc.word_ends, doc.words_lower, doc.word_sentence], ensure_ascii=False)
    return {
        "lang": doc.lang,
        "segments": [len(doc.paragraphs), len(doc.sentences), doc.word_count],
        "words_sha256": hashlib.sha256(words.encode("utf-8")).hexdigest(),
        "features": features,
        "spans": spans,
    }


def _golden() -> dict:
    if not GOLDEN.exists():
        pytest.skip(f"{GOLDEN.name} missing: run this file with --regenerate")
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(_cases()))
def test_features_and_spans_unchanged(name: str) -> None:
    expected = _golden()[name]
    text, lang = _cases()[name]
    actual = _features(text, lang)
    assert actual["lang"] == expected["lang"]
    assert actual["segments"] == expected["segments"]
    assert actual["words_sha256"] == expected["words_sha256"], "word boundaries or lower-casing changed"
    assert list(actual["features"]) == list(expected["features"]), "feature names or order changed"
    changed = {
        k: (v, actual["features"][k])
        for k, v in expected["features"].items()
        if not math.isclose(actual["features"][k], v, rel_tol=0.0, abs_tol=TOLERANCE)
    }
    assert not changed, f"feature values changed: {changed}"
    assert actual["spans"] == expected["spans"]


def test_golden_file_covers_every_case() -> None:
    assert sorted(_golden()) == sorted(_cases())


if __name__ == "__main__" and "--regenerate" in sys.argv:
    golden = {name: _features(text, lang) for name, (text, lang) in _cases().items()}
    GOLDEN.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(golden)} cases to {GOLDEN}")
