"""Sentences of an article that are not claims: page furniture, captions, bylines, repeats and questions.

A comparison counts what each source *asserts*. An AI banner, a "Read more" list, a syndication line, a
photo caption printed twice or a byline asserts nothing about the story, and counting it would make an
aggregator look as if it adds claims no other source makes. The page furniture comes from the
boilerplate signal (the same spans ``credibility score`` reports); captions and bylines are found from
their opening word (``compare_furniture`` lists); a line repeated word for word counts once.
"""

from __future__ import annotations

import re

from ..document import Document, Sentence
from ..signals.boilerplate import extract_boilerplate
from .resources import compare_lexicon

BYLINE_MAX_WORDS = 8
ACTION_MAX_WORDS = 20
# "(Foto: ANP)", "(Photo: Reuters)": a photo credit in brackets marks its line as a caption.
_CREDIT_RE = re.compile(r"\(\s*(\w+)\s*:[^()]{1,60}\)\s*$")
_OPENER_RE = re.compile(r"^\W*(\w+(?:\s+\w+)?)\s*[:|]")
_SPACES = re.compile(r"\s+")


def _caption_line(line: str, captions: frozenset[str]) -> bool:
    opener = _OPENER_RE.match(line)
    if opener and (opener.group(1).lower() in captions or opener.group(1).split()[0].lower() in captions):
        return True
    credit = _CREDIT_RE.search(line)
    return bool(credit and credit.group(1).lower() in captions)


def _byline(line: str, bylines: frozenset[str]) -> bool:
    words = line.split()
    if not words or len(words) > BYLINE_MAX_WORDS:
        return False
    lower = line.lower()
    return any(lower.startswith(cue + " ") for cue in bylines) and any(w[:1].isupper() for w in words[1:])


def _calls_to_action(sentence: str, actions: tuple[str, ...]) -> bool:
    """The sentence opens with an imperative to the reader ("Download our app", not "Downloads rose")."""
    body = sentence.lstrip("\"'“‘- ")
    return any(body.startswith(action) and not body[len(action) : len(action) + 1].isalnum() for action in actions)


def is_question(doc: Document, sentence: Sentence) -> bool:
    return doc.sentence_text(sentence).rstrip("\"'”’») ").endswith("?")


def not_claims(doc: Document) -> dict[int, str]:
    """Sentence index → why that sentence is not a claim (only sentences that are not)."""
    lex = compare_lexicon(doc.lang)
    reasons: dict[int, str] = {}
    for span in extract_boilerplate(doc).spans:
        for sentence in doc.sentences:
            if sentence.start < span.end and span.start < sentence.end:
                reasons.setdefault(sentence.index, span.kind.replace("_", " "))
    seen: set[str] = set()
    for start, end in doc.paragraphs:
        line = doc.text[start:end].strip()
        inside = [s for s in doc.sentences if start <= s.start < end]
        key = _SPACES.sub(" ", line.lower())
        if _caption_line(line, lex.captions):
            reason = "caption"
        elif _byline(line, lex.bylines):
            reason = "byline"
        elif key in seen and len(key.split()) >= 4:
            reason = "repeated line"
        else:
            reason = ""
        seen.add(key)
        for sentence in inside:
            if reason and reasons.get(sentence.index, "repeated line") == "repeated line":
                reasons[sentence.index] = reason
    said: set[str] = set()
    for sentence in doc.sentences:
        key = _SPACES.sub(" ", doc.sentence_text(sentence).lower())
        if is_question(doc, sentence):
            reasons.setdefault(sentence.index, "question")
        elif sentence.word_count <= ACTION_MAX_WORDS and _calls_to_action(key, lex.actions):
            reasons.setdefault(sentence.index, "call to action")
        elif key in said and sentence.word_count >= 4:
            reasons.setdefault(sentence.index, "repeated sentence")
        said.add(key)
    return reasons
