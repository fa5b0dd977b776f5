"""CSV/TSV, JSONL and Parquet tables: column detection, chunked reading, one error item per bad record."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from credibility.ingest import Source, TableColumnError, check_tables, iter_items
from credibility.ingest.tables import iter_table, resolve_columns

TEXTS = [
    "The council approved the budget on Tuesday, the mayor said.",
    "Het kabinet viel op vrijdag, meldde de premier.",
    "Sources say the plan may possibly fail, experts claim.",
]


def table_items(path, **kwargs):
    return list(iter_items([Source("table", str(path))], **kwargs))


def test_csv_with_metadata_columns_and_empty_row(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame(
        {
            "ID": ["a", "b", "c"],
            "Headline": ["One", "Two", "Three"],
            "body": [TEXTS[0], "", TEXTS[2]],
            "publisher": ["Gazette", "Gazette", "Herald"],
            "lang": ["en", "nl", "English"],
        }
    ).to_csv(path, index=False)
    items = table_items(path)
    assert [i.id for i in items] == ["a", "b", "c"]
    assert items[0].text == TEXTS[0] and items[0].title == "One" and items[0].site == "Gazette"
    assert items[0].lang == "en" and items[2].lang is None  # only language codes are trusted
    assert items[1].error == f"{path}: row 2 (id b): empty text in column 'body'"
    assert all(i.source_path == str(path) for i in items)


def test_csv_is_read_in_chunks_in_order(tmp_path):
    path = tmp_path / "many.csv"
    pd.DataFrame({"text": [f"Article number {i} was published." for i in range(25)]}).to_csv(
        path, index=False
    )
    items = list(iter_table(path, chunk_rows=4))
    assert [i.id for i in items] == [f"{path}:{n}" for n in range(1, 26)]
    assert items[-1].text == "Article number 24 was published."


def test_tsv_and_text_col_option(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("key\tstory\nk1\tA story about the harbour.\n", encoding="utf-8")
    [item] = table_items(path, text_col="Story")
    assert item.text == "A story about the harbour." and item.id == f"{path}:1"


def test_cp1252_csv_is_decoded_with_warning(tmp_path):
    path = tmp_path / "win.csv"
    path.write_bytes('text\n"“Café” prices rose, the minister said."\n'.encode("cp1252"))
    [item] = table_items(path)
    assert item.text == "“Café” prices rose, the minister said."
    assert "cp1252" in item.warnings[0]


def test_missing_text_column_is_a_usage_error_naming_file_and_columns(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(TableColumnError) as info:
        check_tables([Source("table", str(path))])
    message = str(info.value)
    assert str(path) in message and "'a', 'b'" in message and "--text-col" in message
    with pytest.raises(TableColumnError, match="no column 'story'"):
        resolve_columns(path, ["a", "b"], "story")


def test_jsonl_bad_lines_become_error_items(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "j1", "text": TEXTS[0], "site": "Post", "url": "https://post.example/a"}),
        "{broken",
        "",
        json.dumps({"id": "j3", "content": TEXTS[2]}),
        "[1, 2]",
        json.dumps({"id": "j5", "text": "   "}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = table_items(path)
    assert [i.id for i in items] == ["j1", f"{path}:2", "j3", f"{path}:5", "j5"]
    assert items[0].site == "Post" and items[0].url == "https://post.example/a"
    assert items[1].error.startswith(f"{path}: line 2: invalid JSON")
    assert items[2].error is None and items[2].text == TEXTS[2]
    assert items[3].error == f"{path}: line 5: expected a JSON object, got list"
    assert items[4].error == f"{path}: line 6 (id j5): empty text in column 'text'"


def test_parquet_batches(tmp_path):
    path = tmp_path / "t.parquet"
    pd.DataFrame({"article": TEXTS, "source": ["A", "B", None]}).to_parquet(path)
    items = list(iter_table(path, chunk_rows=2))
    assert [i.text for i in items] == TEXTS
    assert [i.site for i in items] == ["A", "B", None]


def test_empty_and_binary_tables_are_error_items(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\x00\x01\x02\x03")
    check_tables([Source("table", str(empty)), Source("table", str(binary))])  # not usage errors
    assert [i.error for i in table_items(empty)] == [f"{empty}: empty file"]
    assert [i.error for i in table_items(binary)] == [f"{binary}: binary file, not text"]


def test_csv_rows_with_wrong_field_count_are_error_items(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text('id,text\na,"Fine, row one."\nb,too,many\n\nc,"Row\nthree."\n', encoding="utf-8")
    items = table_items(path)
    assert [i.id for i in items] == ["a", f"{path}:2", "c"]
    assert items[1].error == f"{path}: row 2 (line 3): 3 fields, the header has 2"
    assert items[2].text == "Row\nthree."
