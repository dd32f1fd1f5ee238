"""A batch run into the database: which inputs need converting, and each result's thread
handed to the one writer (store.ThreadStore).

Workers render each thread as the JSON contract (JSON Lines, the compact form) and hash the
input's bytes; this, in the batch's process, turns the line back into data and queues it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..batch import Result, Task, input_key
from ..errors import UnrollError, shown
from .rows import Input
from .store import ThreadStore


class DatabaseSink:
    """Where a batch's results go when the output is a database."""

    def __init__(self, store: ThreadStore, found: Sequence[tuple[str, str]],
                 output: str, force: bool) -> None:
        self.store = store
        self.output = output
        self.force = force
        self.relatives = dict(found)
        """Each input's path relative to what the user named (batch.collect's pairs)."""

    def plan(self, tasks: list[Task]) -> list[Task]:
        """The tasks as the database needs them: the input's bytes hashed, and (unless
        `force`) skipped when those bytes are the ones stored. Each is rendered as the
        format record of "db" says: the JSON contract, as a JSON Lines line."""
        stored = {} if self.force else self.store.stored()
        return [replace(task, digest=True, known=stored.get(input_key(task))) for task in tasks]

    def take(self, result: Result) -> Result:
        """Queue a converted result's thread; the result as the run reports it (failed, if
        the database cannot hold its thread)."""
        if result.document is None:
            return result
        source, sha256 = str(result.meta["source"]), str(result.meta["sha256"])
        relative = self.relatives.get(source)  # not a default: Path() for every thread
        given = Input(source, Path(source).name if relative is None else relative, sha256)
        try:
            self.store.add(json.loads(result.document), given)
        except UnrollError as err:
            return Result("failed", result.name, str(err))
        return result


    def kept(self, done: int) -> str:
        return f"{shown(self.output)} holds each of them whole"


@contextmanager
def database_sink(output: str, force: bool,
                  found: Sequence[tuple[str, str]]) -> Iterator[DatabaseSink]:
    """The database at `output`, open for a run (made if missing); what is queued is
    committed when the run ends, also when it was asked to stop. (A run adds to it; `force`
    rewrites the threads it holds, as its plan says.)"""
    with ThreadStore(Path(output)) as store:
        yield DatabaseSink(store, found, output, force)
