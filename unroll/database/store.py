"""The one writer: threads (as the JSON contract's data) into the database, in transactions
of many threads.

A batch's workers parse and render; only this, in the batch's own process, writes. Each
thread's rows are inserted as it comes, into a transaction that is committed every EVERY
threads or FLUSH_SECONDS: after a crash, a `kill -9` or Ctrl-C the database holds the
threads of the transactions that were committed, each one whole, and none half-written
(SQLite's journal rolls back the rest). A thread whose input is already there is replaced in
the same transaction that adds its new rows, so that no input ever has two threads, or none.

Rows are inserted as they come rather than held until the commit: a transaction's worth of
rows held in Python made the cycle collector scan them all again and again. The inserts are
one executemany a table, of the INSERT that schema.insert_statement makes from the tables'
columns (sqlite-utils' insert_all looks at every value of every row in Python, to turn lists
and dicts into JSON, which costs more than SQLite's own work for rows that hold only str,
int and None); sqlite-utils makes the tables and does the deletes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path
from types import TracebackType
from typing import Any

from .rows import Ids, Input, Rows, add_thread
from .schema import FTS, connect, index_statement, insert_statement, make_indexes, unindex_statement

EVERY = 500
"""Threads a transaction holds at most: fewer transactions cost less (a commit syncs the
file), and a crash loses at most this many threads' work (never their inputs)."""
FLUSH_SECONDS = 2.0
"""A slow run commits at least this often, so that an interrupted one keeps its work."""

_CHILDREN = ("segments", "posts", "removed", "warnings")


@dataclass(slots=True)
class _Open:
    """The transaction being filled."""

    first: dict[str, int] = field(default_factory=dict)
    """The first id it gives each table with a full-text index: its rows from there on are
    indexed, all at once, when it is committed."""
    paths: set[str] = field(default_factory=set)
    count: int = 0


class ThreadStore:
    """The database at `path` (made, with its tables, if missing), open for adding threads.

    Use it as a context manager: leaving it normally commits the open transaction; leaving
    it on an exception (a second Ctrl-C) rolls back only that one, never a committed one.
    """

    def __init__(self, path: Path, *, every: int = EVERY,
                 seconds: float = FLUSH_SECONDS) -> None:
        self.db = connect(path, create=True)
        self.every, self.seconds = every, seconds
        self.version = f"unroll {version('unroll')}"
        """Which unroll converted the threads this run adds (threads.unroll_version)."""
        self._ids = self._next_ids()
        self._thread_ids: dict[str, int] = {}
        self._digests: dict[str, str] = {}
        for thread_id, source, sha256 in self.db.execute(
                "select id, path, sha256 from threads"):
            self._thread_ids[source] = thread_id
            self._digests[source] = sha256
        self._next_thread = max(self._thread_ids.values(), default=0) + 1
        self._indexed = bool(self._thread_ids)
        """Whether the child tables have their indexes (schema.DEFERRED): a new database
        gets them when this run ends; one that holds threads before any is added (a killed
        first run may have left them missing)."""
        if self._indexed:
            with self.db.atomic():
                make_indexes(self.db)
        self._open = _Open()
        self._flushed = time.monotonic()
        self._inserts = {table: insert_statement(table) for table in Rows().tables()}

    def _next_ids(self) -> Ids:
        def after(table: str) -> int:
            return int(self.db.execute(f"select coalesce(max(id), 0) + 1 from {table}")
                       .fetchone()[0])

        return Ids(post=after("posts"), segment=after("segments"), removed=after("removed"),
                   warning=after("warnings"))

    def stored(self) -> dict[str, str]:
        """The sha256 of every input the database holds a thread of, by input path."""
        return dict(self._digests)

    def add(self, data: dict[str, Any], given: Input) -> None:
        """Insert thread `data` (the JSON contract) of input `given` into the open
        transaction; it replaces the thread the database holds for that input path, if any.
        Commits when the transaction holds enough."""
        if given.path in self._open.paths:
            self.flush()  # the same input twice in one run: the later one wins, whole
        old = self._thread_ids.get(given.path)
        thread_id = self._next_thread if old is None else old
        stamp = (datetime.now(timezone.utc).isoformat(timespec="seconds"), self.version)
        rows = Rows()
        add_thread(rows, self._ids, data, thread_id, given, stamp)  # may refuse it
        if not self._open.count:
            self.db.conn.execute("begin")
            self._open.first = {"posts": rows.posts[0][0] if rows.posts else self._ids.post,
                                "segments": rows.segments[0][0] if rows.segments
                                else self._ids.segment}
        if old is None:
            self._thread_ids[given.path] = thread_id
            self._next_thread += 1
        else:
            self._remove([thread_id])
        for table, values in rows.tables().items():
            if values:
                self.db.conn.executemany(self._inserts[table], values)
        self._digests[given.path] = given.sha256
        self._open.paths.add(given.path)
        self._open.count += 1
        if (self._open.count >= self.every
                or time.monotonic() - self._flushed >= self.seconds):
            self.flush()

    def flush(self) -> None:
        """Index the open transaction's new rows and commit it."""
        opened, self._open = self._open, _Open()
        self._flushed = time.monotonic()
        if not opened.count:
            return
        for table in FTS:
            self.db.execute(index_statement(table), [opened.first[table]])
        self.db.conn.commit()

    def _remove(self, threads: list[int]) -> None:
        """Delete every row of `threads`, their index entries first."""
        for table in FTS:
            self.db.execute(unindex_statement(table, len(threads)), threads)
        marks = ", ".join("?" * len(threads))
        for table in _CHILDREN:
            self.db.table(table).delete_where(f"thread_id in ({marks})", threads)
        self.db.table("threads").delete_where(f"id in ({marks})", threads)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ThreadStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            if kind is None:
                self.flush()
                if not self._indexed:
                    with self.db.atomic():
                        make_indexes(self.db)
        finally:
            self.close()
