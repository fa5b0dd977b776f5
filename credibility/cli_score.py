"""`credibility score` (being written)."""

from __future__ import annotations

import click


@click.command("score")
def score_command() -> None:
    """Not available yet."""
    raise click.ClickException("'score' is not available yet")
