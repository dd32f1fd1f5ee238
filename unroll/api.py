"""The library: `parse` gives a Thread, `convert` gives a document. The CLI only calls these."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError, UsageError
from .model import Thread
from .pipeline import ParseState, run
from .read import encoding_name, read_path
from .writers import format_of, render
from .writers.options import Options

Input = str | bytes | os.PathLike[str]


def _load(data: Input, name: str | None) -> tuple[bytes, str]:
    if isinstance(data, bytes):
        return data, name or "-"
    if isinstance(data, str):
        return data.encode("utf-8"), name or "-"
    path = Path(data)
    try:
        return read_path(path), name or str(path)
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror or err})") from None


def parse(data: Input, *, name: str | None = None, site: str | None = None,
          limit: int | None = None, encoding: str | None = None, strip: bool = False) -> Thread:
    """Parse one thread.

    `data` is the thread's text (str), the bytes of a saved file, or a path (pathlib.Path or
    os.PathLike; a plain str is text, never a path). A path must name a regular file of at
    most read.MAX_BYTES: a named pipe or a device is refused unread. `site` forces a site
    profile by name; `limit` forces the post length limit in X's weighted characters;
    `encoding` decodes the bytes with that encoding ("cp1251", "latin-1") instead of finding
    it out (a UsageError if Python knows no such text encoding). `strip` takes the author's
    asides out of the posts into `removed` (--commentary strip; annotate.strip.STRIP_RULE
    says which stay).
    """
    if encoding is not None:
        encoding = encoding_name(encoding)
        if isinstance(data, str):
            raise UsageError("encoding= is for bytes and files: a str is text already")
    return run(ParseState(*_load(data, name), site=site, limit=limit, encoding=encoding,
                          strip=strip))


def convert(data: Input, *, to: str = "md", name: str | None = None, site: str | None = None,
            limit: int | None = None, options: Options | None = None,
            encoding: str | None = None) -> str:
    """Parse one thread and render it as "md", "html", "json" or "jsonl", shaped by
    `options` (front matter, how asides show, numbering, an HTML fragment); `encoding` as
    for parse. The database ("db") holds many threads: a batch writes it (unroll convert
    ... -o FILE.db), not this."""
    if format_of(to).database:
        raise UsageError(f"format {to!r} is a database of many threads, not a document:"
                         " write it with a batch (unroll convert INPUT... -o FILE.db)")
    strip = options is not None and options.commentary == "strip"
    return render(parse(data, name=name, site=site, limit=limit, encoding=encoding,
                        strip=strip), to, options)
