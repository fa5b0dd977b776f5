"""Arguments to sources: folders walked recursively in sorted order, globs, stdin, URLs, missing paths."""

from __future__ import annotations

import io

from credibility.ingest import Source, discover, iter_items
from credibility.ingest.discover import KNOWN_SUFFIXES


def make_tree(root):
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "b.txt").write_text("Second file text.", encoding="utf-8")
    (root / "a.md").write_text("# Title\n\nFirst file text.", encoding="utf-8")
    (root / "sub" / "c.html").write_text("<html><body><p>Third.</p></body></html>", encoding="utf-8")
    (root / "sub" / "deeper" / "d.csv").write_text("text\nRow one.\n", encoding="utf-8")
    (root / "sub" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (root / ".hidden" / "e.txt").write_text("hidden", encoding="utf-8")
    (root / "README.md").write_text("# About this folder", encoding="utf-8")


def test_folder_walk_is_recursive_sorted_and_notes_skipped_files(tmp_path):
    make_tree(tmp_path)
    found = discover([str(tmp_path)])
    assert [(s.kind, s.path.relative_to(tmp_path).as_posix()) for s in found.sources] == [
        ("markdown", "a.md"),
        ("text", "b.txt"),
        ("html", "sub/c.html"),
        ("table", "sub/deeper/d.csv"),
    ]
    assert found.notes == [
        f"{tmp_path}: skipped README.md (folder documentation, not articles)",
        f"{tmp_path}: skipped 1 file(s) without a known extension ({', '.join(KNOWN_SUFFIXES)})",
        f"{tmp_path}: skipped 1 hidden file(s) or folder(s) (names starting with '.')",
    ]
    assert discover([str(tmp_path / "README.md")]).sources == [
        Source("markdown", str(tmp_path / "README.md"))
    ]


def test_globs_urls_stdin_and_missing(tmp_path):
    make_tree(tmp_path)
    found = discover(
        [
            str(tmp_path / "**" / "*.html"),
            "-",
            "https://x.example/a",
            str(tmp_path / "nope.txt"),
            str(tmp_path / "*.xyz"),
        ]
    )
    kinds = [s.kind for s in found.sources]
    assert kinds == ["html", "stdin", "url", "missing", "missing"]
    items = list(iter_items(found.sources[3:]))
    assert items[0].error == f"{tmp_path / 'nope.txt'}: no such file or folder"
    assert items[1].error == f"{tmp_path / '*.xyz'}: pattern matched no files"


def test_stdin_text_and_html_are_sniffed():
    [text] = iter_items([Source("stdin", "-")], stdin=io.BytesIO(b"Plain words, officials said."))
    assert (text.id, text.text, text.source_path) == ("stdin", "Plain words, officials said.", None)
    html = b"<html><body><article><p>The storm hit the coast, officials said on Monday.</p></article></body></html>"
    [page] = iter_items([Source("stdin", "-")], stdin=io.BytesIO(html))
    assert page.text == "The storm hit the coast, officials said on Monday."
    [empty] = iter_items([Source("stdin", "-")], stdin=io.BytesIO(b"  \n"))
    assert empty.error == "<stdin>: empty file"


def test_unknown_extension_given_by_name_is_sniffed(tmp_path):
    path = tmp_path / "article.dat"
    path.write_text("A text saved with an odd extension.", encoding="utf-8")
    found = discover([str(path)])
    assert found.sources == [Source("sniff", str(path))]
    [item] = iter_items(found.sources)
    assert item.text == "A text saved with an odd extension."
