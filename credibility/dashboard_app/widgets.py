"""Page pieces shared by the views: model status, the model picker and the verdict block."""

from __future__ import annotations

import streamlit as st

from ..models.tasks import TASKS
from ..report import Report
from ..verdict_block import verdict_block
from .render import verdict_html
from .services import CHOSEN_MODELS, get_scorer, model_problem, models_folder

MODEL_NAMES = {task.name: task.title for task in TASKS}
NO_MODEL = (
    "No model installed: the AI-generated and credibility scores need the trained models in `models/`. "
    "All signals and evidence below are still computed."
)
REFUSED_MODEL = (
    "The installed models were refused (see the message at the top of the page), so no scores are shown. "
    "All signals and evidence below are still computed."
)


def model_installed() -> bool:
    return get_scorer() is not None


def model_status() -> None:
    """One line saying whether scores will be shown, so a missing model is never silent."""
    if model_installed():
        st.caption("Models loaded: scores with verdicts at each model's stored threshold.")
    else:
        st.info(REFUSED_MODEL if model_problem() else NO_MODEL, icon=":material/info:")


def model_picker() -> None:
    """Sidebar: which model of the models folder answers each question (default: the shipped one). A
    model retrained in the dashboard is listed here under its own name, no renaming of files needed."""
    from ..models.catalog import list_models

    entries = list_models(models_folder())
    chosen = []
    for task in TASKS:
        names = [e.name for e in entries if e.task == task.name]
        if len(names) < 2:  # nothing to choose between
            continue
        default = names.index(task.name) if task.name in names else 0
        name = st.sidebar.selectbox(f"{task.title[0].upper()}{task.title[1:]} model", names, index=default,
                                    key=f"model_{task.name}",
                                    help="Models in the models folder with this task (from their cards).")
        if name != task.name:
            chosen.append(name)
    st.session_state[CHOSEN_MODELS] = tuple(chosen)


def verdict_section(report: Report) -> None:
    """The verdict block (credibility.verdict_block): one answer per question with its false-positive
    rate and reasons that open onto their evidence; or why there is no score."""
    if not report.scores:
        if not model_installed():
            st.info(REFUSED_MODEL if model_problem() else NO_MODEL, icon=":material/info:")
        elif report.supported and report.word_count:
            st.warning("The models gave no score for this text.")
        else:
            st.info("No scores: the text's language is not supported or it has no words.")
        return
    missing = [MODEL_NAMES[k] for k in MODEL_NAMES if k not in report.scores]
    if missing:
        st.caption(f"No {' or '.join(missing)} model is installed.")
    st.html(verdict_html(verdict_block(report), report))
    st.caption("Click a reason to see its evidence; click the evidence to jump to it in the text below.")
