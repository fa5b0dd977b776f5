"""Page scripts run by ``st.navigation`` (not imported: each file is a Streamlit script)."""
