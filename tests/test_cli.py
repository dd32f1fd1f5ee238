"""The command line: one case table run through both the CLI and the library so they cannot
drift, then the options, errors and exit codes a user meets, then the installed command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT, SAMPLES, validate

import unroll
from unroll.cli import cli
from unroll.sites import PROFILES

SAMPLE = ROOT / "samples" / "river-report-response.txt"

# (input text, library keyword arguments, matching CLI arguments)
CASES = [
    ("One. 1/\nTwo. 2/\n", {"to": "json"}, ["-t", "json"]),
    ("One. 1/\nTwo. 2/\n", {"to": "md"}, []),
    ("One. 1/\nTwo. 2/\n", {"to": "html"}, ["-t", "html"]),
    ("Long text here.\n\nMore.\n", {"to": "json", "site": "twtext"},
     ["-t", "json", "--site", "twtext"]),
    ("A b c d e f g. 1/\nH i. 2/\n", {"to": "json", "limit": 10}, ["-t", "json", "--limit", "10"]),
]


@pytest.mark.parametrize(("text", "kwargs", "args"), CASES)
def test_cli_and_library_agree(text: str, kwargs: dict[str, object], args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["convert", "-", "-q", *args], input=text.encode())
    assert result.exit_code == 0, result.stderr
    assert result.stdout == unroll.convert(text, **kwargs)  # type: ignore[arg-type]


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_default_is_markdown_on_stdout() -> None:
    code, out, err = run("convert", str(SAMPLE))
    assert code == 0 and err == ""
    assert out.startswith("# Last year the county's Environment Scrutiny Committee spent eight "
                          "months…\n\nBy @WendWatch · ")


def test_format_from_output_extension(tmp_path: Path) -> None:
    target = tmp_path / "thread.html"
    code, out, _ = run("convert", str(SAMPLE), "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["thread.html"]  # no temp file left


def test_existing_output_is_kept_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "thread.json"
    target.write_text("keep me")
    code, _, err = run("convert", str(SAMPLE), "-o", str(target))
    assert code == 1
    assert err == f"unroll: error: {target}: exists (use --force to overwrite it)\n"
    assert target.read_text() == "keep me"
    code, _, _ = run("convert", str(SAMPLE), "-o", str(target), "--force")
    assert code == 0
    validate(target.read_text(encoding="utf-8"))


def test_conflicting_format_and_extension_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("convert", str(SAMPLE), "-t", "json", "-o", str(tmp_path / "x.html"))
    assert code == 2
    assert "conflicts" in err
    assert not (tmp_path / "x.html").exists()


def test_dash_output_is_stdout() -> None:
    code, out, _ = run("convert", str(SAMPLE), "-o", "-", "-t", "json")
    assert code == 0
    validate(out)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text (a PNG image)"),
        (b"\x1f\x8b\x08\x00\x00\x00", "not text (gzip data)"),
        (b"hello\x00world", "not text (binary data at byte 5)"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "thread.txt"
    path.write_bytes(data)
    code, out, err = run("convert", str(path))
    assert (code, out) == (1, "")
    assert err == f"unroll: error: {path}: {message}\n"


def test_other_encodings_are_decoded_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "thread.txt"
    text = "Caf\u00e9 \u201csmart\u201d quotes \u2013 one. 1/\nTwo. 2/\n"
    path.write_bytes(text.encode("cp1252"))
    code, out, err = run("convert", str(path), "-t", "json")
    assert code == 0
    data = json.loads(out)
    assert data["posts"][0]["text"] == "Caf\u00e9 \u201csmart\u201d quotes \u2013 one."
    assert [w["code"] for w in data["warnings"]] == ["encoding"]
    assert "not UTF-8: decoded as" in err


def test_missing_file_and_folder(tmp_path: Path) -> None:
    code, _, err = run("convert", str(tmp_path / "nope.txt"))
    assert code == 1 and err.endswith("nope.txt: no such file\n")
    code, _, err = run("convert", str(tmp_path))
    assert code == 2 and "need -o DIR, or -t jsonl" in err
    # the library refuses a folder with one line
    with pytest.raises(unroll.InputError, match="is a folder, not a file"):
        unroll.parse(tmp_path)


def test_unknown_site_is_a_usage_error() -> None:
    code, _, err = run("convert", "-", "--site", "myspace", input=b"hello")
    assert code == 2
    assert "'myspace' is not one of" in err
    with pytest.raises(unroll.UsageError, match="unknown site 'myspace'"):
        unroll.parse("hello", site="myspace")


def test_sites_lists_every_profile() -> None:
    code, out, _ = run("sites")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert names == [p.name for p in PROFILES]
    assert all(len(line.split(None, 1)) == 2 for line in out.splitlines())


def test_bom_and_crlf_input() -> None:
    data = "\ufeffFirst post. 1/\r\nSecond post. 2/\r\n".encode()
    code, out, _ = run("convert", "-", "-t", "json", input=data)
    assert code == 0
    posts = json.loads(out)["posts"]
    assert [(p["marker"], p["text"]) for p in posts] == [("1/", "First post."),
                                                         ("2/", "Second post.")]


def test_warnings_go_to_stderr_and_quiet_silences_them() -> None:
    data = b"One. 1/\nTwo. 2/\nFour. 4/\n"
    code, out, err = run("convert", "-", "-t", "json", input=data)
    assert code == 0 and "post 3 is missing" in err
    json.loads(out)
    assert run("convert", "-", "-q", input=data)[2] == ""


def test_help_and_version() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "unroll convert thread.txt" in out
    code, out, _ = run("convert", "--help")
    assert code == 0 and "--to [md|html|json|jsonl|db|markdown]" in out
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("unroll, version ")


# --- the real command, as a user runs it ------------------------------------------------

UNROLL = shutil.which("unroll", path=str(Path(sys.executable).parent)) or shutil.which("unroll")
installed = pytest.mark.skipif(UNROLL is None, reason="the unroll command is not installed")


@installed
def test_installed_command_converts_a_sample() -> None:
    assert UNROLL is not None
    done = subprocess.run([UNROLL, "convert", str(SAMPLE), "-t", "json"], capture_output=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == unroll.convert(SAMPLE, to="json", name=str(SAMPLE))


@installed
def test_installed_command_reads_stdin_and_fails_cleanly() -> None:
    assert UNROLL is not None
    done = subprocess.run([UNROLL, "convert", "-", "-t", "md"], input=SAMPLE.read_bytes(),
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout.startswith(b"# Last year the county")
    bad = subprocess.run([UNROLL, "convert", "-"], input=b"\x00\x01", capture_output=True,
                         timeout=60, check=False)
    assert bad.returncode == 1
    assert bad.stderr == b"unroll: error: -: not text (binary data at byte 0)\n"
    assert b"Traceback" not in bad.stderr


@pytest.mark.parametrize("entry", [["-m", "unroll"], [str(ROOT / "cli.py")]])
def test_module_and_checkout_entry_points(entry: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, *entry, "convert", str(SAMPLES[0]), "-t", "json"],
                          capture_output=True, timeout=60, check=False, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    validate(done.stdout.decode())


def test_broken_pipe_is_quiet() -> None:
    if UNROLL is None:
        pytest.skip("the unroll command is not installed")
    big = ("A post with some words in it. " * 8 + "\n") * 20_000
    proc = subprocess.run(f"'{UNROLL}' convert - -t json | head -c 10", shell=True,
                          input=big.encode(), capture_output=True, timeout=60, check=False)
    assert b"Traceback" not in proc.stderr
