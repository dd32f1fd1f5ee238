"""The database's tables, indexes and full-text indexes, made with sqlite-utils.

Version SCHEMA_VERSION of the layout that docs/database.md documents; the version is kept in
the `meta` table, so that a later unroll can tell an older database apart (and refuse a newer
one rather than write rows it does not understand).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError, UnrollError, shown

if TYPE_CHECKING:
    from sqlite_utils import Database

SCHEMA_VERSION = 2
"""2: a turn's speaker on every segment of the turn (the JSON contract's version 2); a
database of version 1 is upgraded in place when it is first opened (upgrade.py)."""

FTS_TOKENIZER = "unicode61 remove_diacritics 2"
"""Words as Unicode letters and digits, accents folded ("café" finds "cafe"), no stemming:
a search finds the words written, as the thread's readers expect of a quote."""

_TABLES: dict[str, dict[str, type]] = {
    "threads": {"id": int, "path": str, "relative": str, "sha256": str, "name": str,
                "kind": str, "encoding": str, "site": str, "url": str, "title": str,
                "title_source": str, "date": str, "author_handle": str, "author_name": str,
                "post_count": int, "converted_at": str, "unroll_version": str, "captured": str},
    "posts": {"id": int, "thread_id": int, "position": int, "n": int, "marker": str,
              "text": str, "post_id": str, "url": str, "images": str, "links": str,
              "quoted": str, "date": str},
    "segments": {"id": int, "post_id": int, "thread_id": int, "position": int, "kind": str,
                 "speaker": str, "paragraph": int, "text": str},
    "removed": {"id": int, "thread_id": int, "position": int, "text": str, "rule": str},
    "warnings": {"id": int, "thread_id": int, "position": int, "code": str, "message": str,
                 "post": int},
}
"""Every table's columns, in order; `id` is each one's primary key."""

_PARENTS: dict[str, list[tuple[str, str, str]]] = {
    "posts": [("thread_id", "threads", "id")],
    "segments": [("post_id", "posts", "id"), ("thread_id", "threads", "id")],
    "removed": [("thread_id", "threads", "id")],
    "warnings": [("thread_id", "threads", "id")],
}

_NOT_NULL: dict[str, set[str]] = {
    "threads": {"path", "sha256", "name", "kind", "post_count", "converted_at"},
    "posts": {"thread_id", "position", "n", "text"},
    "segments": {"post_id", "thread_id", "position", "kind", "paragraph", "text"},
    "removed": {"thread_id", "position", "text", "rule"},
    "warnings": {"thread_id", "position", "code", "message"},
}

INDEXES: list[tuple[str, list[str], bool]] = [
    ("threads", ["path"], True),  # the re-run's lookup: one thread per input
    ("threads", ["author_handle"], False),
    ("threads", ["site"], False),
    ("threads", ["date"], False),
    ("posts", ["thread_id", "position"], True),
    ("segments", ["post_id", "position"], True),
    ("segments", ["thread_id"], False),
    ("segments", ["speaker"], False),
    ("removed", ["thread_id", "position"], True),
    ("warnings", ["thread_id", "position"], True),
    ("warnings", ["code"], False),
]
"""The lookups of replacing a thread (every child row by thread), of reading one back in
order, and of the filters of search and of users' SQL (speaker, author, site, date, warning
code). Not segments.kind: two values, so no query would use it, and every insert would pay."""

DEFERRED = frozenset({"posts", "segments", "removed", "warnings"})
"""The tables whose INDEXES a new database gets when its first run ends (make_indexes), not
before its rows go in: one CREATE INDEX sorts a table's keys once, where an index kept in
step pays a B-tree insert for every row (benchmarks/README.md). No lookup of a run into a
new database needs them (its ids and positions are the writer's own; the re-run's lookup is
threads.path, made at once). A run killed before its end leaves them missing, which changes
no query's answer, only its speed, and the next run into the database makes them first."""

FTS: dict[str, list[str]] = {"posts": ["text"], "segments": ["text", "speaker"]}
"""The full-text indexes (posts_fts, segments_fts: FTS5, external content), kept in step by
the writer: a transaction's new rows are indexed by one statement a table (index_statement),
a replaced thread's rows leave the index just before they leave their table. Triggers would
do the same a row at a time, at many times the cost (benchmarks/README.md)."""


NULLABLE: dict[str, frozenset[str]] = {
    "posts": frozenset({"marker", "post_id", "url", "images", "links", "quoted", "date"}),
    "segments": frozenset({"speaker"}),
}
"""The columns whose NULL a row gives as rows.NULL (the INSERT reads them through nullif):
those that most of a thread's rows leave empty."""


def insert_statement(table: str) -> str:
    """The INSERT of a whole row of `table`, its values in _TABLES' order of the columns
    (rows.Row), for the writer's executemany."""
    columns, nullable = list(_TABLES[table]), NULLABLE.get(table, frozenset())
    values = ", ".join("nullif(?, 0)" if c in nullable else "?" for c in columns)
    return f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) values ({values})"


def index_statement(table: str) -> str:
    """Index every row of `table` from a given id on (the ids the writer just inserted)."""
    columns = ", ".join(f"[{c}]" for c in FTS[table])
    return (f"insert into [{table}_fts] (rowid, {columns}) select id, {columns} from [{table}]"
            " where id >= ?")


def unindex_statement(table: str, threads: int) -> str:
    """Take the rows of `threads` threads (ids as parameters) out of `table`'s index: FTS5's
    'delete' command, given the values that were indexed."""
    columns = ", ".join(f"[{c}]" for c in FTS[table])
    return (f"insert into [{table}_fts] ([{table}_fts], rowid, {columns}) select 'delete', id,"
            f" {columns} from [{table}] where thread_id in ({', '.join('?' * threads)})")


