"""Batch conversion: many inputs (folders, files, globs) to a folder, or to JSON Lines.

Every output path is computed and checked before anything is written: two inputs that would
write one file, or an output that would land outside the output folder, stop the run at once.
Work goes to a process pool in chunks; results come back in input order, so JSON Lines are
deterministic and streamed, and memory stays flat in the number of inputs.

A folder walk says what it leaves out and why (hidden files, other file types, symbolic links
to folders, the run's own outputs, Markdown that is not a thread clip): nothing is skipped
without a word.

Stopping. A run stops when asked (request_stop, which a signal handler may call): no new
input is started, the conversions under way are abandoned (they have written nothing yet),
and the files being written are finished, so that no partial file is left and every result
that comes back is exactly what was written. Workers die with their parent: a `kill -9` of
the parent leaves no worker behind (PR_SET_PDEATHSIG on Linux; elsewhere a watch on the
parent's process id).
"""

from __future__ import annotations

import glob
import hashlib
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import CancelledError, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import api, archives
from ..api import parse
from ..errors import OutputError, OutputExists, UnrollError, UsageError, shown
from ..model import Thread
from ..model import Warning as Note
from ..writers import format_of, render
from ..writers.options import Options
from .output import write_atomic

if TYPE_CHECKING:
    from ..archives import Member

INPUT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".md", ".markdown")
"""Files a folder walk picks up; anything else in an archive is left out (and said so)."""

MARKDOWN_SUFFIXES = (".md", ".markdown")

# Why a file is left out, as the summary groups them.
OWN_OUTPUT = "this run's output"
HIDDEN = "hidden"
OTHER_TYPE = "of another file type"
LINKED_FOLDER = "a symbolic link to a folder"
NOT_A_CLIP = "not a thread clip"

NOT_A_CLIP_DETAIL = ("Markdown with headings or code, and no front matter, unroll site or"
                     " post numbers")


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
    clips_only: bool = False
    """Met in a folder walk: a Markdown file is converted only if it is a thread clip."""
    member: Member | None = None
    """For an input inside an archive (`source`): which one (a WARC capture, an export's
    self-thread); the worker reads it alone (unroll.archives)."""
    digest: bool = False
    """Hash the input's bytes; the sha256 and the input's path come back in Result.meta (the
    database records which input each thread came from, and whether it changed)."""
    known: str | None = None
    """The sha256 of this input's bytes as the database holds them: the same bytes are
    skipped (None: convert it whatever its bytes)."""
    index: bool = False
    """The run writes an index (--index): Result.meta also holds what only it shows."""


@dataclass(slots=True)
class Result:
    status: str
    """"converted", "skipped", "failed" or "left out" (a Markdown file met in a folder walk
    that is not a thread clip: message says why)."""
    name: str
    message: str = ""
    document: bytes | None = None
    """The rendered document as UTF-8, for JSON Lines. Bytes, not str: the parent only
    writes it out, and a str of non-ASCII text costs more to pickle, unpickle and encode
    again there than the whole rest of its work on a result (benchmarks/batch.py)."""
    meta: dict[str, object] = field(default_factory=dict)
    """Title, author, date, post count and output path, for the index (written outputs
    only: JSON Lines has no index)."""
    warnings: tuple[Note, ...] = ()
    """The converted thread's warnings (numbering gaps, posts over the limit, ...)."""


class LeftOut(NamedTuple):
    """A file or folder a batch does not convert: its name as shown, why (one of the reasons
    above), and a detail for -v (the file type, ...)."""

    name: str
    reason: str
    detail: str = ""


class Collected(NamedTuple):
    found: list[tuple[str, str]]
    """(input file, path relative to what the user named), in order."""
    failed: list[Result]
    """Patterns that match nothing."""
    left_out: list[LeftOut]
    """What the folder walks and patterns met and do not convert, in the order met."""
    walked: frozenset[str]
    """The inputs found by walking a folder (not named, nor matched by a pattern): a
    Markdown file among them is converted only if it is a thread clip."""
    members: dict[tuple[str, str], tuple[str, Member]] | None = None
    """The inputs inside archives: (archive, output name) in `found` to the input's name in
    messages and the member."""


