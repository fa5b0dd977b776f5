"""The ``credibility`` command: one group, each sub-command in its own module."""

from __future__ import annotations

import click

from . import __version__
from .cli_compare import compare_command
from .cli_dashboard import dashboard_command
from .cli_score import score_command
from .cli_train import evaluate_command, train_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="credibility")
def app() -> None:
    """Offline, explainable credibility and AI-generation signals for news articles."""


app.add_command(score_command)
app.add_command(train_command)
app.add_command(evaluate_command)
app.add_command(compare_command)
app.add_command(dashboard_command)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="credibility")


if __name__ == "__main__":
    main()
