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


def in_process(archive: Path, folder: Path, count: int = 500) -> None:
    """Per thread, in this process: a worker's share (parse, render JSON Lines, hash) and the
    writer's (json.loads, rows, SQLite with its indexes and FTS): on two cores the run's rate
    is bounded by their sum, whatever is moved between processes."""
    import hashlib
    import json

    import unroll
    from unroll.database.rows import Input
    from unroll.database.store import ThreadStore

    paths = sorted(archive.rglob("*.txt"))[:count]
    start = time.perf_counter()
    lines = []
    for path in paths:
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        lines.append(unroll.convert(data, to="jsonl", name=str(path)).encode("utf-8"))
    worker = (time.perf_counter() - start) / len(paths)
    start = time.perf_counter()
    with ThreadStore(folder / "in-process.db") as store:
        for path, line in zip(paths, lines, strict=True):
            store.add(json.loads(line), Input(str(path), path.name, "0" * 64))
    writer = (time.perf_counter() - start) / len(paths)
    print(f"in-process, per thread: worker {worker * 1e3:.2f} ms, writer {writer * 1e3:.2f} ms"
          f" (a bound on the ratio with two cores: {worker / (worker + writer):.2f}x)")


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
        in_process(archive, Path(tmp))
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
        search_up = median([seconds([unroll, "search", "--help"]) for _ in range(10)])
        print(f"unroll search --help (start-up, no query): {search_up * 1000:.0f} ms")
        from unroll.database.schema import open_read_only
        from unroll.database.search import search

        conn = open_read_only(db)
        for query in QUERIES:
            latency = median([seconds([unroll, "search", str(db), query])
                              for _ in range(10)])
            start = time.perf_counter()
            for _ in range(10):
                search(conn, query)
            inside = (time.perf_counter() - start) / 10
            print(f"unroll search {query!r}: {latency * 1000:.0f} ms (median of 10, whole"
                  f" process); the query alone {inside * 1000:.1f} ms")
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
