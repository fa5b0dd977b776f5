"""Plain text and Markdown files: decoding, conservative titles, errors named by path."""

from __future__ import annotations

import pytest

from credibility.ingest import Source, iter_items
from credibility.ingest.decode import BinaryContent, decode_bytes
from credibility.ingest.text_files import parse_text

BODY = "The council approved the budget on Tuesday, the mayor said. Critics called it rushed."


def read_one(path, kind: str = "text"):
    items = list(iter_items([Source(kind, str(path))]))
    assert len(items) == 1
    return items[0]


def test_plain_text_title_only_when_followed_by_blank_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Budget approved\n\n{BODY}\n", encoding="utf-8")
    item = read_one(path)
    assert item.error is None
    assert item.title == "Budget approved"
    assert item.text == BODY
    assert item.id == str(path) and item.source_path == str(path)


@pytest.mark.parametrize(
    "text",
    [
        f"{BODY}\n\nSecond paragraph here.",  # first line is a sentence: not a title
        f"Budget approved\n{BODY}",  # no blank line after it
        "Budget approved\n\n",  # nothing after it
    ],
)
def test_plain_text_first_line_kept_when_not_clearly_a_title(text):
    item = parse_text(text, id="x", source_path="x.txt")
    assert item.error is None and item.title is None
    assert item.text == text.strip()


def test_markdown_heading_title_front_matter_and_markup(tmp_path):
    path = tmp_path / "b.md"
    path.write_text(
        "---\nauthor: Ann Smith\ndate: 2024-05-01\nsite: Gazette\n---\n"
        "# Budget approved\n\nThe **council** approved the [budget](http://x.org/b) on Tuesday.\n\n"
        "## Reactions\n\nCritics called it rushed.\n",
        encoding="utf-8",
    )
    item = read_one(path, "markdown")
    assert (item.title, item.author, item.date, item.site) == (
        "Budget approved",
        "Ann Smith",
        "2024-05-01",
        "Gazette",
    )
    assert (
        item.text == "The council approved the budget on Tuesday.\n\nReactions\n\nCritics called it rushed."
    )


def test_utf8_bom_is_removed(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + BODY.encode())
    item = read_one(path)
    assert item.text == BODY and not item.warnings


def test_cp1252_file_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes("“Café” prices rose – the minister said.".encode("cp1252"))
    item = read_one(path)
    assert item.error is None
    assert item.text == "“Café” prices rose – the minister said."
    assert len(item.warnings) == 1 and "not valid UTF-8" in item.warnings[0] and "cp1252" in item.warnings[0]
    assert str(path) in item.warnings[0]


def test_latin1_bytes_never_fail():
    decoded = decode_bytes(bytes([0x81, 0x8D, 0x41, 0xE9]), "f")
    assert decoded.text.endswith("Aé") and decoded.warning


def test_utf16_with_bom_is_text():
    assert decode_bytes("één krant".encode("utf-16"), "f").text == "één krant"


def test_binary_and_empty_files_are_error_items(tmp_path):
    binary = tmp_path / "img.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = tmp_path / "empty.md"
    empty.write_text("  \n\t\n", encoding="utf-8")
    assert read_one(binary).error == f"{binary}: binary file, not text"
    assert read_one(empty, "markdown").error == f"{empty}: empty file"
    with pytest.raises(BinaryContent):
        decode_bytes(b"abc\x00def")
