"""The one headless Chromium of a browser test module (tests/browser/cdp.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cdp import Browser, chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """A Chromium for the module's tests; only asked for by tests that skip without one."""
    binary = chromium()
    assert binary is not None
    opened = Browser(binary)
    yield opened
    opened.close()
