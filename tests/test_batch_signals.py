"""Batches as a user runs them, in real processes: interrupted (SIGTERM, Ctrl-C), killed
(kill -9 of the parent), rerun with -o inside the input folder, and what the summary, -v and
--warnings say about the threads that had warnings and the files that were left out.

Every run is the installed command in a session (and so a process group) of its own, bounded by
a timeout: when the time is up, or the test ends for any reason, the whole group is killed, so a
regression fails instead of hanging, and leaves no process behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import SAMPLES, validate

from unroll import batch

UNROLL = shutil.which("unroll", path=str(Path(sys.executable).parent)) or shutil.which("unroll")
pytestmark = [pytest.mark.slow,  # a real batch in a subprocess a test
              pytest.mark.skipif(UNROLL is None or not sys.platform.startswith("linux"),
                                 reason="needs the installed unroll command and Linux's /proc")]

TIMEOUT = 60
"""Seconds any one run may take; the slowest here takes a few."""

HEAVY = SAMPLES[0].read_text(encoding="utf-8") * 60
"""A thread that takes a good fraction of a second to convert, so that a run of a few hundred
is caught working."""

THREAD = "A short thread of two posts. 1/\nAnd its second post. 2/\n"


WITH_START_METHOD = """
import multiprocessing
multiprocessing.set_start_method({!r})
from unroll.cli import main
main()
"""
"""The command, its workers started by another of multiprocessing's start methods (forkserver
is Linux's default from Python 3.14)."""


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "UNROLL_DEBUG"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


class Run:
    """The command started in a session of its own; killed with its group when done with."""

    def __init__(self, *args: str, cwd: Path, start_method: str | None = None) -> None:
        assert UNROLL is not None
        command = [UNROLL] if start_method is None else \
            [sys.executable, "-c", WITH_START_METHOD.format(start_method)]
        self.proc = subprocess.Popen([*command, *args], cwd=cwd, env=_env(),
                                     start_new_session=True, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.group = self.proc.pid

    def finish(self, timeout: float = TIMEOUT) -> tuple[int, str, str]:
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"unroll did not finish in {timeout} s")
        return (self.proc.returncode, out.decode("utf-8", "backslashreplace"),
                err.decode("utf-8", "backslashreplace"))

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.group, signal.SIGKILL)
        self.proc.communicate()


def living(group: int) -> list[int]:
    """The processes of process group `group` that still run (zombies are dead: what is left
    of a reparented worker until init reaps it)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state not in ("Z", "X"):
            found.append(int(entry))
    return found


@pytest.fixture()
def runs() -> Iterator[list[Run]]:
    """Runs started by a test; whatever the test's outcome, each one's group is killed."""
    started: list[Run] = []
    yield started
    for run in started:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.group, signal.SIGKILL)
        if run.proc.returncode is None:
            run.proc.communicate(timeout=TIMEOUT)
        deadline = time.monotonic() + 10
        while living(run.group) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not living(run.group), "processes of a run were left behind"


def unroll(*args: str, cwd: Path, runs: list[Run]) -> tuple[int, str, str]:
    run = Run(*args, cwd=cwd)
    runs.append(run)
    code, out, err = run.finish()
    assert "Traceback" not in err and "internal error" not in err, err
    return code, out, err


def heavy_archive(folder: Path, count: int) -> None:
    for i in range(count):
        path = folder / f"d{i % 10}" / f"t{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Copy {i}.\n" + HEAVY, encoding="utf-8")


def outputs(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def _size(path: Path) -> int:
    """The file's size, 0 once it has gone (renamed into place between listing and looking)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def wait_for_output(folder: Path, run: Run, suffix: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not any(p.suffix == suffix for p in outputs(folder)):
        assert run.proc.poll() is None, "the run ended before it was caught working"
        assert time.monotonic() < deadline, "no output appeared"
        time.sleep(0.01)


# --- an output folder inside the input folder (issue 15) ------------------------------------

