"""Outputs: the claims-by-sources DataFrame, the JSON schema, the text report and the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from credibility.cli import app
from credibility.compare import compare_documents, render_text
from credibility.document import build_document


@pytest.fixture(scope="module")
def result(story):
    return story("defence_network")


def test_matrix(result):
    frame = result.matrix()
    assert list(frame.columns) == ["status", "kind", "claim", "Northsea Wire", "Dagblad Noord", "NewsHub Daily",
                                   "QuickBrief AI"]
    assert len(frame) == len(result.claims)
    # the summary's "€40 million" sentence aligns with the original's: one row, the figure marked on it
    (figure,) = [row for _, row in frame.iterrows() if row["QuickBrief AI"] == "adds figure"]
    assert figure["Northsea Wire"] == "supports"
    contradicted = frame[frame["status"] == "contradicted"]
    assert "contradicts" in set(contradicted["QuickBrief AI"])


def test_json_schema(result):
    data = json.loads(result.to_json())
    assert set(data) == {"sources", "claims", "summaries", "counts", "warnings"}
    assert data["counts"]["contradicted"] == len(result.by_status("contradicted"))
    claim = data["claims"][0]
    assert {"id", "status", "text", "evidence", "contradictions", "cells", "note"} <= set(claim)
    assert set(claim["cells"]) <= {s["label"] for s in data["sources"]}


def test_text_report(result):
    text = render_text(result)
    assert "CONTRADICTED: sources disagree" in text
    assert "✗ antonym: “unclassified” versus “classified”" in text
    assert "figure “€40 million” (QuickBrief AI) appears in no other source" in text
    assert "derived from Northsea Wire (strength 1.00)" in text
    assert ("QuickBrief AI (en): Derived from Northsea Wire; contradicts 3 sources; 1 claim no other source makes"
            in " ".join(text.split()))


def test_needs_two_sources():
    with pytest.raises(ValueError):
        compare_documents([build_document("One source only says something here.", lang="en")])


def test_cli_text_and_json(stories_dir):
    runner = CliRunner()
    folder = str(stories_dir / "factory_fire")
    text = runner.invoke(app, ["compare", folder])
    assert text.exit_code == 0, text.output
    assert "could not be aligned with any sentence of Omroep Oost (nl)" in text.output
    js = runner.invoke(app, ["compare", folder, "--format", "json"])
    assert js.exit_code == 0
    assert json.loads(js.output)["counts"]["contradicted"] >= 2
    one = runner.invoke(app, ["compare", str(stories_dir / "factory_fire" / "1_omroep_oost_nl.md")])
    assert one.exit_code != 0 and "at least two" in one.output
