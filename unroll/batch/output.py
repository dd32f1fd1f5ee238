"""Writing output files: atomically, never over an existing file unless asked."""

from __future__ import annotations

import errno
import glob
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ..errors import OutputError, OutputExists, UnrollError


@contextmanager
def atomic_file(path: Path, *, force: bool) -> Iterator[BinaryIO]:
    """A temporary file in `path`'s folder, put in place as `path` only once it is complete:
    hard-linked there, which fails if `path` exists (OutputExists), so that a file made
    meanwhile, by another run say, is never replaced; with `force`, renamed over it.

    The temporary file is created as any program creates a file, mode 0o666 less the umask
    (mkstemp's 0600 would survive the rename). An interrupted run leaves no half-written file:
    the temporary one is removed. An OSError while it is written (a full disk, a read-only
    file system) is an OutputError naming `path`.
    """
    try:
        handle, temp = _create_temporary(path)
    except OSError as err:
        raise OutputError(path, err) from None
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        _put_in_place(temp, path, force=force)
    except BaseException as err:
        Path(temp).unlink(missing_ok=True)
        if isinstance(err, OSError):  # a full disk, a file-size limit: the user's to fix
            raise OutputError(path, err) from None
        raise


def write_atomic(path: Path, document: str | Iterable[str], *, force: bool) -> None:
    """Write `document` (a string, or its pieces) to `path` atomically; an existing file is
    kept unless `force`."""
    if path.is_dir():
        raise UnrollError("is a folder")
    if (path.exists() or path.is_symlink()) and not force:
        raise OutputExists(path)
    with atomic_file(path, force=force) as out:
        write_pieces(out.write, [document] if isinstance(document, str) else document)


_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS}
"""What link() says on a file system without hard links (FAT, some network mounts)."""


def temporaries(path: Path) -> list[Path]:
    """The temporary files of `path` that are there (_create_temporary's names): none, unless
    a writer was killed before it put its file in place or let its temporary name go."""
    return sorted(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new, empty file beside `path` (a random hidden name), open for writing."""
    flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    for _ in range(100):
        temp = str(path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp"))
        try:
            return os.open(temp, flags, 0o666), temp  # the umask applies, as for any file
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def _put_in_place(temp: str, path: Path, *, force: bool) -> None:
    """Give the complete file `temp` the name `path`, and drop the name `temp`.

    Without `force`, a link: it fails when `path` exists, where checking first and then
    renaming would replace a file made between the check and the rename. Where the file
    system has no hard links, an exclusive create claims the name, then a rename fills it."""
    if force:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)
    except FileExistsError:
        raise OutputExists(path) from None
    except OSError as err:
        if err.errno not in _NO_HARD_LINKS:
            raise
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                             | getattr(os, "O_NOFOLLOW", 0), 0o666))
        except FileExistsError:
            raise OutputExists(path) from None
        try:
            os.replace(temp, path)
        except BaseException:
            path.unlink(missing_ok=True)  # the empty file that claimed the name
            raise
        return
    os.unlink(temp)


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
