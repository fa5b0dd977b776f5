"""The Streamlit dashboard, shipped inside the package so ``credibility dashboard`` finds it anywhere.

``APP_PATH`` is the script to hand to ``streamlit run``; ``dashboard/app.py`` in the repository is a thin
launcher for the same app.
"""

from __future__ import annotations

from pathlib import Path

APP_PATH = Path(__file__).resolve().parent / "app.py"
VIEWS_DIR = APP_PATH.parent / "views"
# The tab icon, a file shipped with the package: a Material icon or emoji as page icon makes the browser
# fetch it from a font or emoji host, and the dashboard must not call out.
FAVICON_PATH = APP_PATH.parent / "favicon.png"
