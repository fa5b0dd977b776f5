"""`credibility score`: score articles from files, folders, globs, tables, stdin or URLs."""

from __future__ import annotations

import io
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import click

from .aggregate import SourceAggregator
from .batch import DEFAULT, DEFAULT_CHUNK_SIZE, load_scorer, score_items
from .ingest import (
    Discovery,
    InputItem,
    OutputIsInputError,
    TableColumnError,
    check_output,
    check_tables,
    discover,
    iter_items,
)
from .lexicon import supported_languages
from .output import FORMATS, ReportWriter, make_writer, terminal_safe, write_aggregates
from .output_file import OutputBusyError, OutputFile
from .report import Report
from .resume import ResumeError, ResumeState, prepare_resume
from .stopping import StopOnSignals, Stopped
from .workers import WorkerStartError

SCHEDULER_TIMEOUT_SECONDS = 20

EPILOG = """\b
Inputs: .txt/.md/.html files, folders (recursive), globs, .csv/.tsv/.jsonl/.parquet tables
(text column auto-detected: text, content, body, article), '-' for standard input, http(s) URLs.
With --scheduler ADDRESS the same scoring runs on a Dask cluster (Parquet inputs; the dask extra).
Exit status: 0 all articles scored, 1 some could not be read or analysed (or a closed pipe), 2 usage
error or unusable model files, 3 --output is being written by another run, 4 --output cannot be written
(folder, permissions, disk full), 130/143/129 stopped by SIGINT (Ctrl-C)/SIGTERM/SIGHUP (whole records
kept; --resume continues).
"""
EXIT_OUTPUT_BUSY = 3
EXIT_OUTPUT_UNWRITABLE = 4


@click.command("score", epilog=EPILOG)
@click.argument("inputs", nargs=-1, metavar="PATH|URL|-...")  # required unless --model list
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table: readable lines; jsonl: one Report per line; csv: flat columns incl. every feature.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write records to FILE as they are scored (default: standard output).",
)
@click.option("--text-col", help="Column holding the article text in CSV/JSONL/Parquet inputs.")
@click.option("--lang", type=click.Choice(supported_languages(), case_sensitive=False),
              help="Force the language instead of identifying it per article.")
