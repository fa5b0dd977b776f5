"""Model page: the model cards (metrics, ROC, reliability, importances) and retraining from a labelled table (CSV, TSV, JSONL, Parquet)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from credibility.dashboard_app import charts
from credibility.dashboard_app.cards import (
    coefficient_importances,
    load_cards,
    models_readme,
    unreadable_cards,
)
from credibility.dashboard_app.inputs import MAX_UPLOAD_MB
from credibility.dashboard_app.render import plain, without_remote_images
from credibility.dashboard_app.services import models_folder, reload_models
from credibility.dashboard_app.training import (
    TrainingInputError,
    labels_of,
    read_labeled_table,
    task_for_labels,
    train_from_table,
)
from credibility.dashboard_app.widgets import model_status
from credibility.models.tasks import TASK_NAMES, task_named


def _guess(options: list[str], wanted: str, default: int = 0) -> int:
    """Index of the option named like ``wanted`` (case-insensitive), else ``default``."""
    lowered = [str(o).lower() for o in options]
    return lowered.index(wanted) if wanted in lowered else default


st.title("Models")
model_status()
folder = models_folder()
st.caption(f"Models folder: `{folder}`")
if st.button("Reload models", key="reload_models", help="After installing or retraining a model."):
    reload_models()

cards = load_cards(folder)
for name in unreadable_cards(folder):
    st.warning(f"{plain(name)} is not a readable model card (not a JSON object); it is not listed.")
if not cards:
    st.info(
        "No model cards found. Trained models and their cards (`<name>.npz`, `<name>.card.json`, "
        "`<name>.md`) are read from the models folder."
    )
tabs = st.tabs([card.name for card in cards]) if cards else []
for tab, card in zip(tabs, cards, strict=True):
    with tab:
        # Short facts only: long texts (description, notes) are in the full card below.
        facts = {k: v for k, v in card.info.items() if k not in ("sha256", "file") and len(str(v)) <= 100}
        if card.threshold is not None:
            facts["threshold"] = card.threshold
        if facts:
            st.dataframe(
                pd.DataFrame({"": list(facts), "value": [str(v) for v in facts.values()]}),
                hide_index=True,
                width="stretch",
            )
        if card.metrics:
            st.markdown("**Metrics**")
            st.dataframe(
                pd.DataFrame({"metric": list(card.metrics), "value": list(card.metrics.values())}),
                hide_index=True,
                width="stretch",
            )
        for table in card.tables:
            st.markdown(f"**{plain(table.get('title', 'Evaluation'))}**")
            if table.get("note"):
                st.caption(plain(table["note"]))
            st.dataframe(pd.DataFrame(table["rows"], columns=table.get("columns")), hide_index=True, width="stretch")
        plots = st.columns(2)
        if card.roc:
            plots[0].altair_chart(charts.roc_chart(*card.roc, auc=card.auc), width="stretch")
        if card.reliability:
            plots[1].altair_chart(charts.reliability_chart(*card.reliability), width="stretch")
        if not (card.roc or card.reliability):
            st.caption("This card stores no ROC or reliability curve.")
        importances = card.importances or coefficient_importances(folder / f"{card.name}.npz")
        if importances:
            st.altair_chart(charts.importance_chart(importances), width="stretch")
            if not card.importances:
                st.caption("Importances: the model's signed effect of one standard deviation of each feature.")
        if card.markdown:
            with st.expander("Full model card", expanded=not (card.metrics or card.tables)):
                st.markdown(without_remote_images(card.markdown))

readme = models_readme(folder)
if readme:
    with st.expander("About the models (models/README.md)"):
        st.markdown(without_remote_images(readme))

st.divider()
st.subheader("Retrain from a labeled table")
st.caption(
    "Upload a CSV or JSONL with a text column and a label column holding two labels. Signals are computed, "
    "models compared by grouped cross-validation, calibrated, and a threshold set; the model is saved "
    "under a new name beside the shipped ones (it never replaces them)."
)
upload = st.file_uploader("Labeled table", type=["csv", "tsv", "jsonl", "ndjson", "parquet"], key="train_file", max_upload_size=MAX_UPLOAD_MB)
if upload is not None:
    try:
        table = read_labeled_table(upload.name, upload.getvalue())
    except ValueError as exc:
        st.error(plain(exc))  # names the file and the problem
        st.stop()
    columns = list(table.columns)
    if len(columns) < 2:
        st.error(plain(f"{upload.name}: needs a text column and a label column; found {columns}"))
        st.stop()
    left, right = st.columns(2)
    text_col = left.selectbox("Text column", columns, index=_guess(columns, "text"), key="train_text_col")
    label_col = right.selectbox("Label column", columns, index=_guess(columns, "label"), key="train_label_col")
    labels = labels_of(table, label_col)
    if len(labels) != 2:
        st.error(plain(f"The label column must hold exactly two labels; '{label_col}' has {len(labels)}: {labels[:8]}"))
        st.stop()
    task = left.selectbox("Task", list(TASK_NAMES), index=task_for_labels(labels), key="train_task",
                          format_func=lambda t: t.replace("_", " "))
    wanted = task_named(task).positive
    positive = right.selectbox(
        "Positive label (the score is its probability)", labels,
        index=labels.index(wanted) if wanted in labels else 1, key="train_positive",
    )  # fmt: skip
    group_options = ["(none: each row its own group)", *[c for c in columns if c not in (text_col, label_col)]]
    group_col = left.selectbox(
        "Group column", group_options, index=_guess(group_options, "group", default=0), key="train_group",
        help="Rows of one group (e.g. an article and its rewrite) stay in the same fold.",
    )  # fmt: skip
    families = right.radio(
        "Models", ["linear (fast)", "linear and gradient boosting (slower)"], key="train_families"
    )
    name = st.text_input("Name for the new model", key="train_name", placeholder="e.g. ai_generated-newsroom")
    if st.button("Train", type="primary", key="train_button", disabled=not name):
        bar = st.progress(0.0, text="Starting…")
        try:
            result = train_from_table(
                table, text_col=text_col, label_col=label_col, positive=positive, task=task, name=name.strip(),
                table_name=upload.name,
                folder=folder, group_col=None if group_col == group_options[0] else group_col,
                candidates=("linear",) if families.startswith("linear (") else None,
                progress=lambda fraction, message: bar.progress(min(1.0, fraction), text=message),
            )  # fmt: skip
        except TrainingInputError as exc:
            bar.empty()
            st.error(plain(exc))
        else:
            st.session_state["trained_model"] = result
            st.rerun()  # so the new card is listed above

trained = st.session_state.get("trained_model")
if trained is not None:
    st.success(f"Saved {trained.path.name} with its card (listed above as '{trained.name}').")
    for warning in trained.warnings:
        st.warning(plain(warning))
    st.dataframe(
        pd.DataFrame({"metric": list(trained.metrics), "value": list(trained.metrics.values())}),
        hide_index=True, width="stretch", key="train_metrics",
    )  # fmt: skip
    st.caption(
        "Out-of-fold metrics (grouped cross-validation). To score with this model, pick it in the sidebar "
        f"or run `credibility score --model {trained.name} …`."
    )
