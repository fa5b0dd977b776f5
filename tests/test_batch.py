"""The streaming pipeline: reports in input order, identical with workers, errors kept, aggregates."""

from __future__ import annotations

import pytest

from credibility.aggregate import SourceAggregator, is_flagged, source_key
from credibility.batch import chunked, item_report, score_items
from credibility.ingest.items import InputItem, error_item
from credibility.report import Report, Score
from credibility.signals.base import Span

TEXTS = [
    "The council approved the budget on Tuesday, the mayor said. Critics called the plan rushed.",
    "Sources say the plan may possibly fail. Experts claim it could perhaps be a disaster.",
    "Het kabinet viel op vrijdag, meldde de premier. Volgens ingewijden was dat al lang bekend.",
]


class WordCountScorer:
    """A deterministic stand-in for the trained models: scores from the word count."""

    def score(self, doc, report) -> None:
        ai = min(1.0, doc.word_count / 30)
        report.scores["ai_generated"] = Score("ai", ai, "likely_ai" if ai >= 0.5 else "likely_human", 0.5)
        report.scores["credibility"] = Score("cred", 100 * (1 - ai), "low" if ai > 0.5 else "ok", 50.0)


class FailingScorer:
    def score(self, doc, report) -> None:
        raise RuntimeError("model exploded")


def make_items(n: int) -> list[InputItem]:
    items = [InputItem(id=f"i{k}", text=TEXTS[k % 3], site=f"site{k % 2}") for k in range(n)]
    items[3] = error_item("i3", "x.txt: empty file", source_path="x.txt")
    return items


def test_item_report_carries_metadata_and_warnings():
    item = InputItem(
        id="a",
        text=TEXTS[0],
        title="Budget",
        site="Gazette",
        source_path="a.txt",
        warnings=["a.txt: decoded as cp1252"],
    )
    report = item_report(item, None)
    assert (report.id, report.title, report.site, report.source, report.lang) == (
        "a",
        "Budget",
        "Gazette",
        "a.txt",
        "en",
    )
    assert report.warnings[0] == "a.txt: decoded as cp1252"
    assert report.word_count == 15 and report.error is None


def test_forced_language_wins_over_item_language():
    item = InputItem(id="a", text=TEXTS[0], lang="nl")
    assert item_report(item, None).lang == "nl"
    assert item_report(item, None, lang="en").lang == "en"


def test_error_items_and_failing_analysis_become_error_reports():
    failed = item_report(error_item("e", "e.txt: binary file, not text", source_path="e.txt"), None)
    assert (failed.error, failed.source, failed.word_count) == ("e.txt: binary file, not text", "e.txt", 0)
    crashed = item_report(InputItem(id="c", text=TEXTS[0], source_path="c.txt"), FailingScorer())
    assert crashed.error == "c.txt: analysis failed (RuntimeError: model exploded)"


def test_chunked():
    assert list(chunked(iter(range(5)), 2)) == [[0, 1], [2, 3], [4]]


def test_stream_keeps_order_and_scores():
    reports = list(score_items(make_items(7), scorer=WordCountScorer(), chunk_size=3))
    assert [r.id for r in reports] == [f"i{k}" for k in range(7)]
    assert reports[3].error == "x.txt: empty file"
    assert reports[0].ai_probability == pytest.approx(15 / 30)


@pytest.mark.slow  # quick loop: pytest -m 'not slow'
def test_jobs_two_equals_jobs_one():
    items = make_items(9)
    one = [r.as_dict() for r in score_items(items, scorer=WordCountScorer(), jobs=1, chunk_size=2)]
    two = [r.as_dict() for r in score_items(items, scorer=WordCountScorer(), jobs=2, chunk_size=2)]
    assert one == two
    assert [r["id"] for r in two] == [f"i{k}" for k in range(9)]


def test_source_key_prefers_site_then_host():
    assert source_key(Report(id="a", site="Gazette", url="https://www.x.org/a")) == "Gazette"
    assert source_key(Report(id="a", url="https://www.X.org/a")) == "x.org"
    assert source_key(Report(id="a")) == "(unknown)"


def test_source_key_of_plain_files_is_their_folder_and_of_table_rows_their_table():
    """#17: --by-source put every plain file under '(unknown)'."""
    assert source_key(Report(id="news/gazette/a.txt", source="news/gazette/a.txt")) == "news/gazette/"
    assert source_key(Report(id="/abs/a.txt", source="/abs/a.txt")) == "/abs/"
    assert source_key(Report(id="row-7", source="feeds/feed.csv")) == "feeds/feed.csv"
    assert source_key(Report(id="upload.txt", source="upload.txt")) == "(unknown)"  # a bare name: no folder
    assert source_key(Report(id="stdin", source=None)) == "(unknown)"


