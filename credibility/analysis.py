"""From a Document to a Report: run every signal, attach evidence, then let the models score it."""

from __future__ import annotations

from typing import Protocol

from .document import Document, build_document
from .normalize import KIND_HOMOGLYPH
from .report import LOW_CONFIDENCE_WORDS, Report
from .signals import Span, extract_all, flatten


class Scorer(Protocol):
    """Anything that adds model scores to a report (see ``credibility.models``)."""

    def score(self, doc: Document, report: Report) -> None: ...


def analyze_document(doc: Document, scorer: Scorer | None = None, *, source: str | None = None) -> Report:
    """All signals for one parsed document, plus model scores when a scorer is given.

    Signals and models read the normalised text; the report holds the text as given, and its spans point
    into it (``report.span_text(span)`` is what the user wrote)."""
    signals = extract_all(doc)
    features = flatten(signals)
    spans = [_to_original(doc, span) for signal in signals for span in signal.spans]
    spans.sort(key=lambda s: (s.start, s.end))
    report = Report(
        id=doc.id,
        text=doc.original,
        source=source,
        title=doc.title,
        author=doc.author,
        date=doc.date,
        site=doc.site,
        url=doc.url,
        lang=doc.lang,
        lang_confidence=doc.lang_confidence,
        supported=doc.supported,
        word_count=doc.word_count,
        sentence_count=len(doc.sentences),
        features=features,
        spans=spans,
    )
    if doc.obfuscation:
        report.warnings.append(obfuscation_warning(doc))
    if not doc.supported:
        report.warnings.append(
            f"language '{doc.lang}' is not supported (supported: {', '.join(_supported())}); "
            "lexicon-based signals were not computed and no model scores are given"
        )
    elif not doc.lang_reliable:
        report.warnings.append(f"language identification is uncertain ({doc.lang}, p={doc.lang_confidence:.2f})")
    if 0 < doc.word_count < LOW_CONFIDENCE_WORDS:
        report.warnings.append(f"short text ({doc.word_count} words): scores are low-confidence")
    if doc.word_count == 0:
        report.warnings.append("no words found in the text")
    if scorer is not None and doc.supported and doc.word_count:
        scorer.score(doc, report)
    return report


def _to_original(doc: Document, span: Span) -> Span:
    if doc.offsets.identity:
        return span
    start, end = doc.original_span(span.start, span.end)
    return Span(start, end, span.kind, span.reason, span.signal)


def obfuscation_warning(doc: Document) -> str:
    """The warning for a text in which normalisation found look-alike letters or invisible characters."""
    letters = sum(f.chars for f in doc.obfuscation if f.kind == KIND_HOMOGLYPH)
    invisible = sum(f.chars for f in doc.obfuscation if f.kind != KIND_HOMOGLYPH)
    parts = [f"{n} {what}{'s' if n != 1 else ''}" for n, what in ((letters, "look-alike letter"),
                                                                    (invisible, "invisible character")) if n]
    return f"text contains {' and '.join(parts)} (possible manipulation); scored on the cleaned text"


def analyze(
    text: str,
    *,
    title: str | None = None,
    lang: str | None = None,
    id: str = "text",
    scorer: Scorer | None | str = "default",
) -> Report:
    """Analyse one article given as text; the main Python entry point.

    ``scorer="default"`` uses the shipped models when they are installed (``models/``); pass ``None`` for
    signals only, or a loaded scorer from :mod:`credibility.models`.
    """
    doc = build_document(text, id=id, title=title, lang=lang)
    if scorer == "default":
        scorer = default_scorer()
    return analyze_document(doc, scorer)  # type: ignore[arg-type]


def default_scorer() -> Scorer | None:
    """The shipped models, or None when they are not available (signals still work)."""
    try:
        from .models.scorer import load_default_scorer
    except ImportError:
        return None
    return load_default_scorer()


def _supported() -> tuple[str, ...]:
    from .lexicon import supported_languages

    return supported_languages()
