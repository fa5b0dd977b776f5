"""Every budget that bounds the work and memory one input may cost, in one place (README: "Hostile input").

An input over a budget is never allowed to stall or exhaust the machine: it becomes a clear error (or,
for HTML, a cheaper reading with a warning) naming the file and row, and the rest of the batch goes on.
The figures sit far above anything a news article needs.
"""

from __future__ import annotations

MiB = 1024 * 1024

# Longest text analysed per article. Analysis time grows faster than length (1 MB of text takes ~2 s,
# 4 MB ~15 s), and no news article comes near this; longer texts are cut, with a warning saying so.
MAX_TEXT_CHARS = 1_000_000
# How much of one text/Markdown file (or stdin) is read: enough bytes for MAX_TEXT_CHARS characters in
# any encoding we decode. Larger inputs are not refused: their head is analysed, with a warning.
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS + 4

# HTML: how much of one page is read, and how many elements (start tags) the article extractor may see.
# trafilatura's cost grows with the number of blocks (a page of tens of thousands of tiny cells takes
# minutes); a page over the element budget is read as plain text (tags stripped), with a warning.
MAX_HTML_BYTES = 16 * MiB
MAX_HTML_ELEMENTS = 15_000

# Tables (CSV/TSV, JSONL, Parquet). One cell (a CSV field, a JSON line, a Parquet value) over
# MAX_CELL_BYTES is a per-row error; the rest of the file is read.
MAX_CELL_BYTES = 16 * MiB
# JSON nested deeper than this (arrays/objects inside each other) is a per-line error.
MAX_JSON_DEPTH = 100
# Parquet: the columns read may decompress to at most MAX_PARQUET_BYTES per file, or PARQUET_EXPANSION
# times the file's size when that is more (text compresses 3-5 times; a bomb thousands of times). From
# the file's metadata, checked before any data is decompressed; a file over it is one error, the other
# files are read. pyarrow holds up to ~6 copies of a page while decoding it: this budget is what keeps a file under
# 1 MB under 1 GB of memory.
MAX_PARQUET_BYTES = 96 * MiB
PARQUET_EXPANSION = 20
# The dashboard keeps a whole upload in memory: its tables get a smaller budget (uploads are also at most
# MAX_UPLOAD_MB on disk, see credibility.dashboard_app.inputs).
DASHBOARD_MAX_TABLE_BYTES = 64 * MiB

# URLs: the whole download (connect, headers, body) must finish within URL_DEADLINE_SECONDS; a single
# network read waits at most URL_READ_TIMEOUT_SECONDS; bodies over MAX_URL_BYTES are refused.
URL_DEADLINE_SECONDS = 60.0
URL_READ_TIMEOUT_SECONDS = 20.0
MAX_URL_BYTES = 10 * MiB


def mib(size: int) -> str:
    """A byte count as messages show budgets and sizes: '16 MiB', '3.4 MiB'."""
    value = size / MiB
    return f"{value:.0f} MiB" if value >= 10 or value == int(value) else f"{value:.1f} MiB"
