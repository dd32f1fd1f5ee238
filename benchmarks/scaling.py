"""Linear time: each input shape at 8 KB, 80 KB, 800 KB and 8 MB, and the time ratios.

Ten times the input may cost at most 11x the time up to 800 KB and 14x from 800 KB to 8 MB
(the speed issue); a step over its limit is flagged. Inputs are generated deterministically;
each point is the median of several runs (one at 8 MB). Nothing is asserted.

`--shapes issue15` prints the slow shapes of issue 15 instead: each input at the issue's size
and a tenth of it, through `unroll convert FILE --to json` in a child process, with its seconds,
seconds a MB, peak RSS and RSS over the input's size; over 2 s/MB or 20x (at full size) is
flagged. `--before DIR` runs another checkout's `unroll/` (in DIR) on the same files,
interleaved, with `--before-python` the interpreter of its own environment (say, one without
lxml installed).

    python benchmarks/scaling.py [--base 8000] [--to json] [--steps 3]
    python benchmarks/scaling.py --shapes issue15 [--tenth-only] [--before DIR
                                 [--before-python EXE]]
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import unroll  # noqa: E402  (after the path, so a checkout runs without installing)

_MARKER = re.compile(r"^🧵/\d+\s+|\s*\d+/\d*(?:\s+https?://\S+)?$")


def _pool() -> list[str]:
    """Every line of the samples' threads, without their markers: the posts to deal out."""
    pool = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("You can follow")[0]
        pool += [_MARKER.sub("", line) for line in body.split("\n") if line.strip()]
    return pool


POOL = _pool()
FOOTER = ("You can follow @{handle}.\nTip: mention @twtextapp on a Twitter thread with the"
          " keyword \u201cunroll\u201d to get a link to it.\n\nLatest Threads Unrolled:\n\n"
          "By continuing to use the site, you are consenting to the use of cookies as explained"
          " in our Cookie Policy to improve your experience.\n")


def thread(size: int, seed: int = 0) -> bytes:
    """A normal twtext thread of about `size` bytes: the samples' posts dealt out from
    position `seed`, numbered "n/N", with twtext's footer."""
    posts, length = [], 0
    while length < size:
        posts.append(POOL[(seed + len(posts)) % len(POOL)])
        length += len(posts[-1].encode()) + 8
    count = len(posts)
    out = [f"{post} {n}/{count}\n" for n, post in enumerate(posts, 1)]
    return ("".join(out) + FOOTER.format(handle=f"Author{seed % 97}")).encode()


