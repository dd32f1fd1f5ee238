"""`unroll show` gives each speaker a colour of their own, the same one every time they speak."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console

import unroll
from unroll.cli import cli
from unroll.writers.show import SPEAKER_STYLES, STYLES, speaker_styles, view

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DIALOGUE = SAMPLES / "radio-phone-in.txt"
SGR = re.compile(r"\x1b\[([0-9;]*)m([^\x1b\n]*?): \x1b\[0m")
"""A speaker's label as rich prints it on a colour terminal: its style's codes, the label."""


def _label_codes(output: str) -> dict[str, set[str]]:
    codes: defaultdict[str, set[str]] = defaultdict(set)
    for code, label in SGR.findall(output):
        codes[label].add(code)
    return dict(codes)


def _speakers(thread: unroll.Thread) -> list[str]:
    return list(dict.fromkeys(s.speaker for p in thread.posts for s in p.segments if s.speaker))


def test_each_speaker_has_a_style_of_their_own() -> None:
    thread = unroll.parse(DIALOGUE)
    speakers = _speakers(thread)
    assert len(speakers) >= 3
    styles = speaker_styles(thread)
    assert list(styles) == speakers and len(set(styles.values())) == len(speakers)
    others = {STYLES[role] for role in ("aside", "link", "mention", "number", "warning")}
    assert not set(SPEAKER_STYLES) & others


def test_the_rendered_labels_carry_their_speakers_style() -> None:
    console = Console(record=True, force_terminal=True, color_system="standard", width=100)
    console.print(view(unroll.parse(DIALOGUE)))
    codes = _label_codes(console.export_text(styles=True))
    speakers = _speakers(unroll.parse(DIALOGUE))
    assert set(codes) == set(speakers)
    assert all(len(found) == 1 for found in codes.values())  # the same colour every turn
    assert len({next(iter(found)) for found in codes.values()}) == len(speakers)


def test_more_speakers_than_colours_still_print_every_label() -> None:
    names = [f"Person{k}" for k in range(len(SPEAKER_STYLES) + 2)]
    text = "".join(f"{name}: says something. {k + 1}/\n" for k, name in enumerate(names * 2))
    thread = unroll.parse(text, site="twtext")
    styles = speaker_styles(thread)
    assert list(styles) == names
    assert styles[names[0]] == styles[names[len(SPEAKER_STYLES)]]  # the palette repeats
    assert len({styles[n] for n in names[:len(SPEAKER_STYLES)]}) == len(SPEAKER_STYLES)


def test_the_cli_colours_each_speaker_apart() -> None:
    """Through CliRunner and the installed command, on output rich is told is a terminal."""
    speakers = _speakers(unroll.parse(DIALOGUE))
    result = CliRunner(env={"FORCE_COLOR": "1", "NO_COLOR": None}).invoke(
        cli, ["show", str(DIALOGUE), "--no-pager"])
    assert result.exit_code == 0, result.stderr
    run = subprocess.run([sys.executable, "-m", "unroll", "show", str(DIALOGUE), "--no-pager"],
                         capture_output=True, text=True, timeout=60, check=True,
                         env={"FORCE_COLOR": "1", "PATH": "/usr/bin:/bin", "TERM": "xterm"})
    for output in (result.stdout, run.stdout):
        codes = _label_codes(output)
        assert set(codes) == set(speakers)
        assert len({code for found in codes.values() for code in found}) == len(speakers)
