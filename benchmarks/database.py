"""The database output: threads per second into `-o threads.db` beside JSON Lines in the same
run, the database's size per thread, and `unroll search` latency (whole process).

Makes the synthetic archive of batch.py (10,000 one-thread files of about 5 KB by default),
with a made-up word of a Zipf vocabulary in each post (add_words), runs the installed
`unroll` on it as a user would, interleaving the two formats so that the machine's swings
fall on both, and prints figures. Nothing is asserted.

    python benchmarks/database.py [--threads 10000] [--size 5000] [--repeat 3] [--jobs 2]
                                  [--rounds 15]
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

from batch import make_archive, median  # noqa: E402  (the same archive as batch.py)

VOCABULARY = 20_000
"""Made-up words, one added to each post, drawn by Zipf's law (rank r with odds 1/r), as the
words of real text are: the samples' own words are dealt to every thread of the archive, so
each is in thousands of posts, and none is the kind of word a user searches an archive for."""
TYPICAL, RARE = 100, 2_000
"""The ranks of the words searched: about 1 post in 1,000 has the typical one, 1 in 20,000
the rare one."""


def word(rank: int) -> str:
    """The made-up word of `rank` (1 the commonest): letters, as a real word is."""
    letters, out = "bdfgklmnprstvz", "q"
    while rank:
        rank, digit = divmod(rank, len(letters))
        out += letters[digit] + "aeiou"[digit % 5]
    return out


def add_words(archive: Path, seed: int = 17) -> None:
    """Put a VOCABULARY word before each post's marker ("... 3/47") in every file."""
    import random

    pick = random.Random(seed)
    weights = [1 / rank for rank in range(1, VOCABULARY + 1)]
    for path in sorted(archive.rglob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        ranks = pick.choices(range(1, VOCABULARY + 1), weights, k=len(lines))
        for i, line in enumerate(lines):
            head, space, marker = line.rpartition(" ")
            if space and marker.partition("/")[0].isdecimal():
                lines[i] = f"{head} {word(ranks[i])} {marker}"
        path.write_text("\n".join(lines), encoding="utf-8")


def queries() -> dict[str, str]:
    """What is searched, by what it stands for; the target is read on the typical word."""
    return {"typical word": word(TYPICAL), "rare word": word(RARE),
            "word in every thread": "committee", "prefix": "fund*",
            "phrase": '"public meetings"', "NEAR": "parish NEAR councillors"}


INSTALLED = {name: value for name, value in os.environ.items()
             if name != "PYTHONDONTWRITEBYTECODE"}
"""The commands' environment: bytecode caches written and read, as an installed package has
them (pip compiles its modules on install). The shells of this machine set
PYTHONDONTWRITEBYTECODE, under which an editable install compiles every unroll module it
imports from source at every start: a cost of the machine's set-up, which no user pays."""


def seconds(args: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=INSTALLED if env is None else env)
    return time.perf_counter() - start


def timed(args: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (the command's processes, its workers included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = seconds(args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def in_process(archive: Path, folder: Path, count: int = 1000) -> None:
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


BARE_CLICK = """import click
@click.command()
@click.argument("db")
@click.argument("query")
def search(db, query):
    pass
search()"""
"""The least a click command costs to start: what `unroll search` is measured against."""


def latency(db: Path, unroll: str, rounds: int) -> None:
    """Whole-process time of `unroll search` beside `python -c pass` and a bare click app,
    run in turn round after round, so that the machine's swings fall on all of them: each
    ratio is a median of the rounds' own ratios. Then each query's time inside the process,
    and how many posts it matches."""
    from unroll.database.schema import open_read_only
    from unroll.database.search import search

    commands = {"python -c pass": [sys.executable, "-c", "pass"],
                "bare click app": [sys.executable, "-c", BARE_CLICK, "x", "y"],
                "unroll search --help": [unroll, "search", "--help"],
                **{f"unroll search, {label}": [unroll, "search", str(db), query]
                   for label, query in queries().items()}}
    times: dict[str, list[float]] = {label: [] for label in commands}
    for args in commands.values():  # a first run writes the bytecode caches
        seconds(args)
    for _ in range(rounds):
        for label, args in commands.items():
            times[label].append(seconds(args))
    conn = open_read_only(db)
    matches = {query: conn.execute("select count(*) from posts_fts where posts_fts match ?",
                                   (query,)).fetchone()[0] for query in queries().values()}
    print(f"whole process, medians of {rounds} rounds (ratios and differences: to the bare"
          " click app, round by round):")
    for label, spent in times.items():
        bare = times["bare click app"]
        ratio = median([a / b for a, b in zip(spent, bare, strict=True)])
        above = median([a - b for a, b in zip(spent, bare, strict=True)])
        query = commands[label][-1] if label.startswith("unroll search,") else None
        found = f", {query!r} matches {matches[query]:,} posts" if query else ""
        inside = ""
        if query:
            start = time.perf_counter()
            for _ in range(10):
                search(conn, query)
            inside = f"; the query alone {(time.perf_counter() - start) * 100:.1f} ms"
        print(f"  {label}: {median(spent) * 1000:.0f} ms, {ratio:.2f}x, {above * 1000:+.0f} ms"
              f"{found}{inside}")
    conn.close()
    uncached(db, unroll, rounds)


def uncached(db: Path, unroll: str, rounds: int) -> None:
    """`unroll search` for the typical word with and without unroll's bytecode caches (a
    copy of the package with none, PYTHONDONTWRITEBYTECODE set): what the figures of a shell
    that sets it measured, beside what an installed unroll costs."""
    import unroll as package

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(Path(package.__file__).parent, Path(tmp) / "unroll",
                        ignore=shutil.ignore_patterns("__pycache__"))
        bare = INSTALLED | {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": tmp}
        args = [unroll, "search", str(db), word(TYPICAL)]
        pairs = [(seconds(args), seconds(args, bare)) for _ in range(rounds)]
    cached, compiled = median([a for a, _ in pairs]), median([b for _, b in pairs])
    print(f"  unroll search, typical word, cached / compiled at every start:"
          f" {cached * 1000:.0f} / {compiled * 1000:.0f} ms"
          f" ({median([a / b for a, b in pairs]):.2f}x, paired)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=5_000, help="bytes per thread")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=15, help="of the latency figures")
    options = parser.parse_args()
    unroll = shutil.which("unroll", path=str(Path(sys.executable).parent)) or "unroll"
    with tempfile.TemporaryDirectory() as tmp:
        archive, db = Path(tmp) / "archive", Path(tmp) / "threads.db"
        make_archive(archive, options.threads, options.size)
        add_words(archive)
        total = sum(path.stat().st_size for path in archive.rglob("*.txt"))
        print(f"archive: {options.threads:,} threads, {total / 1e6:.1f} MB, -j{options.jobs}")
        jobs = ["-j", str(options.jobs)]
        runs: dict[str, list[tuple[float, float]]] = {"jsonl": [], "db": []}
        for _ in range(options.repeat):  # in turn, so that the machine's swings fall on both
            runs["jsonl"].append(timed([unroll, "convert", str(archive), "-o",
                                        str(Path(tmp) / "all.jsonl"), "--force", *jobs]))
            db.unlink(missing_ok=True)
            runs["db"].append(timed([unroll, "convert", str(archive), "-o", str(db), *jobs]))
        in_process(archive, Path(tmp))
        for label, done in runs.items():
            print(f"{label:6} {options.threads / median([w for w, _ in done]):8,.0f} threads/s"
                  f" (median of {options.repeat}: {median([w for w, _ in done]):.2f} s wall,"
                  f" {median([c for _, c in done]):.2f} s CPU)")
        pairs = list(zip(runs["jsonl"], runs["db"], strict=True))
        print(f"database / JSON Lines, threads/s: {median([j[0] / d[0] for j, d in pairs]):.2f}x"
              f" (target: 0.7x); CPU a thread: {median([j[1] / d[1] for j, d in pairs]):.2f}x"
              " (medians of each pair's ratio)")
        rerun = seconds([unroll, "convert", str(archive), "-o", str(db), *jobs])
        print(f"re-run, every input unchanged: {rerun:.2f} s"
              f" ({options.threads / rerun:,.0f} inputs/s)")
        size = db.stat().st_size
        print(f"database: {size / 1e6:.1f} MB, {size / options.threads / 1024:.1f} KiB a"
              f" thread ({size / total:.2f}x the input)")
        latency(db, unroll, options.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
