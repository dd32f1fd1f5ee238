"""Batch conversion: many inputs (folders, files, globs) to a folder, or to JSON Lines.

Every output path is computed and checked before anything is written: two inputs that would
write one file, or an output that would land outside the output folder, stop the run at once.
Work goes to a process pool in chunks; results come back in input order, so JSON Lines are
deterministic and streamed, and memory stays flat in the number of inputs.
"""

from __future__ import annotations

import glob
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .api import parse
from .errors import OutputError, OutputExists, UnrollError, UsageError, shown
from .output import write_atomic
from .writers import EXTENSIONS_FOR, render
from .writers.options import Options

INPUT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".md", ".markdown")
"""Files a folder walk picks up; anything else in an archive is left alone."""


@dataclass(frozen=True, slots=True)
class Task:
    """One input and where its document goes (None: returned, for JSON Lines)."""

    source: str
    name: str
    """The input as reported in messages and in the JSON's source.name (errors.shown: a name
    that is not UTF-8 shows its bytes as escapes)."""
    target: str | None
    to: str
    site: str | None = None
    limit: int | None = None
    force: bool = False
    update: bool = False
    options: Options | None = None


@dataclass(slots=True)
class Result:
    status: str
    """"converted", "skipped" or "failed"."""
    name: str
    message: str = ""
    document: bytes | None = None
    """The rendered document as UTF-8, for JSON Lines. Bytes, not str: the parent only
    writes it out, and a str of non-ASCII text costs more to pickle, unpickle and encode
    again there than the whole rest of its work on a result (benchmarks/batch.py)."""
    meta: dict[str, object] = field(default_factory=dict)
    """Title, author, date, post count and output path, for the index (written outputs
    only: JSON Lines has no index)."""


def collect(inputs: list[str]) -> tuple[list[tuple[str, str]], list[Result]]:
    """(input file, path relative to what the user named) for every input, in order.

    Folders are walked recursively (symlinked folders are not followed), patterns are
    expanded by unroll itself, so a quoted glob works in any shell. Patterns that match
    nothing come back as failures. Paths are strings, as pathlib writes them: a folder of
    10,000 threads made 20,000 Path objects, a tenth of a second before any work began.
    """
    found: list[tuple[str, str]] = []
    failed: list[Result] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found.extend(_walk(str(path)))
        elif not path.exists() and not path.is_symlink() and glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                failed.append(Result("failed", shown(given), "no file matches this pattern"))
            base = Path(_static_prefix(given))
            found.extend((str(Path(m)), str(_relative(Path(m), base))) for m in matches)
        else:
            found.append((str(path), path.name))
    return found, failed


def _walk(folder: str) -> Iterator[tuple[str, str]]:
    """Each input file under `folder` (a path as str(Path) writes it) and its path relative
    to it, as str(folder / relative) and str(relative) would write them."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        below = root[len(folder):].lstrip(os.sep)
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(INPUT_SUFFIXES):
                relative = os.path.join(below, name) if below else name
                yield (relative if folder == "." else os.path.join(folder, relative)), relative


def _static_prefix(pattern: str) -> str:
    parts = Path(pattern).parts
    keep = [p for p in parts[: next((i for i, p in enumerate(parts) if glob.has_magic(p)),
                                    len(parts))]]
    return str(Path(*keep)) if keep else "."


def _relative(path: Path, base: Path) -> Path:
    try:
        return path.relative_to(base)
    except ValueError:
        return Path(path.name)


def plan(found: list[tuple[str, str]], out: Path | None, to: str, *, site: str | None = None,
         limit: int | None = None, force: bool = False, update: bool = False,
         options: Options | None = None) -> list[Task]:
    """A task per input; refuses collisions and outputs outside `out` before any work."""
    tasks: list[Task] = []
    owners: dict[Path, str] = {}
    root = out.resolve() if out else None
    for source, relative in found:
        target: Path | None = None
        if out is not None and root is not None:
            target = out / Path(relative).with_suffix(EXTENSIONS_FOR[to])
            resolved = target.parent.resolve() / target.name
            if resolved != root and root not in resolved.parents:
                raise UsageError(f"{shown(source)}: its output {shown(str(target))} would"
                                 f" fall outside {shown(str(out))}")
            key = Path(os.path.normcase(resolved))
            if key in owners:
                raise UsageError(f"{shown(owners[key])} and {shown(source)} would both write"
                                 f" {shown(str(target))}; rename one of them")
            owners[key] = source
        tasks.append(Task(source, shown(source), str(target) if target else None, to,
                          site=site, limit=limit, force=force, update=update,
                          options=options))
    return tasks


def run_one(task: Task) -> Result:
    """Convert one input; any failure becomes a Result, never an exception: one input's
    trouble, even a bug of ours, never ends the batch."""
    try:
        target = Path(task.target) if task.target else None
        replace = task.force  # an output that exists may be replaced
        if target is not None and target.exists() and not task.force:
            if not task.update:
                return Result("skipped", task.name, "output exists (use --force)")
            if target.stat().st_mtime >= Path(task.source).stat().st_mtime:
                return Result("skipped", task.name, "output is up to date")
            replace = True  # --update: older than its input
        thread = parse(Path(task.source), name=task.name, site=task.site, limit=task.limit)
        document = render(thread, task.to, task.options)
        if target is None:
            return Result("converted", task.name, document=document.encode("utf-8"))
        meta: dict[str, object] = {
            "title": thread.display_title, "date": thread.date, "posts": len(thread.posts),
            "author": thread.author.handle if thread.author else None, "name": task.name,
        }
        if target.is_symlink():
            return Result("failed", task.name,
                          f"{shown(str(target))} is a symbolic link; not written")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(target.parent, err) from None
        try:
            write_atomic(target, document, force=replace)
        except OutputExists:  # made since the check above: never replaced without --force
            return Result("failed", task.name, f"{shown(str(target))}: exists (made while this"
                          " run converted it: another run into the same folder?); use --force"
                          " to overwrite it")
        meta["output"] = str(target)
        return Result("converted", task.name, meta=meta)
    except UnrollError as err:
        return Result("failed", task.name, str(err))
    except OSError as err:
        return Result("failed", task.name, f"cannot be read or written ({err.strerror or err})")
    except Exception as err:
        if os.environ.get("UNROLL_DEBUG"):
            raise
        return Result("failed", task.name, f"internal error ({type(err).__name__}: {err});"
                      " please report it (UNROLL_DEBUG=1 shows the traceback)")


_TASKS: list[Task] = []
"""In a worker, the batch's tasks: given once when the worker starts (inherited by a forked
worker, pickled once for a spawned one), so each chunk of work is sent as two numbers."""


def _start_worker(tasks: list[Task]) -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which lets running chunks finish so
    no temporary file is left behind, and cancels the rest."""
    global _TASKS
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _TASKS = tasks


def _run_chunk(start: int, stop: int) -> list[Result]:
    return [run_one(task) for task in _TASKS[start:stop]]


def results(tasks: list[Task], jobs: int) -> Iterator[Result]:
    """Results in input order; in-process for one job, else a process pool in chunks."""
    if jobs <= 1 or len(tasks) < 2:
        yield from map(run_one, tasks)
        return
    chunk = max(1, min(64, len(tasks) // (jobs * 8)))
    starts = range(0, len(tasks), chunk)
    stops = [min(start + chunk, len(tasks)) for start in starts]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                             initargs=(tasks,)) as pool:
        try:
            for done in pool.map(_run_chunk, starts, stops):
                yield from done
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