@click.option("--no-model", is_flag=True, help="Signals only: do not load or apply the trained models.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes; results are identical and in input order.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Skip the articles already in --output (jsonl/csv; matched by input file and position, so a "
    "path spelled differently or a repeated id is still recognised) and append the rest.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Score on a Dask cluster (e.g. tcp://host:8786) instead of local processes; inputs must be "
    "Parquet tables readable at the same path on the workers. Needs the dask extra.",
)
@click.option(
    "--by-source",
    is_flag=True,
    help="Print per-source aggregates instead of per-article records (those still go to --output).",
)
@click.option(
    "--trust-model",
    is_flag=True,
    help="Load model files even if they do not match their cards (model files hold plain arrays and cannot run code; the card records what was trained and evaluated).",
)
@click.option(
    "--model",
    "models",
    multiple=True,
    metavar="NAME",
    help="Score with the model NAME from the models folder instead of the shipped model of its task "
    "(the task is read from its card; give it twice for an AI and a credibility model). '--model list' "
    "lists the models in the folder.",
)
@click.option(
    "--no-csv-guard",
    "no_csv_guard",
    is_flag=True,
    help="Write CSV cells exactly as they are. By default a text cell starting with =, +, -, @, tab or "
    "carriage return gets a leading ' so a spreadsheet shows it instead of running it as a formula "
    "(OWASP's advice against CSV injection); numbers are never changed. Applies to --format csv and "
    "--by-source CSV; --resume reads the prefix back.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, notes or summary on standard error.")
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=DEFAULT_CHUNK_SIZE,
    hidden=True,
    help="Articles per unit of parallel work.",
)
@click.pass_context
def score_command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: str,
    output: Path | None,
    text_col: str | None,
    lang: str | None,
    no_model: bool,
    jobs: int,
    resume: bool,
    scheduler: str | None,
    by_source: bool,
    trust_model: bool,
    models: tuple[str, ...],
    no_csv_guard: bool,
    quiet: bool,
    chunk_size: int,
) -> None:
    """Score news articles for AI-generation and credibility signals, with the evidence behind them."""
    if "list" in models:
        _list_models()
        ctx.exit(0)
    if not inputs:
        raise click.UsageError("Missing argument 'PATH|URL|-...'.")
    if models and no_model:
        raise click.UsageError("--model and --no-model exclude each other")
    if resume and output is None:
        raise click.UsageError("--resume needs --output FILE (the records to continue from)")
    if inputs.count("-") > 1:
        raise click.UsageError("'-' (standard input) can be given only once")
    found = discover(inputs)
    try:
        check_tables(found.sources, text_col)
        check_output(found.sources, output)  # robustness (issue #7): never overwrite an input
    except (TableColumnError, OutputIsInputError) as exc:
        raise click.UsageError(str(exc)) from exc
    if scheduler:
        _check_cluster_run(found.sources, jobs)
    note = _Notes(quiet)
    tally = _Tally()
    with StopOnSignals() as signals:
        try:
            sink = _lock_output(output)
            try:
                code = _score(
                    found, sink, signals, tally, note, fmt=fmt, output=output, text_col=text_col, lang=lang,
                    no_model=no_model, jobs=jobs, resume=resume, scheduler=scheduler, by_source=by_source,
                    trust_model=trust_model, models=models, csv_guard=not no_csv_guard, quiet=quiet,
                    chunk_size=chunk_size,
                )
            finally:
                if sink is not None:
                    sink.close()
        except (Stopped, KeyboardInterrupt) as exc:
            stop = exc if isinstance(exc, Stopped) else Stopped(signal.SIGINT)
            signals.ignore_further()
            where = output if output is not None else "standard output"
            click.echo(terminal_safe(
                f"credibility score: stopped by {stop.name}; {tally.scored} whole record(s) written to {where}"
                + ("; run again with --resume to continue" if output is not None else "")
            ), err=True)
            code = stop.exit_code
    ctx.exit(code)


def _score(
    found: Discovery,
    sink: OutputFile | None,
    signals: StopOnSignals,
    tally: _Tally,
    note: _Notes,
    *,
    fmt: str,
    output: Path | None,
    text_col: str | None,
    lang: str | None,
    no_model: bool,
    jobs: int,
    resume: bool,
    scheduler: str | None,
    by_source: bool,
    trust_model: bool,
    models: tuple[str, ...],
    csv_guard: bool,
    quiet: bool,
    chunk_size: int,
) -> int:
    """The run itself, once the output is locked; returns the exit status."""
    done = ResumeState()
    if resume:
        try:
            done = prepare_resume(output, fmt, csv_guard=csv_guard)
        except ResumeError as exc:
            raise click.UsageError(str(exc)) from exc
    for message in found.notes:
        note(f"note: {message}")
    scorer = None if no_model else _check_models(trust_model, models)
    if scorer is None and not no_model:
        note("note: no trained models are installed; showing signals only (see 'credibility train')")

    skipped = [0]
    client = _connect(scheduler) if scheduler else None
    if client is not None:
        from .distributed import iter_parquet_reports

        reports = iter_parquet_reports(
            [s.ref for s in found.sources], client, text_col=text_col, scorer=scorer, lang=lang,
            done=done if resume else None, skipped=skipped,
        )
    else:
        items = _skip_done(iter_items(found.sources, text_col=text_col), done, skipped)
        reports = score_items(items, scorer=scorer, lang=lang, jobs=jobs, chunk_size=chunk_size, notify=note)
    aggregator = SourceAggregator() if by_source else None
    total = None if resume or any(s.kind in ("table", "stdin") for s in found.sources) else len(found.sources)
    try:
        _write_all(reports, fmt, sink, resume, aggregator, note, quiet, total, tally, signals, csv_guard=csv_guard)
        if aggregator is not None:
            with signals.hold():
                try:
                    write_aggregates(aggregator.rows(), fmt, sys.stdout, csv_guard=csv_guard)
                except BrokenPipeError:
                    raise
                except OSError as exc:
                    raise _stdout_failed(exc) from None
    except BrokenPipeError:  # e.g. `credibility score ... | head`: stop quietly
        _silence_stdout()
        return 1
    except WorkerStartError as exc:  # e.g. a broken installation: the worker said why on standard error
        raise click.ClickException(str(exc)) from None
    finally:
        reports.close()  # stops the worker processes, whatever ended the run
        if client is not None:
            client.close()
    summary = f"scored {tally.scored} article(s): {tally.scored - tally.failed} ok, {tally.failed} failed"
    if resume:
        summary += f", {skipped[0]} skipped (already in {output})"
    if output is not None:
        summary += f"; records in {output}"
    note(summary)
    return 1 if tally.failed else 0


