"""Thin launcher: ``streamlit run dashboard/app.py`` runs the dashboard shipped in the package.

The app itself lives in ``credibility/dashboard_app/`` so ``credibility dashboard`` finds it in any
install; this file only keeps the conventional path working from a checkout.
"""

from credibility.dashboard_app.app import main

main()
