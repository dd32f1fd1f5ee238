"""Reading back: the database's threads written out as documents again.

Each stored thread is rebuilt as the JSON contract from its rows (rows.contract), made a
Thread (contract.thread_from_dict) and rendered by the writers, so that `threads.db -> json`
is byte for byte what converting the inputs gave, and the database is an archive that can be
turned back into every format, not a side copy.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ..batch import plan
from ..batch.output import atomic_file, write_atomic
from ..contract import thread_from_dict
from ..errors import OutputError, UnrollError, UsageError, shown
from ..model import Thread
from ..writers import render
from ..writers.options import Options
from .rows import contract
from .schema import open_read_only
from .search import matching_threads


def selected(conn: sqlite3.Connection, *, where: str | None = None,
             query: str | None = None) -> list[tuple[int, str, str]]:
    """(id, path, relative) of the threads that `where` (an SQL condition on the threads
    table) and `query` (an FTS5 query: threads with a post that matches) select; all of them
    when neither is given. In the order they went in."""
    sql = "select id, path, relative from threads"
    if where:
        sql += f" where ({where})"
    try:
        rows = [(int(r[0]), str(r[1]), str(r[2])) for r in conn.execute(sql + " order by id")]
    except sqlite3.Error as err:
        raise UsageError(f"--where {where!r}: {err}") from None
    if query is None:
        return rows
    matched = matching_threads(conn, query)
    return [row for row in rows if row[0] in matched]


def threads(conn: sqlite3.Connection, ids: list[int]) -> Iterator[Thread]:
    """Each thread of `ids`, rebuilt from its rows."""
    for thread_id in ids:
        yield thread_from_dict(contract(conn, thread_id))


def _shown(threads: Iterator[Thread], options: Options) -> Iterator[Thread]:
    """The threads as `options` shows them: stored with their asides, stripped if asked."""
    if options.commentary != "strip":
        yield from threads
        return
    from ..annotate.strip import strip_commentary

    for thread in threads:
        yield strip_commentary(thread)


def run_export(database: str, fmt: str, output: str, *, folder: bool, force: bool,
               where: str | None, query: str | None, options: Options, quiet: bool) -> int:
    """Write the selected threads of `database` as `fmt` documents into folder `output`
    (named as a batch names them), or as JSON Lines into `output` ('-': stdout); report as a
    batch does; return the exit code."""
    try:
        conn = open_read_only(Path(database))
        chosen = selected(conn, where=where, query=query)
        if fmt == "jsonl" and not folder:
            _lines(conn, [c[0] for c in chosen], output, force, options)
            written, skipped = len(chosen), 0
        else:
            written, skipped = _documents(conn, chosen, fmt, Path(output), force, options)
    except UnrollError as err:  # SearchError among them
        click.echo(f"unroll: error: {err}", err=True)
        return 1
    if not quiet:
        kept = f", {skipped} skipped (they exist: --force overwrites them)" if skipped else ""
        click.echo(f"unroll: {written} written from {shown(database)}{kept}", err=True)
    return 0


def _documents(conn: sqlite3.Connection, chosen: list[tuple[int, str, str]], fmt: str,
               out: Path, force: bool, options: Options) -> tuple[int, int]:
    tasks = plan([(path, relative) for _, path, relative in chosen], out, fmt)
    written = skipped = 0
    for task, thread in zip(tasks, _shown(threads(conn, [c[0] for c in chosen]), options),
                            strict=True):
        assert task.target is not None
        target = Path(task.target)
        if target.exists() and not force:
            skipped += 1
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(target.parent, err) from None
        write_atomic(target, render(thread, fmt, options), force=force)
        written += 1
    return written, skipped


def _lines(conn: sqlite3.Connection, ids: list[int], output: str, force: bool,
           options: Options) -> None:
    if output == "-":
        out = sys.stdout.buffer
        for thread in _shown(threads(conn, ids), options):
            out.write(render(thread, "jsonl", options).encode("utf-8"))
        out.flush()
        return
    with atomic_file(Path(output), force=force) as file:
        for thread in _shown(threads(conn, ids), options):
            file.write(render(thread, "jsonl", options).encode("utf-8"))
