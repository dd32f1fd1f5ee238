"""Stage 6, render: one module per output format (REGISTRY lists them), loaded by writer()."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from ..errors import UsageError
from .options import Options

if TYPE_CHECKING:  # the model is loaded by what parses, not by the CLI's start-up
    from ..model import Thread

    Writer = Callable[[Thread, Options], Iterator[str]]


@dataclass(frozen=True, slots=True)
class Format:
    """One output format: everything the CLI, the batch and the index need to know of it."""

    name: str
    description: str
    module: str
    """The writer's module in this package, imported on first use: a run that writes HTML
    never loads the other writers (start-up time, benchmarks/run.py)."""
    function: str
    """The writer in that module: it yields the document in pieces (a post at a time), so a
    big thread is written out without first being held whole as one string."""
    extensions: tuple[str, ...]
    """The file extensions that imply it; a batch gives its files the first."""
    gathered: bool = False
    """Every thread of a run goes to one output (JSON Lines: a thread a line), so a batch
    writes no file per input and no index."""
    aliases: tuple[str, ...] = ()
    """Other names it is known by, accepted by -t and by `to=`."""
    index: str = "index.md"
    """The index page a batch writes beside the files (index.render_markdown or _html)."""
    database: bool = False
    """Every thread goes into one SQLite database, which a run adds to, by the database's one
    writer (unroll.database): no document, so render() and convert() refuse it."""
    sink: str = ""
    """For a gathered format, where a batch's results go: "module:function" of the opener
    (batch.sinks.Opener) of its sink, imported when a run uses it."""


REGISTRY: tuple[Format, ...] = (
    Format("md", "Markdown (CommonMark)", "markdown", "stream", (".md", ".markdown"),
           aliases=("markdown",)),
    Format("html", "a standalone HTML page", "html", "stream", (".html", ".htm"),
           index="index.html"),
    Format("json", "JSON, version 2 of the contract", "json", "stream", (".json",)),
    Format("jsonl", "JSON Lines: a thread a line", "json", "stream_line", (".jsonl",),
           gathered=True, sink="unroll.batch.sinks:lines"),
    # The SQLite database (issue 17): the workers render each thread as its JSON Lines line,
    # which unroll.database's one writer, in the batch's own process, turns into rows.
    Format("db", "an SQLite database of every thread, with full-text search (unroll search)",
           "json", "stream_line", (".db", ".sqlite", ".sqlite3"), gathered=True, database=True,
           sink="unroll.database.gather:database_sink"),
)
"""Every output format, one record each: a new format is one row here and its writer."""

INDEX_PAGES = frozenset(f.index for f in REGISTRY)
"""Every name an index page may have (a folder walk never takes one as input)."""

_BY_NAME: dict[str, Format] = {
    **{f.name: f for f in REGISTRY},
    **{alias: f for f in REGISTRY for alias in f.aliases},
}

FORMATS: dict[str, str] = {f.name: f.description for f in REGISTRY}
"""Every output format by name, with what it is (the public view of REGISTRY)."""

ALIASES: dict[str, str] = {alias: f.name for f in REGISTRY for alias in f.aliases}
"""Other names a format is known by, each to its name in FORMATS."""

EXTENSIONS: dict[str, str] = {ext: f.name for f in REGISTRY for ext in f.extensions}
"""Output file extensions and the format each one implies."""


def format_of(to: str) -> Format:
    """The record of format `to` (a name or an alias)."""
    try:
        return _BY_NAME[to]
    except KeyError:
        raise UsageError(f"unknown format {to!r} (known: {', '.join(FORMATS)})") from None


def canonical(to: str) -> str:
    """The name in FORMATS of format `to`, which may be one of its aliases."""
    return format_of(to).name


def writer(to: str) -> Writer:
    """The writer of format `to`."""
    fmt = format_of(to)
    found: Writer = getattr(import_module(f".{fmt.module}", __name__), fmt.function)
    return found


def stream(thread: Thread, to: str, options: Options | None = None) -> Iterator[str]:
    """The thread as a document in format `to`, in pieces whose concatenation is `render`."""
    write = writer(to)
    options = options or Options()
    if options.commentary == "strip" and not thread.asides_stripped:
        raise UsageError("commentary 'strip' shows a thread parsed with its asides stripped:"
                         " parse it with unroll.parse(..., strip=True)")
    return write(thread, options)


def render(thread: Thread, to: str, options: Options | None = None) -> str:
    """The thread as a document in format `to`, shaped by `options`."""
    return "".join(stream(thread, to, options))

