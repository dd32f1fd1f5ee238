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
