"""Scoring beyond one machine: the same per-article code on a Dask cluster, partition by partition.

Nothing here scores an article itself. Each partition's rows become :class:`InputItem` s through the table
reader's own ``record_item`` (same ids, same metadata columns, same error items), are scored by
:func:`credibility.batch.score_chunk` (the unit of work of ``credibility score --jobs``), and flattened by
:func:`credibility.output.csv_row` into the columns of the CSV output. So a cluster run gives the same
records, in input order, as ``credibility score --format csv`` on one machine.

Entry points (Dask is an optional extra: ``pip install 'credibility[dask]'``)::

    credibility score feed.parquet --scheduler tcp://scheduler:8786 -f jsonl -o scored.jsonl  # the CLI
    score_parquet("feed/*.parquet", "scored/", scheduler="tcp://scheduler:8786")   # Parquet in, Parquet out
    records = score_dask_dataframe(ddf, text_col="body")                           # lazy dask DataFrame
    for report in iter_parquet_reports(["feed.parquet"], "tcp://scheduler:8786"): ...  # Reports, in order

The CLI path (:func:`iter_parquet_reports`) sends one task per slice of a Parquet row group; each worker
reads its slice itself (so the files must be readable at the same path on the workers), scores it with
``score_chunk`` and returns the Reports, which come back in input order with a bounded number of tasks
in flight, and are written by the same writers as a local run. Start workers with one thread each
(``dask worker ADDRESS --nworkers N --nthreads 1``): scoring is pure Python and holds the GIL.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .batch import DEFAULT, item_error_report, score_chunk
from .ingest.items import error_item
from .ingest.tables import ColumnMap, TableColumnError, record_item, resolve_columns, table_columns
from .output import csv_columns, csv_row
from .report import Report
from .resume import ResumeState

if TYPE_CHECKING:
    import dask.dataframe as dd

# Columns of the CSV output that hold numbers or flags rather than text; every feature column is numeric.
INT_COLUMNS = ("schema_version", "word_count", "sentence_count")
BOOL_COLUMNS = ("supported", "low_confidence")
FLOAT_COLUMNS = ("lang_confidence", "ai_probability", "credibility")
# Local Dask schedulers that are chosen by name rather than by a scheduler address.
LOCAL_SCHEDULERS = ("threads", "processes", "synchronous", "sync", "single-threaded")
# Rows per cluster task in iter_parquet_reports: big enough to amortise a task's overhead (~1 ms) and
# the models' batch call, small enough that results stream back steadily.
TASK_ROWS = 256


def records_frame(reports: Sequence[Report]) -> pd.DataFrame:
    """Reports as a typed DataFrame with the CSV output's columns (flattened by ``csv_row``)."""
    columns = csv_columns()
    frame = pd.DataFrame([csv_row(report, columns) for report in reports], columns=columns)
    return _typed(frame)


