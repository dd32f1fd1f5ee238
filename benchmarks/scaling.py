"""Linear time: each input shape at 1x, 10x and 100x its base size, and the time ratios.

A ratio above 15 for ten times the input is a bug to fix (issue: hostile input). Inputs are
generated deterministically; each point is the median of several runs. Nothing is asserted.

    python benchmarks/scaling.py [--base 8000] [--to json]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
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


def markers(size: int) -> bytes:
    lines, n = [], 0
    while sum(map(len, lines)) < size:
        n += 1
        lines.append(f"Post {n} {n}/\n")
    return "".join(lines).encode()


def deep_html(size: int) -> bytes:
    depth = size // 11
    return (f"<!DOCTYPE html><html><body>{'<div>' * depth}text{'</div>' * depth}"
            "</body></html>").encode()


def dialogue(size: int) -> bytes:
    turns, n = [], 0
    while sum(map(len, turns)) < size:
        n += 1
        turns.append(f"ESC: point {n} [aside {n}]\n\nDfE: answer {n}\n")
    return "".join(turns).encode()


SHAPES: dict[str, Callable[[int], bytes]] = {
    "normal thread": thread,
    "unbalanced brackets": unbalanced,
    "long line": long_line,
    "many markers": markers,
    "deep HTML": deep_html,
    "dialogue": dialogue,
}


def timed(data: bytes, to: str, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        unroll.convert(data, to=to, name="input")
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=8_000, help="bytes at 1x")
    parser.add_argument("--to", default="json")
    options = parser.parse_args(argv)
    print(f"{'shape':22} {'1x s':>8} {'10x s':>8} {'100x s':>8} {'10x/1x':>7} {'100x/10x':>8}")
    for name, make in SHAPES.items():
        times = [timed(make(options.base * k), options.to, repeat)
                 for k, repeat in ((1, 7), (10, 5), (100, 3))]
        first, second = times[1] / times[0], times[2] / times[1]
        flag = "  <- over 15" if max(first, second) > 15 else ""
        print(f"{name:22} {times[0]:8.4f} {times[1]:8.4f} {times[2]:8.3f} {first:7.1f}"
              f" {second:8.1f}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
