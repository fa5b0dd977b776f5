"""Streaming scoring: items in, Reports out, in input order, optionally across worker processes.

Items are grouped into small chunks so that sending work to a worker is paid once per chunk, not per
article, while memory stays bounded to a few chunks in flight. Small inputs are scored in this process
even when workers are asked for (:data:`MIN_ARTICLES_FOR_WORKERS`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import Any

from .analysis import Scorer, analyze_document, default_scorer
from .document import Document
from .ingest.items import InputItem
from .report import Report
from .start_up import start_up_done

DEFAULT_CHUNK_SIZE = 16
# With --jobs N, inputs of at most this many articles are scored in this process (read ahead to decide).
# Starting forked workers costs about what scoring 100 articles does on one core (measured: loading the
# other language's tables in ``warm_up`` ~70, two forks and their first copy-on-write pages ~25), so two
# workers finish sooner only beyond ~200 articles (N/2 + 100 < N); fresh interpreters (no fork) cost
# far more (imports and models again, ~650 articles each), so below this they never pay off either.
MIN_ARTICLES_FOR_WORKERS = 200
# Scored once before workers are forked, in every supported language, so that the models, the language
# identifier and each language's tables are loaded in the parent and shared by the forks.
WARM_UP_TEXT = (
    "The council approved the new budget on Tuesday, the mayor said. Critics called the plan rushed and "
    "said it may raise local taxes by 5 percent next year. According to the report, schools get more."
)
# ``scorer`` argument value meaning: load the shipped models (once per process).
DEFAULT = "default"


def item_report(item: InputItem, scorer: Scorer | None, lang: str | None = None) -> Report:
    """Analyse one item; an unreadable item or a failing analysis gives an error Report, never raises."""
    return score_chunk([item], scorer, lang)[0]


def _signals_report(item: InputItem, lang: str | None) -> tuple[Report, Document | None]:
    """The signals-only Report of one item and its Document (None when it is an error Report)."""
    if item.error is not None:
        return item_error_report(item, item.error), None
    try:
        doc = item.to_document(lang)
        report = analyze_document(doc, None, source=_source(item))
    except Exception as exc:  # one bad article must not stop a batch of thousands
        return _failed(item, exc), None
    report.warnings[:0] = item.warnings
    return report, doc


def _source(item: InputItem) -> str | None:
    return item.source_path or item.url


def _failed(item: InputItem, exc: Exception) -> Report:
    return item_error_report(item, f"{_source(item) or item.id}: analysis failed ({type(exc).__name__}: {exc})")


def item_error_report(item: InputItem, error: str | None = None) -> Report:
    """The record of an item that could not be scored (``error`` defaults to the item's own)."""
    return Report(
        id=item.id,
        source=_source(item),
        title=item.title,
        author=item.author,
        date=item.date,
        site=item.site,
        url=item.url,
        warnings=list(item.warnings),
        error=error if error is not None else item.error,
    )


@functools.cache
def load_scorer() -> Scorer | None:
    """The shipped models, loaded once per (worker) process."""
    return default_scorer()


def _resolve(scorer: Any) -> Scorer | None:
    return load_scorer() if scorer == DEFAULT else scorer


def score_chunk(items: list[InputItem], scorer: Any = DEFAULT, lang: str | None = None) -> list[Report]:
    """Reports for a chunk of items (the unit of work sent to a worker).

    Signals are computed article by article; the models then score every scorable article of the chunk
    in one call (``score_many``: one vectorised pass per model, half the cost of one call per article).
    If that call fails, the articles are scored one at a time so the failure names its article and
    spares the others. A scorer without ``score_many`` is called per article.
    """
    resolved = _resolve(scorer)
    analysed = [_signals_report(item, lang) for item in items]
    reports = [report for report, _ in analysed]
    if resolved is None:
        return reports
    todo = [
        (index, doc, report)
        for index, (report, doc) in enumerate(analysed)
        if doc is not None and doc.supported and doc.word_count
    ]
    score_many = getattr(resolved, "score_many", None)
    if score_many is not None and todo:
        marks = [len(report.warnings) for _, _, report in todo]
        try:
            score_many([doc for _, doc, _ in todo], [report for _, _, report in todo])
            return reports
        except Exception:
            for (_, _, report), mark in zip(todo, marks, strict=True):  # undo a partly applied batch
                report.scores.clear()
                del report.warnings[mark:]
    for index, doc, report in todo:
        try:
            resolved.score(doc, report)
        except Exception as exc:
            reports[index] = _failed(items[index], exc)
    return reports


def chunked(items: Iterable[InputItem], size: int) -> Iterator[list[InputItem]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def warm_up(scorer: Any, lang: str | None) -> None:
    """Load here what scoring loads lazily (models, language identifier, each language's word tables).

    Called before workers are forked, so that they share it instead of each loading it again.
    """
    from .lexicon import supported_languages

    item = InputItem(id="warm-up", text=WARM_UP_TEXT)
    for language in [lang] if lang else [None, *supported_languages()]:
        score_chunk([item], scorer, language)


def _read_ahead(chunks: Iterator[list[InputItem]], articles: int) -> tuple[list[list[InputItem]], bool]:
    """The first chunks of ``chunks`` up to more than ``articles`` items, and whether the input has more."""
    head: list[list[InputItem]] = []
    seen = 0
    while seen <= articles:
        chunk = next(chunks, None)
        if chunk is None:
            return head, False
        head.append(chunk)
        seen += len(chunk)
    return head, True


def score_items(
    items: Iterable[InputItem],
    *,
    scorer: Any = DEFAULT,
    lang: str | None = None,
    jobs: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    notify: Callable[[str], None] | None = None,
    min_articles_for_workers: int = MIN_ARTICLES_FOR_WORKERS,
) -> Iterator[Report]:
    """Reports for ``items`` in input order, produced lazily.

    ``scorer``: ``"default"`` (shipped models, loaded once per process), ``None`` (signals only) or a
    scorer object. ``jobs > 1`` runs chunks in worker processes (forks that share the loaded scorer
    where the platform allows, else fresh interpreters that receive it pickled) when the input has more
    than ``min_articles_for_workers`` items; the results are identical to ``jobs=1`` and come back in
    the same order. ``notify`` receives one line per worker process that died (which articles were
    retried or lost).
    """
    chunks = chunked(items, max(1, chunk_size))
    if jobs > 1:
        head, more = _read_ahead(chunks, min_articles_for_workers)
        chunks = chain(head, chunks)
        if not more:
            jobs = 1
    if jobs == 1:
        for chunk in chunks:
            reports = score_chunk(chunk, scorer, lang)
            start_up_done()  # models and word tables are loaded: the usual garbage collection from now on
            yield from reports
        return
    yield from _score_in_workers(chunks, scorer, lang, jobs, notify)


def _score_in_workers(
    chunks: Iterator[list[InputItem]], scorer: Any, lang: str | None, jobs: int,
    notify: Callable[[str], None] | None,
) -> Iterator[Report]:
    """Chunks scored in worker processes (:mod:`credibility.workers`), at most ``2 × jobs`` in flight.

    Workers never wait for one another, yet nothing is read ahead beyond the window: a slow consumer
    stops the reading, so memory stays flat whatever the input size. Results come back in input order.
    The workers end with this generator (exhausted, closed or garbage-collected) and with this process.
    """
    from .workers import ScoringPool

    yield from ScoringPool(jobs, scorer, lang, notify).score(chunks)
