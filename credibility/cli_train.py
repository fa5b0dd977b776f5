"""`credibility train` and `credibility evaluate` (being written)."""

from __future__ import annotations

import click


@click.command("train")
def train_command() -> None:
    """Not available yet."""
    raise click.ClickException("'train' is not available yet")


@click.command("evaluate")
def evaluate_command() -> None:
    """Not available yet."""
    raise click.ClickException("'evaluate' is not available yet")
