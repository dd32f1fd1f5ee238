"""Where a batch's results go: a file per input, one JSON Lines stream, or a database.

Every run has one sink, so the batch's loop is the same for every format. A gathered format's
record names the opener of its sink (`Format.sink`); the database's lives in unroll.database,
which builds on the batch, so it is looked up by name rather than imported here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from importlib import import_module
from pathlib import Path
from typing import Protocol

from ..errors import OutputError, shown
from ..writers import Format
from . import Result, Task, stop_requested
from .output import atomic_file


class Sink(Protocol):
    """What a batch run hands its tasks and results to."""

    def plan(self, tasks: list[Task]) -> list[Task]:
        """The tasks as this sink needs them run (a database skips what it holds)."""
        ...

    def take(self, result: Result) -> Result:
        """Keep what `result` holds; the result as the run reports it."""
        ...

    def kept(self, done: int) -> str:
        """What an interrupted run leaves behind, for its last line."""
        ...


Opener = Callable[[str, bool, Sequence[tuple[str, str]]], AbstractContextManager[Sink]]
"""A gathered format's sink, opened on (output, force, the inputs found as batch.collect's
(path, relative path) pairs)."""


class Discarded(Exception):
    """An interrupted run's JSON Lines file is not put in place."""


class FileSink:
    """A file per input, written by the workers; the index's entries, kept for the index."""

    def __init__(self, index: bool) -> None:
        self.index = index
        self.entries: list[dict[str, object]] = []

    def plan(self, tasks: list[Task]) -> list[Task]:
        return [replace(task, index=True) for task in tasks] if self.index else tasks

    def take(self, result: Result) -> Result:
        if self.index and result.status == "converted":
            self.entries.append(result.meta)  # kept only for the index
        return result

    def kept(self, done: int) -> str:
        return "no partial file was left"


class LineSink:
    """Each thread's JSON Lines line, to stdout or to one file."""

    def __init__(self, write: Callable[[bytes], object], output: str) -> None:
        self.write = write
        self.output = output

    def plan(self, tasks: list[Task]) -> list[Task]:
        return tasks

    def take(self, result: Result) -> Result:
        if result.document is not None:
            self.write(result.document)
        return result

    def kept(self, done: int) -> str:
        if self.output == "-":
            return f"{done} line{'s' * (done != 1)} went to stdout"
        return f"nothing was written to {shown(self.output)}"


@contextmanager
def lines(output: str, force: bool, found: Sequence[tuple[str, str]]) -> Iterator[Sink]:
    """JSON Lines to stdout, or to a file written atomically once every line is in (and kept,
    if one appeared meanwhile, unless `force`); an interrupted run's file is discarded."""
    if output == "-":
        yield LineSink(_to_stdout, output)
        _to_stdout(None)
        return
    with atomic_file(Path(output), force=force) as out:
        yield LineSink(out.write, output)
        if stop_requested():
            raise Discarded


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


def opener(fmt: Format) -> Opener:
    """The opener a gathered format's record names ("module:function")."""
    module, _, function = fmt.sink.partition(":")
    found: Opener = getattr(import_module(module), function)
    return found
