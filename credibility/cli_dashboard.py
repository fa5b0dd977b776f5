"""`credibility dashboard`: start the Streamlit dashboard shipped inside the package."""

from __future__ import annotations

import os
import sys

import click

from .dashboard_app import APP_PATH
from .dashboard_app.inputs import MAX_UPLOAD_MB


def streamlit_command(*, port: int, host: str, headless: bool, extra: tuple[str, ...] = ()) -> list[str]:
    """The ``streamlit run`` command line; usage statistics off because the tool runs offline.

    ``-P`` (Python 3.11+): the current folder is not put on ``sys.path``, so a ``streamlit.py`` (or any
    module name) lying in the folder the dashboard is started from is never imported instead of the
    real package; the app itself is given by absolute path.
    """
    return [
        sys.executable, "-P", "-m", "streamlit", "run", str(APP_PATH),
        "--server.port", str(port),
        "--server.address", host,
        "--server.headless", "true" if headless else "false",
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "viewer",
        "--server.maxUploadSize", str(MAX_UPLOAD_MB),  # the pages' own limit, enforced by the server too
        *extra,
    ]  # fmt: skip


@click.command(
    "dashboard",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
)
@click.option("--port", type=int, default=8501, show_default=True, help="Port to serve on.")
@click.option("--host", default="localhost", show_default=True, help="Address to listen on (0.0.0.0 for all).")
@click.option("--headless", is_flag=True, help="Do not open a browser window.")
@click.argument("streamlit_args", nargs=-1, type=click.UNPROCESSED)
def dashboard_command(port: int, host: str, headless: bool, streamlit_args: tuple[str, ...]) -> None:
    """Start the dashboard: Analyze one article, score a Batch, inspect the Models.

    Extra arguments are passed on to ``streamlit run`` (for example --theme.base dark).
    """
    command = streamlit_command(port=port, host=host, headless=headless, extra=streamlit_args)
    click.echo(f"credibility dashboard: http://{host}:{port}  (Ctrl+C stops it)", err=True)
    sys.stderr.flush()
    # Become the Streamlit server rather than wrap it, so a signal sent to this process (Ctrl+C, a
    # service manager, a test) reaches the server and no orphan is left behind.
    os.execv(command[0], command)
