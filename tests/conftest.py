"""Makes tests/ importable (support.py) for the test folders below it."""
