"""`unroll search`: FTS5 queries over the database's posts, or over its segments when the
search is limited to commentary, source or one speaker; ranked by bm25.

The query is SQLite's FTS5 syntax as written (phrases in quotes, `fund*`, `NEAR(a b, 5)`,
`text: word`, AND/OR/NOT): a query SQLite refuses is a SearchError, one line. Plain sqlite3,
not sqlite-utils: a search is one statement, and the process should be done before
sqlite-utils would have finished importing. For the same reason a hit and the filters are
NamedTuples, not dataclasses: `typing` is loaded already, while `dataclasses` (and making a
slotted dataclass) is a cost that every search would pay at start-up (benchmarks/README.md).
"""

from __future__ import annotations

import re
import sqlite3
from typing import NamedTuple

from ..errors import UnrollError

MARKS = ("\x02", "\x03")
"""What snippet() puts around each matching word: control characters, which thread text
hardly ever holds (the read stage refuses text with more than a few), so that a display can tell a
match from the text's own brackets and asterisks."""

_SINCE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class SearchError(UnrollError):
    """A query or filter SQLite cannot run: unbalanced quotes, an unknown column, ..."""


class Hit(NamedTuple):
    """One matching post (or segment of a post), as search shows it: its fields in the order
    of the columns the search's SELECT gives, so that a row is a Hit as it is."""

    thread: int
    path: str
    title: str | None
    author: str | None
    site: str | None
    date: str | None
    post: int
    """The post's number (n)."""
    kind: str | None
    """The matching segment's kind, for a search over segments; None for a post."""
    speaker: str | None
    snippet: str
    """The matching text around the match, each matching word between MARKS."""
    rank: float
    """bm25: lower is better."""


class Filters(NamedTuple):
    """What a search is limited to, beside its query."""

    kind: str | None = None
    speaker: str | None = None
    author: str | None = None
    """A handle, with or without its @; any case."""
    site: str | None = None
    since: str | None = None
    """Threads posted on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."""

    def over_segments(self) -> bool:
        return self.kind is not None or self.speaker is not None


NO_FILTERS = Filters()
"""A search of every post."""


def _where(filters: Filters) -> tuple[str, list[object]]:
    """The SQL conditions and parameters of `filters` (t: threads, s: segments)."""
    sql, params = "", list[object]()
    if filters.kind is not None:
        sql, params = sql + " and s.kind = ?", [*params, filters.kind]
    if filters.speaker is not None:
        sql, params = sql + " and s.speaker = ? collate nocase", [*params, filters.speaker]
    if filters.author is not None:
        sql += " and t.author_handle = ? collate nocase"
        params.append("@" + filters.author.lstrip("@"))
    if filters.site is not None:
        sql, params = sql + " and t.site = ?", [*params, filters.site]
    if filters.since is not None:
        if not _SINCE.fullmatch(filters.since):
            raise SearchError(f"--since {filters.since!r}: give a date as YYYY, YYYY-MM or"
                              " YYYY-MM-DD")
        sql, params = sql + " and t.date >= ?", [*params, filters.since]
    return sql, params


_JOINS = {
    "posts_fts": "join posts p on p.id = posts_fts.rowid",
    "segments_fts": "join segments s on s.id = segments_fts.rowid join posts p on p.id = s.post_id",
}
"""From a match to its post (and segment): what the shown fields and the filters read."""


def search(conn: sqlite3.Connection, query: str, filters: Filters = NO_FILTERS, *,
           limit: int = 20) -> list[Hit]:
    """The best `limit` matches of FTS5 `query`, best first (ties in the order they went in).

    Two steps: the best `limit` rowids by bm25, then the snippet and the thread's fields of
    those rows only. In one step SQLite computes the select list, snippet() and the joins
    included, for every match before it sorts them, and a common word matches a good part
    of the archive (benchmarks/README.md). The joins are in the first step only when a
    filter reads them."""
    table = "segments_fts" if filters.over_segments() else "posts_fts"
    where, params = _where(filters)
    best = (f"select {table}.rowid as id, bm25({table}) as rank from {table}"
            f" {_JOINS[table] + ' join threads t on t.id = p.thread_id' if where else ''}"
            f" where {table} match ?{where} order by rank, id limit ?")
    segment = "s.kind, s.speaker" if filters.over_segments() else "null, null"
    sql = (f"select t.id, t.path, t.title, t.author_handle, t.site, t.date, p.n, {segment},"
           f" snippet({table}, 0, ?, ?, '…', 24), best.rank"
           f" from ({best}) best cross join {table} on {table}.rowid = best.id"
           f" and {table} match ? {_JOINS[table]} join threads t on t.id = p.thread_id"
           f" order by best.rank, best.id")
    try:
        rows = conn.execute(sql, [*MARKS, query, *params, limit, query]).fetchall()
    except sqlite3.Error as err:
        raise SearchError(f"bad search query {query!r}: {err}") from None
    return [Hit._make(row) for row in rows]


def matching_threads(conn: sqlite3.Connection, query: str) -> set[int]:
    """The threads with a post that FTS5 `query` matches."""
    try:
        return {row[0] for row in conn.execute(
            "select distinct p.thread_id from posts_fts join posts p on p.id = posts_fts.rowid"
            " where posts_fts match ?", (query,))}
    except sqlite3.Error as err:
        raise SearchError(f"bad search query {query!r}: {err}") from None
