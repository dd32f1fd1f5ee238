"""Batch throughput and memory: threads per second for --jobs 1 and 2, and peak RSS.

Makes a synthetic archive (deterministic: one twtext thread a file, ~8 KB, its posts dealt
from the samples) in a temporary folder, runs the installed `unroll` on it as a user would,
and prints figures. Nothing is asserted: the machines are shared and noisy, so read the ratios.

    python benchmarks/batch.py [--threads 10000] [--size 8000]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import scaling  # noqa: E402  (benchmarks/scaling.py: the same generated threads)


def make_archive(folder: Path, count: int, size: int) -> int:
    """`count` threads of about `size` bytes in nested folders; returns the bytes written.
    Each is one twtext thread (scaling.thread), dealt from a different place in the samples."""
    total = 0
    for i in range(count):
        data = scaling.thread(size, seed=i * 7)
        path = folder / f"{i // 1000:02d}" / f"{(i // 100) % 10}" / f"thread-{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    return total


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MiB) of the command's largest process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=8_000, help="bytes per thread")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    unroll = shutil.which("unroll", path=str(Path(sys.executable).parent)) or "unroll"
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive"
        total = make_archive(archive, options.threads, options.size)
        print(f"archive: {options.threads:,} threads, {total / 1e6:.1f} MB")
        rates: dict[str, float] = {}
        for label, extra in [("json -j1", ["-t", "jsonl", "-j", "1"]),
                             ("json -j2", ["-t", "jsonl", "-j", "2"]),
                             ("html -j2", ["-t", "html", "-j", "2", "--force", "-o",
                                           str(Path(tmp) / "out")])]:
            times = [run([unroll, "convert", str(archive), *extra])[0]
                     for _ in range(options.repeat)]
            rates[label] = options.threads / median(times)
            print(f"{label:9} {rates[label]:8,.0f} threads/s  (median of {options.repeat}:"
                  f" {median(times):.2f} s)")
        print(f"speed-up -j2 / -j1: {rates['json -j2'] / rates['json -j1']:.2f}x")
        # Memory flat in the number of inputs: a fresh process per size, peak RSS of each.
        for count in (options.threads // 4, options.threads):
            args = [sys.executable, "-c",
                    "import resource, subprocess, sys; subprocess.run(sys.argv[1:],"
                    " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
                    " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
                    unroll, "convert", *sorted(str(p) for p in archive.iterdir())[
                        : max(1, count // 1000)], "-t", "jsonl", "-j", "1"]
            done = subprocess.run(args, capture_output=True, text=True, check=False)
            print(f"peak RSS, {max(1, count // 1000) * 1000:>6,} inputs, -j1:"
                  f" {int(done.stdout.strip() or 0) / 1024:6.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
