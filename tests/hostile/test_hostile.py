"""Every hostile input gives a correct document or a one-line error, and no live markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from catalogue import CASES, Case
from click.testing import CliRunner
from support import assert_conserved, html_posts, markdown_posts, validate

import unroll
from unroll.cli import cli
from unroll.text.entities import repair


def test_the_catalogue_is_large_enough() -> None:
    assert len(CASES) >= 50
    assert len({case.name for case in CASES}) == len(CASES)


_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>")
_ATTRIBUTE = re.compile(r"\s([\w-]+)\s*=\s*\"([^\"]*)\"")


def assert_inert_fast(page: str) -> None:
    """The same checks by pattern, for pages of many megabytes (our writer quotes every
    attribute with double quotes and escapes every < in text)."""
    for tag in _TAG.finditer(page):
        assert tag.group(2).lower() not in ("script", "iframe", "object", "embed", "svg",
                                             "base", "form"), tag.group(0)
        for name, value in _ATTRIBUTE.findall(tag.group(3)):
            assert not name.lower().startswith("on"), tag.group(0)
            if name in ("href", "src"):
                assert re.match(r"(https?://|#post-)", value), tag.group(0)


def assert_inert(page: str) -> None:
    """Nothing in our HTML can run or fetch: no script, no handlers, only web links."""
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find(["script", "iframe", "object", "embed", "svg", "base", "form"]) is None
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), (tag.name, attribute)
            if attribute in ("href", "src"):
                assert re.match(r"(https?://|#post-)", str(value)), (tag.name, value)
    refresh = soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)})
    assert refresh is None


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.slow) if c.slow else c
                                  for c in CASES], ids=[c.name for c in CASES])
def test_hostile(case: Case, tmp_path: Path) -> None:
    data = case.build()
    path = tmp_path / case.filename
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["convert", str(path), "-t", "json", "-q", *case.options])
    assert "Traceback" not in result.stderr
    if case.expect != "document":
        assert result.exit_code == 1, result.stdout[:200]
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith(f"unroll: error: {path}: ")
        assert case.expect in result.stderr
        return
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    validate(json.dumps({**doc, "posts": doc["posts"][:200]}))  # the schema, on a slice
    if case.check:
        case.check(doc)
    thread = unroll.parse(path)
    assert_conserved(thread, data)
    page = unroll.convert(path, to="html")
    (assert_inert if case.readback else assert_inert_fast)(page)
    markdown = unroll.convert(path, to="md")
    if case.readback:
        shown = {post.n: repair(post.text) for post in thread.posts}
        assert markdown_posts(markdown) == shown
        assert html_posts(page) == shown
