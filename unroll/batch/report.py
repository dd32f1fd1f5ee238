"""A batch run as the user sees it: progress on stderr, the summary, the warnings file, and
the exit code.

rich is imported only here, and only when stderr is a terminal.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Protocol

import click

from .. import archives, batch
from ..errors import UnrollError, UsageError, shown
from ..writers import INDEX_PAGES, format_of
from ..writers.options import Options
from . import Collected, LeftOut, Result, sinks
from .output import atomic_file, write_atomic

MAX_FAILURES_SHOWN = 20
"""The summary fits one screen: further failures are counted, not listed."""

LEFT_OUT_ORDER: tuple[str, ...] = (batch.OWN_OUTPUT, batch.NOT_A_CLIP, batch.OTHER_TYPE,
                                   batch.HIDDEN, batch.LINKED_FOLDER)
"""The order in which the summary gives the reasons files were left out."""

_PLURALS = {batch.NOT_A_CLIP: "not thread clips", batch.OTHER_TYPE: "of other file types",
            batch.LINKED_FOLDER: "symbolic links to folders"}

# Archives (issue 18): why a web archive's captures are left out, after the files' reasons.
LEFT_OUT_ORDER += (*archives.warc.REASONS, archives.NOT_RECOGNISED)
_PLURALS.update(archives.warc.PLURALS)
_PLURALS[archives.NOT_RECOGNISED] = "not pages any site profile recognises"


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM ask the batch to stop (batch.request_stop): it abandons what has
    written nothing, finishes what it is writing, and the run ends with what was done. A
    second one stops at once (KeyboardInterrupt)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals are the main thread's; a library caller elsewhere has its own ways
        return
    asked = 0

    def handler(signum: int, frame: FrameType | None) -> None:
        nonlocal asked
        asked += 1
        if asked > 1:
            raise KeyboardInterrupt
        batch.request_stop()

    previous = {signum: signal.signal(signum, handler)
                for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


@contextmanager
def _warnings_sink(path: str | None) -> Iterator[Callable[[Result], None]]:
    """Where each converted thread's warnings go: FILE of --warnings (written atomically, put
    in place when the run ends, also when it was interrupted: it then lists the warnings of
    what was written), or nowhere."""
    if path is None:
        yield lambda result: None
        return
    with atomic_file(Path(path), force=True) as out:
        def note(result: Result) -> None:
            if result.warnings:
                out.write("".join(warning_lines(result)).encode("utf-8"))

        yield note


def warning_lines(result: Result) -> Iterator[str]:
    """The lines --warnings writes for one thread: file, code, post (empty when the warning
    concerns no one post) and message, tab-separated; a tab or line break inside a field is
    written as \\t, \\n or \\r, so that each warning is one line of four fields."""
    name = _field(result.name)
    for note in result.warnings:
        post = "" if note.post is None else str(note.post)
        yield f"{name}\t{_field(note.code)}\t{post}\t{_field(note.message)}\n"


def _field(text: str) -> str:
    if "\t" in text or "\n" in text or "\r" in text:
        return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


@dataclass(slots=True)
class _Tally:
    """What the run did, as the summary reports it."""

    quiet: bool
    counts: dict[str, int] = field(
        default_factory=lambda: {"converted": 0, "skipped": 0, "failed": 0, "left out": 0})
    failures: list[tuple[str, str]] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    warned: int = 0
    """Converted threads that had warnings."""

    def add(self, result: Result) -> None:
        self.counts[result.status] += 1
        if result.status == "failed":
            self.failures.append((result.name, result.message))
            if self.quiet:  # otherwise the summary lists it
                click.echo(f"unroll: error: {result.name}: {result.message}", err=True)
        elif result.status == "left out":
            self.left_out.append(LeftOut(result.name, result.message,
                                         batch.NOT_A_CLIP_DETAIL
                                         if result.message == batch.NOT_A_CLIP else ""))
        elif result.status == "converted" and result.warnings:
            self.warned += 1


class Engine(Protocol):
    """Where a batch's work runs, if not in this machine's processes (batch.collect, plan and
    results): unroll.dask's ClusterEngine runs it on a Dask cluster, and the run is reported
    here all the same."""

    parts: bool
    """JSON Lines go to one file per partition under -o, written by the workers, instead of
    one file (or stdout) gathered here."""

    def collect(self, inputs: list[str], *, own: Sequence[str] = (),
                reading: archives.Reading | None = None) -> Collected: ...

    def plan(self, found: list[tuple[str, str]], out: Path | None, to: str, *,
             site: str | None = None, limit: int | None = None, force: bool = False,
             update: bool = False, options: Options | None = None,
             walked: Collection[str] = (),
             members: dict[tuple[str, str], tuple[str, archives.Member]] | None = None,
             ) -> list[batch.Task]: ...

    def results(self, tasks: list[batch.Task], jobs: int) -> Iterator[Result]: ...


def run_batch(inputs: list[str], to: str, output: str, *, force: bool, update: bool,
              site: str | None, limit: int | None, jobs: int, index: bool, quiet: bool,
              options: Options | None = None, warnings: str | None = None,
              verbose: bool = False, reading: archives.Reading | None = None,
              listing: bool = False, engine: Engine | None = None) -> int:
    """Convert every input; report failures and a summary; return the exit code.

    `warnings`: a file to write every converted thread's warnings to, one a line. `verbose`:
    list the files that were left out, not only count them. `reading`: how archives are read.
    `listing`: convert nothing; list what would be converted, one line each, on stdout.
    `engine`: where the work runs (default: this machine's processes, `jobs` of them)."""
    collect, plan, results = (engine.collect, engine.plan, engine.results) if engine \
        else (batch.collect, batch.plan, batch.results)
    fmt = format_of(to)
    gathered = fmt.database or (fmt.gathered and not (engine and engine.parts))  # one output
    out = None if gathered else Path(output)
    if warnings is not None:
        _check_warnings_file(warnings, inputs, to, output)
    collected = collect(inputs, own=_own_outputs(to, output, index, warnings), reading=reading)
    one_file = gathered and not fmt.database  # a database is added to, not overwritten
    if not _may_write(out, one_file, output, force):
        return 1
    try:
        tasks = plan(collected.found, out, to, site=site, limit=limit, force=force,
                     update=update, options=options, walked=collected.walked,
                     members=collected.members)
    except UsageError as err:
        raise click.UsageError(str(err)) from None
    tally = _tally_of(collected, quiet)
    if listing:
        return _list(tasks, tally, verbose, quiet)
    files = sinks.FileSink(index)
    opened = sinks.opener(fmt)(output, force, collected.found) if gathered \
        else nullcontext(files)
    sink, failed = _run(tasks, results, jobs, opened, warnings, tally)
    if failed is not None:
        return failed
    return _finish(tally, len(tasks), sink, files.entries if index else None, out, to,
                   verbose=verbose, warnings=warnings)


def _may_write(out: Path | None, one_file: bool, output: str, force: bool) -> bool:
    """Whether the run may write where -o says: a folder that is one, and one file that does
    not exist unless --force (said on stderr where it may not)."""
    if out is not None and out.exists() and not out.is_dir():
        raise click.UsageError(f"-o {shown(output)} exists and is not a folder")
    if one_file and output != "-" and Path(output).exists() and not force:
        click.echo(f"unroll: error: {shown(output)}: exists (use --force to overwrite it)",
                   err=True)
        return False
    return True


def _tally_of(collected: Collected, quiet: bool) -> _Tally:
    """The run's tally, begun with the inputs the collection left out or could not read
    (those said at once where --quiet shows no summary)."""
    tally = _Tally(quiet, left_out=list(collected.left_out))
    tally.counts["failed"] = len(collected.failed)
    tally.failures = [(r.name, r.message) for r in collected.failed]
    if quiet:
        for result in collected.failed:
            click.echo(f"unroll: error: {result.name}: {result.message}", err=True)
    return tally


def _run(tasks: list[batch.Task], results: Callable[[list[batch.Task], int], Iterator[Result]],
         jobs: int, opened: AbstractContextManager[sinks.Sink], warnings: str | None,
         tally: _Tally) -> tuple[sinks.Sink | None, int | None]:
    """Run the tasks into the sink, counting each result; the sink, and the exit code of a
    run that could not go on (None when it ended, done or asked to stop)."""
    batch.reset_stop()
    sink = None
    try:
        with _warnings_sink(warnings) as note:
            try:
                with _stop_on_signals(), \
                        _progress(len(tasks), not tally.quiet and sys.stderr.isatty()) \
                        as advance, opened as sink:
                    for result in results(sink.plan(tasks), jobs):
                        result = sink.take(result)
                        tally.add(result)
                        note(result)
                        advance()
            except sinks.Discarded:
                pass  # its kept() says so
    except BrokenPipeError:
        # The reader of the JSON Lines went away (`| head`): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return sink, 1
    except UnrollError as err:  # the output cannot be written: a full disk, say
        click.echo(f"unroll: error: {err}", err=True)
        return sink, 1
    except KeyboardInterrupt:  # asked twice: stopped at once
        click.echo(f"unroll: interrupted again: stopped at once after converting"
                   f" {tally.counts['converted']} of {len(tasks)} (a file being written then"
                   " may be there too)", err=True)
        return sink, 130
    return sink, None


def _finish(tally: _Tally, total: int, sink: sinks.Sink | None,
            entries: list[dict[str, object]] | None, out: Path | None, to: str, *,
            verbose: bool, warnings: str | None) -> int:
    """The run's last lines (an interrupted run's, or the index and the summary) and its exit
    code."""
    if batch.stop_requested():
        done = tally.counts["converted"]
        click.echo(f"unroll: interrupted after converting {done} of {total};"
                   f" {sink.kept(done) if sink else 'nothing was written'}", err=True)
        if not tally.quiet:
            _details(tally, verbose, warnings, stopped=True)
        return 130
    code = 1 if tally.counts["failed"] else 0
    if entries is not None and out is not None:
        try:
            _write_index(entries, out, to)
        except UnrollError as err:
            click.echo(f"unroll: error: {err}", err=True)
            code = 1
    if not tally.quiet:
        _summary(tally, verbose, warnings)
    return code


def _list(tasks: list[batch.Task], tally: _Tally, verbose: bool, quiet: bool) -> int:
    """--list: each input a batch would convert, one line each (its name, a tab, its output
    where it has one of its own), then what was left out or could not be read, on stderr."""
    for task in tasks:
        click.echo(task.name + (f"\t{shown(task.target)}" if task.target else ""))
    if not quiet:
        click.echo(f"unroll: {len(tasks)} to convert, {tally.counts['failed']} failed",
                   err=True)
        _details(tally, verbose, None)
    return 1 if tally.counts["failed"] else 0


def _check_warnings_file(path: str, inputs: list[str], to: str, output: str) -> None:
    """--warnings FILE is replaced on each run: it must not be a folder, an input or the
    JSON Lines output."""
    if Path(path).is_dir():
        raise click.UsageError(f"--warnings {shown(path)} is a folder; give a file")
    if not Path(path).exists():
        return
    named = [*inputs, output] if format_of(to).gathered and output != "-" else inputs
    for given in named:
        try:
            same = os.path.samefile(given, path)
        except OSError:
            continue
        if same:
            what = "the JSON Lines output" if given == output and format_of(to).gathered \
                else "an input"
            raise click.UsageError(f"--warnings {shown(path)} is {what}; give another file")


def _own_outputs(to: str, output: str, index: bool, warnings: str | None) -> list[str]:
    """What this run writes, which its folder walks must not take as input."""
    own = [] if output == "-" else [output]
    if index and not format_of(to).gathered:
        own += [os.path.join(output, page) for page in sorted(INDEX_PAGES)]
    if warnings is not None:
        own.append(warnings)
    return own


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


def _summary(tally: _Tally, verbose: bool, warnings: str | None) -> None:
    counts = tally.counts
    click.echo(f"unroll: {counts['converted']} converted, {counts['skipped']} skipped,"
               f" {counts['failed']} failed", err=True)
    _details(tally, verbose, warnings)


def _details(tally: _Tally, verbose: bool, warnings: str | None, *,
             stopped: bool = False) -> None:
    """The summary after its first line: failures, threads with warnings, files left out."""
    counts = tally.counts
    if stopped and (counts["skipped"] or counts["failed"]):
        click.echo(f"unroll: before it stopped: {counts['skipped']} skipped,"
                   f" {counts['failed']} failed", err=True)
    for name, message in tally.failures[:MAX_FAILURES_SHOWN]:
        click.echo(f"  {name}: {message}", err=True)
    if len(tally.failures) > MAX_FAILURES_SHOWN:
        click.echo(f"  ... and {len(tally.failures) - MAX_FAILURES_SHOWN} more", err=True)
    if tally.warned:
        where = f"listed in {shown(warnings)}" if warnings is not None \
            else "--warnings FILE lists them"
        click.echo(f"unroll: {tally.warned} with warnings ({where})", err=True)
    if tally.left_out:
        reasons = Counter(item.reason for item in tally.left_out)
        parts = [f"{reasons[r]} {r if reasons[r] == 1 else _PLURALS.get(r, r)}"
                 for r in LEFT_OUT_ORDER if reasons[r]]
        click.echo(f"unroll: {len(tally.left_out)} left out: {', '.join(parts)}"
                   + ("" if verbose else " (-v lists them)"), err=True)
        if verbose:
            for item in sorted(tally.left_out):
                detail = f" ({item.detail})" if item.detail else ""
                click.echo(f"  {item.name}: {item.reason}{detail}", err=True)


def _write_index(entries: list[dict[str, object]], out: Path, to: str) -> None:
    from ..writers import index

    page = format_of(to).index
    render = index.render_html if page.endswith(".html") else index.render_markdown
    write_atomic(out / page, render(entries, out), force=True)
