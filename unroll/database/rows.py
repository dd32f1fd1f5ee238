"""The JSON contract as rows of the database's tables, and rows back as the contract.

The rows are made from the contract's data (what the JSON writer gives), never from a
Thread: the database holds what `-t json` writes, and nothing the contract lacks. A field
the contract gains that these tables do not yet hold is refused (UnknownField), never
dropped without a word.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..errors import UnrollError
from ..writers.json import VERSION

_THREAD_KEYS = frozenset({"unroll", "source", "title", "title_source", "date", "author",
                          "posts", "removed", "warnings"})
_SOURCE_KEYS = frozenset({"name", "kind", "site", "url", "encoding", "captured"})
_POST_KEYS = frozenset({"n", "marker", "text", "segments", "id", "url", "images", "links",
                        "quoted", "date"})

Row = tuple[Any, ...]
"""A row as the writer's INSERT takes it: its table's columns in schema._TABLES' order."""

NULL = 0
"""What a row holds for SQL NULL in the columns the INSERT reads through `nullif(?, 0)`
(schema.NULLABLE): the text columns that most rows leave empty. Python's sqlite3 looks for
an adapter for every None it binds, two failed attribute lookups each, and a post has five
such columns: that was a tenth of the writer's time (benchmarks/README.md). An integer 0
binds as it is, and is never equal to a text value in SQL, so no text turns into NULL."""


class UnknownField(UnrollError):
    """The thread has a field the database's tables have no column for."""


@dataclass(slots=True)
class Rows:
    """One thread's rows to insert, a list per table."""

    threads: list[Row] = field(default_factory=list)
    posts: list[Row] = field(default_factory=list)
    segments: list[Row] = field(default_factory=list)
    removed: list[Row] = field(default_factory=list)
    warnings: list[Row] = field(default_factory=list)

    def tables(self) -> dict[str, list[Row]]:
        """Each table's rows, parents before children (as the foreign keys need them)."""
        return {"threads": self.threads, "posts": self.posts, "segments": self.segments,
                "removed": self.removed, "warnings": self.warnings}


@dataclass(slots=True)
class Ids:
    """The next primary key of each child table: one writer assigns them, so that a post's
    segments can name it before anything is inserted."""

    post: int = 1
    segment: int = 1
    removed: int = 1
    warning: int = 1


@dataclass(frozen=True, slots=True)
class Input:
    """What the database records of the input beside its thread."""

    path: str
    """The input's path as given (the key a re-run looks a thread up by)."""
    relative: str
    """Its path relative to what the user named, as a batch names its output."""
    sha256: str


def _unknown(data: dict[str, Any], known: frozenset[str], where: str) -> None:
    if data.keys() <= known:  # no set made: this runs for every post
        return
    raise UnknownField(f"the database has no column yet for {where}"
                       f" {', '.join(sorted(data.keys() - known))}; use -t json or -t jsonl")


def add_thread(rows: Rows, ids: Ids, data: dict[str, Any], thread_id: int, given: Input,
               stamp: tuple[str, str]) -> None:
    """Append the rows of thread `data` (the JSON contract) to `rows`, as thread `thread_id`.
    `stamp`: when it was converted (ISO 8601, UTC) and by which unroll. A thread with a
    field the tables lack is refused (UnknownField) before anything is appended."""
    _unknown(data, _THREAD_KEYS, "thread field")
    _unknown(data["source"], _SOURCE_KEYS, "source field")
    for post in data["posts"]:
        _unknown(post, _POST_KEYS, "post field")
    source, author = data["source"], data["author"] or {}
    rows.threads.append((
        thread_id, given.path, given.relative, given.sha256, source["name"], source["kind"],
        source["encoding"], source["site"], source["url"], data["title"],
        data["title_source"], data["date"], author.get("handle"), author.get("name"),
        len(data["posts"]), stamp[0], stamp[1], source.get("captured")))
    _add_posts(rows, ids, data["posts"], thread_id)
    first = ids.removed
    rows.removed.extend((first + i, thread_id, i, r["text"], r["rule"])
                        for i, r in enumerate(data["removed"]))
    ids.removed += len(data["removed"])
    first = ids.warning
    rows.warnings.extend((first + i, thread_id, i, w["code"], w["message"], w["post"])
                         for i, w in enumerate(data["warnings"]))
    ids.warning += len(data["warnings"])


