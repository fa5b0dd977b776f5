"""analyze(): reports carry metadata, warnings and the documented schema."""

from __future__ import annotations

import json

from credibility import analyze
from credibility.report import SCHEMA_VERSION, error_report


def test_report_schema_is_json_ready():
    report = analyze("The minister said on Monday that the plan may fail.", scorer=None, id="x1", title="Plan")
    record = json.loads(json.dumps(report.as_dict()))
    assert record["schema_version"] == SCHEMA_VERSION
    assert record["id"] == "x1" and record["title"] == "Plan" and record["lang"] == "en"
    assert record["ai_probability"] is None and record["credibility"] is None
    assert record["error"] is None and record["low_confidence"] is True
    assert "text" not in record and "spans" in record


def test_short_text_is_scored_but_flagged():
    report = analyze("A short note.", scorer=None)
    assert any("short text" in w for w in report.warnings)
    assert report.low_confidence


def test_unsupported_language_gets_a_warning_and_no_scores():
    report = analyze(
        "Die Bundesregierung hat am Montag angekündigt, das umstrittene Gesetz im nächsten Jahr zu überprüfen.",
    )
    assert report.lang == "de" and not report.supported
    assert any("not supported" in w for w in report.warnings)
    assert report.scores == {}


def test_error_report_keeps_the_id_and_message():
    record = error_report("bad.bin", "bad.bin: binary file, not text").as_dict()
    assert record["id"] == "bad.bin" and "binary" in record["error"]
