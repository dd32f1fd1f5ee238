"""The SQLite archive: every thread of a run in one database, with full-text search.

schema.py lays the tables out (documented in docs/database.md), rows.py turns the JSON
contract into rows and back, store.py is the one writer, search.py answers FTS5 queries and
export.py writes stored threads out as documents again.
"""

from __future__ import annotations

SUFFIXES = (".db", ".sqlite", ".sqlite3")
"""File names read as a database (`-o threads.db`, or an input to read back)."""

KINDS = ("source", "commentary")
"""What `unroll search --kind` limits a search to: a segment's kind."""