def collect(inputs: list[str], *, own: Sequence[str] = (),
            reading: archives.Reading | None = None) -> Collected:
    """Every input file, and what was left out, for the inputs the user gave.

    Folders are walked recursively (symlinked folders are not followed), patterns are
    expanded by unroll itself, so a quoted glob works in any shell. Patterns that match
    nothing come back as failures. `own` names this run's outputs (the output folder, a JSON
    Lines file, the warnings file): a walk or pattern never takes them, or anything inside
    them, as input, so that an output folder inside the input folder is not converted again on
    the next run (a folder of outputs that holds the input folder itself is not pruned: its
    inputs are the user's). Files the user names are always taken. An archive the user names
    (a WARC, a WACZ, an X or Mastodon export: archives.kind_of) gives its inputs, read as
    `reading` says.
    Paths are strings, as pathlib writes them: a folder of 10,000 threads made 20,000 Path
    objects, a tenth of a second before any work began.
    """
    found: list[tuple[str, str]] = []
    failed: list[Result] = []
    left_out: list[LeftOut] = []
    walked: set[str] = set()
    members: dict[tuple[str, str], tuple[str, Member]] = {}
    mine = _Own(own)
    for given in inputs:
        path = Path(given)
        kind = archives.kind_of(given)
        if kind is not None:
            _expand(given, kind, reading, Collected(found, failed, left_out, frozenset(), members))
        elif path.is_dir():
            before = len(found)
            found.extend(_walk(str(path), left_out, mine))
            walked.update(source for source, _ in found[before:])
        elif not path.exists() and not path.is_symlink() and glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                failed.append(Result("failed", shown(given), "no file matches this pattern"))
            static = _static_prefix(given)
            base = Path(static)
            inside = mine.inside(static)
            for match in matches:
                if mine.holds(match, inside):
                    left_out.append(LeftOut(shown(match), OWN_OUTPUT))
                else:
                    found.append((str(Path(match)), str(_relative(Path(match), base))))
        else:
            found.append((str(path), path.name))
    return Collected(found, failed, left_out, frozenset(walked), members)


def _expand(given: str, kind: archives.ArchiveKind, reading: archives.Reading | None,
            into: Collected) -> None:
    """Add what the archive `given` holds to what collect gathers (`into`'s lists)."""
    expanded = archives.expand(given, kind, reading or archives.Reading())
    assert into.members is not None
    for relative, name, member in expanded.entries:
        into.found.append((given, relative))
        into.members[(given, relative)] = (name, member)
    into.left_out.extend(LeftOut(*item) for item in expanded.left_out)
    into.failed.extend(Result("failed", name, message) for name, message in expanded.failed)