def _add_posts(rows: Rows, ids: Ids, posts: list[dict[str, Any]], thread_id: int) -> None:
    """The rows of a thread's posts and their segments. One loop with its ids in locals and
    a list comprehension a post, not a call a post: this runs for every post and segment
    of the archive, and the writer is the one process a run waits for."""
    post_id, segment_id = ids.post, ids.segment
    add_post, add_segments = rows.posts.append, rows.segments.extend
    for position, post in enumerate(posts):
        marker, id_, url = post["marker"], post["id"], post["url"]
        images, links, quoted = post["images"], post["links"], post["quoted"]
        add_post((
            post_id, thread_id, position, post["n"], NULL if marker is None else marker,
            post["text"], NULL if id_ is None else id_, NULL if url is None else url,
            _list(images) if images else NULL, _list(links) if links else NULL,
            _list(quoted) if quoted else NULL, post.get("date", NULL)))
        segments = post["segments"]
        add_segments([
            (segment_id + i, post_id, thread_id, i, s["kind"],
             NULL if (speaker := s["speaker"]) is None else speaker, s["paragraph"], s["text"])
            for i, s in enumerate(segments)])
        segment_id += len(segments)
        post_id += 1
    ids.post, ids.segment = post_id, segment_id


def _list(items: list[Any]) -> str:
    """A post's images, links or quoted addresses as JSON text (NULL, for none, is the
    caller's: most posts have none)."""
    return json.dumps(items, ensure_ascii=False)


# --- reading back ---------------------------------------------------------------------------

def contract(conn: sqlite3.Connection, thread_id: int) -> dict[str, Any]:
    """Thread `thread_id` as the JSON contract's data, from its rows."""
    conn.row_factory = sqlite3.Row
    head = conn.execute("select * from threads where id = ?", (thread_id,)).fetchone()
    segments: dict[int, list[dict[str, Any]]] = {}
    for s in conn.execute("select post_id, kind, text, speaker, paragraph from segments"
                          " where thread_id = ? order by post_id, position", (thread_id,)):
        segments.setdefault(s["post_id"], []).append(
            {"kind": s["kind"], "text": s["text"], "speaker": s["speaker"],
             "paragraph": s["paragraph"]})
    posts = [{"n": p["n"], "marker": p["marker"], "text": p["text"],
              "segments": segments.get(p["id"], []), "id": p["post_id"], "url": p["url"],
              "images": _unlist(p["images"]), "links": _unlist(p["links"]),
              "quoted": _unlist(p["quoted"]),
              **({"date": p["date"]} if p["date"] is not None else {})}
             for p in conn.execute("select * from posts where thread_id = ? order by position",
                                   (thread_id,))]
    return {
        "unroll": VERSION,
        "source": {"name": head["name"], "kind": head["kind"], "site": head["site"],
                   "url": head["url"], "encoding": head["encoding"],
                   **({"captured": head["captured"]} if head["captured"] is not None else {})},
        "title": head["title"], "title_source": head["title_source"], "date": head["date"],
        "author": ({"handle": head["author_handle"], "name": head["author_name"]}
                   if head["author_handle"] is not None else None),
        "posts": posts,
        "removed": [{"text": r["text"], "rule": r["rule"]} for r in conn.execute(
            "select text, rule from removed where thread_id = ? order by position",
            (thread_id,))],
        "warnings": [{"code": w["code"], "message": w["message"], "post": w["post"]}
                     for w in conn.execute("select code, message, post from warnings"
                                           " where thread_id = ? order by position",
                                           (thread_id,))],
    }


def _unlist(text: str | None) -> list[Any]:
    return json.loads(text) if text else []
