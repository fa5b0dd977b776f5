"""`credibility compare` (being written)."""

from __future__ import annotations

import click


@click.command("compare")
def compare_command() -> None:
    """Not available yet."""
    raise click.ClickException("'compare' is not available yet")
