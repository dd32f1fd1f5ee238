"""Stage 6, render: one module per output format, chosen through FORMATS."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..errors import UsageError
from ..model import Thread
from . import html, json, markdown
from .options import Options

FORMATS: dict[str, Callable[[Thread, Options], Iterator[str]]] = {
    "md": markdown.stream,
    "html": html.stream,
    "json": json.stream,
    "jsonl": json.stream_line,
}
"""Every output format by name; this drives the CLI's --to choices and the dispatch. Each
writer yields its document in pieces (a post at a time), so a big thread is written out
without first being held whole as one string."""

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
    try:
        writer = FORMATS[to]
    except KeyError:
        raise UsageError(f"unknown format {to!r} (known: {', '.join(FORMATS)})") from None
    options = options or Options()
    if options.commentary == "strip":
        from ..strip import strip_commentary

        thread = strip_commentary(thread)
    return writer(thread, options)


def render(thread: Thread, to: str, options: Options | None = None) -> str:
    """The thread as a document in format `to`, shaped by `options`."""
    return "".join(stream(thread, to, options))
