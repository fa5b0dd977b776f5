"""`credibility dashboard` (being written)."""

from __future__ import annotations

import click


@click.command("dashboard")
def dashboard_command() -> None:
    """Not available yet."""
    raise click.ClickException("'dashboard' is not available yet")