class _Own:
    """This run's outputs, as a walk tells them: by name first (cheap), then by identity
    (device and inode, so that another spelling of the path is the same file)."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.ids: set[tuple[int, int]] = set()
        self.names: set[str] = set()
        self.folders: list[str] = []
        for path in paths:
            try:
                info = os.stat(path)
            except OSError:
                continue  # not there yet: nothing of it to leave out
            self.ids.add((info.st_dev, info.st_ino))
            self.names.update({os.path.basename(os.path.normpath(path)),
                               os.path.basename(os.path.realpath(path))})
            if os.path.isdir(path):
                self.folders.append(os.path.realpath(path))

    def named(self, folder: str, name: str) -> bool:
        """Whether `name` in `folder` is one of them."""
        if name not in self.names:
            return False
        try:
            info = os.stat(os.path.join(folder, name))
        except OSError:
            return False
        return (info.st_dev, info.st_ino) in self.ids

    def inside(self, base: str) -> list[str]:
        """The output folders strictly inside folder `base`."""
        real = os.path.realpath(base)
        return [f for f in self.folders if f != real and f.startswith(os.path.join(real, ""))]

    def holds(self, path: str, folders: list[str]) -> bool:
        """Whether `path` is one of the outputs, or inside one of `folders`."""
        if not self.ids:
            return False
        head, name = os.path.split(path)
        if self.named(head or ".", name):
            return True
        real = os.path.realpath(path)
        return any(real.startswith(os.path.join(f, "")) for f in folders)


def _walk(folder: str, left_out: list[LeftOut], own: _Own) -> Iterator[tuple[str, str]]:
    """Each input file under `folder` (a path as str(Path) writes it) and its path relative
    to it, as str(folder / relative) and str(relative) would write them; what is not taken
    goes to `left_out` (a folder's folders, then its files)."""
    def shown_at(root: str, name: str, suffix: str = "") -> str:
        below = root[len(folder):].lstrip(os.sep)
        relative = os.path.join(below, name) if below else name
        return shown((relative if folder == "." else os.path.join(folder, relative)) + suffix)

    for root, dirs, files in os.walk(folder, followlinks=False):
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                left_out.append(LeftOut(shown_at(root, name, os.sep), HIDDEN))
            elif os.path.islink(os.path.join(root, name)):
                left_out.append(LeftOut(shown_at(root, name, os.sep), LINKED_FOLDER))
            elif own.ids and own.named(root, name):
                left_out.append(LeftOut(shown_at(root, name, os.sep), OWN_OUTPUT))
            else:
                kept.append(name)
        dirs[:] = kept
        below = root[len(folder):].lstrip(os.sep)
        for name in sorted(files):
            if name.startswith("."):
                left_out.append(LeftOut(shown_at(root, name), HIDDEN))
            elif own.ids and own.named(root, name):
                left_out.append(LeftOut(shown_at(root, name), OWN_OUTPUT))
            elif not name.lower().endswith(INPUT_SUFFIXES):
                suffix = os.path.splitext(name)[1]
                left_out.append(LeftOut(shown_at(root, name), OTHER_TYPE,
                                        shown(suffix) if suffix else "no extension"))
            else:
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
         options: Options | None = None, walked: Collection[str] = (),
         members: dict[tuple[str, str], tuple[str, Member]] | None = None) -> list[Task]:
    """A task per input; refuses collisions and outputs outside `out` before any work.
    `walked`: the inputs a folder walk found (Collected.walked); `members`: the inputs inside
    archives (Collected.members)."""
    tasks: list[Task] = []
    owners: dict[Path, str] = {}
    root = out.resolve() if out else None
    for source, relative in found:
        target: Path | None = None
        if out is not None and root is not None:
            target = out / Path(relative).with_suffix(format_of(to).extensions[0])
            resolved = target.parent.resolve() / target.name
            if resolved != root and root not in resolved.parents:
                raise UsageError(f"{shown(source)}: its output {shown(str(target))} would"
                                 f" fall outside {shown(str(out))}")
            key = Path(os.path.normcase(resolved))
            if key in owners:
                raise UsageError(f"{shown(owners[key])} and {shown(source)} would both write"
                                 f" {shown(str(target))}; rename one of them")
            owners[key] = source
        name, member = (members or {}).get((source, relative), (shown(source), None))
        tasks.append(Task(source, name, str(target) if target else None, to,
                          site=site, limit=limit, force=force, update=update,
                          options=options, clips_only=source in walked, member=member))
    return tasks


def is_thread_clip(text: str, thread: Thread) -> bool:
    """Whether a Markdown file holds a thread: clipper front matter with a title (clip.is_clip,
    whatever the name), lines of a known unroll site, the author's post numbers on two posts
    or more; failing those, Markdown with no heading and no code whose every paragraph fits a
    post (a thread pasted into a note). A README, a note, a document: none of these."""
    from ..read.clip import front_matter, is_clip

    if is_clip(text, "") or thread.site is not None:
        return True
    if sum(1 for post in thread.posts if post.marker) >= 2:
        return True
    if any(note.code == "over-limit" for note in thread.warnings):
        return False
    from markdown_it import MarkdownIt  # loaded for Markdown input anyway

    tokens = MarkdownIt("commonmark", {"html": False}).parse(front_matter(text)[2])
    return not any(t.type in ("heading_open", "fence", "code_block") for t in tokens)


def _parse_clip(task: Task, given: bytes | Path) -> Thread | None:
    """A Markdown file met in a walk, parsed; None when it is not a thread clip."""
    from ..read import decode

    data, name = api._load(given, task.name)  # as parse reads a path
    _, text = decode(data, name)
    thread = parse(data, name=name, site=task.site, limit=task.limit, strip=_strips(task))
    return thread if is_thread_clip(text, thread) else None


