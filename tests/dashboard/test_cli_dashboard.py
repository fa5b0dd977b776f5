"""`credibility dashboard` runs ``streamlit run`` on the app shipped inside the package."""

from __future__ import annotations

import sys

from click.testing import CliRunner

from credibility.cli import app
from credibility.dashboard_app import APP_PATH


def test_app_is_inside_the_package():
    import credibility

    assert APP_PATH.is_file()
    assert APP_PATH.parent.parent == __import__("pathlib").Path(credibility.__file__).resolve().parent


def test_dashboard_execs_streamlit_with_the_package_app(monkeypatch):
    calls = []
    monkeypatch.setattr("credibility.cli_dashboard.os.execv", lambda path, argv: calls.append((path, argv)))
    result = CliRunner().invoke(app, ["dashboard", "--port", "8600", "--headless", "--theme.base", "dark"])
    assert result.exit_code == 0, result.output
    ((path, argv),) = calls
    assert path == sys.executable
    # -P: the current folder is not on sys.path, so a streamlit.py there is not run (issue #18)
    assert argv[:6] == [sys.executable, "-P", "-m", "streamlit", "run", str(APP_PATH)]
    options = dict(zip(argv[6::2], argv[7::2], strict=True))
    assert options["--server.port"] == "8600"
    assert options["--server.headless"] == "true"
    assert options["--browser.gatherUsageStats"] == "false"  # offline: no usage statistics
    assert options["--theme.base"] == "dark"  # extra arguments go to streamlit


def test_dashboard_help():
    result = CliRunner().invoke(app, ["dashboard", "--help"])
    assert result.exit_code == 0 and "--port" in result.output
