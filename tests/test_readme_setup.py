"""The README's set-up commands stand on their own, its examples say how to call unroll, and
the fast subset it documents (`pytest -m "not slow"`) leaves out what is slow."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from catalogue import CASES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end >= 0 else None]


def _setup_commands() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", _section("Try it"), re.S)


def test_each_setup_command_makes_its_own_venv() -> None:
    """A fresh clone has no venv, and one left by the other command must not matter: each
    command makes the venv afresh and calls only what it installed there."""
    commands = _setup_commands()
    assert len(commands) == 2 and all("\n" not in command for command in commands)
    for command in commands:
        steps = [step.strip() for step in command.split("&&")]
        assert steps[0] == "python3 -m venv --clear .venv", command
        assert all(step.startswith(".venv/bin/") for step in steps[1:]), command
    assert "pip install -e '.[test]'" in commands[1] and commands[1].endswith(" -m pytest")


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _setup_commands()[1] in ci


def test_the_examples_say_how_to_call_unroll() -> None:
    use = _section("Use")
    intro = use[: use.index("```sh")]
    assert ". .venv/bin/activate" in intro and ".venv/bin/unroll" in intro


def test_the_fast_subset_is_registered_and_documented() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^markers = \[\n(?:\s+#.*\n)?\s+"slow: ', pyproject, re.M)
    assert '.venv/bin/python -m pytest -m "not slow"' in README


def test_the_fast_subset_leaves_out_the_browser_dask_and_subprocess_batches() -> None:
    """One collection of the slow modules with -m "not slow": nothing of the browser, Dask
    and subprocess-batch modules is left, nor any big hostile case; the small ones are."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-m", "not slow", "tests/browser", "tests/test_dask.py", "tests/test_batch_signals.py",
         "tests/hostile"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    ids = [line for line in done.stdout.splitlines() if "::" in line]
    files = {node.split("::")[0] for node in ids}
    assert files == {"tests/hostile/test_hostile.py"}
    big = [case.name for case in CASES if case.slow]
    assert big and not [node for node in ids if any(f"[{name}]" in node for name in big)]
    assert len([node for node in ids if "test_hostile[" in node]) == len(CASES) - len(big)
    deselected = re.search(r"\((\d+) deselected\)", done.stdout)
    assert deselected and int(deselected[1]) > len(big)  # the modules' tests were there
