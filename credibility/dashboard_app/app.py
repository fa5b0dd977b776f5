"""Entry point of the dashboard: ``streamlit run`` this file (``credibility dashboard`` does)."""

from __future__ import annotations

import streamlit as st

from credibility.dashboard_app import FAVICON_PATH, VIEWS_DIR
from credibility.dashboard_app.render import plain
from credibility.dashboard_app.services import get_scorer, model_problem, warm_up_after_first_page
from credibility.dashboard_app.widgets import model_picker

# (script in views/, title, icon, url path). The first page is served at "/" (Streamlit ignores a
# default page's url path), so /analyze is served by a hidden second entry for the same script.
PAGES = (
    ("analyze.py", "Analyze", ":material/article:", "home"),
    ("batch.py", "Batch", ":material/table_rows:", "batch"),
    ("compare.py", "Compare", ":material/compare_arrows:", "compare"),
    ("model.py", "Model", ":material/model_training:", "model"),
)


def main() -> None:
    st.set_page_config(page_title="credibility", page_icon=str(FAVICON_PATH), layout="wide")
    model_picker()
    problem = model_problem()
    if problem:  # on every page, instead of a traceback: the pages go on with signals only
        st.error(
            f"The trained models were not loaded, so no scores are shown (signals only): {plain(problem)}",
            icon=":material/gpp_bad:",
        )
    pages = [
        st.Page(VIEWS_DIR / script, title=title, icon=icon, url_path=url, default=(i == 0))
        for i, (script, title, icon, url) in enumerate(PAGES)
    ]
    pages.append(st.Page(VIEWS_DIR / PAGES[0][0], title=PAGES[0][1], url_path="analyze", visibility="hidden"))
    scorer = get_scorer()
    try:
        st.navigation(pages).run()
    finally:  # also when the page stops early (st.stop): the first page is drawn either way
        warm_up_after_first_page(scorer)


if __name__ == "__main__":
    main()
