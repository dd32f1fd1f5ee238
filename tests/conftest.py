"""Makes tests/ (support.py) and tests/hostile (the catalogue, which the browser tests reuse)
importable from every test folder."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
