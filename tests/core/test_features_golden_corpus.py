"""Every feature, span and score of ~200 real news articles must not change when the code is only made faster.

``test_features_golden.py`` pins our own examples; this test pins real articles of the shared corpora
(English and Dutch news, language identified from the text, both shipped models), whose vocabulary and
layout are far more varied. ``tests/data/golden_corpus.json`` holds, per article, the identified
language and a SHA-256 of each part of its record (features, spans, scores with their reasons' values, the
reasons' wording, and the rest: confidence, counts, warnings), computed with the code of ``main`` before the
speed work of issue #19 (the reasons' wording regenerated when the AI reasons were put in plain words; every
other part was checked unchanged then). Floats are hashed as 12 significant digits: the speed work does not reorder any arithmetic, so only
a change of the last bits could ever differ, and 12 digits leaves room for that.

Regenerate only on purpose (a change to the features, which means retraining)::

    python tests/core/test_features_golden_corpus.py --regenerate
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from credibility.paths import shared_data_dir

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden_corpus.json"
CORPORA = (("credibility/articles.jsonl", 110), ("news_nl/dpgmedia2019.jsonl", 90))
MIN_WORDS, MAX_WORDS = 80, 3000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shared_data_dir().is_dir(), reason="needs the ../shared corpora"),
]


def _articles() -> list[tuple[str, str, str | None]]:
    """(id, text, title) of the first articles of each corpus with a news article's length, in file order."""
    articles = []
    for name, count in CORPORA:
        taken = 0
        with (shared_data_dir() / name).open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                record = json.loads(line)
                text = record.get("text") or ""
                if MIN_WORDS <= len(text.split()) <= MAX_WORDS:
                    articles.append((f"{name}:{number}", text, record.get("title")))
                    taken += 1
                    if taken == count:
                        break
    return articles


def _rounded(value):
    if isinstance(value, float):
        return f"{value:.12g}"
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(_rounded(value), ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _records() -> dict[str, dict]:
    from credibility.batch import score_chunk
    from credibility.ingest.items import InputItem
    from credibility.models.scorer import load_default_scorer

    scorer = load_default_scorer()
    items = [InputItem(id=i, text=text, title=title) for i, text, title in _articles()]
    reports = [r for start in range(0, len(items), 16) for r in score_chunk(items[start : start + 16], scorer)]
    records = {}
    for report in reports:
        record = report.as_dict()
        parts = {key: record.pop(key, None) for key in ("features", "spans", "scores")}
        parts["reason_texts"] = _pop_reason_texts(parts["scores"])
        records[report.id] = {"lang": report.lang, **{k: _digest(v) for k, v in parts.items()}, "rest": _digest(record)}
    return records


def _pop_reason_texts(scores: dict | None) -> dict[str, list[str]]:
    """The reasons' wording, taken out of the scores: a change of wording (a plainer sentence) is not a change
    of any value, and the test says which of the two changed."""
    texts: dict[str, list[str]] = {}
    for name, score in (scores or {}).items():
        if isinstance(score, dict):
            texts[name] = [reason.pop("text", "") for reason in score.get("reasons", [])]
    return texts


def test_real_articles_keep_every_feature_span_and_score() -> None:
    if not GOLDEN.exists():
        pytest.skip(f"{GOLDEN.name} missing: run this file with --regenerate")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    actual = _records()
    assert sorted(actual) == sorted(expected), "the article selection changed"
    changed = {
        article: [part for part in expected[article] if expected[article][part] != actual[article][part]]
        for article in expected
        if expected[article] != actual[article]
    }
    assert not changed, f"{len(changed)} of {len(expected)} articles changed: {dict(list(changed.items())[:10])}"


if __name__ == "__main__" and "--regenerate" in sys.argv:
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(json.dumps(_records(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
