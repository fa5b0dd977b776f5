"""The ``credibility`` command: one group, each sub-command in its own module, imported on demand.

Sub-commands are loaded only when run (click's lazy-group pattern), so ``credibility score`` does not
pay for importing scikit-learn's training code, the comparison engine or Streamlit.
"""

from __future__ import annotations

import importlib

import click

from . import __version__

# command name -> "module:attribute" of its click command
SUBCOMMANDS = {
    "score": "credibility.cli_score:score_command",
    "train": "credibility.cli_train:train_command",
    "evaluate": "credibility.cli_train:evaluate_command",
    "compare": "credibility.cli_compare:compare_command",
    "dashboard": "credibility.cli_dashboard:dashboard_command",
}


class LazyGroup(click.Group):
    """A group whose sub-commands are imported the first time they are looked up."""

    def __init__(self, *args, lazy_subcommands: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = lazy_subcommands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands:
            module_name, attribute = self.lazy_subcommands[cmd_name].split(":")
            return getattr(importlib.import_module(module_name), attribute)
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    lazy_subcommands=SUBCOMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="credibility")
def app() -> None:
    """Offline, explainable credibility and AI-generation signals for news articles."""


def main() -> None:
    """Console-script entry point (a short-lived process: see :mod:`credibility.start_up`)."""
    from .start_up import defer_collection

    defer_collection()
    app(prog_name="credibility")


if __name__ == "__main__":
    main()
