"""Start-up discipline: the CLI and text conversion import only what they use.

click is the only import at the top; bs4 (HTML input), rich (terminal views) and markdown_it
(reading Markdown clips) are heavy and must stay out of the text path. Checked in a fresh
interpreter, without timing anything.
"""

from __future__ import annotations

import json
import subprocess
import sys

from support import ROOT

HEAVY = ["bs4", "rich", "markdown_it", "lxml", "jsonschema", "dask", "distributed", "fsspec"]

SCRIPT = """
import json, sys
import unroll.cli
import unroll
for to in ("md", "html", "json"):
    unroll.convert("One [aside]. 1/\\nESC: two. 2/\\nDfE: three. 3/\\n", to=to)
print(json.dumps(sorted(sys.modules)))
"""


def test_text_conversion_imports_nothing_heavy() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, timeout=60,
                          check=True, cwd=ROOT)
    loaded = set(json.loads(done.stdout))
    assert "click" in loaded
    assert [m for m in HEAVY if m in loaded] == []


def test_the_cli_help_loads_no_stage_of_the_pipeline() -> None:
    """`unroll --help` (and any command's start) costs click and the CLI's own module: the
    stages, the writers and the batch load when a command runs (issue 14: --help at most
    1.25x a bare click app's start-up, measured in benchmarks/README.md)."""
    script = ("import json, sys\nimport unroll.cli\n"
              "print(json.dumps(sorted(m for m in sys.modules if m.startswith('unroll'))))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60,
                          check=True, cwd=ROOT)
    loaded = set(json.loads(done.stdout))
    stages = ["unroll.pipeline", "unroll.batch", "unroll.split", "unroll.annotate",
              "unroll.writers", "unroll.read", "unroll.api"]
    assert [m for m in stages if m in loaded] == []