class _OutputBusy(click.ClickException):
    """Another run writes to the same --output (exit status 3)."""

    exit_code = EXIT_OUTPUT_BUSY


class _OutputError(click.ClickException):
    """The records cannot be written (exit status 4)."""

    exit_code = EXIT_OUTPUT_UNWRITABLE


def _lock_output(output: Path | None) -> OutputFile | None:
    """Open and lock ``--output`` before anything is read, truncated or repaired."""
    if output is None:
        return None
    try:
        return OutputFile(output)
    except OutputBusyError as exc:
        raise _OutputBusy(exc.strerror) from None
    except OSError as exc:
        raise _OutputError(f"cannot write {output}: {exc.strerror or exc}") from None


class _Tally:
    """Records written so far and how many of them are errors (read when a run is stopped)."""

    def __init__(self) -> None:
        self.scored = 0
        self.failed = 0


def _check_cluster_run(sources: list, jobs: int) -> None:
    """Usage errors for ``--scheduler`` before any work starts: options, input kinds, Dask installed."""
    from .ingest.tables import PARQUET_SUFFIXES

    if jobs != 1:
        raise click.UsageError("--jobs is for local runs; with --scheduler the cluster's workers set the parallelism")
    others = [s.ref for s in sources if s.kind != "table" or s.path.suffix.lower() not in PARQUET_SUFFIXES]
    if others:
        shown = ", ".join(others[:3]) + (f" (+{len(others) - 3} more)" if len(others) > 3 else "")
        raise click.UsageError(
            f"--scheduler scores Parquet tables (.parquet) only; not: {shown}. Score other inputs locally "
            "(--jobs N) or convert them to Parquet."
        )
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise click.UsageError(
            f"--scheduler needs Dask, which is not installed ({exc}): pip install 'credibility[dask]'"
        ) from exc


def _connect(scheduler: str) -> object:
    """A ``distributed.Client`` for ``--scheduler`` (a usage error when nothing answers at the address)."""
    from distributed import Client

    try:
        return Client(scheduler, set_as_default=False, timeout=SCHEDULER_TIMEOUT_SECONDS)
    except Exception as exc:  # bad address, nothing listening, timeout
        raise click.UsageError(f"cannot connect to the Dask scheduler at {scheduler!r}: {exc}") from exc


class _ModelError(click.ClickException):
    """The installed models cannot be used (exit status 2, like a usage error: nothing was scored)."""

    exit_code = 2


def _list_models() -> None:
    from .models.catalog import list_models
    from .paths import models_dir

    entries = list_models()
    click.echo(f"models in {models_dir()}:" if entries else f"no models in {models_dir()}")
    for entry in entries:
        click.echo(f"  {terminal_safe(entry.describe())}")


