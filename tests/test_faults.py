"""Faults from outside the thread: odd file names, endless inputs, files that are not files,
a full disk. Each runs the installed command in a subprocess, on real files in tmp_path, in a
session of its own with a bounded timeout, so that a regression fails instead of hanging (the
whole session, workers too, is killed when the time is up).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest
from support import validate

from unroll import read
from unroll.errors import InputError, shown

UNROLL = shutil.which("unroll", path=str(Path(sys.executable).parent)) or shutil.which("unroll")
pytestmark = pytest.mark.skipif(UNROLL is None or os.name != "posix",
                                reason="needs the installed unroll command on a POSIX system")

TIMEOUT = 60
"""Seconds any one run may take; the slowest here takes about one."""

MEMORY = 1 << 30
"""An address-space limit for runs that read something endless: without the read limit they
fail within a second with MemoryError instead of taking the test machine's memory."""

FSIZE = 4096
"""The file-size limit that stands in for a full disk: a write beyond it fails with EFBIG."""

THREAD = b"A thread with no author, so its title comes from the file name. 1/\nSecond post. 2/\n"
LONG = b"".join(b"Post %d of a long thread, with enough words in it to fill a good part of a"
                b" line of the document that it becomes. %d/\n" % (i, i) for i in range(1, 81))
"""A thread whose every document is far over FSIZE."""


def unroll(*args: str | bytes, cwd: Path, stdin: int | IO[bytes] | None = None,
           stdout: int | IO[bytes] | None = subprocess.PIPE, memory: int | None = None,
           fsize: int | None = None) -> tuple[int, bytes, str]:
    """Run the command; (exit code, stdout, stderr). Fails the test, not hangs it, after
    TIMEOUT seconds."""
    def limits() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of death

    env = {k: v for k, v in os.environ.items() if k != "UNROLL_DEBUG"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    assert UNROLL is not None
    proc = subprocess.Popen([UNROLL, *args], cwd=cwd, env=env, start_new_session=True,
                            stdin=subprocess.DEVNULL if stdin is None else stdin,
                            stdout=stdout, stderr=subprocess.PIPE, preexec_fn=limits)
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"unroll {args!r} did not finish in {TIMEOUT} s")
    stderr = err.decode("utf-8", "backslashreplace")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return proc.returncode, out or b"", stderr


def files(folder: Path) -> set[str]:
    """Every file under `folder` (temporary ones too), relative, as bytes-escaped text."""
    return {shown(str(p.relative_to(folder))) for p in folder.rglob("*") if not p.is_dir()}


