"""The batch on a Dask LocalCluster beside the local process pool: `--scheduler local:2` and
`--jobs 2` on the same synthetic archive (benchmarks/batch.py's), the overhead per thread,
and how it moves with the partition size.

Each run is the installed `unroll` as a user runs it, JSON Lines gathered into one file. The
cluster's fixed cost (starting a scheduler and two worker processes) is measured apart, on a
one-thread archive, and taken off, so the overhead per thread is what the scheduler costs
while work runs. Both wall time and CPU time (of every process of the run: the workers are
waited for by their nannies, the nannies by unroll) are printed: on a shared machine the CPU
time is the steadier of the two. Nothing is asserted: read the ratios.

`--before DIR` runs another checkout's `unroll` package too (DIR holds its `unroll/`, put
first on PYTHONPATH: `git worktree add DIR main`), its `--scheduler` runs beside this one's in
every repeat, so that a change is measured against what it changes on the same machine at the
same moment. The load average is printed at the start and the end: read the figures of a run
whose load moved a lot with care.

    python benchmarks/dask.py [--threads 10000] [--size 8000] [--partitions 262144,1048576,...]
                              [--repeat 2] [--before DIR]
"""

from __future__ import annotations

import argparse
import os
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

Config = tuple[Path, list[str], dict[str, str] | None]
"""An archive, the options beside it, and the environment (None: this process's)."""


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the command and all it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return median([w for w, _ in runs]), median([c for _, c in runs])


def configurations(archive: Path, single: Path, sizes: list[int],
                   before: Path | None) -> dict[str, Config]:
    """Every run of a repeat, by label: `--jobs 2`, then for this checkout ("after") and the
    one `before`, the cluster's start and stop alone and each partition size."""
    configs: dict[str, Config] = {"-j2": (archive, ["-j", "2"], None)}
    versions: dict[str, dict[str, str] | None] = {"after": None}
    if before is not None:
        versions = {"before": {**os.environ, "PYTHONPATH": str(before)}, **versions}
    for version, env in versions.items():
        configs[f"{version} start"] = (single, ["--scheduler", "local:2"], env)
        for size in sizes:
            configs[f"{version} {size}"] = (archive, ["--scheduler", "local:2",
                                                      "--partition-size", str(size)], env)
    return configs


def report(runs: dict[str, list[tuple[float, float]]], sizes: list[int], threads: int,
           total: int) -> None:
    """Print each configuration's medians beside `--jobs 2`'s."""
    wall, cpu = _median(runs["-j2"])
    print(f"--jobs 2: {wall:6.2f} s wall, {cpu:6.2f} s CPU, {threads / wall:6,.0f} threads/s")
    for version in ("before", "after"):
        if f"{version} start" not in runs:
            continue
        start_wall, start_cpu = _median(runs[f"{version} start"])
        print(f"{version}: --scheduler local:2 on one thread (start and stop):"
              f" {start_wall:.2f} s wall, {start_cpu:.2f} s CPU")
        for size in sizes:
            w, c = _median(runs[f"{version} {size}"])
            w, c = w - start_wall, c - start_cpu
            print(f"{version}: --scheduler local:2, {size / 1024:>6,.0f} KiB partitions"
                  f" ({-(-total // size):>3}): {w:6.2f} s wall ({(w / wall - 1) * 100:+4.0f}%),"
                  f" {c:6.2f} s CPU ({(c / cpu - 1) * 100:+4.0f}%,"
                  f" {(c - cpu) / threads * 1e6:+5.0f} µs a thread), after start-up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=8_000, help="bytes per thread")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--partitions", default=",".join(map(str, PARTITIONS)),
                        help="partition sizes in bytes, comma-separated")
    parser.add_argument("--before", type=Path, help="another checkout to run beside this one")
    options = parser.parse_args()
    unroll = shutil.which("unroll", path=str(Path(sys.executable).parent)) or "unroll"
    sizes = [int(s) for s in options.partitions.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        archive, single = Path(tmp) / "archive", Path(tmp) / "single"
        total = make_archive(archive, options.threads, options.size)
        make_archive(single, 1, options.size)
        out = str(Path(tmp) / "out.jsonl")
        configs = configurations(archive, single, sizes, options.before)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in configs}
        load = os.getloadavg()[0]
        for _ in range(options.repeat):  # each repeat runs every configuration, side by side
            for name, (source, extra, env) in configs.items():
                runs[name].append(run([unroll, "convert", str(source), "-o", out, "--force",
                                       *extra], env))
        print(f"archive: {options.threads:,} threads, {total / 1e6:.1f} MB;"
              f" median of {options.repeat}; load average {load:.1f} at the start,"
              f" {os.getloadavg()[0]:.1f} at the end")
        report(runs, sizes, options.threads, total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
