"""`credibility compare FILE…`: align the claims of several versions of one story and classify them.

An input that cannot be read (empty, binary, missing, a table without its text column…) does not stop
the comparison: it is named on standard error and in the result's warnings, the readable articles are
compared, and the exit status is 1. Fewer than two readable articles is an error (exit 1).
"""

from __future__ import annotations

import click

from .compare import render_text
from .compare.engine import compare_documents
from .ingest import discover, iter_items


@click.command("compare")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Readable terminal report or JSON (stable schema: CompareResult.as_dict).")
@click.option("--lang", default=None, help="Force the language of every article (default: detect each).")
@click.option("--hide-corroborated", is_flag=True, help="Text report: list only contradicted and lone claims.")
@click.pass_context
def compare_command(ctx: click.Context, inputs: tuple[str, ...], fmt: str, lang: str | None,
                    hide_corroborated: bool) -> None:
    """Compare two or more articles on one story (files, folders, tables or URLs; English and Dutch).

    Reports, for every claim, which sources corroborate it, which claims only one source makes, which
    sources contradict each other (with the evidence sentences side by side), and which sources are
    derivative of others. Unreadable inputs are skipped with an error message (exit status 1).
    """
    docs, paths, skipped, notes = [], [], [], []
    for item in iter_items(discover(list(inputs)).sources):
        if item.error:
            skipped.append(item.error)
            click.echo(f"error: {item.error}", err=True)
            continue
        try:
            docs.append(item.to_document(lang))
        except Exception as exc:  # one bad article must not stop the comparison
            skipped.append(f"{item.source_path or item.id}: could not be read ({type(exc).__name__}: {exc})")
            click.echo(f"error: {skipped[-1]}", err=True)
            continue
        paths.append(item.source_path or item.id)
        notes.extend(item.warnings)
    if len(docs) < 2:
        unread = f"; {len(skipped)} input(s) could not be read" if skipped else ""
        raise click.ClickException(f"need at least two articles to compare, found {len(docs)}{unread}")
    result = compare_documents(docs, paths=paths)
    result.warnings[:0] = [*(f"not compared: {s}" for s in skipped), *notes]
    if fmt == "json":
        click.echo(result.to_json())
    else:
        click.echo(render_text(result, show_corroborated=not hide_corroborated), nl=False)
    ctx.exit(1 if skipped else 0)
