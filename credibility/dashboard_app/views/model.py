"""Model page: the model cards (metrics, ROC, reliability, importances) and retraining from a labeled CSV."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from credibility.dashboard_app import charts
from credibility.dashboard_app.cards import coefficient_importances, load_cards, models_readme
from credibility.dashboard_app.services import models_folder, reload_models
from credibility.dashboard_app.widgets import model_status

st.title("Models")
model_status()
folder = models_folder()
st.caption(f"Models folder: `{folder}`")
if st.button("Reload models", key="reload_models", help="After installing or retraining a model."):
    reload_models()

cards = load_cards(folder)
if not cards:
    st.info(
        "No model cards found. Trained models and their cards (`<name>.joblib`, `<name>.card.json`, "
        "`<name>.md`) are read from the models folder."
    )
tabs = st.tabs([card.name for card in cards]) if cards else []
for tab, card in zip(tabs, cards, strict=True):
    with tab:
        facts = {k: v for k, v in card.info.items() if k not in ("sha256", "file")}
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
            st.markdown(f"**{table.get('title', 'Evaluation')}**")
            if table.get("note"):
                st.caption(table["note"])
            st.dataframe(pd.DataFrame(table["rows"], columns=table.get("columns")), hide_index=True, width="stretch")
        plots = st.columns(2)
        if card.roc:
            plots[0].altair_chart(charts.roc_chart(*card.roc, auc=card.auc), width="stretch")
        if card.reliability:
            plots[1].altair_chart(charts.reliability_chart(*card.reliability), width="stretch")
        if not (card.roc or card.reliability):
            st.caption("This card stores no ROC or reliability curve.")
        importances = card.importances or coefficient_importances(folder / f"{card.name}.joblib")
        if importances:
            st.altair_chart(charts.importance_chart(importances), width="stretch")
            if not card.importances:
                st.caption("Importances: the model's signed effect of one standard deviation of each feature.")
        if card.markdown:
            with st.expander("Full model card", expanded=not (card.metrics or card.tables)):
                st.markdown(card.markdown)

readme = models_readme(folder)
if readme:
    with st.expander("About the models (models/README.md)"):
        st.markdown(readme)
