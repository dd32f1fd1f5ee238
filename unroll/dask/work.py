"""What a Dask worker runs: a partition of inputs, each converted by batch.run_one (the pure
function the local batch runs in its processes), and the outputs written where they go.

run_one reads local files and writes local files. Around it, for object storage: an input at a
URL is first copied to a scratch file (named as the input, so that the suffix still says what
it is); a document bound for a URL comes back from run_one as bytes and is put there. Nothing
of parsing, rendering, the existing-output rule or the error messages is done here a second
time: a local input and a local output go through run_one exactly as in the local batch.

Every function here returns results and raises nothing for one input's trouble, so a worker's
failure on one file never ends the run. Each is a pure function of its arguments: a partition
rerun after its worker was lost writes the same bytes.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import fsspec

from .. import batch
from ..batch import Result, Task
from ..batch.output import atomic_file, temporaries
from ..errors import OutputError, OutputExists, shown
from .inputs import local_path


@dataclass(frozen=True, slots=True)
class Job:
    """One input of a partition: the local batch's Task, and where object storage comes in."""

    task: Task
    fetch: str | None = None
    """The input's URL when it is not local: copied to a scratch file, whose path becomes the
    task's source (task.name keeps the URL for messages and the JSON's source.name)."""
    put: str | None = None
    """The output's URL when it is not local (task.target is None then: run_one returns the
    document, and it is put here)."""
    existed: bool = False
    """`put` was there when the run was planned (one listing of the output folder): kept
    without --force. Known from the plan, not looked up when the job runs, so that a job run
    again after its worker was lost does not take its own output for an earlier run's."""


def packed(function: Callable[..., list[Result]], args: bytes) -> bytes:
    """`function(*args)`'s results as one pickle, `args` being one too (pack): a partition's
    call goes to its worker and back as one bytes object each way.

    A task's list is sent by distributed item by item (each Result pickled on its own, with a
    header of its own, and rebuilt one by one in the client's event loop), and a task's
    arguments are unpickled by the scheduler and pickled again for the worker (each Job and
    Task through dataclasses' Python __getstate__): for a partition of JSON Lines, more than
    the rest of the trip together (benchmarks/README.md, "Dask partitions"). Bytes go as one
    frame, which no one between here and unpacked() opens."""
    return pack(function(*pickle.loads(args)))


def pack(value: object) -> bytes:
    """`value` as the one pickle packed() takes and returns."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def unpacked(data: bytes) -> list[Result]:
    """The results that packed() sent (from this run's own workers: a pickle, as distributed
    would have sent them itself), rebuilt in the thread that reads them."""
    results: list[Result] = pickle.loads(data)
    return results


def convert(jobs: Sequence[Job]) -> list[Result]:
    """The results of `jobs`, in order: documents as bytes where no output file was asked."""
    with tempfile.TemporaryDirectory(prefix="unroll-") as scratch:
        return [_convert(job, os.path.join(scratch, str(n))) for n, job in enumerate(jobs)]


def _convert(job: Job, scratch: str) -> Result:
    task = job.task
    try:
        if job.existed and not task.force:
            return _kept(task)
        if job.fetch is not None:
            task = replace(task, source=_fetch(job.fetch, scratch))
    except Exception as err:  # a network error, a protocol fsspec cannot load ("Install s3fs")
        reason = err.strerror if isinstance(err, OSError) and err.strerror else err
        return Result("failed", task.name, f"cannot be read ({reason})")
    result = batch.run_one(task)
    if job.put is None or result.document is None:
        return result
    try:
        fs, path = fsspec.core.url_to_fs(job.put)
        fs.pipe_file(path, result.document)  # an object appears whole, or not at all
    except OSError as err:
        return Result("failed", task.name, str(OutputError(job.put, err)))
    return Result("converted", task.name, meta={"output": job.put}, warnings=result.warnings)


def _kept(task: Task) -> Result:
    """The result of a task whose output object exists and is kept (no --force).

    An object store has no modification time to compare with every input's, so --update
    keeps every output that exists: a rerun after an interruption converts only what is
    missing."""
    return Result("skipped", task.name, "output exists" if task.update
                  else "output exists (use --force)")


def _fetch(url: str, scratch: str) -> str:
    """A local copy of the input at `url`, at `scratch` plus the input's suffix, with the
    input's modification time where its file system gives one (for --update). A missing input
    leaves no copy, and run_one reports it as it reports a missing local file."""
    fs, path = fsspec.core.url_to_fs(url)
    local = scratch + os.path.splitext(str(path))[1]
    try:
        fs.get_file(path, local)
    except FileNotFoundError:
        return local
    try:
        stamp = fs.modified(path).timestamp()
    except (NotImplementedError, OSError, AttributeError):
        return local
    os.utime(local, (stamp, stamp))
    return local


def convert_part(jobs: Sequence[Job], part: str, existed: bool, force: bool,
                 update: bool) -> list[Result]:
    """Convert `jobs` into one JSON Lines file, `part` (a path or a URL), in input order.

    A part that `existed` when the run was planned is kept without --force, and every input
    of it is skipped: the partitions are cut the same way on every run over the same inputs
    (inputs.partitions), so a rerun with --update converts only the parts that are missing.
    A part found written when this one is put in place, with the same bytes, is this
    partition's own, from an attempt whose worker was lost after writing it."""
    local = local_path(part)
    fs, path = fsspec.core.url_to_fs(part)
    if existed and not force:
        why = "output exists" if update else "output exists (use --force)"
        return [Result("skipped", job.task.name, f"{why}: {shown(part)}") for job in jobs]
    results = convert(jobs)
    document = b"".join(r.document for r in results if r.document is not None)
    try:
        if local is not None:
            _write_local(Path(local), document, force=force)
        else:
            fs.pipe_file(path, document)
    except (OSError, OutputError) as err:
        message = str(err) if isinstance(err, OutputError) else str(OutputError(part, err))
        return [Result("failed", r.name, message) if r.status == "converted" else r
                for r in results]
    return [Result("converted", r.name, meta={"output": part}, warnings=r.warnings)
            if r.status == "converted" else r for r in results]


def _write_local(path: Path, document: bytes, *, force: bool) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(path.parent, err) from None
    try:
        with atomic_file(path, force=force) as out:
            out.write(document)
    except OutputExists:
        if path.read_bytes() != document:  # someone else's: never replaced without --force
            raise
    _drop_orphans(path)


def _drop_orphans(path: Path) -> None:
    """Remove the temporary files of `path` that no one will put in place: those of an attempt
    at this partition whose worker was killed while it wrote (or between putting its file in
    place and letting its temporary name go). The scheduler runs a partition again only once
    the worker that had it is lost, so no live attempt owns them."""
    for orphan in temporaries(path):
        orphan.unlink(missing_ok=True)