def _parse_task(task: Task, given: bytes | Path) -> Thread | None:
    """The task's input parsed: a file (`given`: its path, or its bytes already read), or an
    archive's member (None: see parse_member)."""
    if task.member is not None:
        return archives.parse_member(task.member, name=task.name, site=task.site,
                                     limit=task.limit, strip=_strips(task))
    return parse(given, name=task.name, site=task.site, limit=task.limit, strip=_strips(task))


def _strips(task: Task) -> bool:
    """Whether the task's asides are stripped: a parse option (the writers only show)."""
    return task.options is not None and task.options.commentary == "strip"


def run_one(task: Task) -> Result:
    """Convert one input; any failure becomes a Result, never an exception: one input's
    trouble, even a bug of ours, never ends the batch.

    Until the output is written, the work can be abandoned (Cancelled) when a stop is
    requested; once writing begins it is finished, so that what is on disk and the result
    agree."""
    try:
        return _converted(task)
    except UnrollError as err:
        return Result("failed", task.name, str(err))
    except OSError as err:
        return Result("failed", task.name, f"cannot be read or written ({err.strerror or err})")
    except Exception as err:
        if os.environ.get("UNROLL_DEBUG"):
            raise
        return Result("failed", task.name, f"internal error ({type(err).__name__}: {err});"
                      " please report it (UNROLL_DEBUG=1 shows the traceback)")


def _converted(task: Task) -> Result:
    with _abandonable():
        given, digested = _digested(task)
        if digested and digested["sha256"] == task.known:
            return Result("skipped", task.name, UNCHANGED)
        thread = None
        if task.clips_only and task.source.lower().endswith(MARKDOWN_SUFFIXES):
            thread = _parse_clip(task, given)
            if thread is None:
                return Result("left out", task.name, NOT_A_CLIP)
        target = Path(task.target) if task.target else None
        kept, replace = _kept_output(task, target)
        if kept is not None:
            return kept
        if thread is None:
            thread = _parse_task(task, given)
            if thread is None:  # a page --all-pages took that no profile knows
                return Result("left out", task.name, archives.NOT_RECOGNISED)
        document = render(thread, task.to, task.options)
        notes = tuple(thread.warnings)
        if target is None:
            return Result("converted", task.name, document=document.encode("utf-8"),
                          warnings=notes, meta=digested)
        if target.is_symlink():
            return Result("failed", task.name,
                          f"{shown(str(target))} is a symbolic link; not written")
        _here.abandonable = False
        _here.writing = True  # from here on the task is finished, whatever is asked
    meta: dict[str, object] = {
        "title": thread.display_title, "date": thread.date, "posts": len(thread.posts),
        "author": thread.author.handle if thread.author else None, "name": task.name,
        "output": str(target),
    }
    if task.index:  # what only the index shows: the excerpt, the page's language
        from ..writers.index import facts
        meta.update(facts(thread))
    return _written(task, target, document, replace) or \
        Result("converted", task.name, meta=meta, warnings=notes)


def _kept_output(task: Task, target: Path | None) -> tuple[Result | None, bool]:
    """The result of a task whose output exists and is kept (else None), and whether an
    output there may be replaced: with --force, or with --update when it is older than its
    input."""
    if target is None or not target.exists() or task.force:
        return None, task.force
    if not task.update:
        return Result("skipped", task.name, "output exists (use --force)"), False
    if target.stat().st_mtime >= Path(task.source).stat().st_mtime:
        return Result("skipped", task.name, "output is up to date"), False
    return None, True


def _written(task: Task, target: Path, document: str, replace: bool) -> Result | None:
    """Write the output (its folder made); a failure's result, or None once it is there."""
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
    return None


UNCHANGED = "unchanged since it went into the database (use --force to convert it again)"


def input_key(task: Task) -> str:
    """What names the task's input for good (the database's threads.path): its path, or for
    a member of an archive, the archive's path and the member (as task.name shows them)."""
    return task.source if task.member is None else task.name


