"""Page pieces shared by the views: model status, score cards and reasons."""

from __future__ import annotations

import streamlit as st

from ..report import Report, Score
from .services import get_scorer

SCORE_TITLES = {"ai_generated": "AI-generated probability", "credibility": "Credibility"}
NO_MODEL = (
    "No model installed: the AI-generated and credibility scores need the trained models in `models/`. "
    "All signals and evidence below are still computed."
)


def model_installed() -> bool:
    return get_scorer() is not None


def model_status() -> None:
    """One line saying whether scores will be shown, so a missing model is never silent."""
    if model_installed():
        st.caption("Models loaded: scores with verdicts at each model's stored threshold.")
    else:
        st.info(NO_MODEL, icon=":material/info:")


def format_score(score: Score) -> str:
    if score.model == "credibility" or score.value > 1.0:
        return f"{score.value:.0f} / 100"
    return f"{score.value:.0%}"


def format_threshold(score: Score) -> str:
    return format_score(Score(score.model, score.threshold, "", score.threshold))


def score_cards(report: Report) -> None:
    """Each model's value, verdict and threshold side by side, then its top reasons."""
    if not report.scores:
        if not model_installed():
            st.info(NO_MODEL, icon=":material/info:")
        elif report.supported and report.word_count:
            st.warning("The models gave no score for this text.")
        else:
            st.info("No scores: the text's language is not supported or it has no words.")
        return
    columns = st.columns(len(report.scores))
    for column, (name, score) in zip(columns, report.scores.items(), strict=True):
        with column:
            st.metric(SCORE_TITLES.get(name, name), format_score(score))
            st.markdown(f"**Verdict:** {score.verdict.replace('_', ' ')}  \nthreshold {format_threshold(score)}")
            reasons(score)


def reasons(score: Score, top: int = 5) -> None:
    """The strongest signed contributions, in the model's own words (plain text, never HTML)."""
    ranked = sorted(score.reasons, key=lambda r: abs(r.contribution), reverse=True)[:top]
    if not ranked:
        st.caption("No reasons given.")
        return
    for reason in ranked:
        arrow = "▲" if reason.contribution > 0 else "▼"
        st.text(f"{arrow} {reason.contribution:+.2f}  {reason.text}")
