"""A database of an older layout brought up to SCHEMA_VERSION, in place, in one transaction.

Version 1 set a turn's speaker on its first segment only (the JSON contract's version 1);
version 2 sets it on every segment of the turn, as the contract's version 2 does. The rows
of a version 1 database are given their speakers by the contract's own rule for version 1
documents (contract.turns_of_version_1), so a database reads back as its inputs convert now,
and its search by `--speaker` finds whole turns. Nothing else differs between the versions.
"""

from __future__ import annotations

import itertools
import operator
import sqlite3
from typing import Any

from ..contract import turns_of_version_1


def upgrade(conn: sqlite3.Connection, found: int, to: int, contract: int) -> None:
    """Bring the database of layout version `found` up to version `to` (and its meta's
    json_contract to `contract`), all of it or, on any error, nothing."""
    if found >= to:
        return
    with conn:  # one transaction: committed whole, or rolled back
        changed = _whole_turns(conn)
        if changed:
            _respeak(conn, changed)
        conn.execute("update meta set value = ? where key = 'schema_version'", (str(to),))
        conn.execute("update meta set value = ? where key = 'json_contract'", (str(contract),))


def _whole_turns(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(speaker, id) of each segment that a turn's speaker now covers: only the posts that
    hold a turn are read."""
    rows = conn.execute(
        "select id, post_id, speaker, paragraph, text from segments where post_id in"
        " (select post_id from segments where speaker is not null) order by post_id, position")
    changed: list[tuple[str, int]] = []
    for _, post in itertools.groupby(rows, key=operator.itemgetter(1)):
        segments: list[dict[str, Any]] = [
            {"id": r[0], "speaker": r[2], "paragraph": r[3], "text": r[4]} for r in post]
        before = [s["speaker"] for s in segments]
        if turns_of_version_1(segments):
            changed.extend((s["speaker"], s["id"]) for s, was in zip(segments, before, strict=True)
                           if s["speaker"] != was)
    return changed


def _respeak(conn: sqlite3.Connection, changed: list[tuple[str, int]]) -> None:
    """Set the segments' speakers, and keep the full-text index (external content, which
    indexes the speaker too) in step: each row leaves it with its old values, and comes
    back with its new ones."""
    ids = [(id_,) for _, id_ in changed]
    conn.executemany("insert into segments_fts (segments_fts, rowid, text, speaker)"
                     " select 'delete', id, text, speaker from segments where id = ?", ids)
    conn.executemany("update segments set speaker = ? where id = ?", changed)
    conn.executemany("insert into segments_fts (rowid, text, speaker)"
                     " select id, text, speaker from segments where id = ?", ids)