def test_an_output_folder_inside_the_input_is_not_taken_as_input(tmp_path: Path,
                                                                 runs: list[Run]) -> None:
    for name in ("a.txt", "sub/b.txt"):
        (tmp_path / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / name).write_text(THREAD, encoding="utf-8")
    first = unroll("convert", "in", "-o", "in/out", cwd=tmp_path, runs=runs)
    assert first[0] == 0 and first[2].startswith("unroll: 2 converted, 0 skipped, 0 failed\n")
    made = sorted(str(p.relative_to(tmp_path)) for p in outputs(tmp_path / "in" / "out"))
    assert made == ["in/out/a.md", "in/out/sub/b.md"]
    for args in (["--force"], [], ["--update"]):
        code, _, err = unroll("convert", "in", "-o", "in/out", *args, cwd=tmp_path, runs=runs)
        assert code == 0, err
        assert sorted(str(p.relative_to(tmp_path))
                      for p in outputs(tmp_path / "in" / "out")) == made, "outputs converted"
        assert "unroll: 1 left out: 1 this run's output (-v lists them)\n" in err
    code, _, err = unroll("convert", "in", "-o", "in/out", "-v", cwd=tmp_path, runs=runs)
    assert err == ("unroll: 0 converted, 2 skipped, 0 failed\n"
                   "unroll: 1 left out: 1 this run's output\n"
                   "  in/out/: this run's output\n")


def test_a_glob_and_a_jsonl_file_inside_the_input(tmp_path: Path, runs: list[Run]) -> None:
    clip = (tmp_path / "in" / "clip.md")
    clip.parent.mkdir()
    clip.write_text("---\ntitle: \"Thread by @x on Thread Reader App\"\n---\nOne. 1/\n\nTwo."
                    " 2/\n", encoding="utf-8")
    (tmp_path / "in" / "t.txt").write_text(THREAD, encoding="utf-8")
    for _ in range(2):
        code, _, err = unroll("convert", "in/**/*.md", "in/*.txt", "-o", "in/out", "--force",
                              cwd=tmp_path, runs=runs)
        assert code == 0 and err.startswith("unroll: 2 converted, 0 skipped, 0 failed\n"), err
    assert sorted(p.name for p in outputs(tmp_path / "in" / "out")) == ["clip.md", "t.md"]
    for _ in range(2):  # the files of the last run are not threads of this one
        code, _, err = unroll("convert", "in", "-o", "in/all.jsonl", "--warnings",
                              "in/warnings.txt", "--force", "-v", cwd=tmp_path, runs=runs)
        assert code == 0, err
    assert (tmp_path / "in" / "warnings.txt").read_text(encoding="utf-8") == ""
    assert err.splitlines()[1:] == [
        "unroll: 4 left out: 2 this run's output, 2 not thread clips",
        "  in/all.jsonl: this run's output",
        # Another run's Markdown outputs are documents, not thread clips.
        "  in/out/clip.md: not a thread clip (Markdown with headings or code, and no front"
        " matter, unroll site or post numbers)",
        "  in/out/t.md: not a thread clip (Markdown with headings or code, and no front"
        " matter, unroll site or post numbers)",
        "  in/warnings.txt: this run's output",
    ]
    names = [json.loads(line)["source"]["name"]
             for line in (tmp_path / "in" / "all.jsonl").read_text().splitlines()]
    assert names == ["in/clip.md", "in/t.txt"]  # not in/out/*: the other run's output


# --- kill -9 of the parent (issue 15) ---------------------------------------------------------

@pytest.mark.parametrize("start_method", [None, "spawn", "forkserver"],
                         ids=["default", "spawn", "forkserver"])