def unbalanced(size: int) -> bytes:
    return ("[ab " * (size // 4)).encode()


def long_line(size: int) -> bytes:
    return ("word, " * (size // 6)).encode()


def repeat(size: int, make: Callable[[int], str]) -> bytes:
    """make(1), make(2), ... joined until they reach `size` characters."""
    parts, length, n = [], 0, 0
    while length < size:
        n += 1
        parts.append(make(n))
        length += len(parts[-1])
    return "".join(parts).encode()


def markers(size: int) -> bytes:
    return repeat(size, lambda n: f"Post {n} {n}/\n")


def deep_html(size: int) -> bytes:
    depth = size // 11
    return (f"<!DOCTYPE html><html><body>{'<div>' * depth}text{'</div>' * depth}"
            "</body></html>").encode()


def dialogue(size: int) -> bytes:
    return repeat(size, lambda n: f"ESC: point {n} [aside {n}]\n\nDfE: answer {n}\n")


def one_off_speakers(size: int) -> bytes:
    """A phone-in: a recurring host around a run of callers who each speak once."""
    callers = repeat(size, lambda n: f"Caller {n}: my point is number {n}\n").decode()
    return f"Host: welcome\n{callers}Host: thank you all\n".encode()


SHAPES: dict[str, Callable[[int], bytes]] = {
    "normal thread": thread,
    "unbalanced brackets": unbalanced,
    "long line": long_line,
    "many markers": markers,
    "deep HTML": deep_html,
    "dialogue": dialogue,
    "one-off speakers": one_off_speakers,
}


def saved_page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>".encode()


def br_page(size: int) -> bytes:
    """A saved page whose one paragraph is a line per <br>: "a<br>" is 5 bytes."""
    return saved_page("<p>" + "".join(f"{chr(97 + n % 26)}<br>" for n in range(size // 5))
                      + "</p>")


def p_page(size: int) -> bytes:
    """A saved page of one-word paragraphs: "<p>word</p>" is 11 bytes."""
    return saved_page("".join(f"<p>w{n % 1000:03}</p>" for n in range(size // 11)))


def clip_paragraphs(size: int) -> bytes:
    """A Markdown clip (front matter with a title) of one-word paragraphs, 6 bytes each."""
    body = "".join(f"w{n % 1000:03}\n\n" for n in range(size // 6))
    return f"---\ntitle: \"Thread by @someone\"\n---\n{body}".encode()


def letter_lines(size: int) -> bytes:
    return "".join(f"{chr(97 + n % 26)}\n" for n in range(size // 2)).encode()


def marker_lines(size: int) -> bytes:
    return b"1/\n" * (size // 3)


SLOW_SHAPES: dict[str, tuple[int, str, Callable[[int], bytes]]] = {
    "400k <br> page": (2_000_000, "page.html", br_page),
    "1M <p> page": (11_000_000, "page.html", p_page),
    "1M-paragraph clip": (6_000_000, "clip.md", clip_paragraphs),
    "1M one-letter lines": (2_000_000, "lines.txt", letter_lines),
    "1M '1/' lines": (3_000_000, "markers.txt", marker_lines),
    "50 MB thread": (50_000_000, "thread.txt", thread),
}
"""Issue 15's slow shapes: (size in bytes, file name, generator)."""
MOST_S_PER_MB = 2.0
MOST_RSS_RATIO = 20.0


Version = tuple[str, str, Path]
"""(label, Python interpreter, folder holding the `unroll` package) of one code to measure."""


def child_run(path: Path, to: str, version: Version) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MiB) of `unroll convert PATH --to TO` in a
    child process. The CPU time is what to read on a shared machine: wall time there moves
    with the others' load."""
    _, python, code = version
    env = {**os.environ, "PYTHONPATH": str(code)}
    start = time.perf_counter()
    child = subprocess.Popen([python, "-m", "unroll", "convert", str(path), "--to", to],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode:
        print(f"  ({path.name}: exit {child.returncode}: {errors.decode()[-200:].strip()})")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KiB on Linux


def _row(name: str, label: str, megabytes: float, run: tuple[float, float, float],
         tenth: float | None) -> str:
    """One measured line; `tenth` is the CPU time of a tenth of the input, for the ratio."""
    wall, took, rss = run
    ratio = f"{took / tenth:6.1f}" if tenth else ""
    over = [f"{took / megabytes:.1f} s/MB"] if took / megabytes > MOST_S_PER_MB else []
    if tenth and rss / megabytes > MOST_RSS_RATIO:
        over.append(f"{rss / megabytes:.0f}x")
    flag = f"  <- over: {', '.join(over)}" if over else ""
    return (f"{name:22}{label:>7}{megabytes:8.1f}M{wall:8.2f}{took:8.2f}{took / megabytes:7.2f}"
            f"{rss:9.1f}{rss / megabytes:8.1f}{ratio:>6}{flag}")


def slow_shapes(to: str, tenth_only: bool, versions: list[Version]) -> None:
    """Each slow shape at a tenth and at full size, each version run in turn on the same
    file (interleaved, so that the machine's load falls on both alike)."""
    print(f"{'shape':22}{'code':>7}{'size':>9}{'wall s':>8}{'CPU s':>8}{'CPU/MB':>7}"
          f"{'RSS MiB':>9}{'RSS/in':>8}{'x10':>6}   (s/MB and x10, the time of ten times the"
          " input, by CPU)")
    with tempfile.TemporaryDirectory() as folder:
        for name, (size, file_name, make) in SLOW_SHAPES.items():
            tenths: dict[str, float] = {}
            for scale in (10,) if tenth_only else (10, 1):
                path = Path(folder) / file_name
                path.write_bytes(make(size // scale))
                megabytes = path.stat().st_size / 1e6
                for version in versions:
                    run = child_run(path, to, version)
                    label = version[0]
                    print(_row(name, label, megabytes, run, tenths.get(label)), flush=True)
                    tenths[label] = run[1]


def timed(data: bytes, to: str, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        unroll.convert(data, to=to, name="input")
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


STEPS = ((1, 7), (10, 5), (100, 3), (1000, 1))
"""Multiples of the base size, and how many runs each point's median takes."""
LIMITS = (11.0, 11.0, 14.0)
"""The most each tenfold step may cost (the speed issue): 11x up to 800 KB, 14x beyond."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=8_000, help="bytes at 1x")
    parser.add_argument("--to", default="json")
    parser.add_argument("--steps", type=int, default=len(STEPS), help="how many sizes (2-4)")
    parser.add_argument("--shapes", choices=["issue15"], help="issue 15's slow shapes instead")
    parser.add_argument("--tenth-only", action="store_true", help="(--shapes) a tenth size only")
    parser.add_argument("--before", type=Path, help="(--shapes) another checkout's folder (it"
                        " holds unroll/), run beside this one")
    parser.add_argument("--before-python", default=sys.executable,
                        help="(--before) the interpreter of its environment")
    options = parser.parse_args(argv)
    if options.shapes:
        versions: list[Version] = [("now", sys.executable, ROOT)]
        if options.before:
            versions.insert(0, ("before", options.before_python, options.before.resolve()))
        slow_shapes(options.to, options.tenth_only, versions)
        return 0
    steps = STEPS[: max(2, options.steps)]
    sizes = [f"{options.base * k / 1e6:g} MB" for k, _ in steps]
    print(f"sizes: {', '.join(sizes)}; most allowed per tenfold step:"
          f" {', '.join(f'{x:g}x' for x in LIMITS[:len(steps) - 1])}")
    print(f"{'shape':20}" + "".join(f"{f'{k}x s':>9}" for k, _ in steps)
          + "".join(f"{f'ratio {i + 1}':>9}" for i in range(len(steps) - 1)))
    for name, make in SHAPES.items():
        times = [timed(make(options.base * k), options.to, repeat) for k, repeat in steps]
        ratios = [b / a for a, b in itertools.pairwise(times)]
        over = [i for i, r in enumerate(ratios) if r > LIMITS[i]]
        flag = f"  <- step {', '.join(str(i + 1) for i in over)} over" if over else ""
        print(f"{name:20}" + "".join(f"{t:9.4f}" for t in times)
              + "".join(f"{r:9.1f}" for r in ratios) + flag)
    return 0


if __name__ == "__main__":
    sys.exit(main())
