"""Instructions per thread, counted by valgrind: the one figure here that does not move.

Wall and CPU time on the project's shared 2-core machines move by 30% from one run to the
next, so a change worth 5% cannot be seen in them. valgrind's callgrind counts the machine
instructions a run executes, which is the same for the same code and input whatever else
the machine is doing. Each figure is (a run over N threads - a run over none) / N, so
start-up is left out. Cache misses are not counted: confirm a win in wall time as well.

    python benchmarks/instructions.py [--threads 100] [--size 5000]    # needs valgrind
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scaling  # noqa: E402  (benchmarks/scaling.py: the same generated threads)

WORK = """
import pickle
from unroll.api import parse
from unroll.writers import render
with open({inputs!r}, "rb") as file:
    threads = pickle.load(file)[:{count}]
for data in threads:
    thread = parse(data, name="thread.txt")
    if {to!r}:
        render(thread, {to!r})
"""


def instructions(inputs: Path, count: int, to: str | None) -> int:
    """Instructions of one run over the first `count` threads in `inputs`."""
    code = WORK.format(inputs=str(inputs), count=count, to=to)
    # A fixed hash seed: with a random one, dict and set layouts differ from run to run and
    # the count of the same code moves by about 1%.
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise SystemExit(f"no count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=100)
    parser.add_argument("--size", type=int, default=5_000, help="bytes per thread")
    options = parser.parse_args()
    if not shutil.which("valgrind"):
        print("valgrind is not installed (apt-get install valgrind)")
        return 1
    print(f"{options.threads} twtext threads of about {options.size:,} bytes, in-process")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "threads.pickle"
        threads = [scaling.thread(options.size, seed=i * 7) for i in range(options.threads)]
        inputs.write_bytes(pickle.dumps(threads))
        for label, to in (("parse", None), ("parse + JSON Lines", "jsonl"),
                          ("parse + HTML", "html")):
            base = instructions(inputs, 0, to)
            total = instructions(inputs, options.threads, to)
            print(f"  {label:20} {(total - base) / options.threads / 1e6:7.2f} M instructions"
                  " a thread")
    return 0


if __name__ == "__main__":
    sys.exit(main())