WAL_PAGES = 16384
"""Pages (of 4 KiB) the write-ahead log may grow to before the writer copies it into the
database, where SQLite's default is 1,000: each copy syncs the file twice, and a page that
several transactions change (an index's last leaf, the full-text index's) is copied once a
copy, so a run that writes hundreds of MB copies and syncs far less often. A killed run
leaves the log, which the next connection applies: nothing committed is lost."""


class DatabaseError(UnrollError):
    """The database cannot be used: not SQLite, a newer layout, unreadable. One line."""


def connect(path: Path, *, create: bool) -> Database:
    """The database at `path`, its tables made if `create` (and missing); a DatabaseError if
    it is not one of ours, or is of a version this unroll does not know."""
    try:
        from sqlite_utils import Database
    except ImportError:
        raise DatabaseError("writing a database needs sqlite-utils: pip install"
                            " 'unroll[db]'") from None
    if not create and not path.is_file():
        raise DatabaseError(f"{shown(str(path))}: no such database")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(path.parent, err) from None
    try:
        db = Database(path, execute_plugins=False)
    except sqlite3.DatabaseError as err:
        raise DatabaseError(f"{shown(str(path))}: cannot be opened ({err})") from None
    try:
        _prepare(db, path, create)
    except BaseException:
        db.close()
        raise
    return db


def _prepare(db: Database, path: Path, create: bool) -> None:
    """Make the tables of a new database; check the version of any."""
    try:
        # The writer assigns every id and parent itself (rows.Ids), and its rows keep the
        # declared foreign keys by construction (tests: PRAGMA foreign_key_check): SQLite's
        # check of each child row's parents would only cost (benchmarks/README.md).
        db.execute("PRAGMA foreign_keys = OFF")
        if create and not db.table("meta").exists():
            if db.table_names():  # someone else's database: never written into
                raise DatabaseError(f"{shown(str(path))}: an SQLite database, but not one"
                                    " unroll made; give another file")
            _create(db)
            db.enable_wal()  # readers (Datasette, unroll search) go on while a run writes
        db.execute("PRAGMA synchronous = NORMAL")  # in WAL: a killed run loses nothing
        # committed, only a power cut may lose the last commits (never consistency)
        db.execute(f"PRAGMA wal_autocheckpoint = {WAL_PAGES}")
        _upgraded(db.conn, check_version(db.conn, path))
    except sqlite3.DatabaseError as err:
        raise DatabaseError(f"{shown(str(path))}: not an unroll database ({err})") from None


def open_read_only(path: Path) -> sqlite3.Connection:
    """The database at `path`, opened for reading only (a missing file is not made)."""
    if not path.is_file():
        raise DatabaseError(f"{shown(str(path))}: no such database")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        found = check_version(conn, path)
    except sqlite3.DatabaseError as err:
        raise DatabaseError(f"{shown(str(path))}: not an unroll database ({err})") from None
    if found < SCHEMA_VERSION:  # an older layout: upgraded once, then read as this one
        conn.close()
        try:
            with closing(sqlite3.connect(path)) as writable:
                _upgraded(writable, found)
        except sqlite3.Error as err:
            raise DatabaseError(f"{shown(str(path))}: made by an older unroll (schema version"
                                f" {found}) and cannot be upgraded ({err})") from None
        return open_read_only(path)
    return conn


def _upgraded(conn: sqlite3.Connection, found: int) -> None:
    """Bring a database of an older layout up to this one (upgrade.py)."""
    from ..writers.json import VERSION
    from .upgrade import upgrade

    upgrade(conn, found, SCHEMA_VERSION, VERSION)


def check_version(conn: sqlite3.Connection, path: Path) -> int:
    """The layout version of the database; refuse one that is not ours, or whose layout is
    newer than SCHEMA_VERSION."""
    try:
        row = conn.execute("select value from meta where key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:
        row = None
    if row is None:
        raise DatabaseError(f"{shown(str(path))}: not an unroll database (no meta table)")
    if int(row[0]) > SCHEMA_VERSION:
        raise DatabaseError(f"{shown(str(path))}: made by a newer unroll (schema version"
                            f" {row[0]}; this one reads {SCHEMA_VERSION}); upgrade unroll")
    return int(row[0])


def _create(db: Database) -> None:
    """Make every table, index and full-text index, in one transaction."""
    from importlib.metadata import version

    from ..writers.json import VERSION

    with db.atomic():
        db.table("meta").create({"key": str, "value": str}, pk="key")
        db.table("meta").insert_all([{"key": "schema_version", "value": str(SCHEMA_VERSION)},
                               {"key": "json_contract", "value": str(VERSION)},
                               {"key": "created_by", "value": f"unroll {version('unroll')}"}])
        for table, columns in _TABLES.items():
            db.table(table).create(columns, pk="id", not_null=_NOT_NULL[table],
                             foreign_keys=_PARENTS.get(table, []))
        make_indexes(db, deferred=False)
        for table, searched in FTS.items():
            db.table(table).enable_fts(searched, fts_version="FTS5",
                                 tokenize=FTS_TOKENIZER)


def make_indexes(db: Database, *, deferred: bool = True) -> None:
    """Make each index of INDEXES that the database lacks; those of DEFERRED tables only
    when `deferred`."""
    for table, indexed, unique in INDEXES:
        if deferred or table not in DEFERRED:
            db.table(table).create_index(indexed, unique=unique, if_not_exists=True)