def _digested(task: Task) -> tuple[bytes | Path, dict[str, object]]:
    """What to parse (the input's path, or its bytes already read) and, for task.digest, the
    bytes' sha256 and the input's path.

    Hashed here, in the worker, which reads the bytes to parse them anyway: the hash is of
    exactly the bytes converted (no window in which the file could change between the two),
    it costs one pass over bytes already in memory, and it runs in every worker at once
    rather than in the one process that writes the database."""
    if not task.digest:
        return Path(task.source), {}
    if task.member is not None:
        # A capture or self-thread inside an archive is known by where it is in it (its
        # member), not by the whole archive's bytes, which are never read whole.
        where = repr(task.member).encode("utf-8", "surrogateescape")
        return Path(task.source), {"source": input_key(task),
                                   "sha256": hashlib.sha256(where).hexdigest()}
    data, _ = api._load(Path(task.source), task.name)
    return data, {"source": input_key(task), "sha256": hashlib.sha256(data).hexdigest()}


# --- stopping -------------------------------------------------------------------------------

class Cancelled(BaseException):
    """A conversion abandoned because the run was asked to stop (before it wrote anything).
    A BaseException, so that run_one's handlers of its own failures do not take it."""


@dataclass(slots=True)
class _State:
    """What this process knows about stopping: in the parent, and in each worker."""

    stopping: bool = False
    """A stop was requested: no new input is started."""
    abandonable: bool = False
    """A conversion is under way that has written nothing yet."""
    writing: bool = False
    """A conversion is writing its output: it is finished before anything else."""
    shared: Any = None
    """The run's stop flag in shared memory (a multiprocessing.RawValue): set by the parent,
    read by the workers between inputs."""
    workers: list[int] = field(default_factory=list)
    """In the parent: the workers' process ids, to pass a stop on to."""
    parent: int | None = None
    """In a worker: the batch's process id."""
    direct: bool = True
    """In a worker: the batch's process is its parent (not multiprocessing's fork server)."""
    orphaned: bool = False
    """In a worker: the batch's process was seen to be gone."""


_here = _State()


def request_stop() -> None:
    """Ask the batch running in this process to stop; safe to call from a signal handler.

    No new input is started, workers are told (a SIGTERM each, which they take as this
    request), and a conversion under way in this process that has written nothing is
    abandoned at once (Cancelled is raised)."""
    _here.stopping = True
    if _here.shared is not None:
        _here.shared.value = 1
    for pid in _here.workers:
        with suppress(OSError):  # gone already
            os.kill(pid, signal.SIGTERM)
    if _here.abandonable:
        _here.abandonable = False  # raised once
        raise Cancelled


def stop_requested() -> bool:
    """Whether the batch in this process was asked to stop (and so ended early)."""
    return _here.stopping


def reset_stop() -> None:
    """Forget an earlier stop, before a new run."""
    global _here
    _here = _State()


@contextmanager
def _abandonable() -> Iterator[None]:
    _here.abandonable = True
    try:
        if _here.stopping:
            _here.abandonable = False
            raise Cancelled
        yield
    finally:
        _here.abandonable = False


def _stopped() -> bool:
    return _here.stopping or bool(_here.shared is not None and _here.shared.value)


# --- workers --------------------------------------------------------------------------------

_TASKS: list[Task] = []
"""In a worker, the batch's tasks: given once when the worker starts (inherited by a forked
worker, pickled once for a spawned one), so each chunk of work is sent as two numbers."""

_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 0.25
"""How often a worker without PR_SET_PDEATHSIG looks whether its parent is still there."""


def _start_worker(tasks: list[Task], shared: Any, parent: int, death_signal: bool = True,
                  direct: bool = True) -> None:
    """A worker takes Ctrl-C and SIGTERM as a request to stop (the parent passes its own on):
    it abandons a conversion that has written nothing, finishes one that is writing, and
    starts no other. It dies with the batch's process `parent`: on Linux the kernel sends it
    SIGTERM when its parent dies (PR_SET_PDEATHSIG); elsewhere, or with `death_signal` False,
    a thread watches the parent's process id and does the same. A worker whose batch is gone
    exits as soon as nothing of it is half done.

    `direct`: the batch started this worker itself (the fork and spawn start methods). When
    multiprocessing's fork server did (`direct` False), the fork server is its parent, and the
    fork server lives as long as its workers do: a thread then watches the batch's process."""
    global _TASKS, _here
    _here = _State(shared=shared, parent=parent, direct=direct)
    signal.signal(signal.SIGINT, _worker_signal)
    signal.signal(signal.SIGTERM, _worker_signal)
    _TASKS = tasks
    if not direct:
        threading.Thread(target=_watch_batch, args=(parent,), daemon=True).start()
        return
    if not (death_signal and _die_with_parent()):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # died before the above was in place
        os._exit(1)


