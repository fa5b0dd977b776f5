"""Analysis behind the pages, cached so models and lexicons load once per server, not once per click."""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import streamlit as st

from ..analysis import Scorer, analyze_document, default_scorer
from ..batch import item_report
from ..document import build_document
from ..ingest.items import InputItem, cap_text
from ..passages import Passage, score_passages
from ..report import Report

LOG = logging.getLogger(__name__)
# Session-state key of the model picker (sidebar): the names of the models chosen instead of the shipped ones.
CHOSEN_MODELS = "chosen_models"


@st.cache_resource(show_spinner="Loading models…")
def _load_models(chosen: tuple[str, ...] = ()) -> tuple[Scorer | None, str | None]:
    """(scorer, None), (None, None) when no model is installed, or (None, why) when one is refused.
    ``chosen``: models of the models folder used instead of the shipped model of their task."""
    try:
        if chosen:
            from ..models.catalog import scorer_with

            return scorer_with(list(chosen)), None
        return default_scorer(), None
    except Exception as exc:  # e.g. ModelVerificationError: a tampered or unknown model file
        return None, f"{type(exc).__name__}: {exc}".removeprefix("ModelVerificationError: ")


def chosen_models() -> tuple[str, ...]:
    """The models picked in this session (empty: the shipped ones)."""
    try:
        return tuple(st.session_state.get(CHOSEN_MODELS, ()))
    except Exception:  # no Streamlit session (a plain script or a test calling the helpers)
        return ()


def get_scorer() -> Scorer | None:
    """The chosen (else the installed) models, loaded once for every session; None when none is installed
    or they were refused (see :func:`model_problem`): the pages then show signals only."""
    return _load_models(chosen_models())[0]


def model_problem() -> str | None:
    """Why the installed models were not loaded (a model file that does not match its card…), or None."""
    return _load_models(chosen_models())[1]


def reload_models() -> None:
    """Forget the cached models and analyses, e.g. after a model was retrained or installed."""
    _load_models.clear()
    analyze_text.clear()
    analyze_passages.clear()


@st.cache_data(max_entries=256, show_spinner="Analysing…")
def _analyze_text(text: str, title: str | None, lang: str | None, chosen: tuple[str, ...]) -> tuple[Report, float]:
    started = time.perf_counter()
    item = cap_text(InputItem(id="article", text=text))  # pasted text: same length limit as files
    doc = build_document(item.text, id="article", title=title or None, lang=lang or None)
    report = analyze_document(doc, _load_models(chosen)[0])
    report.warnings[:0] = [w.replace("article: ", "", 1) for w in item.warnings]
    return report, time.perf_counter() - started


def analyze_text(text: str, title: str | None = None, lang: str | None = None) -> tuple[Report, float]:
    """One pasted or uploaded article and the seconds it took, with the chosen models; reruns of the same
    text cost nothing."""
    return _analyze_text(text, title, lang, chosen_models())


analyze_text.clear = _analyze_text.clear  # type: ignore[attr-defined]


@st.cache_data(max_entries=64, show_spinner="Scoring passages…")
def _analyze_passages(text: str, lang: str | None, chosen: tuple[str, ...]) -> list[Passage]:
    item = cap_text(InputItem(id="article", text=text))
    doc = build_document(item.text, id="article", lang=lang or None)
    return score_passages(doc, _load_models(chosen)[0])


def analyze_passages(text: str, lang: str | None = None) -> list[Passage]:
    """Each ~3-sentence window of the text with the AI model's probability for it alone (see
    :mod:`credibility.passages`); offsets are those of :func:`analyze_text`'s report for the same text."""
    return _analyze_passages(text, lang, chosen_models())


analyze_passages.clear = _analyze_passages.clear  # type: ignore[attr-defined]


def analyze_items(
    items: Sequence[InputItem], progress: Callable[[int, int], None] | None = None
) -> list[Report]:
    """Every item in order, calling ``progress(done, total)`` after each one."""
    scorer = get_scorer()
    reports = []
    for i, item in enumerate(items, start=1):
        reports.append(item_report(item, scorer))
        if progress is not None:
            progress(i, len(items))
    return reports


def models_folder() -> Path:
    """Where the scorer looks for models (``credibility.models`` decides; it honours its env variable)."""
    try:
        from ..models.scorer import models_dir
    except ImportError:
        from ..paths import models_dir
    return models_dir()


# One English and one Dutch sentence: enough to load the language identifier, lexicons, word
# frequencies and syllable dictionaries that the first analysis would otherwise pay for.
_WARM_UP_TEXTS = (
    ("en", "The minister said on Monday that the plan might reduce costs, according to officials."),
    ("nl", "De minister zei maandag dat het plan de kosten mogelijk verlaagt, volgens ambtenaren."),
)
# Modules the first analysis needs and the landing page does not (Altair: the signals chart).
_WARM_UP_MODULES = ("credibility.dashboard_app.charts",)

_warm_up_lock = threading.Lock()
_warm_up_thread: threading.Thread | None = None
_warm_up_seconds: float | None = None


def warm_up(scorer: Scorer | None) -> float:
    """Load every per-process resource (tables, lexicons, word lists, Altair) in one go; returns the CPU
    seconds it took. Safe to run while a page analyses: every cache it fills is one analyses share."""
    started = time.process_time()
    for lang, text in _WARM_UP_TEXTS:
        analyze_document(build_document(text, lang=lang), scorer)
        build_document(text)  # language identification
    for module in _WARM_UP_MODULES:
        importlib.import_module(module)
    return time.process_time() - started


def warm_up_after_first_page(scorer: Scorer | None) -> threading.Thread:
    """Start :func:`warm_up` once per server, in a background thread, after the first page is drawn.

    The landing page needs none of it; the first article analysed (English or Dutch) does. The page is
    shown a second sooner and the warm-up is done while its reader pastes or picks an article (a faster
    reader waits for what is not loaded yet, as without a warm-up). ``scorer``: the models the page used
    (taken before the page ran: after a page's ``st.stop`` no Streamlit call may be made)."""
    global _warm_up_thread
    with _warm_up_lock:
        if _warm_up_thread is None:
            _warm_up_thread = threading.Thread(target=_warm_up_quietly, args=(scorer,),
                                               name="credibility-warm-up", daemon=True)
            _warm_up_thread.start()
        return _warm_up_thread


def wait_for_warm_up(timeout: float | None = None) -> float | None:
    """Wait for the background warm-up (if started); its CPU seconds, or None when not done."""
    thread = _warm_up_thread
    if thread is not None:
        thread.join(timeout)
    return _warm_up_seconds


def _warm_up_quietly(scorer: Scorer | None) -> None:
    global _warm_up_seconds
    try:
        _warm_up_seconds = warm_up(scorer)
    except Exception:  # a warm-up never takes the server down: the first analysis loads what it needs
        LOG.exception("warm-up failed")