def test_workers_die_with_a_killed_parent(tmp_path: Path, runs: list[Run],
                                          start_method: str | None) -> None:
    heavy_archive(tmp_path / "in", 300)
    out = tmp_path / "out"
    run = Run("convert", "in", "-o", "out", "-t", "json", "-j", "2", cwd=tmp_path,
              start_method=start_method)
    runs.append(run)
    wait_for_output(out, run, ".json")
    assert len(living(run.group)) >= 3  # the parent and its two workers (and a fork server)
    os.kill(run.proc.pid, signal.SIGKILL)
    run.proc.wait(timeout=TIMEOUT)  # (not communicate: a surviving worker holds the pipes)
    deadline = time.monotonic() + 3
    while living(run.group) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert living(run.group) == [], "workers outlived their parent"
    written = outputs(out)
    time.sleep(0.5)
    assert outputs(out) == written, "files written after the parent died"
    assert all(p.suffix == ".json" for p in written), "a temporary file was left"
    for path in written:
        validate(path.read_text(encoding="utf-8"))


def test_a_worker_exits_when_its_parent_is_gone_without_prctl(tmp_path: Path) -> None:
    """The fallback for systems without PR_SET_PDEATHSIG: a worker that finds its parent gone
    (its parent process id changed) exits. Here a worker started as a grandchild of the test
    is orphaned on purpose."""
    reader, writer = os.pipe()
    middle = os.fork()
    if middle == 0:  # the worker's parent: starts it, waits until it is set up, then dies
        try:
            os.close(reader)
            ready_r, ready_w = os.pipe()
            worker = os.fork()
            if worker == 0:
                try:
                    os.close(writer)  # the test reads until its parent has gone
                    os.close(ready_r)
                    batch._start_worker([], None, os.getppid(), False)
                    os.write(ready_w, b"ready\n")
                    while True:  # a worker idle between chunks
                        time.sleep(0.05)
                finally:
                    os._exit(0)
            os.close(ready_w)
            with os.fdopen(ready_r, "rb") as ready:
                line = ready.readline()  # b"" if the worker failed to start
            os.write(writer, f"{worker}\n".encode() + line)
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        ready, _, _ = select.select([pipe], [], [], TIMEOUT)
        told = pipe.read() if ready else b""
    os.waitpid(middle, 0)
    lines = told.splitlines()
    assert len(lines) == 2 and lines[1] == b"ready", "the worker did not start"
    worker = int(lines[0])
    deadline = time.monotonic() + 5
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = _alive(worker)
    if alive:
        os.kill(worker, signal.SIGKILL)
    assert not alive, "an orphaned worker kept running"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


# --- SIGTERM and Ctrl-C (issues 15 and 16) ------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_an_interrupted_batch_stops_at_once_and_counts_what_it_wrote(
        tmp_path: Path, runs: list[Run], signum: int, jobs: str) -> None:
    heavy_archive(tmp_path / "in", 300)
    out = tmp_path / "out"
    run = Run("convert", "in", "-o", "out", "-t", "json", "-j", jobs, cwd=tmp_path)
    runs.append(run)
    wait_for_output(out, run, ".json")
    time.sleep(0.3)
    os.kill(run.proc.pid, signum)
    sent = time.monotonic()
    code, _, err = run.finish()
    took = time.monotonic() - sent
    assert code == 130, err
    assert "Traceback" not in err
    found = re.search(r"unroll: interrupted after converting (\d+) of 300\b", err)
    assert found, err
    written = outputs(out)
    assert int(found.group(1)) == len(written), err
    assert all(p.suffix == ".json" and not p.name.startswith(".") for p in written)
    assert 0 < len(written) < 300
    for path in written:
        validate(path.read_text(encoding="utf-8"))
    assert took < 2.5, f"took {took:.1f} s to stop"
    assert living(run.group) == []


