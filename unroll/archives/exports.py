"""Platform exports (the X/Twitter archive, Mastodon's) as files: a ZIP or its unpacked folder,
read a JSON array item at a time, so that a big export is streamed, never loaded whole.
xarchive.py and mastodon.py read their platform's items from here.

The export is read twice: once for the few ids that make its threads (selfthreads.chains),
once for the posts of those threads, each thread handed on as soon as its last post is read.
"""

from __future__ import annotations

import codecs
import json
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from ..errors import InputError

_CHUNK = 1 << 20
MAX_ITEM = 16 << 20
"""The longest one item may be, in characters: a post is kilobytes, and an item that does not
end within this is broken JSON (read no further, lest the whole file be held)."""
_SPACE = " \t\r\n,"


class Bundle:
    """A ZIP file or a folder, read by the names inside it ("data/tweets.js")."""

    def __init__(self, path: str) -> None:
        self.path = path
        if os.path.isfile(path) and not zipfile.is_zipfile(path):
            self.path = os.path.dirname(path) or "."  # outbox.json itself: its folder
        self.zip = None if os.path.isdir(self.path) else _zip(path)

    def names(self) -> list[str]:
        if self.zip is not None:
            return self.zip.namelist()
        found = []
        for root, _dirs, files in os.walk(self.path):
            below = os.path.relpath(root, self.path)
            found += [name if below == "." else f"{below}/{name}".replace(os.sep, "/")
                      for name in files]
        return found

    def has(self, name: str) -> bool:
        if self.zip is not None:
            return name in set(self.zip.namelist())
        return os.path.isfile(os.path.join(self.path, name))

    @contextmanager
    def open(self, name: str) -> Iterator[IO[bytes]]:
        if self.zip is not None:
            with self.zip.open(name) as stream:
                yield stream
        else:
            with open(os.path.join(self.path, name), "rb") as stream:
                yield stream

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


def _zip(path: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise InputError(f"not a readable ZIP file ({err})") from None


def items(stream: IO[bytes], where: str, *, after: str = "") -> Iterator[Any]:
    """Each item of the first JSON array in `stream` after the text `after` (for the X
    archive's `window.YTD.tweets.part0 = [...]`, nothing; for an ActivityPub collection,
    '"orderedItems"'), decoded one at a time from a buffer of about a megabyte."""
    decoder = json.JSONDecoder()
    text = codecs.getincrementaldecoder("utf-8-sig")()
    buffer, at, ended = "", 0, False

    def more() -> bool:
        nonlocal buffer, at, ended
        chunk = stream.read(_CHUNK)
        ended = not chunk
        buffer = buffer[at:] + text.decode(chunk, final=ended)
        at = 0
        return not ended

    while (start := buffer.find("[", buffer.find(after) if after in buffer else len(buffer))) < 0:
        if not more():
            raise InputError(f"{where}: no list of items found (not an export of this kind?)")
    at = start + 1
    while True:
        while at < len(buffer) and buffer[at] in _SPACE:
            at += 1
        if at >= len(buffer):
            if more():
                continue
            raise InputError(f"{where}: ends inside its list of items (cut short?)")
        if buffer[at] == "]":
            return
        try:
            item, at = decoder.raw_decode(buffer, at)
        except json.JSONDecodeError as err:
            if len(buffer) - at <= MAX_ITEM and more():
                continue
            raise InputError(f"{where}: not valid JSON ({err.msg})") from None
        yield item
