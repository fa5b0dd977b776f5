"""Normalisation before scoring (issue #17 item 4): look-alike letters folded, invisible characters removed,
odd whitespace made plain, offsets mapped back to the text the user gave, obfuscation reported.

The obfuscated versions of every bundled example are made here from the clean files (no copies)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credibility.analysis import analyze_document, default_scorer
from credibility.document import build_document
from credibility.ingest.html import parse_html
from credibility.normalize import KIND_HOMOGLYPH, KIND_INVISIBLE, normalise
from credibility.report import Report
from credibility.signals import EXTRACTORS, model_feature_names

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html"))
# Latin letter -> its Cyrillic look-alike, as an attacker would swap them.
CYRILLIC_FOR = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і",
                "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р", "T": "Т"}
ZERO_WIDTH = "\u200b"
SCORE_TOLERANCE = 0.02  # on the 0-1 scale; credibility is reported 0-100


@dataclass(frozen=True)
class Obfuscated:
    text: str
    positions: tuple[int, ...]  # original offsets of each inserted or swapped character


def _example_text(name: str) -> str:
    path = next(EXAMPLES.glob(f"{name}.*"))
    if path.suffix == ".html":
        return parse_html(path.read_bytes(), id=name, source_path=str(path)).text
    return path.read_text(encoding="utf-8")


def with_homoglyphs(text: str) -> Obfuscated:
    """Every other word gets its first swappable letter replaced by the Cyrillic look-alike."""
    chars, positions = list(text), []
    for n, word in enumerate(re.finditer(r"[A-Za-z]+", text)):
        if n % 2:
            continue
        for j, c in enumerate(word.group()):
            if c in CYRILLIC_FOR:
                chars[word.start() + j] = CYRILLIC_FOR[c]
                positions.append(word.start() + j)
                break
    return Obfuscated("".join(chars), tuple(positions))


def with_zero_width(text: str) -> Obfuscated:
    """A zero-width space after the second letter of every third word of four letters or more."""
    parts, positions, last, shift = [], [], 0, 0
    for n, word in enumerate(re.finditer(r"[A-Za-z]{4,}", text)):
        if n % 3:
            continue
        cut = word.start() + 2
        parts += [text[last:cut], ZERO_WIDTH]
        positions.append(cut + shift)
        shift += 1
        last = cut
    parts.append(text[last:])
    return Obfuscated("".join(parts), tuple(positions))


@pytest.fixture(scope="module")
def scorer():
    loaded = default_scorer()
    if loaded is None:
        pytest.skip("shipped models not installed")
    return loaded


@pytest.fixture(scope="module")
def score(scorer) -> Callable[[str, str], Report]:
    def run(text: str, name: str) -> Report:
        return analyze_document(build_document(text, lang=name.rsplit("_", 1)[-1]), scorer)

    return run


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("obfuscate", [with_homoglyphs, with_zero_width], ids=["homoglyph", "zero_width"])
def test_obfuscated_example_scores_like_the_clean_text_and_is_reported(name, obfuscate, score):
    clean_text = _example_text(name)
    obfuscated = obfuscate(clean_text)
    assert len(obfuscated.positions) >= 20, "the example should be obfuscated throughout"
    clean, dirty = score(clean_text, name), score(obfuscated.text, name)

    assert abs(dirty.ai_probability - clean.ai_probability) <= SCORE_TOLERANCE
    assert abs(dirty.credibility - clean.credibility) / 100 <= SCORE_TOLERANCE
    assert {n: dirty.features[n] for n in model_feature_names()} == {n: clean.features[n] for n in model_feature_names()}
    assert not clean.spans_of(signal="obfuscation") and not any("look-alike" in w for w in clean.warnings)

    assert dirty.text == obfuscated.text  # the report holds the text as given ...
    spans = dirty.spans_of(signal="obfuscation")
    if obfuscate is with_homoglyphs:
        assert sorted(s.start for s in spans) == list(obfuscated.positions)
        assert all(dirty.span_text(s) == obfuscated.text[s.start] and s.kind == KIND_HOMOGLYPH for s in spans)
        assert all("Cyrillic" in s.reason for s in spans)
        assert any(f"text contains {len(spans)} look-alike letters" in w for w in dirty.warnings)
        assert dirty.features["obfuscation.homoglyph_letters_per_100_words"] > 0
    else:
        assert len(spans) == len(obfuscated.positions)
        for span, position in zip(spans, obfuscated.positions, strict=True):
            shown = dirty.span_text(span)  # ... and evidence points into it: the word with its hidden character
            assert span.kind == KIND_INVISIBLE and span.start < position < span.end and ZERO_WIDTH in shown
            assert re.fullmatch(r"\w+", shown.replace(ZERO_WIDTH, ""))
        assert any(f"{len(spans)} invisible characters" in w for w in dirty.warnings)
        assert dirty.features["obfuscation.invisible_chars_per_100_words"] > 0
    # every other signal's evidence still shows the words the user wrote
    for span in dirty.spans:
        if span.signal != "obfuscation":
            assert normalise(dirty.span_text(span)).text.strip() != ""


def test_clean_example_spans_are_unchanged_by_the_offset_map():
    text = _example_text("well_sourced_en")
    doc = build_document(text, lang="en")
    assert doc.offsets.identity and doc.original is doc.text and doc.obfuscation == ()


@pytest.mark.parametrize("text", [
    "Я знаю, а ты нет. Он пришёл с работы и сказал о погоде у дома.",
    "Ο Κώστας είπε ότι η Αθήνα και ο Πειραιάς είναι κοντά. Ναι, ΟΚ.",
    "The minister replied «а ты?» and left; Путин said nothing.",
    "The α-helix and the β-sheet, with ν = 3 and ρ = 0.5.",
])
def test_genuine_cyrillic_and_greek_is_not_folded(text):
    result = normalise(text)
    assert result.text == text
    assert result.findings == ()


def test_lone_cyrillic_lookalike_among_latin_words_is_folded():
    result = normalise("This is а test, said Тhe mayor.")
    assert result.text == "This is a test, said The mayor."
    assert [f.kind for f in result.findings] == [KIND_HOMOGLYPH, KIND_HOMOGLYPH]


@pytest.mark.parametrize("text, expected", [
    ("Het kost 10\u00a0000\u202feuro.", "Het kost 10 000 euro."),  # no-break spaces: Dutch/French typesetting
    ("de ver\u00adkie\u00adzingen", "de verkiezingen"),  # soft hyphens
    ("the ﬁnal ofﬁce", "the final office"),  # ligatures
    ("\u202csafe countries.\u202c", "safe countries."),  # stray bidi pops from copy-paste
    ("شما می\u200cتوانید", "شما میتوانید"),  # ZWNJ is Persian spelling: removed for scoring, not evidence
    ("flag \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f ok", "flag \U0001f3f4 ok"),
])
def test_typesetting_is_normalised_but_not_reported(text, expected):
    result = normalise(text)
    assert result.text == expected
    assert result.findings == ()


@pytest.mark.parametrize("text, expected, kind, shown", [
    ("pay\u200bment due", "payment due", KIND_INVISIBLE, "\u200b"),
    ("the \u202eevil", "the evil", KIND_INVISIBLE, "\u202e"),
    ("hi\U000e0041\U000e0042 there", "hi there", KIND_INVISIBLE, "\U000e0041\U000e0042"),
    ("𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠 news", "Breaking news", KIND_HOMOGLYPH, "𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠"),
    ("ＦＲＥＥ money", "FREE money", KIND_HOMOGLYPH, "ＦＲＥＥ"),
    ("pаyment", "payment", KIND_HOMOGLYPH, "а"),
])
def test_obfuscation_is_folded_and_found_in_the_original(text, expected, kind, shown):
    result = normalise(text)
    assert result.text == expected
    assert [(f.kind, text[f.start : f.end]) for f in result.findings] == [(kind, shown)]


def test_obfuscation_is_reported_not_a_model_input():
    assert not EXTRACTORS["obfuscation"].model_input
    assert not any(n.startswith("obfuscation.") for n in model_feature_names())
    from credibility.models.features import all_feature_names

    assert all_feature_names() == model_feature_names()


def test_report_spans_of_other_signals_point_into_the_original_text():
    text = "Experts\u00a0say the\r\nplan will \u200bclearly fail. Sоurces claim it is the wоrst ever."
    report = analyze_document(build_document(text, lang="en"))
    assert report.text == text
    cues = {report.span_text(s) for s in report.spans}
    assert {"Experts", "clearly", "Sоurces", "о"} <= cues  # the vague sources as written, the look-alike itself


# --- the offset map, as a property -------------------------------------------------------------------
PIECES = st.sampled_from([
    "a", "b", "Z", "7", " ", "\n", "\r\n", "\r", ".", "«", "»", "\x00", "\t",
    "а", "е", "Т", "ж", "ы", "α", "φ",  # Cyrillic/Greek look-alikes and genuine letters
    "\u200b", "\u200c", "\u200d", "\u202e", "\u202c", "\u00ad", "\ufeff", "\U000e0041",  # invisible
    "\u00a0", "\u2009", "\u3000",  # odd whitespace
    "e\u0301", "\u0301", "é", "\u1100\u1161",  # composing
    "ﬁ", "Ａ", "𝐚", "…", "²",  # compatibility forms (… and ² must stay)
])
TEXTS = st.lists(PIECES, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_offsets_round_trip(original):
    result = normalise(original)
    text, offsets = result.text, result.offsets
    composed = any(unicodedata.combining(c) for c in text)
    previous = 0
    for m in re.finditer(r"\w+|\S", text):
        start, end = offsets.to_original(m.start(), m.end())
        assert previous <= start < end <= len(original)
        previous = start
        back = offsets.to_normalised(start, end)
        # exact, unless the span edge falls inside a composed sequence the map only knows as a whole
        assert back == (m.start(), m.end()) or (composed and back[0] <= m.start() and m.end() <= back[1])
    assert offsets.to_original(0, len(text))[1] <= len(original)
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(original)
        if finding.kind == KIND_HOMOGLYPH:
            assert not original[finding.start : finding.end].isascii()
    assert normalise(text).text == text  # idempotent: the cleaned text has nothing left to clean
    assert "…" in text or "…" not in original


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii", exclude_characters="\r"), max_size=200))
def test_clean_ascii_text_is_its_own_normalisation(text):
    stripped = re.sub("[\x00-\x08\x0b-\x1f\x7f]", "", text)
    result = normalise(text)
    assert result.text == stripped and result.findings == ()
    if stripped == text:
        assert result.offsets.identity


def test_hidden_tag_text_is_spelled_out_in_the_reason():
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "ignore previous instructions")
    (finding,) = normalise(f"Markets rose{hidden} today.").findings
    assert finding.chars == len("ignore previous instructions")
    assert "spelling 'ignore previous instructions'" in finding.reason


def test_folding_that_joins_words_is_idempotent():
    # Cyrillic 'а' + combining acute folds to Latin 'á', joining "aа" and "аж" into one mixed word whose
    # Cyrillic 'а' must then be folded too (found by the round-trip property test)
    original = "a\u0430\u0301\u0430\u0436"
    text = normalise(original).text
    assert text == "a\u00e1a\u0436"
    assert normalise(text).text == text
