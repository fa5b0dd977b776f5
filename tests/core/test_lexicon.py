"""Lexicon files: format, matching on word boundaries, clear errors, languages discovered from folders."""

from __future__ import annotations

import json

import pytest

from credibility import lexicon
from credibility.lexicon import PhraseMatcher, read_entries


def test_phrase_matcher_matches_whole_words_case_insensitively_across_whitespace(tmp_path):
    path = tmp_path / "cues.txt"
    path.write_text("# header\nit seems | impersonal hedge\nmay\nre:could(?!\\s+not) | modal\n", encoding="utf-8")
    matcher = PhraseMatcher("cues", read_entries(path))
    text = "It  seems the dismay may grow; it could not stop, but it could win."
    found = [(m.text, m.note) for m in matcher.finditer(text)]
    assert found == [("It  seems", "impersonal hedge"), ("may", ""), ("could", "modal")]
    assert text[text.rindex("could") :].startswith("could win")


def test_invalid_regex_names_file_and_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("ok\nre:(unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.txt:2: invalid regular expression"):
        read_entries(path)


def test_a_language_is_added_by_adding_a_folder(tmp_path, monkeypatch):
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "language.json").write_text(json.dumps({"name": "Test", "textstat_lang": "en"}), encoding="utf-8")
    (folder / "hedges.txt").write_text("# test\nperhaps\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_ROOT", tmp_path)
    lexicon.supported_languages.cache_clear()
    lexicon.resources_for.cache_clear()
    try:
        assert lexicon.supported_languages() == ("xx",)
        res = lexicon.resources_for("xx")
        assert res is not None and res.name == "Test"
        assert [m.text for m in res.matcher("hedges").finditer("Perhaps not.")] == ["Perhaps"]
        assert not res.matcher("missing_list")
    finally:
        lexicon.supported_languages.cache_clear()
        lexicon.resources_for.cache_clear()


def test_shipped_languages_are_english_and_dutch():
    assert {"en", "nl"} <= set(lexicon.supported_languages())


def test_every_shipped_list_parses_and_has_a_provenance_header():
    for folder in lexicon.LEXICON_ROOT.iterdir():
        for path in folder.glob("*.txt"):
            first = path.read_text(encoding="utf-8").lstrip().splitlines()[0]
            assert first.startswith("#"), f"{path} must start with a header comment naming its sources"
            assert read_entries(path), f"{path} has no entries"
