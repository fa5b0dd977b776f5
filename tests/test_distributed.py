"""The Dask path gives the same records, in the same order, as the one-machine pipeline."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from credibility.batch import score_items
from credibility.ingest.tables import TableColumnError, iter_table
from credibility.output import csv_columns, csv_row
from credibility.report import Score
from credibility.resume import ResumeState

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from credibility.distributed import records_frame, score_dask_dataframe, score_parquet  # noqa: E402

TEXTS = [
    "The council approved the budget on Tuesday, the mayor said. Critics called the plan rushed.",
    "Sources say the plan may possibly fail. Experts claim it could perhaps be a disaster by 2030.",
    "Het kabinet viel op vrijdag, meldde de premier. Volgens ingewijden was dat al lang bekend.",
    "",  # no text: an error record, not a dropped row
    "Unemployment fell to 4.1 percent in March, the lowest level in a decade.",
]


class LengthScorer:
    """A picklable stand-in for the trained models: both scores from the word count."""

    def score(self, doc, report) -> None:
        ai = min(1.0, doc.word_count / 40)
        report.scores["ai_generated"] = Score("ai", ai, "machine" if ai >= 0.5 else "human", 0.5)
        report.scores["credibility"] = Score("cred", 100 * (1 - ai), "low" if ai > 0.5 else "ok", 50.0)


@pytest.fixture
def articles() -> pd.DataFrame:
    rows = [TEXTS[i % len(TEXTS)] for i in range(10)]
    return pd.DataFrame({"body": rows, "headline": [f"story {i}" for i in range(10)]})


@pytest.fixture
def parquet_input(tmp_path: Path, articles: pd.DataFrame) -> Path:
    path = tmp_path / "feed.parquet"
    articles.to_parquet(path, row_group_size=4)
    return path


@pytest.fixture(scope="module")
def cluster():
    """One in-process worker on loopback: quick to start, no network beyond this machine."""
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, protocol="tcp://", host="127.0.0.1",
        dashboard_address=None,
    ) as local:
        yield local


def expected_records(path: Path, text_col: str, scorer) -> pd.DataFrame:
    """What ``credibility score --format csv`` computes for the same table on one machine."""
    reports = score_items(iter_table(path, text_col), scorer=scorer)
    return pd.DataFrame([csv_row(r, csv_columns()) for r in reports], columns=csv_columns())


def assert_same_records(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want)
    for column in want.columns:
        for a, b in zip(got[column], want[column], strict=True):
            if isinstance(b, float) or (isinstance(a, float) and b in ("", None)):
                a_nan = a is None or (isinstance(a, float) and math.isnan(a))
                b_nan = b in ("", None) or (isinstance(b, float) and math.isnan(b))
                assert a_nan == b_nan and (a_nan or a == pytest.approx(b)), (column, a, b)
            else:
                assert a == b or (a is None and b in ("", None)), (column, a, b)


def test_dask_dataframe_matches_single_process_records_in_order(articles, parquet_input):
    ddf = dd.from_pandas(articles, npartitions=3)
    got = score_dask_dataframe(ddf, text_col="body", scorer=LengthScorer(), source=str(parquet_input))
    got = got.compute(scheduler="synchronous").reset_index(drop=True)
    want = expected_records(parquet_input, "body", LengthScorer())
    assert_same_records(got, want)
    assert got["title"].tolist() == [f"story {i}" for i in range(10)]
    # rows are numbered across partitions like the CLI numbers them; the empty rows are error records
    assert got["id"].tolist()[3] == f"{parquet_input}:4"
    errors = got.loc[got["error"].notna(), "id"].tolist()
    assert errors == [f"{parquet_input}:4", f"{parquet_input}:9"]
    assert got.loc[0, "ai_verdict"] == "human" and got.loc[0, "credibility"] == pytest.approx(62.5)


def test_score_parquet_on_local_cluster(cluster, parquet_input, tmp_path):
    out = tmp_path / "scored"
    count = score_parquet(parquet_input, out, scheduler=cluster.scheduler_address, text_col="body", scorer=None)
    assert count == 10
    got = pd.read_parquet(out)  # part files sort in partition order
    assert_same_records(got, expected_records(parquet_input, "body", None))
    assert got["lang"].tolist()[:3] == ["en", "en", "nl"]
    assert got["hedging.hedge_rate_per_100_words"].iloc[1] > 0
    assert got["word_count"].dtype == "int64" and got["supported"].dtype == bool


def test_missing_text_column_is_a_usage_error(articles):
    with pytest.raises(TableColumnError, match="no column 'text_body'"):
        score_dask_dataframe(dd.from_pandas(articles, npartitions=1), text_col="text_body")


def test_records_frame_has_stable_schema_when_empty():
    frame = records_frame([])
    assert list(frame.columns) == csv_columns() and len(frame) == 0


# -- `credibility score --scheduler ADDRESS` and the ordered, bounded report stream behind it ---------
def _cli(*args):
    from click.testing import CliRunner

    from credibility.cli import app

    return CliRunner().invoke(app, ["score", *map(str, args)])


def _local_cluster_records(path: Path, tmp_path: Path, *extra) -> list[str]:
    out = tmp_path / "local.jsonl"
    result = _cli(path, "--text-col", "body", "--no-model", "-q", "-f", "jsonl", "-o", out, *extra)
    assert result.exit_code == 1, result.output  # two rows have no text: error records, exit status 1
    return out.read_text(encoding="utf-8").splitlines()


def test_iter_parquet_reports_keeps_input_order_across_row_groups_and_tasks(cluster, parquet_input, tmp_path):
    from credibility.distributed import iter_parquet_reports

    second = tmp_path / "second.parquet"
    pd.DataFrame({"body": TEXTS[::-1], "headline": ["x"] * len(TEXTS)}).to_parquet(second, row_group_size=2)
    paths = [str(parquet_input), str(second)]
    skipped = [0]
    done = ResumeState()  # --resume: row 2 of the first file and row 5 of the second already have records
    done.mark_done(str(parquet_input), f"{parquet_input}:2", 1)
    done.mark_done(str(second), f"{second}:5", 4)
    got = list(iter_parquet_reports(paths, cluster.scheduler_address, text_col="body", scorer=LengthScorer(),
                                    task_rows=3, in_flight=2, skipped=skipped, done=done))
    want = [r for p in paths for r in score_items(iter_table(Path(p), "body"), scorer=LengthScorer())]
    want = [r for r in want if r.id not in {f"{parquet_input}:2", f"{second}:5"}]
    assert [r.as_dict() for r in got] == [r.as_dict() for r in want]
    assert skipped == [2] and len(got) == 13


def test_cli_scheduler_gives_the_local_records(cluster, parquet_input, tmp_path):
    local = _local_cluster_records(parquet_input, tmp_path)
    out = tmp_path / "cluster.jsonl"
    result = _cli(parquet_input, "--scheduler", cluster.scheduler_address, "--text-col", "body", "--no-model",
                  "-f", "jsonl", "-o", out)
    assert result.exit_code == 1, result.output
    assert out.read_text(encoding="utf-8").splitlines() == local
    assert "scored 10 article(s): 8 ok, 2 failed" in result.stderr


def test_cli_scheduler_resume_appends_only_the_missing_rows(cluster, parquet_input, tmp_path):
    local = _local_cluster_records(parquet_input, tmp_path)
    out = tmp_path / "partial.jsonl"
    out.write_text("\n".join(local[:6]) + "\n", encoding="utf-8")  # an interrupted run
    result = _cli(parquet_input, "--scheduler", cluster.scheduler_address, "--text-col", "body", "--no-model",
                  "-f", "jsonl", "-o", out, "--resume")
    assert out.read_text(encoding="utf-8").splitlines() == local
    assert "6 skipped" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jobs", "2"], "--jobs is for local runs"),
        (["EXTRA_TXT"], "Parquet tables (.parquet) only; not:"),
    ],
)
def test_cli_scheduler_usage_errors(parquet_input, tmp_path, args, message):
    text = tmp_path / "a.txt"
    text.write_text("The council met on Tuesday.", encoding="utf-8")
    args = [text if a == "EXTRA_TXT" else a for a in args]
    result = _cli(parquet_input, "--scheduler", "tcp://127.0.0.1:1", "--no-model", *args)
    assert result.exit_code == 2 and message in result.output


def test_cli_scheduler_without_dask_is_a_usage_error(parquet_input, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now raises ImportError
    result = _cli(parquet_input, "--scheduler", "tcp://127.0.0.1:1", "--no-model")
    assert result.exit_code == 2 and "pip install 'credibility[dask]'" in result.output


def test_cli_scheduler_nobody_listening_is_a_usage_error(parquet_input, monkeypatch):
    monkeypatch.setattr("credibility.cli_score.SCHEDULER_TIMEOUT_SECONDS", 1)
    result = _cli(parquet_input, "--scheduler", "tcp://127.0.0.1:9", "--no-model", "--text-col", "body")
    assert result.exit_code == 2 and "cannot connect to the Dask scheduler" in result.output