def _die_with_parent() -> bool:
    """Have the kernel send SIGTERM to this process when its parent dies (Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return False
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                      ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    return bool(prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    _orphaned()


def _watch_batch(batch: int) -> None:
    """Wait for process `batch` (no parent of this one) to end: on a pidfd where there is one
    (Linux 5.3), else by looking every _WATCH_SECONDS."""
    try:
        handle = os.pidfd_open(batch)
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])
    else:
        while _exists(batch):
            time.sleep(_WATCH_SECONDS)
    _orphaned()


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # there, and someone else's
    return True


def _orphaned() -> None:
    _here.orphaned = True
    os.kill(os.getpid(), signal.SIGTERM)  # the main thread's handler does the rest


def _parent_gone() -> bool:
    if _here.orphaned:
        return True
    return _here.direct and _here.parent is not None and os.getppid() != _here.parent


def _worker_signal(signum: int, frame: FrameType | None) -> None:
    if _parent_gone() and not _here.writing:
        os._exit(1)  # nothing half done: no temporary file, nobody to report to
    request_stop()


def _run_chunk(start: int, stop: int) -> tuple[list[Result], bool]:
    """The results of tasks start..stop, and whether the chunk was cut short by a stop."""
    done: list[Result] = []
    for task in _TASKS[start:stop]:
        if _parent_gone():
            os._exit(1)
        if _stopped():
            return done, True
        try:
            result = run_one(task)
        except Cancelled:
            return done, True
        finally:
            _here.writing = False
        done.append(result)
    if _parent_gone():
        os._exit(1)
    return done, False


def _in_process(tasks: list[Task]) -> Iterator[Result]:
    """The results of one job, in this process, until a stop is requested."""
    for task in tasks:
        if _here.stopping:
            return
        try:
            result = run_one(task)
        except Cancelled:
            return
        finally:
            _here.writing = False
        yield result


def results(tasks: list[Task], jobs: int) -> Iterator[Result]:
    """Results in input order; in-process for one job, else a process pool in chunks.

    After request_stop, the results of the inputs that were finished come, and no other:
    each "converted" one was written."""
    if jobs <= 1 or len(tasks) < 2:
        yield from _in_process(tasks)
        return
    chunk = max(1, min(64, len(tasks) // (jobs * 8)))
    starts = range(0, len(tasks), chunk)
    stops = [min(start + chunk, len(tasks)) for start in starts]
    shared = multiprocessing.RawValue("b", 0)
    direct = multiprocessing.get_start_method() != "forkserver"
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                             initargs=(tasks, shared, os.getpid(), True, direct)) as pool:
        # A deque, each taken off as its results are read: a future keeps its results (the
        # documents of a JSON Lines run) for as long as it is held.
        futures = deque(pool.submit(_run_chunk, a, b)
                        for a, b in zip(starts, stops, strict=True))
        _here.shared = shared
        _here.workers = [p.pid for p in multiprocessing.active_children() if p.pid]
        if _here.stopping:  # asked before the workers were known
            request_stop()
        try:
            while futures:
                future = futures.popleft()
                if _here.stopping:
                    for waiting in futures:
                        waiting.cancel()
                try:
                    done, cut_short = future.result()
                except CancelledError:
                    continue
                if cut_short and not _here.stopping:
                    request_stop()  # a worker was told to stop: the whole run stops
                yield from done
        finally:
            # Ended early (a second Ctrl-C, the reader of the results gone): the workers stop
            # as they would on request, and leaving the pool waits for them.
            shared.value = 1
            for waiting in futures:
                waiting.cancel()
            _here.shared, _here.workers = None, []