def test_is_flagged_uses_each_models_threshold_direction():
    report = Report(id="a")
    assert is_flagged(report) is None
    report.scores["ai_generated"] = Score("ai", 0.2, "likely_human", 0.5)
    report.scores["credibility"] = Score("cred", 70.0, "ok", 50.0)
    assert is_flagged(report) is False
    report.scores["credibility"] = Score("cred", 50.0, "low", 50.0)  # at the threshold is low credibility
    assert is_flagged(report) is True
    declared = Report(id="b")
    declared.scores["ai_generated"] = Score("ai", 0.2, "declared", 0.9, declared="Summarized by AI")
    assert is_flagged(declared) is True  # the text says AI made it, whatever the probability


def test_source_aggregates():
    aggregator = SourceAggregator()
    for k, ai in enumerate([0.1, 0.5, 0.9, 0.3]):
        report = Report(
            id=str(k), site="Gazette", spans=[Span(0, 1, "ai_banner", "r", "boilerplate")] * (k % 2)
        )
        report.scores["ai_generated"] = Score("ai", ai, "v", 0.5)
        report.scores["credibility"] = Score("cred", 100 * (1 - ai), "v", 50.0)
        aggregator.add(report)
    aggregator.add(Report(id="e", site="Herald", error="broken"))
    gazette, herald = aggregator.rows()
    assert gazette["source"] == "Gazette" and gazette["articles"] == 4 and gazette["failed"] == 0
    assert gazette["ai_probability_p50"] == pytest.approx(0.4)
    assert gazette["ai_probability_p10"] == pytest.approx(0.16)
    assert gazette["credibility_p90"] == pytest.approx(84.0)
    assert gazette["flagged_share"] == pytest.approx(0.5)  # 0.5 and 0.9 reach the threshold
    assert gazette["boilerplate_kinds"] == [("ai_banner", 2)]
    assert (herald["articles"], herald["failed"], herald["ai_probability_p50"], herald["flagged_share"]) == (
        1,
        1,
        None,
        None,
    )


class BatchScorer(WordCountScorer):
    """Scores whole chunks through ``score_many`` and records the batch sizes."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def score_many(self, docs, reports) -> None:
        self.batches.append(len(docs))
        for doc, report in zip(docs, reports, strict=True):
            self.score(doc, report)


class PickyScorer(WordCountScorer):
    """``score_many`` fails after scoring part of the chunk; ``score`` fails only on Dutch articles."""

    def score_many(self, docs, reports) -> None:
        self.score(docs[0], reports[0])
        reports[0].warnings.append("half-done")
        raise RuntimeError("batch exploded")

    def score(self, doc, report) -> None:
        if doc.lang == "nl":
            raise RuntimeError("no Dutch today")
        super().score(doc, report)


def test_chunks_are_scored_in_one_score_many_call_with_the_same_records():
    items = make_items(7)
    scorer = BatchScorer()
    batched = [r.as_dict() for r in score_items(items, scorer=scorer, chunk_size=4)]
    single = [r.as_dict() for r in score_items(items, scorer=WordCountScorer(), chunk_size=4)]
    assert batched == single
    assert scorer.batches == [3, 3]  # the error item (i3) is not sent to the models


def test_a_failing_batch_is_retried_article_by_article():
    reports = list(score_items(make_items(4), scorer=PickyScorer(), chunk_size=4))
    assert [r.id for r in reports] == ["i0", "i1", "i2", "i3"]
    assert reports[0].error is None and "half-done" not in reports[0].warnings
    assert reports[0].ai_probability == pytest.approx(15 / 30)
    assert reports[2].error == "i2: analysis failed (RuntimeError: no Dutch today)"
    assert reports[1].error is None and reports[3].error == "x.txt: empty file"


@pytest.mark.slow  # quick loop: pytest -m 'not slow'
def test_workers_coexist_with_joblib_parallel_in_one_process():
    """--jobs uses joblib's own reusable executor, so a joblib.Parallel before or after it still works."""
    from joblib import Parallel, delayed

    items = make_items(6)
    first = [r.as_dict() for r in score_items(items, scorer=None, jobs=2, chunk_size=2)]
    assert Parallel(n_jobs=2)(delayed(abs)(-k) for k in range(3)) == [0, 1, 2]
    again = [r.as_dict() for r in score_items(items, scorer=None, jobs=2, chunk_size=2)]
    assert first == again and [r["id"] for r in again] == [f"i{k}" for k in range(6)]
