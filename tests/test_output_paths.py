"""Where outputs go and how they are made: a file name means that one file (for several inputs,
one JSON Lines file), a trailing slash means a folder, an extension unroll does not write is a
usage error; every file gets the mode the umask gives any program's files; and an existing
file is never replaced without --force, not even by a run writing into the same folder at the
same time."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import SAMPLES, validate

import unroll.batch
import unroll.batch.output
import unroll.writers
from unroll.batch.output import write_atomic
from unroll.cli import cli
from unroll.errors import OutputExists

UNROLL = str(Path(sys.executable).with_name("unroll"))
"""The installed command, next to the Python running the tests (.venv/bin/unroll)."""

TIMEOUT = 120
"""Seconds any one real run may take; the slowest here (200 files, two at once) takes a few."""

THREAD = "First post of a short thread. 1/\nSecond post, and the end. 2/\n"


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def real(*args: str, cwd: Path, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    """A real run of the installed command, with its own umask and a bounded time."""
    return subprocess.run([UNROLL, *args], cwd=cwd, umask=umask, capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)


def threads(folder: Path, count: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"t{i}.txt"
        path.write_text(f"Thread number {i}, first post. 1/\nIts second post. 2/\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


# 1. A file name for several inputs means that one file.

def test_several_inputs_into_a_jsonl_file_are_one_file_in_input_order(tmp_path: Path) -> None:
    inputs = threads(tmp_path / "in", 5)
    order = [inputs[3], inputs[0], inputs[4], inputs[1], inputs[2]]
    target = tmp_path / "all.jsonl"
    code, out, err = run("convert", *map(str, order), "-o", str(target), "-j", "2")
    assert code == 0 and out == "", err
    assert target.is_file()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [validate(line)["source"]["name"] for line in lines] == [str(p) for p in order]

    folder = tmp_path / "folder.jsonl"  # a folder input, into a real process
    done = real("convert", "in", "-o", folder.name, "-j", "2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    names = [json.loads(line)["source"]["name"] for line in folder.read_text().splitlines()]
    assert names == [f"in/t{i}.txt" for i in range(5)]
    assert {p.name for p in tmp_path.iterdir()} == {"in", "all.jsonl", "folder.jsonl"}


def test_a_jsonl_file_for_several_inputs_is_kept_unless_forced(tmp_path: Path) -> None:
    threads(tmp_path / "in")
    target = tmp_path / "all.jsonl"
    target.write_text("theirs\n", encoding="utf-8")
    code, _, err = run("convert", str(tmp_path / "in"), "-o", str(target))
    assert code == 1 and "exists (use --force to overwrite it)" in err
    assert target.read_text(encoding="utf-8") == "theirs\n"
    code, _, err = run("convert", str(tmp_path / "in"), "-o", str(target), "--force")
    assert code == 0, err
    assert len(target.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.parametrize("name", ["two.json", "x.md", "page.html", "notes.markdown",
                                  "out.docx", "THREADS.JSON"])
def test_any_other_file_name_for_several_inputs_is_a_usage_error(tmp_path: Path,
                                                                 name: str) -> None:
    inputs = threads(tmp_path / "in")
    before = files(tmp_path)
    code, out, err = run("convert", *map(str, inputs), "-o", str(tmp_path / name))
    assert code == 2 and out == ""
    assert "folder" in err and ".jsonl" in err, err
    assert files(tmp_path) == before, "a usage error wrote something"
    done = real("convert", "in", "-o", name, cwd=tmp_path)
    assert done.returncode == 2 and "folder" in done.stderr and ".jsonl" in done.stderr
    assert files(tmp_path) == before


def test_a_name_without_an_extension_is_still_a_folder_for_several_inputs(
        tmp_path: Path) -> None:
    threads(tmp_path / "in")
    code, _, err = run("convert", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["t0.md", "t1.md", "t2.md"]


# 2. A trailing slash means a folder, whatever the number of inputs.

@pytest.mark.parametrize(("args", "name"), [([], "t0.md"), (["-t", "html"], "t0.html"),
                                            (["-t", "json"], "t0.json"),
                                            (["-t", "jsonl"], "t0.jsonl")])
def test_a_trailing_slash_is_a_folder_for_one_input(tmp_path: Path, args: list[str],
                                                   name: str) -> None:
    threads(tmp_path / "in", 1)
    done = real("convert", "in/t0.txt", "-o", "single/", *args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "single").is_dir()
    assert [p.name for p in (tmp_path / "single").iterdir()] == [name]  # as a batch names it
    done = real("convert", "in/t0.txt", "-o", "deeper/still/", *args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (tmp_path / "deeper" / "still").iterdir()] == [name]


def test_a_folder_that_exists_is_a_folder_for_one_input(tmp_path: Path) -> None:
    (source,) = threads(tmp_path / "in", 1)
    (tmp_path / "out").mkdir()
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["t0.md"]
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "out"))
    assert code == 1 and "t0.md: exists (use --force to overwrite it)" in err


def test_a_slash_after_a_file_stdin_into_a_folder_and_an_empty_name_are_usage_errors(
        tmp_path: Path) -> None:
    (source,) = threads(tmp_path / "in", 1)
    (tmp_path / "single").write_text("a file\n", encoding="utf-8")
    code, _, err = run("convert", str(source), "-o", f"{tmp_path / 'single'}/")
    assert code == 2 and "not a folder" in err
    assert (tmp_path / "single").read_text(encoding="utf-8") == "a file\n"
    code, _, err = run("convert", "-", "-o", f"{tmp_path / 'folder'}/", input=THREAD.encode())
    assert code == 2 and "-o FILE" in err
    assert not (tmp_path / "folder").exists()
    done = real("convert", "in/t0.txt", "-o", "", cwd=tmp_path)  # not the current folder
    assert done.returncode == 2 and "-o needs a path" in done.stderr
    assert {p.name for p in tmp_path.iterdir()} == {"in", "single"}


def test_jsonl_for_several_inputs_into_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    threads(tmp_path / "in")
    done = real("convert", "in", "-o", "d/", "-t", "jsonl", cwd=tmp_path)
    assert done.returncode == 2 and "FILE.jsonl" in done.stderr
    assert not (tmp_path / "d").exists()


# 3. An extension unroll does not write is a usage error, unless -t is given.

@pytest.mark.parametrize("name", ["out.docx", "thread.txt", "page.pdf"])
def test_an_extension_unroll_does_not_write_is_a_usage_error(tmp_path: Path,
                                                             name: str) -> None:
    (source,) = threads(tmp_path / "in", 1)
    code, out, err = run("convert", str(source), "-o", str(tmp_path / name))
    assert code == 2 and out == ""
    suffix = Path(name).suffix
    assert f"does not write {suffix} files" in err
    assert all(known in err for known in unroll.writers.EXTENSIONS), err
    assert "-t" in err
    assert not (tmp_path / name).exists()


def test_any_name_is_written_when_the_format_is_given(tmp_path: Path) -> None:
    (source,) = threads(tmp_path / "in", 1)
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "out.docx"), "-t", "md")
    assert code == 0, err
    assert (tmp_path / "out.docx").read_text(encoding="utf-8").startswith("# ")
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "t.txt"), "-t", "json")
    assert code == 0, err
    validate((tmp_path / "t.txt").read_text(encoding="utf-8"))
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "plain"))  # no extension
    assert code == 0, err
    assert (tmp_path / "plain").read_text(encoding="utf-8").startswith("# ")


# 4. Files get the mode any program's files get: 0o666 less the umask.

@pytest.mark.slow
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_every_output_file_has_the_umask_mode(tmp_path: Path, umask: int) -> None:
    threads(tmp_path / "in")
    expected = 0o666 & ~umask
    runs = [["in/t0.txt", "-o", "one.html"],
            ["in/t0.txt", "-o", "single/"],
            ["in", "-o", "out/", "--index"],
            ["in", "-o", "all.jsonl"],
            ["in", "-o", "json/", "-t", "json", "-j", "2"]]
    for args in runs:
        done = real("convert", *args, cwd=tmp_path, umask=umask)
        assert done.returncode == 0, (args, done.stderr)
    made = [p for p in tmp_path.rglob("*") if p.is_file() and "in" not in p.parts]
    assert len(made) == 1 + 1 + 4 + 1 + 3
    modes = {str(p.relative_to(tmp_path)): oct(stat.S_IMODE(p.stat().st_mode)) for p in made}
    assert modes == dict.fromkeys(modes, oct(expected))


@pytest.mark.slow
@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_replaced_file_gets_the_umask_mode(tmp_path: Path, umask: int) -> None:
    """--force (and --update) replace a 0644 file with one of the umask's mode."""
    threads(tmp_path / "in")
    expected = 0o666 & ~umask

    def old(path: Path) -> Path:
        path.parent.mkdir(exist_ok=True)
        path.write_text("old\n", encoding="utf-8")
        path.chmod(0o644)
        os.utime(path, (1_000_000_000, 1_000_000_000))  # older than its input
        return path

    for path, args in [(old(tmp_path / "one.md"), ["in/t0.txt", "-o", "one.md", "--force"]),
                       (old(tmp_path / "out" / "t1.md"), ["in", "-o", "out", "--force"]),
                       (old(tmp_path / "out" / "t2.md"), ["in", "-o", "out", "--update"]),
                       (old(tmp_path / "all.jsonl"), ["in", "-o", "all.jsonl", "--force"])]:
        done = real("convert", *args, cwd=tmp_path, umask=umask)
        assert done.returncode == 0, (args, done.stderr)
        assert path.read_text(encoding="utf-8") != "old\n", args
        assert oct(stat.S_IMODE(path.stat().st_mode)) == oct(expected), args


