"""Parquet records within budget: a few kilobytes of zstd can hold gigabytes of text.

Two checks, both before any text becomes a Python string:

- per file: the columns read must decompress to at most the budget, as the file's metadata says
  (column-chunk uncompressed sizes), checked before any data page is read;
- per cell: string columns are read as dictionaries (a repeated value is kept once, as it is stored:
  twelve copies of one 300 MB value would otherwise be materialised as 3.6 GB), and a row with a value
  over :data:`~credibility.ingest.limits.MAX_CELL_BYTES` is an error for that row only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .limits import MAX_CELL_BYTES, MAX_PARQUET_BYTES, PARQUET_EXPANSION, mib

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq


def decompressed_size(metadata: pq.FileMetaData, columns: list[str]) -> int:
    """Bytes the given top-level columns take once decompressed (all row groups), from the metadata."""
    wanted = set(columns)
    total = 0
    for g in range(metadata.num_row_groups):
        group = metadata.row_group(g)
        for c in range(group.num_columns):
            chunk = group.column(c)
            if chunk.path_in_schema.split(".")[0] in wanted:
                total += chunk.total_uncompressed_size
    return total


def parquet_rows(
    path: Path, columns: list[str] | None, chunk_rows: int, label: str
) -> Iterator[tuple[int, dict | None, str | None]]:
    """``(row, values, error)`` for every row (``values`` None when ``error`` says why); the file's
    budget is :func:`over_budget`'s, checked first by the caller."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pq.ParquetFile(path).schema_arrow
    names = [n for n in (columns or schema.names) if n in schema.names]
    textual = [n for n in names if _is_textual(schema.field(n).type)]
    reader = pq.ParquetFile(path, read_dictionary=textual)
    row = 0
    for batch in reader.iter_batches(batch_size=chunk_rows, columns=names):
        too_big = _oversized(batch)
        if not too_big:
            for values in batch.to_pylist():
                row += 1
                yield row, values, None
            continue
        keep = pa.array([i not in too_big for i in range(batch.num_rows)])
        kept = iter(batch.filter(keep).to_pylist())
        for i in range(batch.num_rows):
            row += 1
            if i in too_big:
                column, size = too_big[i]
                yield row, None, (
                    f"{label}: row {row}: column '{column}' holds {mib(size)}, more than {mib(MAX_CELL_BYTES)} "
                    "(the cell budget); row skipped"
                )
            else:
                yield row, next(kept), None


def file_budget(path: Path, max_bytes: int | None) -> int:
    """``max_bytes``, or by default the larger of MAX_PARQUET_BYTES and PARQUET_EXPANSION × the file size."""
    if max_bytes is not None:
        return max_bytes
    return max(MAX_PARQUET_BYTES, PARQUET_EXPANSION * path.stat().st_size)


def over_budget(path: Path, columns: list[str] | None, label: str, max_bytes: int | None) -> str | None:
    """Why the columns read cannot be read within budget (metadata only), or None.

    Over budget: all of them decompress to more than :func:`file_budget`, or one column chunk holds more
    than the cell budget per value on average (then at least one of its values is over it: the shape of
    a few enormous, highly compressed cells).
    """
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    names = columns or parquet.schema_arrow.names
    budget = file_budget(path, max_bytes)
    size = decompressed_size(parquet.metadata, names)
    if size > budget:
        return (
            f"{label}: the columns read ({', '.join(names)}) decompress to {mib(size)}, more than "
            f"{mib(budget)} (the budget for this Parquet file); file not read. Split it into smaller files"
        )
    for g in range(parquet.metadata.num_row_groups):
        group = parquet.metadata.row_group(g)
        for c in range(group.num_columns):
            chunk = group.column(c)
            name = chunk.path_in_schema.split(".")[0]
            if name in names and chunk.total_uncompressed_size > MAX_CELL_BYTES * max(chunk.num_values, 1):
                return (
                    f"{label}: row group {g + 1}: column '{name}' holds {mib(chunk.total_uncompressed_size)} in "
                    f"{chunk.num_values} value(s), so values over {mib(MAX_CELL_BYTES)} (the cell budget); "
                    "file not read"
                )
    return None


def _is_textual(kind: pa.DataType) -> bool:
    import pyarrow as pa

    return (
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_binary(kind)
        or pa.types.is_large_binary(kind)
    )


def _oversized(batch: pa.RecordBatch) -> dict[int, tuple[str, int]]:
    """Rows of ``batch`` with a string/binary value over the cell budget: row index → (column, bytes)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    found: dict[int, tuple[str, int]] = {}
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        if isinstance(column, pa.DictionaryArray):
            if not _is_textual(column.dictionary.type):
                continue
            dictionary_lengths = pc.binary_length(column.dictionary)
            if (pc.max(dictionary_lengths).as_py() or 0) <= MAX_CELL_BYTES:
                continue
            lengths = dictionary_lengths.take(column.indices)
        elif _is_textual(column.type):
            lengths = pc.binary_length(column)
        else:
            continue
        over = pc.fill_null(pc.greater(lengths, MAX_CELL_BYTES), False)
        for i in pc.indices_nonzero(over).to_pylist():
            found.setdefault(i, (name, lengths[i].as_py()))
    return found
