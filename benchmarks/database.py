"""The database output: threads per second into `-o threads.db` beside JSON Lines in the same
run, the database's size per thread, and `unroll search` latency (whole process).

Makes the synthetic archive of batch.py (10,000 one-thread files of about 5 KB by default),
runs the installed `unroll` on it as a user would, interleaving the two formats so that the
machine's swings fall on both, and prints figures. Nothing is asserted.

    python benchmarks/database.py [--threads 10000] [--size 5000] [--repeat 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from batch import make_archive, median  # noqa: E402  (the same archive as batch.py)

QUERIES = ("committee", "fund*", '"public meetings"', "parish NEAR councillors")
"""One-word first (the target is for it), then a prefix, a phrase and a NEAR."""


def seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=5_000, help="bytes per thread")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    unroll = shutil.which("unroll", path=str(Path(sys.executable).parent)) or "unroll"
    with tempfile.TemporaryDirectory() as tmp:
        archive, db = Path(tmp) / "archive", Path(tmp) / "threads.db"
        total = make_archive(archive, options.threads, options.size)
        print(f"archive: {options.threads:,} threads, {total / 1e6:.1f} MB, -j{options.jobs}")
        jobs = ["-j", str(options.jobs)]
        times: dict[str, list[float]] = {"jsonl": [], "db": []}
        for _ in range(options.repeat):
            times["jsonl"].append(seconds([unroll, "convert", str(archive), "-o",
                                           str(Path(tmp) / "all.jsonl"), "--force", *jobs]))
            db.unlink(missing_ok=True)
            times["db"].append(seconds([unroll, "convert", str(archive), "-o", str(db),
                                        *jobs]))
        rates = {k: options.threads / median(v) for k, v in times.items()}
        for label, rate in rates.items():
            print(f"{label:6} {rate:8,.0f} threads/s  (median of {options.repeat}:"
                  f" {median(times[label]):.2f} s)")
        print(f"database / JSON Lines: {rates['db'] / rates['jsonl']:.2f}x (target: 0.7x)")
        rerun = seconds([unroll, "convert", str(archive), "-o", str(db), *jobs])
        print(f"re-run, every input unchanged: {rerun:.2f} s"
              f" ({options.threads / rerun:,.0f} inputs/s)")
        size = db.stat().st_size
        print(f"database: {size / 1e6:.1f} MB, {size / options.threads / 1024:.1f} KiB a"
              f" thread ({size / total:.2f}x the input)")
        start_up = median([seconds([sys.executable, "-c", "pass"]) for _ in range(10)])
        print(f"python -c pass: {start_up * 1000:.0f} ms")
        for query in QUERIES:
            latency = median([seconds([unroll, "search", str(db), query])
                              for _ in range(10)])
            print(f"unroll search {query!r}: {latency * 1000:.0f} ms (median of 10, whole"
                  " process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
