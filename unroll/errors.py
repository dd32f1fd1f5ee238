"""The exceptions the library raises; each message is the one line a user needs."""

from __future__ import annotations

import os


class UnrollError(Exception):
    """Base class: something about one input or request that unroll cannot handle."""


class InputError(UnrollError):
    """The input cannot be read as a thread (binary, undecodable, too large, unreadable, not a
    regular file)."""


class UsageError(UnrollError):
    """The caller asked for something that does not exist (an unknown format or site)."""


class OutputError(UnrollError):
    """An output cannot be written: the user's disk is full, the folder is not writable, the
    file system is read-only, a file-size limit. The message names the path:
    `cannot write out/thread.md (No space left on device)`."""

    def __init__(self, path: str | os.PathLike[str], err: OSError) -> None:
        super().__init__(f"cannot write {shown(os.fspath(path))} ({err.strerror or err})")


class OutputExists(OutputError):
    """An output file exists and `--force` was not given: it is kept, never replaced, even
    when it appeared while its replacement was being written (another run into the same
    folder). The message names the path: `out/thread.md: exists (use --force to overwrite it)`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        UnrollError.__init__(self, f"{shown(self.path)}: exists (use --force to overwrite it)")


def shown(name: str) -> str:
    """A file name as messages and documents show it: the bytes of a name that is not UTF-8
    (which Python keeps as lone surrogates, `b\\xff.txt` as 'b\\udcff.txt') become `\\xff`
    escapes, so the name can be printed, encoded and written as JSON."""
    if name.isascii():
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file name's byte makes
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")