def _check_models(trust_model: bool, models: tuple[str, ...] = ()) -> object | None:
    """Load the models once up front, so a broken model file stops the run with a clear message.

    Returns ``DEFAULT`` (each worker loads the verified models itself), the loaded scorer when the user
    trusts unverified files or chose models with ``--model`` (it is then handed to the workers), or None
    when no model is installed.
    """
    if models:
        from .models.catalog import UnknownModelError, scorer_with

        try:
            return scorer_with(models, trust_unverified=trust_model)
        except UnknownModelError as exc:
            raise click.UsageError(str(exc)) from exc
        except Exception as exc:
            raise _ModelError(f"could not load the chosen models: {str(exc).rstrip('.')}") from exc
    try:
        if trust_model:
            from .models.scorer import load_default_scorer

            return load_default_scorer(trust_unverified=True)
        return DEFAULT if load_scorer() is not None else None
    except Exception as exc:  # e.g. ModelVerificationError: a model file that does not match its card
        raise _ModelError(
            f"could not load the trained models: {str(exc).rstrip('.')}. Use --no-model for signals only."
        ) from exc


class _Notes:
    """Messages for the person at the terminal, on standard error, silenced by --quiet (control
    characters from file names or errors escaped, as in the table output)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet

    def __call__(self, message: str) -> None:
        if not self.quiet:
            from tqdm import tqdm

            tqdm.write(terminal_safe(message), file=sys.stderr)


def _skip_done(items: Iterator[InputItem], done: ResumeState, skipped: list[int]) -> Iterator[InputItem]:
    for item in items:
        if done.is_done(item.source_path or item.url, item.id):
            skipped[0] += 1
            continue
        yield item


def _write_all(
    reports: Iterator[Report],
    fmt: str,
    sink: OutputFile | None,
    resume: bool,
    aggregator: SourceAggregator | None,
    note: _Notes,
    quiet: bool,
    total: int | None,
    tally: _Tally,
    signals: StopOnSignals,
    *,
    csv_guard: bool = True,
) -> None:
    """Write each report as it arrives (per-article records go to stdout unless --by-source)."""
    if sink is None and aggregator is not None:
        _drain(reports, None, aggregator, note, quiet, total, tally, signals, echo_errors=True)
        return
    if sink is None:
        stream: TextIO = sys.stdout
        header = True
    else:
        try:
            stream = sink.start(append=resume)
            header = not (resume and os.fstat(sink.fd).st_size > 0)
        except OSError as exc:
            raise _OutputError(f"cannot write {sink.path}: {exc.strerror or exc}") from None
    failure: OSError | None = None
    try:
        with signals.hold():
            writer = make_writer(fmt, stream, header=header, csv_guard=csv_guard)
        echo = sink is not None or fmt != "table" or aggregator is not None
        _drain(reports, writer, aggregator, note, quiet, total, tally, signals, echo_errors=echo)
    except _WriteFailed as exc:
        failure = exc.error
    finally:
        if sink is not None:
            try:
                stream.close()
            except OSError as exc:
                failure = failure or exc
    if failure is not None:
        if sink is None:
            raise _stdout_failed(failure)
        raise _OutputError(f"cannot write {sink.path}: {failure.strerror or failure}") from None


def _stdout_failed(error: OSError) -> click.ClickException:
    """Standard output refused a record (e.g. ``> /dev/full``): silence it, say so in one line."""
    _silence_stdout()
    return _OutputError(f"cannot write standard output: {error.strerror or error}")


class _WriteFailed(Exception):
    """Writing a record failed (kept apart from OSErrors raised while reading or scoring)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _drain(
    reports: Iterator[Report],
    writer: ReportWriter | None,
    aggregator: SourceAggregator | None,
    note: _Notes,
    quiet: bool,
    total: int | None,
    tally: _Tally,
    signals: StopOnSignals,
    *,
    echo_errors: bool,
) -> None:
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: --jobs N forks workers only from a single-threaded process
    progress = tqdm(
        reports, total=total, file=sys.stderr, unit=" articles", disable=quiet or not sys.stderr.isatty()
    )
    for report in progress:
        with signals.hold():  # a signal now waits until the record is whole and counted
            if writer is not None:
                try:
                    writer.write(report)
                except BrokenPipeError:
                    raise
                except OSError as exc:
                    raise _WriteFailed(exc) from None
            tally.scored += 1
            tally.failed += bool(report.error)
        if report.error and echo_errors:
            note(f"error: {report.error}")
        if aggregator is not None:
            aggregator.add(report)
    progress.close()


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass
