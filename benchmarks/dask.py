"""The batch on a Dask LocalCluster beside the local process pool: `--scheduler local:2` and
`--jobs 2` on the same synthetic archive (benchmarks/batch.py's), the overhead per thread,
and how it moves with the partition size.

Each run is the installed `unroll` as a user runs it, JSON Lines gathered into one file. The
cluster's fixed cost (starting a scheduler and two worker processes) is measured apart, on a
one-thread archive, and taken off, so the overhead per thread is what the scheduler costs
while work runs. Both wall time and CPU time (of every process of the run: the workers are
waited for by their nannies, the nannies by unroll) are printed: on a shared machine the CPU
time is the steadier of the two. Nothing is asserted: read the ratios.

    python benchmarks/dask.py [--threads 10000] [--size 8000] [--partitions 262144,1048576,...]
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

from batch import make_archive, median  # noqa: E402  (benchmarks/batch.py)

PARTITIONS = (256 * 1024, 1024 * 1024, 4 * 1024 * 1024, 16 * 1024 * 1024)


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the command and all it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return median([w for w, _ in runs]), median([c for _, c in runs])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=8_000, help="bytes per thread")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--partitions", default=",".join(map(str, PARTITIONS)),
                        help="partition sizes in bytes, comma-separated")
    options = parser.parse_args()
    unroll = shutil.which("unroll", path=str(Path(sys.executable).parent)) or "unroll"
    with tempfile.TemporaryDirectory() as tmp:
        archive, single = Path(tmp) / "archive", Path(tmp) / "single"
        total = make_archive(archive, options.threads, options.size)
        make_archive(single, 1, options.size)
        out = str(Path(tmp) / "out.jsonl")

        sizes = [int(s) for s in options.partitions.split(",")]
        configs = {"-j2": (archive, "-j", "2"), "start": (single, "--scheduler", "local:2")}
        configs.update({str(size): (archive, "--scheduler", "local:2", "--partition-size",
                                    str(size)) for size in sizes})
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in configs}
        for _ in range(options.repeat):  # each repeat runs every configuration, side by side
            for name, (source, *extra) in configs.items():
                runs[name].append(run([unroll, "convert", str(source), "-o", out, "--force",
                                       *extra]))
        (wall, cpu), (start_wall, start_cpu) = (_median(runs["-j2"]), _median(runs["start"]))
        print(f"archive: {options.threads:,} threads, {total / 1e6:.1f} MB;"
              f" median of {options.repeat}")
        print(f"--jobs 2: {wall:6.2f} s wall, {cpu:6.2f} s CPU,"
              f" {options.threads / wall:6,.0f} threads/s")
        print(f"--scheduler local:2 on one thread (start and stop): {start_wall:.2f} s wall,"
              f" {start_cpu:.2f} s CPU")
        for size in sizes:
            w, c = _median(runs[str(size)])
            w, c = w - start_wall, c - start_cpu
            print(f"--scheduler local:2, {size / 1024:>6,.0f} KiB partitions"
                  f" ({-(-total // size):>3}): {w:6.2f} s wall ({(w / wall - 1) * 100:+4.0f}%),"
                  f" {c:6.2f} s CPU ({(c / cpu - 1) * 100:+4.0f}%,"
                  f" {(c - cpu) / options.threads * 1e6:+5.0f} µs a thread), after start-up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
