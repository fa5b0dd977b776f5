"""`credibility compare FILE…`: align the claims of several versions of one story and classify them.

An input that cannot be read (empty, binary, missing, a table without its text column…) does not stop
the comparison: it is named on standard error and in the result's warnings, the readable articles are
compared, and the exit status is 1. Fewer than two readable articles is an error (exit 1).
"""

from __future__ import annotations

import click

from .compare import render_text
from .compare.reader import CompareInputError, compare_read, read_documents
from .lexicon import supported_languages
from .output import terminal_safe


@click.command("compare")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Readable terminal report or JSON (stable schema: CompareResult.as_dict).")
@click.option("--lang", default=None, type=click.Choice(supported_languages(), case_sensitive=False),
              help="Force the language of every article (default: detect each).")
@click.option("--hide-corroborated", is_flag=True, help="Text report: list only contradicted and lone claims.")
@click.pass_context
def compare_command(ctx: click.Context, inputs: tuple[str, ...], fmt: str, lang: str | None,
                    hide_corroborated: bool) -> None:
    """Compare two or more articles on one story (files, folders, tables or URLs; English and Dutch).

    Reports, for every claim, which sources corroborate it, which claims only one source makes, which
    sources contradict each other (with the evidence sentences side by side), and which sources are
    derivative of others. Unreadable inputs are skipped with an error message (exit status 1).
    """
    read = read_documents(inputs, lang)
    for problem in read.unreadable:
        click.echo(f"error: {terminal_safe(problem)}", err=True)
    try:
        result = compare_read(read)
    except CompareInputError as exc:
        raise click.ClickException(terminal_safe(str(exc))) from None
    if fmt == "json":
        click.echo(result.to_json())
    else:
        report = render_text(result, show_corroborated=not hide_corroborated)
        # Labels, titles and sentences come from the user's files: each line is shown, never obeyed.
        click.echo("\n".join(terminal_safe(line) for line in report.split("\n")), nl=False)
    ctx.exit(1 if read.unreadable else 0)
