"""The batch index in a real headless Chromium at a phone's width (390 px) and a desktop's:
nothing runs or is fetched, nothing overflows sideways, and every cell's text is on screen
(the folder tables, and the other orders' tables once their <details> are opened).

Skipped, saying why, only where Chromium is not installed (.ci/run installs Debian's).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cdp import Browser, chromium
from click.testing import CliRunner
from support import sample_archive

from unroll.cli import cli

BINARY = chromium()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    BINARY is None, reason="Chromium is not installed here (apt-get install chromium); the"
    " browser tests need it")]

_MEASURE = """(() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const cells = [...document.querySelectorAll('td, td .excerpt, h1, h2, .meta, nav a')];
  const seen = cells.filter(e => e.textContent.trim()).map(e => {
    const r = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    return {what: e.className || e.tagName, text: e.textContent.slice(0, 40),
            left: r.left, right: r.right, width: r.width, height: r.height,
            shown: style.visibility !== 'hidden' && style.display !== 'none'};
  });
  const facts = [...document.querySelectorAll('tbody tr')].map(tr =>
    [...tr.querySelectorAll('td:not(.title)')]
      .filter(td => getComputedStyle(td).display !== 'none')
      .map(td => getComputedStyle(td, '::before').content));
  return JSON.stringify({scroll: document.documentElement.scrollWidth, facts,
                         width: window.innerWidth, cells: seen,
                         columns: [...new Set([...document.querySelectorAll('td')]
                                                .map(td => td.className))]});
})()"""


@pytest.fixture(scope="module")
def index_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("index")
    sample_archive().write_archive(folder / "archive", 20)
    # A title no line can hold, to be wrapped rather than pushed off the screen.
    (folder / "archive" / "long.txt").write_text(
        "Supercalifragilisticexpialidocious" * 4 + " is a long word. 1/\nSo it is. 2/\n",
        encoding="utf-8")  # (and no author, no date)
    result = CliRunner().invoke(cli, ["convert", str(folder / "archive"), "-o",
                                      f"{folder / 'out'}/", "-t", "html", "--index", "-q",
                                      "-j", "1"])
    assert result.exit_code == 0, result.stderr
    return folder / "out" / "index.html"


@pytest.mark.parametrize("width", [390, 1280])
def test_every_column_is_on_screen(browser: Browser, index_page: Path, width: int) -> None:
    browser.call("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
        session=True)
    try:
        assert browser.visit(index_page) == []
        found = json.loads(browser.call("Runtime.evaluate", {"expression": _MEASURE},
                                        session=True)["result"]["value"])
    finally:
        browser.call("Emulation.clearDeviceMetricsOverride", session=True)
    assert found["width"] == width
    assert found["scroll"] <= width  # no sideways scrolling
    assert {"title", "by", "date", "posts", "folder"} <= set(found["columns"])
    off = [c for c in found["cells"] if not (c["shown"] and c["width"] > 0 and c["height"] > 0
                                             and c["left"] >= -0.5 and c["right"] <= width + 0.5)]
    assert off == []
    # On a phone the facts stand on one line, a " · " between each two that show (none
    # before the first: a thread without an author or a date has no stray dot).
    separators = {tuple(row) for row in found["facts"]}
    if width < 600:
        assert separators and all(row[0] == "none" and set(row[1:]) <= {'" · "'}
                                  for row in separators)
