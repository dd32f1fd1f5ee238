"""The floor: how fast the least any CPython converter could do runs on the same inputs.

"Least" is: decode the bytes, split the lines, one regex search a line for a trailing
marker, one dict a post with its one segment, one call of the C JSON encoder, the cycle
collector off. unroll does all of that and much more (site detection, boilerplate, the
splitting cues, asides, speakers, numbering checks), so its figures sit below these. A
target above the floor cannot be met by any pure-Python design that makes an object a post;
it would take a compiled core. "bare" is the same without the per-line loop (decode, split,
dump the list of lines): what is left when Python touches no line itself.

    python benchmarks/floor.py
"""

from __future__ import annotations

import gc
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scaling  # benchmarks/scaling.py: the same generated threads

_TRAIL = re.compile(r"(\d{1,6})/(\d{1,6})?$")
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def least(data: bytes) -> str:
    """The least a converter of this thread to JSON could do."""
    posts = []
    for n, line in enumerate(data.decode().split("\n"), 1):
        match = _TRAIL.search(line, max(0, len(line) - 24))
        if match:
            text = line[: match.start()].rstrip()
            posts.append({"n": n, "marker": match.group(), "text": text,
                          "segments": [{"kind": "source", "text": text}]})
    return _encode({"posts": posts})


def bare(data: bytes) -> str:
    return _encode(data.decode().split("\n"))


def best(work: Callable[[], object], repeat: int) -> float:
    """Fastest of `repeat` runs, collector off: the floor is what the code costs, not the
    machine's noise."""
    runs = []
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            work()
            runs.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(runs)


def mb_per_s(size: int, repeat: int = 3) -> dict[str, float]:
    data = scaling.thread(size)
    rates = {}
    for name, convert in (("least", least), ("bare", bare)):
        rates[name] = len(data) / 1e6 / best(lambda: convert(data), repeat)  # noqa: B023
    return rates


def per_thread_ms(size: int, count: int = 500) -> float:
    threads = [scaling.thread(size, seed=i * 7) for i in range(count)]
    return best(lambda: [least(t) for t in threads], 5) / count * 1000


def main() -> int:
    rates = mb_per_s(8_000_000)
    print(f"8 MB thread to JSON: least {rates['least']:.1f} MB/s, bare {rates['bare']:.1f} MB/s")
    for size in (5_000, 8_000):
        ms = per_thread_ms(size)
        print(f"one {size // 1000} KB thread: least {ms:.3f} ms"
              f" (at most {2 / ms * 1000:,.0f} threads/s on 2 cores, before any file is read)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
