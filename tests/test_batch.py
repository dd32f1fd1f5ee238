"""Batch conversion of an archive: hundreds of threads in nested folders, some broken."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import SAMPLES, validate

from unroll import api, batch
from unroll.cli import cli
from unroll.errors import UsageError

GOOD_PER_FOLDER = 40
FOLDERS = ["2019", "2020/spring", "2020/autumn", "2021/a/b", "misc"]
BAD = {
    "broken/binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00",
    "broken/gzip.txt": b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
    "broken/empty.txt": b"",
    "broken/blank.txt": b"   \n\n  \n",
}


def make_archive(root: Path) -> list[Path]:
    """200 good threads (the samples, varied) in nested folders, plus broken inputs."""
    good = []
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    for f, folder in enumerate(FOLDERS):
        for i in range(GOOD_PER_FOLDER):
            name = f"thread {i:03d}.txt" if i % 10 else f"thréad-{i:03d}.txt"
            path = root / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"Archive copy {f}-{i}.\n" + texts[(f + i) % len(texts)],
                            encoding="utf-8")
            good.append(path)
    for name, data in BAD.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "broken" / "loop.txt").symlink_to("loop.txt")  # a symlink loop
    odd = root / "misc" / "a name\nwith a newline.txt"
    odd.write_text("A thread in an awkwardly named file. 1/\nSecond. 2/\n", encoding="utf-8")
    good.append(odd)
    return good


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")
            if p.is_file()}


@pytest.fixture()
def archive(tmp_path: Path) -> tuple[Path, list[Path]]:
    root = tmp_path / "archive"
    return root, make_archive(root)


def test_archive_converts_reports_and_resumes(archive: tuple[Path, list[Path]],
                                              tmp_path: Path) -> None:
    root, good = archive
    out = tmp_path / "out"
    before = {p for p in tmp_path.rglob("*")}
    code, stdout, stderr = run("convert", str(root), "-o", str(out), "-t", "html", "-j", "2")
    assert code == 1 and stdout == ""
    for path in good:
        target = out / path.relative_to(root).with_suffix(".html")
        assert target.read_text(encoding="utf-8").endswith("</html>\n"), target
    for name, reason in [("binary.txt", "not text"), ("gzip.txt", "gzip data"),
                         ("empty.txt", "empty"), ("blank.txt", "empty"),
                         ("loop.txt", "cannot be read")]:
        assert any(name in line and reason in line for line in stderr.splitlines()), name
    assert f"{len(good)} converted, 0 skipped, 5 failed" in stderr
    created = {p for p in tmp_path.rglob("*")} - before
    assert all(out in p.parents or p == out for p in created), "wrote outside -o"
    assert not list(out.rglob("*.tmp"))

    first = snapshot(out)
    code, _, stderr = run("convert", str(root), "-o", str(out), "-t", "html", "-j", "2")
    assert snapshot(out) == first, "a second run without --force wrote"
    assert f"0 converted, {len(good)} skipped" in stderr

    touched = good[7]
    later = time.time() + 5
    os.utime(touched, (later, later))
    code, _, stderr = run("convert", str(root), "-o", str(out), "-t", "html", "--update")
    changed = {k for k, v in snapshot(out).items() if first.get(k) != v}
    assert changed == {str(touched.relative_to(root).with_suffix(".html"))}
    assert f"1 converted, {len(good) - 1} skipped" in stderr


def test_unreadable_file_is_reported(archive: tuple[Path, list[Path]], tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """CI runs as root, which reads any file: simulate a permission error instead."""
    root, good = archive
    refused = good[3]
    real = api.read_path

    def read_path(path: str | os.PathLike[str]) -> bytes:
        if Path(path) == refused:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(api, "read_path", read_path)
    code, _, stderr = run("convert", str(root / "2019"), "-o", str(tmp_path / "o"), "-j", "1")
    assert code == 1
    assert f"{refused}: cannot be read (Permission denied)" in stderr


def test_jsonl_is_in_input_order_whatever_the_jobs(archive: tuple[Path, list[Path]]) -> None:
    root, _ = archive
    one = run("convert", str(root / "2020"), "-t", "jsonl", "-j", "1")
    two = run("convert", str(root / "2020"), "-t", "jsonl", "-j", "2")
    assert one[1] == two[1]
    lines = one[1].splitlines()
    assert len(lines) == 2 * GOOD_PER_FOLDER
    names = [validate(line)["source"]["name"] for line in lines]
    assert names == sorted(names, key=lambda n: (Path(n).parent.name != "autumn", n))


def test_globs_several_inputs_and_a_folder_named_like_a_file(tmp_path: Path) -> None:
    (tmp_path / "more").mkdir()
    for name in ("one.txt", "two.txt"):
        (tmp_path / "more" / name).write_text("Hello there. 1/\nBye now. 2/\n", encoding="utf-8")
    (tmp_path / "more" / "folder.txt").mkdir()
    (tmp_path / "single.txt").write_text("Just one post.\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = run("convert", str(tmp_path / "single.txt"), str(tmp_path / "more/*.txt"),
                          "-o", str(out), "-t", "json")
    assert code == 1
    assert "folder.txt: is a folder, not a file" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["one.json", "single.json", "two.json"]


def test_collisions_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("One.\n", encoding="utf-8")
    (tmp_path / "in" / "a.md").write_text("One.\n", encoding="utf-8")
    code, _, stderr = run("convert", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 2 and "would both write" in stderr
    assert not (tmp_path / "out").exists()


def test_outputs_never_leave_the_output_folder(tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text("One.\n", encoding="utf-8")
    with pytest.raises(UsageError, match="outside"):
        batch.plan([(str(source), "../../escape.txt")], tmp_path / "out", "md")
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere)
    with pytest.raises(UsageError, match="outside"):
        batch.plan([(str(source), "sub/x.txt")], out, "md")


def test_usage_errors() -> None:
    assert run("convert", "a.txt", "b.txt")[0] == 2  # several inputs need -o
    assert run("convert", "a.txt", "--index")[0] == 2


def test_index_lists_every_thread(archive: tuple[Path, list[Path]], tmp_path: Path) -> None:
    root, _ = archive
    out = tmp_path / "out"
    run("convert", str(root / "misc"), "-o", str(out), "-t", "html", "--index")
    page = (out / "index.html").read_text(encoding="utf-8")
    # by folder, then three other orders (tests/test_index.py reads the page)
    assert page.count('<td class="title"><a href="') == 4 * (GOOD_PER_FOLDER + 1)
    assert "<script" not in page


def test_sigint_mid_run_leaves_no_partial_file(tmp_path: Path) -> None:
    """A real process, interrupted while it works: every file it left is whole."""
    root = tmp_path / "big"
    text = SAMPLES[0].read_text(encoding="utf-8") * 60  # heavy enough to be caught working
    for i in range(300):
        path = root / f"d{i % 10}" / f"t{i}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "unroll", "convert", str(root), "-o",
                             str(out), "-t", "json", "-j", "2"],
                            stderr=subprocess.PIPE, stdout=subprocess.PIPE)
    deadline = time.time() + 30
    while time.time() < deadline and not (out.exists() and any(out.rglob("*.json"))):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err
    assert b"interrupted after converting" in err
    assert not [p for p in out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    written = list(out.rglob("*.json"))
    assert 0 < len(written) < 300
    for path in written:
        validate(path.read_text(encoding="utf-8"))


def test_jsonl_into_a_closed_pipe_stops_quietly(archive: tuple[Path, list[Path]]) -> None:
    root, _ = archive
    done = subprocess.run(f"'{sys.executable}' -m unroll convert '{root}' -t jsonl -j 1"
                          " | head -c 10", shell=True, capture_output=True, timeout=120,
                          check=False)
    assert len(done.stdout) == 10
    assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr


def _collected_with_paths(given: str) -> list[tuple[str, str]]:
    """batch.collect of a folder as it was, with a Path a file: the reference below."""
    folder = Path(given)
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(batch.INPUT_SUFFIXES):
                file = Path(root) / name
                found.append((str(file), str(file.relative_to(folder))))
    return found


def test_a_folder_walk_names_files_as_pathlib_does(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk writes its paths as strings; they must be the ones Path wrote (they are the
    names in messages and in the JSON), however the folder is spelled."""
    for relative in ("a.txt", "b.HTML", "c.jpg", ".hidden.txt", "sub/d.md", "sub/deeper/e.txt",
                     ".git/f.txt", "sub2/g.htm"):
        (tmp_path / "archive" / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "archive" / relative).write_text("One.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for given in ("archive", "archive/", "./archive", "archive//sub", str(tmp_path / "archive")):
        assert batch.collect([given])[0] == _collected_with_paths(given), given
    monkeypatch.chdir(tmp_path / "archive")
    assert batch.collect(["."])[0] == _collected_with_paths(".")
    assert len(batch.collect(["."])[0]) == 5
