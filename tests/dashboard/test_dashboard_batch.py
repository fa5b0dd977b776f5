"""The Batch page driven headlessly with AppTest: uploads, table, filters, aggregates, downloads."""

from __future__ import annotations

import csv
import io
import json

import pytest

from credibility import analyze

ARTICLE_TXT = b"Storm news\n\nPolice closed the coastal road on Sunday after a storm, a spokesperson said."


@pytest.fixture
def batch(models_dir, make_app, articles_csv):
    at = make_app("batch.py")
    at.file_uploader(key="batch_files").set_value(
        [("articles.csv", articles_csv, "text/csv"), ("storm.txt", ARTICLE_TXT, "text/plain")]
    ).run()
    assert not at.exception, at.exception
    return at



def test_upload_analyses_every_row_and_file(batch):
    assert batch.success[0].value.startswith("7 articles analysed")
    assert "1 could not be read" in batch.success[0].value
    results = batch.dataframe[0].value
    assert list(results["id"]) == ["a1", "a2", "a3", "a4", "a5", "storm.txt"]
    assert list(results["site"])[:5] == ["Riverside Gazette", "Daily Wonder", "Riverside Gazette", "Tech Musings", "Stadsblad"]
    assert list(results["lang"]) == ["en", "en", "en", "en", "nl", "en"]
    errors = batch.dataframe[-1].value
    assert list(errors["id"]) == ["a6"] and "empty text" in errors["error"].iloc[0]


def test_signal_values_match_the_library(batch, articles_csv):
    rows = list(csv.DictReader(io.StringIO(articles_csv.decode())))
    results = batch.dataframe[0].value.set_index("id")
    for feature in batch.multiselect(key="batch_signals").value:
        expected = analyze(rows[1]["text"], title=rows[1]["title"], scorer=None).features[feature]
        assert results.loc["a2", feature] == pytest.approx(expected)


def test_filters_narrow_the_table(batch):
    batch.text_input(key="batch_query").input("gazette").run()
    assert list(batch.dataframe[0].value["id"]) == ["a1", "a3"]
    batch.text_input(key="batch_query").input("").run()
    batch.multiselect(key="batch_langs").set_value(["nl"]).run()
    assert list(batch.dataframe[0].value["id"]) == ["a5"]


def test_per_source_aggregates(batch):
    sources = batch.dataframe[1].value.set_index("source")
    assert sources.loc["Riverside Gazette", "articles"] == 2
    assert sources.loc["Daily Wonder", "articles"] == 2 and sources.loc["Daily Wonder", "failed"] == 1
    signal = batch.multiselect(key="batch_signals").value[0]
    results = batch.dataframe[0].value.set_index("id")
    assert sources.loc["Riverside Gazette", f"mean {signal}"] == pytest.approx(results.loc[["a1", "a3"], signal].mean())


def test_downloads_csv_and_jsonl(batch, downloads, articles_csv):
    # The downloads are built on every run; rerun once with the capture in place.
    batch.run()
    rows = list(csv.DictReader(io.StringIO(downloads["credibility_results.csv"].decode())))
    assert [r["id"] for r in rows] == ["a1", "a2", "a3", "a4", "a5", "a6", "storm.txt"]
    assert rows[5]["error"] and not rows[0]["error"]
    records = [json.loads(line) for line in downloads["credibility_results.jsonl"].decode().splitlines()]
    assert [r["id"] for r in records] == [r["id"] for r in rows]
    source_texts = {r["id"]: r["text"] for r in csv.DictReader(io.StringIO(articles_csv.decode()))}
    first = records[0]
    assert first["schema_version"] == 1 and first["site"] == "Riverside Gazette"
    assert first["spans"] and all(source_texts["a1"][s["start"] : s["end"]] == s["text"] for s in first["spans"])


def test_distribution_plots(batch, chart_specs):
    specs = chart_specs(batch)
    assert len(specs) == 1  # no model: one histogram, of the chosen signal
    plotted = batch.selectbox(key="batch_plot_signal").value
    assert plotted in json.dumps(specs[0])


def test_jsonl_upload_and_bad_table(models_dir, make_app):
    at = make_app("batch.py")
    lines = [
        json.dumps({"id": "j1", "text": "The mayor said on Friday that the park will reopen in May.", "url": "https://news.example.org/a"}),
        "{not json",
    ]
    at.file_uploader(key="batch_files").set_value(
        [("feed.jsonl", "\n".join(lines).encode(), "application/json"), ("bad.csv", b"foo,bar\n1,2\n", "text/csv")]
    ).run()
    assert not at.exception
    errors = at.dataframe[-1].value
    assert list(errors["id"]) == ["feed.jsonl:2", "bad.csv"]
    assert "no text column" in errors["error"].iloc[1]
    sources = at.dataframe[1].value
    assert "news.example.org" in list(sources["source"])


def test_batch_with_a_model_shows_scores_verdict_filter_and_score_aggregates(
    installed_models, make_app, articles_csv, chart_specs
):
    at = make_app("batch.py")
    at.file_uploader(key="batch_files").upload("articles.csv", articles_csv, "text/csv").run()
    assert not at.exception, at.exception
    results = at.dataframe[0].value.set_index("id")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(articles_csv.decode()))}
    from credibility.models.scorer import load_default_scorer

    scorer = load_default_scorer(installed_models)
    for item_id in ("a1", "a2"):
        expected = analyze(rows[item_id]["text"], title=rows[item_id]["title"], scorer=scorer).scores["credibility"]
        assert results.loc[item_id, "credibility"] == pytest.approx(expected.value)
        assert results.loc[item_id, "credibility_verdict"] == expected.verdict
    assert len(chart_specs(at)) == 2  # credibility histogram and the chosen signal's
    sources = at.dataframe[1].value.set_index("source")
    assert "credibility_p50" in sources.columns and "flagged_share" in sources.columns
    verdicts = at.multiselect(key="batch_credibility_verdict")
    keep = verdicts.value[0]
    verdicts.set_value([keep]).run()
    assert set(at.dataframe[0].value["credibility_verdict"]) == {keep}