def put(folder: Path, name: bytes, data: bytes) -> None:
    """Create a file whose name is raw bytes (not necessarily UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(os.path.join(os.fsencode(folder), name), "wb") as out:
        out.write(data)


# --- 1. file names that are not UTF-8 -----------------------------------------------------

NO_TEXT = b"You can follow @someone.\n"
"""A thread with no post text (only the site's boilerplate): its title is the file name."""


@pytest.mark.parametrize("to", ["md", "html", "json"])
def test_a_name_that_is_not_utf8_is_converted(tmp_path: Path, to: str) -> None:
    put(tmp_path, b"b\xff.txt", NO_TEXT)
    code, out, err = unroll("convert", b"b\xff.txt", "-t", to, cwd=tmp_path)
    assert code == 0, err
    document = out.decode("utf-8")
    if to == "json":
        data = validate(document)
        assert data["source"]["name"] == "b\\xff.txt"
        assert (data["title"], data["title_source"]) == ("b\\xff", "file")
    else:
        assert "b\\xff" in document.replace("\\\\", "\\")  # the title, escaped


def test_a_name_that_is_not_utf8_is_shown_escaped_in_messages(tmp_path: Path) -> None:
    put(tmp_path, b"bad\xff.txt", b"\x89PNG\r\n\x1a\n\x00")
    code, _, err = unroll("convert", b"bad\xff.txt", cwd=tmp_path)
    assert (code, err) == (1, "unroll: error: bad\\xff.txt: not text (a PNG image)\n")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_names_that_are_not_utf8_in_a_batch(tmp_path: Path, jobs: str) -> None:
    for name in (b"a.txt", b"b\xff.txt", b"c\xe9\xfe.txt", b"d.txt"):
        put(tmp_path / "in", name, THREAD)
    put(tmp_path / "in", b"e\xff.txt", b"\x1f\x8b\x08\x00")  # gzip: fails, named escaped
    code, out, err = unroll("convert", "in", "-t", "jsonl", "-j", jobs, cwd=tmp_path)
    assert code == 1
    names = [validate(line)["source"]["name"] for line in out.decode("utf-8").splitlines()]
    assert names == ["in/a.txt", "in/b\\xff.txt", "in/c\\xe9\\xfe.txt", "in/d.txt"]
    assert "unroll: 4 converted, 0 skipped, 1 failed\n  in/e\\xff.txt: not text (gzip data)\n" \
        in err

    code, _, err = unroll("convert", "in", "-o", "out", "--index", "-j", jobs, cwd=tmp_path)
    assert code == 1 and "4 converted, 0 skipped, 1 failed" in err
    assert files(tmp_path / "out") == {"a.md", "b\\xff.md", "c\\xe9\\xfe.md", "d.md",
                                       "index.md"}
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "(<b%FF.md>)" in index and "(<c%E9%FE.md>)" in index  # links that find the files


def test_shown_escapes_only_what_is_not_utf8() -> None:
    assert shown("plain/thréad.txt") == "plain/thréad.txt"
    assert shown(os.fsdecode(b"b\xff.txt")) == "b\\xff.txt"
    assert shown("\ud800") == "\\ud800"  # no byte makes it, yet it prints


# --- 2. endless input ---------------------------------------------------------------------

def test_endless_stdin_stops_at_the_size_limit(tmp_path: Path) -> None:
    """`yes | unroll convert -`: refused once past the limit, not read until memory runs out."""
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert yes.stdout is not None
        code, out, err = unroll("convert", "-", cwd=tmp_path, stdin=yes.stdout, memory=MEMORY)
    finally:
        yes.kill()
        yes.wait(timeout=TIMEOUT)
    assert (code, out) == (1, b"")
    assert err == f"unroll: error: -: too large (more than the limit of {read.MAX_BYTES:,}" \
        " bytes)\n"


def test_dev_zero_on_stdin_stops_at_the_size_limit(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        code, _, err = unroll("convert", "-", "-t", "json", cwd=tmp_path, stdin=zero,
                              memory=MEMORY)
    assert code == 1 and err.startswith("unroll: error: -: too large (more than the limit")


def test_read_stream_reads_at_most_the_limit_plus_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_BYTES", 10_000)
    taken = 0

    class Endless:
        def read(self, size: int = -1) -> bytes:
            nonlocal taken
            assert 0 < size <= 10_001 - taken
            taken += size
            return b"y\n" * (size // 2) + b"y" * (size % 2)

    with pytest.raises(InputError, match="too large"):
        read.read_stream(Endless())  # type: ignore[arg-type]
    assert taken == 10_001
    with open(os.devnull, "rb") as empty:
        assert read.read_stream(empty) == b""


def test_endless_and_oversized_inputs_in_a_batch(tmp_path: Path) -> None:
    """A symlink to /dev/urandom and a (sparse) file over the limit are reported; the other
    files convert and the summary comes."""
    put(tmp_path / "in", b"a.txt", THREAD)
    put(tmp_path / "in", b"z.txt", THREAD)
    (tmp_path / "in" / "random.txt").symlink_to("/dev/urandom")
    with open(tmp_path / "in" / "huge.txt", "wb") as huge:
        huge.truncate(read.MAX_BYTES + 1)
    code, _, err = unroll("convert", "in", "-o", "out", "-j", "2", cwd=tmp_path, memory=MEMORY)
    assert code == 1
    assert err.startswith("unroll: 2 converted, 0 skipped, 2 failed\n")
    assert f"  in/huge.txt: too large ({read.MAX_BYTES + 1:,} bytes; the limit is" \
        f" {read.MAX_BYTES:,})\n" in err
    assert "  in/random.txt: not a regular file (a character device)\n" in err
    assert files(tmp_path / "out") == {"a.md", "z.md"}


# --- 3. files that are not regular files ---------------------------------------------------

def test_a_fifo_named_directly_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    code, out, err = unroll("convert", "pipe.txt", cwd=tmp_path)
    assert (code, out) == (1, b"")
    assert err == "unroll: error: pipe.txt: not a regular file (a named pipe)\n"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_named_directly_is_refused(tmp_path: Path, device: str) -> None:
    code, _, err = unroll("convert", device, cwd=tmp_path, memory=MEMORY)
    assert (code, err) == (1, f"unroll: error: {device}: not a regular file"
                              " (a character device)\n")


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_special_files_in_a_folder_walk(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "in"
    put(folder / "sub", b"a.txt", THREAD)
    put(folder, b"z.txt", THREAD)
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "sub" / "pipe.md")
    (folder / "zero.html").symlink_to("/dev/zero")
    (folder / "null.txt").symlink_to("/dev/null")
    sock = socket.socket(socket.AF_UNIX)
    cwd = os.getcwd()
    try:
        os.chdir(folder)  # a short relative path: a socket's is limited to about 100 bytes
        sock.bind("socket.txt")
    finally:
        os.chdir(cwd)
    try:
        code, _, err = unroll("convert", "in", "-o", "out", "-j", jobs, cwd=tmp_path,
                              memory=MEMORY)
    finally:
        sock.close()
    assert code == 1
    assert err.startswith("unroll: 2 converted, 0 skipped, 5 failed\n")
    for name, what in [("pipe.txt", "a named pipe"), ("sub/pipe.md", "a named pipe"),
                       ("zero.html", "a character device"), ("null.txt", "a character device"),
                       ("socket.txt", "a socket")]:
        assert f"  in/{name}: not a regular file ({what})\n" in err
    assert files(tmp_path / "out") == {"sub/a.md", "z.md"}


def test_a_fifo_among_several_inputs(tmp_path: Path) -> None:
    put(tmp_path, b"a.txt", THREAD)
    os.mkfifo(tmp_path / "pipe.txt")
    code, out, err = unroll("convert", "pipe.txt", "a.txt", "-t", "jsonl", cwd=tmp_path)
    assert code == 1 and len(out.splitlines()) == 1
    assert "  pipe.txt: not a regular file (a named pipe)\n" in err


def test_stdin_may_still_be_a_pipe(tmp_path: Path) -> None:
    with _pipe_with(THREAD) as pipe:
        code, out, _ = unroll("convert", "-", "-t", "json", cwd=tmp_path, stdin=pipe)
    assert code == 0 and json.loads(out)["source"]["name"] == "-"


def _pipe_with(data: bytes) -> IO[bytes]:
    """The reading end of a pipe that holds `data` and is closed for writing."""
    reader, writer = os.pipe()
    os.write(writer, data)
    os.close(writer)
    return os.fdopen(reader, "rb")


# --- 4. a full disk -----------------------------------------------------------------------

def test_an_output_too_large_for_the_disk_is_a_user_error(tmp_path: Path) -> None:
    put(tmp_path, b"long.txt", LONG)
    (tmp_path / "out").mkdir()
    code, out, err = unroll("convert", "long.txt", "-o", "out/long.md", cwd=tmp_path,
                            fsize=FSIZE)
    assert (code, out) == (1, b"")
    assert err == "unroll: error: cannot write out/long.md (File too large)\n"
    assert files(tmp_path / "out") == set()  # no partial file, no temporary one


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_in_a_batch(tmp_path: Path, jobs: str) -> None:
    put(tmp_path / "in", b"long.txt", LONG)
    put(tmp_path / "in", b"short.txt", THREAD)
    code, _, err = unroll("convert", "in", "-o", "out", "-j", jobs, cwd=tmp_path, fsize=FSIZE)
    assert code == 1
    assert err == ("unroll: 1 converted, 0 skipped, 1 failed\n"
                   "  in/long.txt: cannot write out/long.md (File too large)\n")
    assert files(tmp_path / "out") == {"short.md"}


def test_a_full_disk_under_json_lines(tmp_path: Path) -> None:
    put(tmp_path / "in", b"long.txt", LONG)
    put(tmp_path / "in", b"short.txt", THREAD)
    code, _, err = unroll("convert", "in", "-t", "jsonl", "-o", "all.jsonl", cwd=tmp_path,
                          fsize=FSIZE)
    assert code == 1 and err == "unroll: error: cannot write all.jsonl (File too large)\n"
    assert files(tmp_path) == {"in/long.txt", "in/short.txt"}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["long.txt", "-t", "json"], ["in", "-t", "jsonl"]],
                         ids=["one", "jsonl"])
def test_a_full_disk_on_stdout(tmp_path: Path, args: list[str]) -> None:
    put(tmp_path, b"long.txt", LONG)
    put(tmp_path / "in", b"long.txt", LONG)
    with open("/dev/full", "wb") as full:
        code, _, err = unroll("convert", *args, cwd=tmp_path, stdout=full)
    assert (code, err) == (1, "unroll: error: cannot write stdout (No space left on device)\n")