def test_an_interrupted_jsonl_file_is_not_left_half_made(tmp_path: Path,
                                                         runs: list[Run]) -> None:
    heavy_archive(tmp_path / "in", 300)
    run = Run("convert", "in", "-o", "all.jsonl", "-j", "2", "--warnings", "w.tsv",
              cwd=tmp_path)
    runs.append(run)
    # Caught once the temporary file holds a thread, so that the run is stopped half-way
    # through writing it (a fixed pause let a fast machine finish the whole batch first).
    deadline = time.monotonic() + TIMEOUT
    while not any(p.name.startswith(".all.jsonl") and _size(p) > 0 for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and run.proc.poll() is None
        time.sleep(0.01)
    os.kill(run.proc.pid, signal.SIGTERM)
    code, _, err = run.finish()
    assert code == 130, err
    assert re.search(r"unroll: interrupted after converting \d+ of 300; nothing was written"
                     r" to all\.jsonl\n", err), err
    # The warnings file lists the warnings of what was converted (these threads have none).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "w.tsv"]


# --- warnings, and files left out (issue 16) -----------------------------------------------

README = """# A project

Some words about it, and a list:

- one
- two

```sh
make install
```
"""

NOTES = "# Shopping\n\nEggs, flour, a lemon.\n"
NUMBERED = "Posts numbered by the author, clipped to Markdown. 1/\n\nThe second post. 2/\n"
SHORT_PARAGRAPHS = "A thread pasted into a note.\n\nIts second post.\n\nAnd its third.\n"
CLIP = "---\ntitle: \"Thread by @x on Thread Reader App\"\n---\n# Thread\n\nOne.\n\nTwo.\n"
GAP = "First post here. 1/\nSecond post. 2/\nFourth post. 4/\n"
LONG = ("word " * 100).strip() + "\n\nA short second post.\n"


def test_warnings_are_counted_and_written_one_line_each(tmp_path: Path,
                                                         runs: list[Run]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gap.txt").write_text(GAP, encoding="utf-8")
    (folder / "long.txt").write_text(LONG, encoding="utf-8")
    (folder / "both\tat\nonce.txt").write_text(GAP.replace("Second post.", LONG),
                                              encoding="utf-8")
    for i in range(3):
        (folder / f"fine{i}.txt").write_text(THREAD, encoding="utf-8")
    code, out, _ = unroll("convert", "in", "-t", "jsonl", "-j", "2", cwd=tmp_path, runs=runs)
    expected = [f"{d['source']['name']}\t{w['code']}\t{w['post'] or ''}\t{w['message']}"
                .replace("\n", "\\n")
                for d in map(validate, out.splitlines()) for w in d["warnings"]]
    expected = [line.replace("both\tat", "both\\tat") for line in expected]
    assert len(expected) >= 4
    for args in (["-o", "out"], ["-t", "jsonl"]):
        code, _, err = unroll("convert", "in", *args, "-j", "2", "--warnings", "w.tsv",
                              cwd=tmp_path, runs=runs)
        assert code == 0, err
        assert "unroll: 3 with warnings (listed in w.tsv)\n" in err
        lines = (tmp_path / "w.tsv").read_text(encoding="utf-8").splitlines()
        assert lines == expected
        assert all(len(line.split("\t")) == 4 for line in lines)
        assert "in/gap.txt\tnumbering-gap\t4\tpost 3 is missing: the numbering skips from 2" \
               " to 4" in lines
    code, _, err = unroll("convert", "in", "-o", "out2", cwd=tmp_path, runs=runs)
    assert "unroll: 3 with warnings (--warnings FILE lists them)\n" in err
    code, _, err = unroll("convert", "in", "-o", "out3", "-q", cwd=tmp_path, runs=runs)
    assert err == ""


def test_warnings_needs_a_batch(tmp_path: Path, runs: list[Run]) -> None:
    (tmp_path / "gap.txt").write_text(GAP, encoding="utf-8")
    code, _, err = unroll("convert", "gap.txt", "--warnings", "w.tsv", cwd=tmp_path, runs=runs)
    assert code == 2 and "--warnings" in err
    (tmp_path / "in").mkdir()
    code, _, err = unroll("convert", "in", "gap.txt", "-o", "out", "--warnings", "gap.txt",
                          cwd=tmp_path, runs=runs)
    assert code == 2 and "is an input" in err
    assert (tmp_path / "gap.txt").read_text(encoding="utf-8") == GAP
    code, out, _ = unroll("convert", "--help", cwd=tmp_path, runs=runs)
    assert code == 0 and "--warnings FILE" in out and "tab-separated" in out


def test_markdown_that_is_not_a_thread_clip_is_left_out(tmp_path: Path,
                                                        runs: list[Run]) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "README.md").write_text(README, encoding="utf-8")
    (folder / "sub" / "notes.markdown").write_text(NOTES, encoding="utf-8")
    (folder / "numbered.md").write_text(NUMBERED, encoding="utf-8")
    (folder / "pasted.md").write_text(SHORT_PARAGRAPHS, encoding="utf-8")
    (folder / "clip.md").write_text(CLIP, encoding="utf-8")
    (folder / "thread.txt").write_text(THREAD, encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / ".hidden.txt").write_text(THREAD, encoding="utf-8")
    (folder / "linked").symlink_to(folder / "sub")
    for jobs in ("1", "2"):
        code, _, err = unroll("convert", "in", "-o", f"out{jobs}", "-j", jobs, cwd=tmp_path,
                              runs=runs)
        assert code == 0, err
        assert err == ("unroll: 4 converted, 0 skipped, 0 failed\n"
                       "unroll: 5 left out: 2 not thread clips, 1 of another file type,"
                       " 1 hidden, 1 a symbolic link to a folder (-v lists them)\n")
        assert sorted(p.name for p in outputs(tmp_path / f"out{jobs}")) == \
            ["clip.md", "numbered.md", "pasted.md", "thread.md"]
    code, _, err = unroll("convert", "in", "-o", "out1", "-v", "--force", cwd=tmp_path,
                          runs=runs)
    assert code == 0
    listed = err.splitlines()[2:]
    assert listed == [  # by name
        "  in/.hidden.txt: hidden",
        "  in/README.md: not a thread clip (Markdown with headings or code, and no front"
        " matter, unroll site or post numbers)",
        "  in/linked/: a symbolic link to a folder",
        "  in/photo.jpg: of another file type (.jpg)",
        "  in/sub/notes.markdown: not a thread clip (Markdown with headings or code, and no"
        " front matter, unroll site or post numbers)",
    ]
    # Named by the user, a Markdown file is converted whatever it holds.
    code, out, _ = unroll("convert", "in/README.md", "in/thread.txt", "-t", "jsonl",
                          cwd=tmp_path, runs=runs)
    assert code == 0 and len(out.splitlines()) == 2


def test_verbose_and_quiet_together_are_a_usage_error(tmp_path: Path,
                                                         runs: list[Run]) -> None:
    (tmp_path / "in").mkdir()
    code, _, err = unroll("convert", "in", "-o", "out", "-v", "-q", cwd=tmp_path, runs=runs)
    assert code == 2 and "-q" in err and "-v" in err


def test_collect_reports_what_it_leaves_out(tmp_path: Path) -> None:
    """The library's side: left-out files come back with their reasons, in walk order."""
    (tmp_path / "in" / "out").mkdir(parents=True)
    (tmp_path / "in" / "out" / "a.md").write_text("One.\n", encoding="utf-8")
    (tmp_path / "in" / "a.txt").write_text("One.\n", encoding="utf-8")
    (tmp_path / "in" / "a.png").write_bytes(b"")
    collected = batch.collect([str(tmp_path / "in")], own=[str(tmp_path / "in" / "out")])
    assert collected.found == [(str(tmp_path / "in" / "a.txt"), "a.txt")]
    assert collected.walked == {str(tmp_path / "in" / "a.txt")}
    assert [(Path(n).name, r) for n, r, _ in collected.left_out] == \
        [("out", batch.OWN_OUTPUT), ("a.png", batch.OTHER_TYPE)]  # a folder's folders first
