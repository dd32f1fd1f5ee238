"""A batch run as the user sees it: progress on stderr, the summary, and the exit code.

rich is imported only here, and only when stderr is a terminal.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import click

from . import batch
from .batch import Result
from .errors import OutputError, UnrollError, UsageError, shown
from .output import atomic_file, write_atomic
from .writers.options import Options

MAX_FAILURES_SHOWN = 20
"""The summary fits one screen: further failures are counted, not listed."""


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops a batch the way Ctrl-C does: running work finishes, the rest is cancelled."""
    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _jsonl_sink(output: str, force: bool) -> Iterator[Callable[[bytes], object]]:
    """A write to stdout, or to a file written atomically once every line is in (and kept, if
    one appeared meanwhile, unless `force`)."""
    if output == "-":
        yield _to_stdout
        _to_stdout(None)
        return
    with atomic_file(Path(output), force=force) as out:
        yield out.write


def _to_stdout(data: bytes | None) -> None:
    """Write `data` to stdout (None: flush it). A failure other than the reader going away
    (a full disk) is an OutputError naming stdout, and stdout then goes to /dev/null, so that
    the flush at exit does not fail again."""
    try:
        if data is None:
            sys.stdout.buffer.flush()
        else:
            sys.stdout.buffer.write(data)
    except BrokenPipeError:
        raise
    except OSError as err:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise OutputError("stdout", err) from None


def run_batch(inputs: list[str], to: str, output: str, *, force: bool, update: bool,
              site: str | None, limit: int | None, jobs: int, index: bool, quiet: bool,
              options: Options | None = None) -> int:
    """Convert every input; report failures and a summary; return the exit code."""
    found, failed = batch.collect(inputs)
    out = None if to == "jsonl" else Path(output)
    if out is not None and out.exists() and not out.is_dir():
        raise click.UsageError(f"-o {shown(output)} exists and is not a folder")
    if to == "jsonl" and output != "-" and Path(output).exists() and not force:
        click.echo(f"unroll: error: {shown(output)}: exists (use --force to overwrite it)",
                   err=True)
        return 1
    try:
        tasks = batch.plan(found, out, to, site=site, limit=limit, force=force, update=update,
                           options=options)
    except UsageError as err:
        raise click.UsageError(str(err)) from None
    counts = {"converted": 0, "skipped": 0, "failed": len(failed)}
    failures = [(r.name, r.message) for r in failed]
    entries: list[dict[str, object]] = []
    if quiet:
        for result in failed:
            click.echo(f"unroll: error: {result.name}: {result.message}", err=True)
    show = not quiet and sys.stderr.isatty()
    try:
        with _sigterm_as_interrupt(), _progress(len(tasks), show) as advance:
            if to == "jsonl":
                with _jsonl_sink(output, force) as write:
                    for result in batch.results(tasks, jobs):
                        _count(result, counts, failures, quiet)
                        if result.document is not None:
                            write(result.document)
                        advance()
            else:
                for result in batch.results(tasks, jobs):
                    _count(result, counts, failures, quiet)
                    if index and result.status == "converted":
                        entries.append(result.meta)  # kept only for the index
                    advance()
    except BrokenPipeError:
        # The reader of the JSON Lines went away (`| head`): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except UnrollError as err:  # the JSON Lines cannot be written: a full disk, say
        click.echo(f"unroll: error: {err}", err=True)
        return 1
    except KeyboardInterrupt:
        done = counts["converted"]
        click.echo(f"unroll: interrupted after converting {done} of {len(tasks)}; no partial"
                   " file was left", err=True)
        return 130
    code = 1 if counts["failed"] else 0
    if index and out is not None:
        try:
            _write_index(entries, out, to)
        except UnrollError as err:
            click.echo(f"unroll: error: {err}", err=True)
            code = 1
    if not quiet:
        _summary(counts, failures)
    return code


def _count(result: Result, counts: dict[str, int], failures: list[tuple[str, str]],
           quiet: bool) -> None:
    counts[result.status] += 1
    if result.status == "failed":
        failures.append((result.name, result.message))
        if quiet:  # otherwise the summary lists it
            click.echo(f"unroll: error: {result.name}: {result.message}", err=True)


@contextmanager
def _progress(total: int, show: bool) -> Iterator[Callable[[], None]]:
    if not show:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed:,.0f} threads/s" if task.speed else "")

    columns = (BarColumn(), MofNCompleteColumn(), Rate(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("converting", total=total)
        yield lambda: bar.advance(task)


def _summary(counts: dict[str, int], failures: list[tuple[str, str]]) -> None:
    click.echo(f"unroll: {counts['converted']} converted, {counts['skipped']} skipped,"
               f" {counts['failed']} failed", err=True)
    for name, message in failures[:MAX_FAILURES_SHOWN]:
        click.echo(f"  {name}: {message}", err=True)
    if len(failures) > MAX_FAILURES_SHOWN:
        click.echo(f"  ... and {len(failures) - MAX_FAILURES_SHOWN} more", err=True)


def _write_index(entries: list[dict[str, object]], out: Path, to: str) -> None:
    from .writers import index

    if to == "html":
        write_atomic(out / "index.html", index.render_html(entries, out), force=True)
    else:
        write_atomic(out / "index.md", index.render_markdown(entries, out), force=True)
