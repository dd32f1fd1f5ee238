"""Our HTML in a real headless Chromium: no script runs, nothing is fetched, no navigation.

Skipped, saying why, only where Chromium is not installed (.ci/run installs Debian's).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from catalogue import CASES, Case
from cdp import Browser, chromium
from support import SAMPLES

import unroll
from unroll.writers import render

BINARY = chromium()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    BINARY is None, reason="Chromium is not installed here (apt-get install chromium); the"
    " browser tests need it")]
SITES = sorted(p for p in (Path(__file__).parent.parent / "fixtures" / "sites").iterdir()
               if not p.name.endswith(".expected.json"))
PAGES = [c for c in CASES if c.expect == "document" and c.readback]


def test_the_harness_sees_a_script_run(browser: Browser, tmp_path: Path) -> None:
    """Control: a page that does run script, fetch and alert must be caught, or the other
    tests prove nothing."""
    page = tmp_path / "live.html"
    page.write_text("<!DOCTYPE html><p>live</p><script>console.log('ran');alert(1)</script>"
                    "<img src='https://unroll.invalid/x.png'>", encoding="utf-8")
    methods = {e["method"] for e in browser.visit(page)}
    assert "Runtime.consoleAPICalled" in methods
    assert "Page.javascriptDialogOpening" in methods
    assert "Network.requestWillBeSent" in methods


@pytest.mark.parametrize("case", PAGES, ids=[c.name for c in PAGES])
def test_hostile_case_is_inert_in_chromium(case: Case, browser: Browser, tmp_path: Path) -> None:
    source = tmp_path / case.filename
    source.write_bytes(case.build())
    page = tmp_path / "out.html"
    page.write_text(unroll.convert(source, to="html"), encoding="utf-8")
    assert browser.visit(page) == []


@pytest.mark.parametrize("path", [*SAMPLES, *SITES], ids=lambda p: p.name)
def test_samples_and_site_pages_are_inert_in_chromium(path: Path, browser: Browser,
                                                       tmp_path: Path) -> None:
    page = tmp_path / "out.html"
    thread = unroll.parse(path)
    for post in thread.posts:
        post.images = ()  # images are the one thing a page may fetch (https, by CSP)
    page.write_text(render(thread, "html"), encoding="utf-8")
    assert browser.visit(page) == []


_TOC_BOXES = """JSON.stringify([...document.querySelectorAll('nav.toc li')].map(li => {
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  const num = li.querySelector('.num');
  return {li: box(li.getBoundingClientRect()),
          num: num ? box(num.getBoundingClientRect()) : null,
          text: num ? num.textContent : null};
}))"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_table_of_contents_numbers_sit_in_their_own_items(browser: Browser, tmp_path: Path,
                                                              width: int) -> None:
    """A 25-post thread's table of contents, at a phone's and a desktop's width: every item
    shows its post's number inside its own box, and no two items overlap (the list's own
    markers stood in the column gap over the first column's text)."""
    text = "".join(f"Post {i} of the harbour thread, with an opening long enough to fill its"
                   f" column and wrap onto a second line of the contents. {i}/\n"
                   for i in range(1, 26))
    page = tmp_path / "long.html"
    page.write_text(unroll.convert(text.encode(), to="html"), encoding="utf-8")
    browser.call("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
        session=True)
    try:
        assert browser.visit(page) == []
        found = browser.call("Runtime.evaluate", {"expression": _TOC_BOXES},
                             session=True)["result"]["value"]
    finally:
        browser.call("Emulation.clearDeviceMetricsOverride", session=True)
    items = json.loads(found)
    assert [item["text"] for item in items] == [str(i) for i in range(1, 26)]

    def inside(a: dict[str, float], b: dict[str, float]) -> bool:
        return a["left"] >= b["left"] - 0.5 and a["right"] <= b["right"] + 0.5

    def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
        return (a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5
                and a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5)

    assert all(inside(item["num"], item["li"]) for item in items)
    assert not [(i, j) for i, a in enumerate(items) for j, b in enumerate(items)
                if i < j and overlap(a["li"], b["li"])]
