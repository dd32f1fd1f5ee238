"""Stage 6, render: one module per output format (FORMATS names them), loaded by writer()."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module

from ..errors import UsageError
from ..model import Thread
from .options import Options

Writer = Callable[[Thread, Options], Iterator[str]]

FORMATS: dict[str, str] = {
    "md": "Markdown (CommonMark)",
    "html": "a standalone HTML page",
    "json": "JSON, version 1 of the contract",
    "jsonl": "JSON Lines: a thread a line",
}
"""Every output format by name; this drives the CLI's --to choices and the dispatch."""

ALIASES: dict[str, str] = {"markdown": "md"}
"""Other names a format is known by, each to its name in FORMATS: accepted by -t (beside
FORMATS) and by `to=`, and read as that format everywhere after."""


def canonical(to: str) -> str:
    """The name in FORMATS of format `to`, which may be one of its ALIASES."""
    return ALIASES.get(to, to)


_WRITERS: dict[str, tuple[str, str]] = {
    "md": ("markdown", "stream"),
    "html": ("html", "stream"),
    "json": ("json", "stream"),
    "jsonl": ("json", "stream_line"),
}
"""The module and function of each format's writer, imported on first use: a run that writes
HTML never loads the other writers (start-up time, benchmarks/run.py). Each writer yields its
document in pieces (a post at a time), so a big thread is written out without first being held
whole as one string."""


def writer(to: str) -> Writer:
    """The writer of format `to`."""
    try:
        module, function = _WRITERS[canonical(to)]
    except KeyError:
        raise UsageError(f"unknown format {to!r} (known: {', '.join(FORMATS)})") from None
    found: Writer = getattr(import_module(f".{module}", __name__), function)
    return found


EXTENSIONS: dict[str, str] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
"""Output file extensions and the format each one implies."""

EXTENSIONS_FOR: dict[str, str] = {"md": ".md", "html": ".html", "json": ".json",
                                  "jsonl": ".jsonl"}
"""The extension a batch run gives each format's files."""


def stream(thread: Thread, to: str, options: Options | None = None) -> Iterator[str]:
    """The thread as a document in format `to`, in pieces whose concatenation is `render`."""
    write = writer(to)
    options = options or Options()
    if options.commentary == "strip":
        from ..strip import strip_commentary

        thread = strip_commentary(thread)
    return write(thread, options)


def render(thread: Thread, to: str, options: Options | None = None) -> str:
    """The thread as a document in format `to`, shaped by `options`."""
    return "".join(stream(thread, to, options))


# --- the SQLite database (issue 17): one output for the whole run, written by
# unroll.database's one writer, not by a writer of this package. Its records for the format
# registry: name, description, extensions, one output for the run.
FORMATS["db"] = "an SQLite database of every thread, with full-text search (unroll search)"
EXTENSIONS.update({".db": "db", ".sqlite": "db", ".sqlite3": "db"})
GATHERED: frozenset[str] = frozenset({"jsonl", "db"})
"""Formats that gather every thread of a run into one output (a file, or stdout)."""
