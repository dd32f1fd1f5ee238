"""docs/reliability.md names, under each promise, the tests that hold it: each named test must
exist in the file it is listed under, or the page promises what nothing checks."""

from __future__ import annotations

import re

from support import ROOT


def test_every_test_the_reliability_page_names_exists_in_its_file() -> None:
    page = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    named = 0
    for item in re.split(r"\n- ", page):
        listed = re.search(r"`(tests/[\w/]+\.py)`", item)
        if not listed:
            continue
        source = (ROOT / listed.group(1)).read_text(encoding="utf-8")
        for test in re.findall(r"`(test_\w+)`", item):
            assert f"def {test}(" in source, f"{listed.group(1)} has no {test}"
            named += 1
    assert named >= 50, "the page lists too few tests to be read by this check"
