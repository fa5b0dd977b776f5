"""Document building: normalisation, language identification, metadata, sentence lookup."""

from __future__ import annotations

from credibility.document import build_document, normalize_text


def test_normalize_text_unifies_line_endings_and_drops_control_characters():
    assert normalize_text("a\r\nb\rc\x00d\x07e") == "a\nb\ncde"
    assert normalize_text("e\u0301") == "é"  # NFC


def test_language_is_identified_for_english_and_dutch():
    en = build_document("The government said on Monday that it would review the controversial law next year.")
    nl = build_document("Het kabinet heeft maandag laten weten dat het de omstreden wet volgend jaar herziet.")
    assert (en.lang, en.supported) == ("en", True)
    assert (nl.lang, nl.supported) == ("nl", True)
    assert en.lang_reliable and nl.lang_reliable


def test_unsupported_language_is_reported_not_scored_as_english():
    de = build_document("Die Bundesregierung hat am Montag angekündigt, das umstrittene Gesetz zu überprüfen.")
    assert de.lang == "de"
    assert not de.supported and de.resources is None


def test_forced_language_wins():
    doc = build_document("OK.", lang="nl")
    assert doc.lang == "nl" and doc.lang_forced and doc.supported


def test_metadata_is_kept_and_sentence_at_finds_the_sentence():
    doc = build_document("One here. Two there.", id="a1", title="T", site="Example", lang="en")
    assert (doc.id, doc.title, doc.site) == ("a1", "T", "Example")
    second = doc.sentence_at(doc.text.index("Two"))
    assert second is not None and doc.sentence_text(second) == "Two there."
    assert doc.sentence_at(doc.text.index(" Two")) is None


def test_empty_text_builds_an_empty_document():
    doc = build_document("")
    assert doc.word_count == 0 and doc.sentences == [] and doc.lang == "und"
