"""Writing output files: atomically, never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import UnrollError


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A temporary file in `path`'s folder, renamed over `path` only once it is complete.

    An interrupted run leaves no half-written file: the temporary one is removed.
    """
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


def write_atomic(path: Path, document: str, *, force: bool) -> None:
    """Write `document` to `path` atomically; an existing file is kept unless `force`."""
    if path.is_dir():
        raise UnrollError("is a folder")
    if (path.exists() or path.is_symlink()) and not force:
        raise UnrollError("exists (use --force to overwrite it)")
    with atomic_file(path) as out:
        out.write(document.encode("utf-8"))
