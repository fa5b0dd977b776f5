"""`credibility compare FILE…`: align the claims of several versions of one story and classify them."""

from __future__ import annotations

import click

from .compare import compare_paths, render_text
from .compare.reader import CompareInputError


@click.command("compare")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Readable terminal report or JSON (stable schema: CompareResult.as_dict).")
@click.option("--lang", default=None, help="Force the language of every article (default: detect each).")
@click.option("--hide-corroborated", is_flag=True, help="Text report: list only contradicted and lone claims.")
def compare_command(inputs: tuple[str, ...], fmt: str, lang: str | None, hide_corroborated: bool) -> None:
    """Compare two or more articles on one story (files, folders, tables or URLs; English and Dutch).

    Reports, for every claim, which sources corroborate it, which claims only one source makes, which
    sources contradict each other (with the evidence sentences side by side), and which sources are
    derivative of others.
    """
    try:
        result = compare_paths(list(inputs), lang=lang)
    except (CompareInputError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        click.echo(result.to_json())
    else:
        click.echo(render_text(result, show_corroborated=not hide_corroborated), nl=False)