# 5. An existing file is never replaced without --force, even one made meanwhile.

def _document_that_makes(path: Path, text: str) -> Iterator[str]:
    """A document whose writing lets another program make `path` first."""
    yield "# Ours\n"
    path.write_text(text, encoding="utf-8")
    yield "Second piece.\n"


def test_a_file_made_while_ours_is_written_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "thread.md"
    with pytest.raises(OutputExists, match="exists"):
        write_atomic(target, _document_that_makes(target, "theirs\n"), force=False)
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert files(tmp_path) == {"thread.md"}, "a temporary file was left"
    target.unlink()
    write_atomic(target, _document_that_makes(target, "theirs\n"), force=True)
    assert target.read_text(encoding="utf-8") == "# Ours\nSecond piece.\n"
    assert files(tmp_path) == {"thread.md"}


def test_without_hard_links_an_existing_file_is_still_kept(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(unroll.batch.output.os, "link", no_links)
    target = tmp_path / "thread.md"
    write_atomic(target, "# Ours\n", force=False)
    assert target.read_text(encoding="utf-8") == "# Ours\n"
    target.unlink()
    with pytest.raises(OutputExists):
        write_atomic(target, _document_that_makes(target, "theirs\n"), force=False)
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert files(tmp_path) == {"thread.md"}


def test_a_single_output_made_meanwhile_is_kept(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (source,) = threads(tmp_path / "in", 1)
    target = tmp_path / "thread.md"
    real_stream = unroll.writers.stream

    def stream(*args: object, **kwargs: object) -> Iterator[str]:
        pieces = real_stream(*args, **kwargs)  # type: ignore[arg-type]
        yield next(pieces)
        target.write_text("theirs\n", encoding="utf-8")
        yield from pieces

    monkeypatch.setattr(unroll.writers, "stream", stream)
    code, _, err = run("convert", str(source), "-o", str(target))
    assert code == 1
    assert err == f"unroll: error: {target}: exists (use --force to overwrite it)\n"
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert {p.name for p in tmp_path.iterdir()} == {"in", "thread.md"}, "a temporary file left"


def _render_making(path: Path, text: str,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """batch.render makes `path` (another run's output) the first time it is called."""
    real_render = unroll.batch.render

    def render(*args: object, **kwargs: object) -> str:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return real_render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(unroll.batch, "render", render)


def test_a_batch_output_made_meanwhile_is_reported_and_kept(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    threads(tmp_path / "in")
    out = tmp_path / "out"
    _render_making(out / "t0.md", "theirs\n", monkeypatch)
    code, _, err = run("convert", str(tmp_path / "in"), "-o", str(out), "-j", "1")
    assert code == 1
    assert "2 converted, 0 skipped, 1 failed" in err
    assert re.search(r"t0\.txt: .*t0\.md: exists .*use --force", err), err
    assert (out / "t0.md").read_text(encoding="utf-8") == "theirs\n"
    assert files(out) == {"t0.md", "t1.md", "t2.md"}


def test_a_jsonl_file_made_meanwhile_is_kept(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    threads(tmp_path / "in")
    target = tmp_path / "all.jsonl"
    _render_making(target, "theirs\n", monkeypatch)
    code, _, err = run("convert", str(tmp_path / "in"), "-o", str(target), "-j", "1")
    assert code == 1
    assert f"{target}: exists (use --force to overwrite it)" in err
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert {p.name for p in tmp_path.iterdir()} == {"in", "all.jsonl"}, "a temporary file left"


def _summary(stderr: str) -> tuple[int, int, int]:
    found = re.search(r"unroll: (\d+) converted, (\d+) skipped, (\d+) failed", stderr)
    assert found, stderr
    converted, skipped, failed = map(int, found.groups())
    return converted, skipped, failed


@pytest.mark.slow
def test_two_runs_at_once_into_one_folder_never_overwrite_each_other(tmp_path: Path) -> None:
    """Two real runs of a 200-file batch into the same folder, neither with --force, one
    numbering its posts and one not, so that each file shows which run wrote it: every file
    is whole and from exactly one run, and each run converted exactly the files that hold
    its output, reporting every other one (skipped: it existed when the run came to it;
    failed, exit 1: it appeared while the run converted it)."""
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    for i in range(200):
        path = tmp_path / "in" / f"d{i % 4}" / f"t{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Copy {i}.\n" + texts[i % len(texts)], encoding="utf-8")
    options = {"a": [], "b": ["--no-numbers"]}
    expected: dict[str, dict[str, bytes]] = {}
    for run_name, args in options.items():
        done = real("convert", "in", "-o", f"ref-{run_name}", "-j", "2", *args, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        expected[run_name] = {str(p.relative_to(tmp_path / f"ref-{run_name}")): p.read_bytes()
                              for p in (tmp_path / f"ref-{run_name}").rglob("*.md")}
    names = set(expected["a"])
    assert len(names) == 200 and set(expected["b"]) == names
    assert all(expected["a"][n] != expected["b"][n] for n in names)

    procs = {run_name: subprocess.Popen([UNROLL, "convert", "in", "-o", "out", "-j", "1",
                                         *args], cwd=tmp_path, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
             for run_name, args in options.items()}
    reports = {}
    try:
        for run_name, proc in procs.items():
            _, err = proc.communicate(timeout=TIMEOUT)
            reports[run_name] = (proc.returncode, err)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)

    out = tmp_path / "out"
    written = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert set(written) == names, "a file missing, or a temporary file left"
    by = {run_name: {n for n, data in written.items() if data == expected[run_name][n]}
          for run_name in options}
    assert by["a"].isdisjoint(by["b"]) and by["a"] | by["b"] == names, \
        "a file that is not whole, or not one run's"
    for run_name, (code, err) in reports.items():
        assert "Traceback" not in err and "internal error" not in err, err
        converted, skipped, failed = _summary(err)
        assert converted == len(by[run_name]), \
            f"run {run_name} converted {converted} files but holds {len(by[run_name])}:" \
            " another run overwrote some"
        assert converted + skipped + failed == 200
        problems = [line for line in err.splitlines()
                    if line.startswith("  ") and not line.startswith("  ... and ")]
        assert len(problems) == min(failed, 20)
        assert all("exists" in line and "use --force" in line for line in problems), problems
        assert code == (1 if failed else 0), err
    assert sum(_summary(err)[1] + _summary(err)[2] for _, err in reports.values()) == 200
