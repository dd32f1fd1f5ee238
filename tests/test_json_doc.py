"""Every jq one-liner of docs/json.md runs as written, on the samples it names, and finds
something: a one-liner over a speaker, a field or an author that no sample has would print
nothing, and fail here. unroll runs through click's CliRunner, the jq program through jq's
own library (the `jq` package), from the top of the clone as the page says."""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path
from typing import Any

import jq
import pytest
from click.testing import CliRunner
from support import ROOT

from unroll.cli import cli

DOC = ROOT / "docs" / "json.md"
ONE_LINER = re.compile(r"^unroll convert .+ \| jq .+$", re.MULTILINE)


def one_liners() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    return [line for block in blocks for line in ONE_LINER.findall(block)]


def unroll_here(args: list[str], cwd: Path = ROOT) -> str:
    """What `unroll ARGS` prints, run from `cwd` (the page's commands name paths from the
    top of the clone)."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def run(line: str, cwd: Path) -> list[Any]:
    """The one-liner's unroll command, then its jq program over what it printed."""
    unroll_part, jq_part = line.split(" | jq ", 1)
    program = [a for a in shlex.split(jq_part) if not a.startswith("-")]
    assert len(program) == 1, jq_part
    printed = unroll_here(shlex.split(unroll_part)[1:], cwd)
    values: list[Any] = jq.compile(program[0]).input_text(printed).all()
    return values


def test_the_page_has_its_one_liners() -> None:
    assert len(one_liners()) >= 5


@pytest.mark.parametrize("line", one_liners())
def test_each_one_liner_finds_something(line: str) -> None:
    found = run(line, ROOT)
    assert found and all(value not in (None, "", []) for value in found)


def test_the_speaker_one_liner_gets_every_segment_of_the_turns() -> None:
    """What it prints is each of Okoye's source segments, worked out here from the JSON."""
    line = next(one for one in one_liners() if '.speaker == "Okoye"' in one)
    document = json.loads(unroll_here(["convert", "samples/radio-phone-in.txt", "-t", "json"]))
    expected = [f"{post['n']}: {s['text']}" for post in document["posts"]
                for s in post["segments"] if s["speaker"] == "Okoye" and s["kind"] == "source"]
    assert run(line, ROOT) == expected and len(expected) >= 4


def test_the_example_is_what_unroll_writes() -> None:
    """The page's example (post 3 of the phone-in, a turn whose aside is its speaker's too)
    is that post as unroll writes it, and its other fields are the document's own."""
    shown = json.loads(re.findall(r"```json\n(.*?)```", DOC.read_text("utf-8"), re.DOTALL)[0])
    document = json.loads(unroll_here(["convert", "samples/radio-phone-in.txt", "-t", "json"]))
    assert shown["posts"] == [post for post in document["posts"] if post["n"] == 3]
    assert all(removed in document["removed"] for removed in shown["removed"])
    assert {k: v for k, v in shown.items() if k not in ("posts", "removed")} == \
        {k: v for k, v in document.items() if k not in ("posts", "removed")}
