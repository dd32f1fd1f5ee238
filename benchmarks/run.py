"""unroll's figures, one entry point: start-up, throughput, batch, memory, scaling.

Inputs are generated deterministically; each figure is a median of several runs; where pandoc
is installed it runs on the same inputs in the same run and the ratios are printed. Nothing is
asserted (the machines are shared and noisy): read the ratios. Targets are those of the
project's speed issue.

    python benchmarks/run.py            # everything (a few minutes)
    python benchmarks/run.py --quick    # smaller batch, fewer repeats
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import batch  # noqa: E402  (benchmarks/batch.py)
import floor  # noqa: E402  (benchmarks/floor.py)
import scaling  # noqa: E402  (benchmarks/scaling.py)

import unroll  # noqa: E402

BIN = Path(sys.executable).parent
UNROLL = shutil.which("unroll", path=str(BIN)) or "unroll"
PANDOC = shutil.which("pandoc")


def wall(args: list[str], repeat: int) -> float:
    """Median wall seconds of a command."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def peak_rss(args: list[str]) -> float:
    """Peak resident memory (MiB) of one command, measured in a fresh child of a child."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:],"
             " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
             " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True,
                          check=False)
    return int(done.stdout.strip() or 0) / 1024


def line(label: str, value: str, target: str = "") -> None:
    print(f"  {label:44} {value:>18}  {target}")


def startup(folder: Path, repeat: int) -> None:
    print("1. start-up (median wall time)")
    thread = folder / "thread-8k.txt"
    thread.write_bytes(scaling.thread(8_000))
    # Asked from another folder: `python -c` imports from the current one, which from the
    # repository's root would be the source tree whatever is installed.
    editable = subprocess.run([sys.executable, "-c", "import unroll; print(unroll.__file__)"],
                              capture_output=True, text=True, check=False, cwd=folder).stdout
    if str(HERE.parent) in editable:
        print("  (an editable install: its import hook slows every start, `python -c pass` too;"
              " for start-up figures as users see them, pip install . in a fresh venv)")
    base = wall([sys.executable, "-c", "pass"], repeat)
    line("python -c pass", f"{base * 1000:.0f} ms")
    for label, args in [("unroll --help", [UNROLL, "--help"]),
                        ("unroll convert 8 KB -t html", [UNROLL, "convert", str(thread), "-t",
                                                         "html"])]:
        took = wall(args, repeat)
        line(label, f"{took * 1000:.0f} ms ({took / base:.1f}x)", "target <= 4.5x")
    if PANDOC:
        ours = wall([UNROLL, "convert", str(thread), "-t", "html"], repeat)
        theirs = wall([PANDOC, "-s", "-f", "markdown", "-t", "html", str(thread)], repeat)
        line("pandoc -s -f markdown -t html, 8 KB", f"{theirs * 1000:.0f} ms")
        line("unroll / pandoc", f"{ours / theirs:.2f}", "target <= 1.0")


def throughput(repeat: int) -> None:
    print("2. throughput in-process (8 MB text thread, 4 MB saved page)")
    text = scaling.thread(8_000_000)
    for to in ("json", "md", "html"):
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            unroll.convert(text, to=to)
            runs.append(time.perf_counter() - start)
        line(f"text to {to}", f"{len(text) / 1e6 / statistics.median(runs):.1f} MB/s",
             "target >= 50 MB/s")
    rates = floor.mb_per_s(len(text))
    line("floor: the least any CPython converter does", f"{rates['least']:.1f} MB/s",
         "(benchmarks/floor.py)")
    page = page_of(4_000_000)
    start = time.perf_counter()
    unroll.convert(page, to="json")
    line("saved page to json", f"{len(page) / 1e6 / (time.perf_counter() - start):.1f} MB/s",
         "target >= 4 MB/s")


def page_of(size: int) -> bytes:
    """A saved Thread Reader page of about `size` bytes."""
    tweets = scaling.repeat(size, lambda n: (
        f'<div class="content-tweet" data-tweet="{n}" data-screenname="a">Post {n} of a long'
        f" thread, with a [comment] and a link example.org/x {n}/</div>\n")).decode()
    return ("<!DOCTYPE html><html><head><title>t</title></head><body><div class='t-main'>"
            + tweets + "</div><div>• • •</div></body></html>").encode()


def memory(folder: Path) -> None:
    print("3. memory (peak RSS of the whole command)")
    big = folder / "thread-8m.txt"
    big.write_bytes(scaling.thread(8_000_000))
    for to, target in (("json", "<= 80 MiB"), ("md", "<= 80 MiB"), ("html", "<= 150 MiB")):
        line(f"8 MB text to {to}", f"{peak_rss([UNROLL, 'convert', str(big), '-t', to]):.0f} MiB",
             f"target {target}")
    page = folder / "page-13m.html"
    page.write_bytes(page_of(13_000_000))
    line("13 MB saved page to json",
         f"{peak_rss([UNROLL, 'convert', str(page), '-t', 'json']):.0f} MiB", "target <= 300 MiB")
    if PANDOC:
        line("pandoc, 8 MB text to html",
             f"{peak_rss([PANDOC, '-s', '-f', 'markdown', '-t', 'html', str(big)]):.0f} MiB")


def batch_rates(folder: Path, count: int, size: int) -> None:
    print(f"4. batch ({count:,} threads of about {size // 1000} KB, text)")
    archive = folder / f"archive-{size}"
    batch.make_archive(archive, count, size)
    rates = {}
    for label, extra in [("to json, --jobs 1", ["-t", "jsonl", "-j", "1"]),
                         ("to json, --jobs 2", ["-t", "jsonl", "-j", "2"]),
                         ("to html, --jobs 2", ["-t", "html", "-j", "2", "--force", "-o",
                                                str(folder / "out")])]:
        rates[label] = count / wall([UNROLL, "convert", str(archive), *extra], 1)
        line(label, f"{rates[label]:,.0f} threads/s")
    line("floor: the least any CPython converter does, -j2",
         f"{2000 / floor.per_thread_ms(size):,.0f} threads/s", "(benchmarks/floor.py)")
    line("json: --jobs 2 / --jobs 1",
         f"{rates['to json, --jobs 2'] / rates['to json, --jobs 1']:.2f}x", "target >= 1.5x")
    print(f"  {'':44} {'':>18}  targets: json -j2 >= 2,500/s, html -j2 >= 1,000/s")
    if PANDOC:
        sample = sorted(archive.rglob("*.txt"))[:50]
        took = wall([PANDOC, "-s", "-f", "markdown", "-t", "html", str(sample[0])], 5)
        line("a pandoc loop (one process per file)", f"{1 / took:,.0f} files/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller and fewer runs")
    options = parser.parse_args()
    repeat = 3 if options.quick else 9
    print(f"unroll {UNROLL}; pandoc {PANDOC or 'not installed'}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        startup(folder, repeat)
        throughput(1 if options.quick else 3)
        memory(folder)
        for size in (8_000, 5_000):  # the speed issue's archive, then the batch issue's
            batch_rates(folder, 2_000 if options.quick else 10_000, size)
    print("5. scaling (python benchmarks/scaling.py)")
    scaling.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
