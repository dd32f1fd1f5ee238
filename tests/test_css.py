"""unroll.read.css, the selector subset the profiles use, finds exactly what soupsieve finds."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from catalogue import CASES, page  # tests/hostile, on the path by conftest.py
from support import ROOT, SHARED

from unroll.read import css
from unroll.read.page import CHROME, load
from unroll.sites import PROFILES

SELECTORS = sorted({s for p in PROFILES for s in (p.post_selector, p.drop_selector,
                                                  p.handle_selector, p.name_selector,
                                                  p.time_selector) if s}
                   | {CHROME, "blockquote.twitter-tweet a[href]"})
"""Every selector the code uses."""

TRICKY = page(
    '<article class="thread other"><div><p class="tweet">one</p></div></article>'
    '<div class="tweet">not in a thread</div><div data-tweet-id="7">by id</div>'
    '<div class="content-tweet">no data-tweet</div><div class="content-tweet x" data-tweet="">'
    'empty data-tweet<sup class="tw-permalink">#</sup><span class="entity-image">img</span>'
    '<blockquote class="twitter-tweet"><p><a href="https://x.com/a/status/1">q</a></p>'
    '<a>no href</a></blockquote></div><nav><header role="banner">h</header></nav>'
    '<section role="navigation" aria-hidden="true">s</section><DIV CLASS="Tweet">case</DIV>'
    '<main role="main" aria-hidden="false"><p role="dialogue">kept</p></main>'
    '<a class="time" href="">t</a><h4 class="twitter_name">N</h4><b class="screenName">@n</b>')


def _pages() -> list[tuple[str, bytes]]:
    pages = [("tricky", TRICKY)]
    pages += [(p.name, p.read_bytes()) for p in sorted((ROOT / "tests").rglob("*.html"))]
    pages += [(p.name, p.read_bytes()) for p in sorted(SHARED.glob("*.html"))]
    pages += [(c.name, c.build()) for c in CASES
              if c.filename.endswith(".html") and c.expect == "document"
              and len(c.build()) < 200_000]
    return pages


PAGES = _pages()


def test_every_selector_the_code_uses_is_in_the_subset() -> None:
    for selector in SELECTORS:
        assert css.parse(selector)


@pytest.mark.parametrize("selector", ["a > b", "a + b", "p:first-child", "#id", "*",
                                      "[href^=http]", "a,", ""])
def test_what_the_subset_lacks_is_refused(selector: str) -> None:
    with pytest.raises(ValueError):
        css.parse(selector)


@pytest.mark.parametrize(("name", "data"), PAGES, ids=[name for name, _ in PAGES])
def test_answers_equal_soupsieve(name: str, data: bytes) -> None:
    soup = load(data.decode("utf-8", "replace"))
    assert isinstance(soup, BeautifulSoup)
    for selector in SELECTORS:
        ours, theirs = css.select(soup, selector), soup.select(selector)
        assert [id(e) for e in ours] == [id(e) for e in theirs], (name, selector)
        assert css.select_one(soup, selector) is soup.select_one(selector)
        for element in theirs[:20]:  # and from inside the page, as posts are read
            for inner in SELECTORS:
                assert [id(e) for e in css.select(element, inner)] == \
                    [id(e) for e in element.select(inner)], (name, selector, inner)


def test_the_tricky_page_finds_something_for_each_selector() -> None:
    """The differential test above means little on pages where nothing matches."""
    soup = load(TRICKY.decode())
    assert all(css.select(soup, s) for s in SELECTORS), \
        [s for s in SELECTORS if not css.select(soup, s)]
    assert [e.get_text() for e in css.select(soup, "article.thread .tweet, [data-tweet-id]")] \
        == ["one", "by id"]


def test_there_are_pages_to_compare() -> None:
    assert len(PAGES) >= 10, [name for name, _ in PAGES]
