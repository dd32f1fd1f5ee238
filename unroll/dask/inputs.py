"""Inputs by fsspec URL (`s3://`, `gs://`, `memory://`, ...): listed as a folder walk lists a
local folder, and the whole run cut into partitions of about equal size.

Local paths and `file://` URLs are not listed here: they go to batch.collect, so that a local
archive is walked by the one walk the local batch uses (hidden files, other file types, the
run's own outputs). Object stores have no symbolic links and no special files, so a remote
listing needs only the name rules: hidden names and other file types are left out, and said.
"""

from __future__ import annotations

import glob
import os
import posixpath
from collections.abc import Sequence
from typing import Any, NamedTuple

import fsspec
from fsspec.implementations.local import LocalFileSystem

from .. import batch
from ..batch import Collected, LeftOut, Result
from ..errors import shown


def local_path(given: str) -> str | None:
    """The local path `given` names (itself, or a `file://` URL's path); None for a URL of
    another file system."""
    if "://" not in given:
        return given
    try:
        fs, path = fsspec.core.url_to_fs(given)
    except (ValueError, ImportError):  # a protocol unknown, or whose package is missing
        return None  # not local: its listing or its conversion says what is wrong
    return str(path) if isinstance(fs, LocalFileSystem) else None


def join(url: str, relative: str) -> str:
    """`relative` (a path with the local separator) under folder `url`."""
    return url.rstrip("/") + "/" + relative.replace(os.sep, "/")


class Remote(NamedTuple):
    """What a listing of remote inputs found: as batch.collect's Collected, and each file's
    size in bytes (for partitioning: a remote size costs a request, so it is kept from the
    listing)."""

    collected: Collected
    sizes: dict[str, int]


def collect(inputs: Sequence[str], *, own: Sequence[str] = ()) -> Remote:
    """Every input file under the remote folders, patterns and files in `inputs`, in order.

    A folder is walked recursively; a pattern is expanded by fsspec's glob; a file named is
    always taken (a missing one is reported by its conversion, as a local one is). Files
    inside `own` (this run's outputs, as URLs) are never taken from a walk."""
    found: list[tuple[str, str]] = []
    failed: list[Result] = []
    left_out: list[LeftOut] = []
    sizes: dict[str, int] = {}
    walked: set[str] = set()
    mine = [str(fsspec.core.url_to_fs(url)[1]).rstrip("/") for url in own
            if local_path(url) is None]
    for given in inputs:
        fs, root = fsspec.core.url_to_fs(given)
        if glob.has_magic(root):
            listing: dict[str, Any] = fs.glob(root, detail=True)
            if not listing:
                failed.append(Result("failed", shown(given), "no file matches this pattern"))
            base = root[:min(root.find(c) for c in "*?[" if c in root)].rsplit("/", 1)[0]
            base = base or "/"
        elif fs.isdir(root):
            listing = fs.find(root, detail=True)
            base = root
        else:
            found.append((given, posixpath.basename(root.rstrip("/"))))
            continue
        for path in sorted(listing):
            info = listing[path]
            if info.get("type") == "directory":
                continue
            url = fs.unstrip_protocol(path)
            relative = posixpath.relpath(path, base)
            reason = _left_out_because(relative, path, mine)
            if reason is not None:
                left_out.append(LeftOut(shown(url), *reason))
                continue
            found.append((url, relative))
            sizes[url] = int(info.get("size") or 0)
            walked.add(url)
    return Remote(Collected(found, failed, left_out, frozenset(walked)), sizes)


def _left_out_because(relative: str, path: str, own: list[str]) -> tuple[str, str] | None:
    """Why a listed file is not taken (a reason of batch's and a detail), or None."""
    if any(name.startswith(".") for name in relative.split("/")):
        return batch.HIDDEN, ""
    if any(path == o or path.startswith(o + "/") for o in own):
        return batch.OWN_OUTPUT, ""
    if not path.lower().endswith(batch.INPUT_SUFFIXES):
        suffix = posixpath.splitext(path)[1]
        return batch.OTHER_TYPE, shown(suffix) if suffix else "no extension"
    return None


def partitions(sizes: Sequence[int], target: int) -> list[range]:
    """Consecutive ranges of inputs, each of about `target` bytes (at least one input).

    A pure function of the sizes, in input order: a rerun over the same inputs cuts the same
    partitions, so a partition's output (part-00042.jsonl) is the same file each time."""
    cuts: list[range] = []
    start = held = 0
    for i, size in enumerate(sizes):
        held += max(size, 1)
        if held >= target:
            cuts.append(range(start, i + 1))
            start, held = i + 1, 0
    if start < len(sizes):
        cuts.append(range(start, len(sizes)))
    return cuts


def local_size(path: str) -> int:
    """The size of local file `path`, 0 when it cannot be seen (its conversion says why)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def existing(folder: str | None) -> set[str]:
    """The files under `folder` (a path or URL) as join names them, from one listing: what a
    run's outputs find there before it starts (nothing, for a folder not there yet)."""
    if folder is None:
        return set()
    fs, root = fsspec.core.url_to_fs(folder)
    try:
        found = fs.find(root)
    except (FileNotFoundError, NotADirectoryError):
        return set()
    return {join(folder, posixpath.relpath(path, root)) for path in found}