def records_schema() -> Any:
    """The Arrow schema of :func:`records_frame` (text columns are nullable strings)."""
    import pyarrow as pa

    def kind(column: str) -> Any:
        if column in INT_COLUMNS:
            return pa.int64()
        if column in BOOL_COLUMNS:
            return pa.bool_()
        if column in FLOAT_COLUMNS or "." in column:
            return pa.float64()
        return pa.string()

    return pa.schema([(column, kind(column)) for column in csv_columns()])


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Stable dtypes so that every partition (and Parquet file) has one schema: numbers, flags, text."""
    for column in frame.columns:
        if column in INT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0).astype("int64")
        elif column in BOOL_COLUMNS:
            frame[column] = frame[column].fillna(False).astype(bool)
        elif column in FLOAT_COLUMNS or "." in column:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        else:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def score_frame(
    frame: pd.DataFrame,
    columns: ColumnMap,
    *,
    scorer: Any = DEFAULT,
    lang: str | None = None,
    source: str = "dataframe",
    first_row: int = 1,
) -> pd.DataFrame:
    """Flat records for one pandas partition, rows in order; ``first_row`` numbers rows as the CLI does."""
    path = Path(source)
    items = [
        record_item(record, columns, path=path, row=first_row + i, where=f"row {first_row + i}")
        for i, record in enumerate(frame.to_dict("records"))
    ]
    records = records_frame(score_chunk(items, scorer, lang))
    records.index = pd.RangeIndex(first_row - 1, first_row - 1 + len(records))
    return records


def _score_partition(
    frame: pd.DataFrame,
    offsets: list[int],
    columns: ColumnMap,
    scorer: Any,
    lang: str | None,
    source: str,
    partition_info: dict | None = None,
) -> pd.DataFrame:
    number = partition_info["number"] if partition_info else 0
    return score_frame(frame, columns, scorer=scorer, lang=lang, source=source, first_row=offsets[number] + 1)


def score_dask_dataframe(
    ddf: dd.DataFrame,
    *,
    text_col: str | None = None,
    scorer: Any = DEFAULT,
    lang: str | None = None,
    source: str = "dataframe",
) -> dd.DataFrame:
    """A lazy Dask DataFrame of flat records (the CSV output's columns), one row per input row, in order.

    ``text_col`` and the metadata columns are resolved as for tables given to ``credibility score``
    (raises :class:`~credibility.ingest.tables.TableColumnError` when there is no text column).
    ``scorer``: ``"default"`` (the shipped models, loaded once in each worker), ``None`` (signals only) or
    a picklable scorer object. The partition lengths are computed first (one pass over the text column)
    so that rows are numbered across partitions as the CLI numbers them.
    """
    columns = resolve_columns(Path(source), [str(c) for c in ddf.columns], text_col)
    lengths = ddf[columns.needed].map_partitions(len).compute()
    offsets = [0]
    for length in list(lengths)[:-1]:
        offsets.append(offsets[-1] + int(length))
    meta = records_frame([])
    return ddf[columns.needed].map_partitions(
        _score_partition, offsets, columns, scorer, lang, source, meta=meta, enforce_metadata=False,
        clear_divisions=True,
    )


def score_parquet(
    input_path: str | Path | Sequence[str | Path],
    output_path: str | Path,
    scheduler: Any = None,
    text_col: str | None = None,
    *,
    scorer: Any = DEFAULT,
    lang: str | None = None,
) -> int:
    """Score Parquet article tables on Dask and write the records as a Parquet folder; returns the row count.

    ``scheduler``: a Dask scheduler address (``"tcp://host:8786"``), a ``distributed.Client``, a local
    scheduler name (``"processes"``, ``"threads"``, ``"synchronous"``) or None for Dask's current default
    (a running Client if there is one). Output files are named ``part.000000.parquet``, … so that reading
    the folder back (pandas, pyarrow, Dask) gives the records in input order.
    """
    import dask.dataframe as dd

    paths = [str(p) for p in input_path] if isinstance(input_path, (list, tuple)) else str(input_path)
    source = paths if isinstance(paths, str) else (paths[0] if len(paths) == 1 else "parquet")
    with use_scheduler(scheduler):
        ddf = dd.read_parquet(paths)
        records = score_dask_dataframe(ddf, text_col=text_col, scorer=scorer, lang=lang, source=str(source))
        records.to_parquet(
            str(output_path), write_index=False, schema=records_schema(),
            name_function=lambda i: f"part.{i:06d}.parquet",
        )
    return _count(output_path)


def _count(output_path: str | Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in sorted(Path(output_path).glob("*.parquet")))


@contextlib.contextmanager
def use_scheduler(scheduler: Any) -> Iterator[None]:
    """Run the enclosed Dask computations on ``scheduler`` (see :func:`score_parquet`)."""
    import dask

    if scheduler is None:
        yield
    elif isinstance(scheduler, str) and scheduler in LOCAL_SCHEDULERS:
        with dask.config.set(scheduler=scheduler):
            yield
    elif isinstance(scheduler, str):
        from distributed import Client

        with Client(scheduler, set_as_default=False) as client, dask.config.set(scheduler=client):
            yield
    else:  # a distributed.Client (or anything dask accepts as a scheduler)
        with dask.config.set(scheduler=scheduler):
            yield


def iter_parquet_reports(
    paths: Sequence[str],
    scheduler: Any,
    *,
    text_col: str | None = None,
    scorer: Any = DEFAULT,
    lang: str | None = None,
    done: ResumeState | None = None,
    skipped: list[int] | None = None,
    task_rows: int = TASK_ROWS,
    in_flight: int | None = None,
) -> Iterator[Report]:
    """Reports for the rows of Parquet ``paths``, scored on a Dask cluster, in input order, lazily.

    The records are those of ``credibility score`` on one machine (same ids, row numbers, metadata and
    error records). ``scheduler``: a scheduler address or a ``distributed.Client``. Rows that already have
    a record in ``done`` (``--resume``: keyed on the file and the row's position, as for a local run) are
    dropped on the workers and counted in ``skipped[0]``. At most
    ``in_flight`` tasks (default: twice the cluster's threads) are outstanding, so neither the client nor
    the cluster holds more than a few slices of the input whatever its size.
    """
    from collections import deque

    from distributed import Client

    owned = isinstance(scheduler, str)
    client = Client(scheduler, set_as_default=False) if owned else scheduler
    try:
        limit = in_flight or 2 * max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for index, task in enumerate(_parquet_tasks(paths, text_col, task_rows)):
            if isinstance(task, Report):  # a file that cannot be read: its error record, in its place
                if done is not None and done.is_done(task.source, task.id):
                    if skipped is not None:
                        skipped[0] += 1
                    continue
                pending.append(task)
            else:
                skip = _done_positions(done, task)
                pending.append(
                    client.submit(_score_slice, *task, scorer, lang, skip, pure=False, priority=-index)
                )
            while len(pending) > limit:
                yield from _collect(pending.popleft(), skipped)
        while pending:
            yield from _collect(pending.popleft(), skipped)
    finally:
        if owned:
            client.close()


def _done_positions(done: ResumeState | None, task: tuple) -> frozenset[int]:
    """Positions (0-based, within its file) of the rows of one slice that already have a record."""
    if done is None:
        return frozenset()
    name, _, _, start, stop, first_row, _ = task
    first = first_row - 1
    return frozenset(p for p in done.positions(name) if first <= p < first + stop - start)


def _collect(done: Any, skipped: list[int] | None) -> list[Report]:
    if isinstance(done, Report):
        return [done]
    reports, n_skipped = done.result()
    if skipped is not None:
        skipped[0] += n_skipped
    return reports


def _parquet_tasks(paths: Sequence[str], text_col: str | None, task_rows: int) -> Iterator[Any]:
    """(path, row group, start, stop, first row number, columns) per slice, or an error Report per file."""
    import pyarrow.parquet as pq

    for name in paths:
        path = Path(name)
        try:
            columns = resolve_columns(path, table_columns(path), text_col)
            metadata = pq.ParquetFile(path).metadata
        except TableColumnError:
            raise
        except Exception as exc:  # the local reader turns an unreadable table into one error record too
            yield item_error_report(error_item(str(path), f"{path}: cannot read table ({exc})", source_path=str(path)))
            continue
        row = 0
        for group in range(metadata.num_row_groups):
            n = metadata.row_group(group).num_rows
            for start in range(0, n, task_rows):
                stop = min(n, start + task_rows)
                yield (name, str(path.resolve()), group, start, stop, row + start + 1, columns)
            row += n


def _score_slice(
    name: str,
    location: str,
    group: int,
    start: int,
    stop: int,
    first_row: int,
    columns: ColumnMap,
    scorer: Any,
    lang: str | None,
    skip: frozenset[int],
) -> tuple[list[Report], int]:
    """Read one slice of a row group on a worker, score it (except the rows at the 0-based positions in
    ``skip``); returns the Reports and how many were skipped."""
    import pyarrow.parquet as pq

    table = pq.ParquetFile(location).read_row_group(group, columns=columns.needed).slice(start, stop - start)
    path = Path(name)  # ids and messages name the file as the user gave it, as a local run does
    items = [
        record_item(record, columns, path=path, row=first_row + i, where=f"row {first_row + i}")
        for i, record in enumerate(table.to_pylist())
    ]
    kept = [item for row, item in enumerate(items, start=first_row - 1) if row not in skip]
    return score_chunk(kept, scorer, lang), len(items) - len(kept)
