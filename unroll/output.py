"""Writing output files: atomically, never over an existing file unless asked."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import UnrollError


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A temporary file in `path`'s folder, renamed over `path` only once it is complete.

    An interrupted run leaves no half-written file: the temporary one is removed.
    """
    import tempfile  # with shutil and zlib, 4 ms of start-up that stdout never needs

    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise UnrollError(f"cannot write ({err.strerror or err})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, document: str | Iterable[str], *, force: bool) -> None:
    """Write `document` (a string, or its pieces) to `path` atomically; an existing file is
    kept unless `force`."""
    if path.is_dir():
        raise UnrollError("is a folder")
    if (path.exists() or path.is_symlink()) and not force:
        raise UnrollError("exists (use --force to overwrite it)")
    with atomic_file(path) as out:
        write_pieces(out.write, [document] if isinstance(document, str) else document)


BUFFER = 1 << 16
"""Pieces are gathered up to this many characters per write: few system calls, little held."""


def write_pieces(write: Callable[[bytes], object], pieces: Iterable[str]) -> None:
    """Write a document's pieces as UTF-8, in writes of about BUFFER characters."""
    held: list[str] = []
    size = 0
    for piece in pieces:
        held.append(piece)
        size += len(piece)
        if size >= BUFFER:
            write("".join(held).encode("utf-8"))
            held.clear()
            size = 0
    if held:
        write("".join(held).encode("utf-8"))
