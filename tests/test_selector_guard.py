"""The selector guard finds what an unguarded match and bs4's find find, on generated pages
(issue 15: css.select passes over elements with no attributes, and main_content looks for
<main> and <article> with select_one, for speed; neither may change what a page gives).

The pages are generated as trees and written out well-formed, elements with and without the
attributes the profiles' selectors look for, nested in and around each other.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unroll.read import css, page
from unroll.sites import PROFILES

WORDS = st.sampled_from(["one", "two words", " spaced ", "&amp; co", "caf\u00e9", "1/",
                         "3/5", "[aside]", "ESC: said", "\u00a0", "a\nb", "", " "])
INLINE = ["span", "b", "a", "sup", "em"]
CONTAINERS = ["div", "article", "main", "nav", "header", "footer", "blockquote", "section",
              "aside"]
ATTRIBUTES = ['', '', ' class="tweet"', ' class="content-tweet" data-tweet="1"',
              ' data-tweet-id="7"', ' class="thread"', ' role="navigation"',
              ' aria-hidden="true"', ' class="tw-permalink"', ' class="entity-embed"',
              ' href="https://example.org/x"']


def _inline(depth: int) -> st.SearchStrategy[str]:
    text = WORDS.map(lambda w: w.replace("<", ""))
    if depth == 0:
        return text
    inner = st.lists(_inline(depth - 1) | st.just("<br>"), max_size=3).map("".join)
    tagged = st.tuples(st.sampled_from(INLINE), st.sampled_from(ATTRIBUTES), inner).map(
        lambda t: f"<{t[0]}{t[1]}>{t[2]}</{t[0]}>")
    return text | tagged


def _block(depth: int) -> st.SearchStrategy[str]:
    paragraph = st.tuples(st.sampled_from(ATTRIBUTES), st.lists(_inline(2), max_size=4)).map(
        lambda t: f"<p{t[0]}>{''.join(t[1])}</p>")
    items = st.lists(_inline(1), min_size=1, max_size=3).map(
        lambda xs: "<ul>" + "".join(f"<li>{x}</li>" for x in xs) + "</ul>")
    if depth == 0:
        return paragraph | items | _inline(1)
    inner = st.lists(_block(depth - 1), max_size=4).map("".join)
    container = st.tuples(st.sampled_from(CONTAINERS), st.sampled_from(ATTRIBUTES), inner).map(
        lambda t: f"<{t[0]}{t[1]}>{t[2]}</{t[0]}>")
    return paragraph | items | container


PAGES = st.lists(_block(3), max_size=6).map(
    lambda blocks: "<!DOCTYPE html><html lang=\"en\"><head><title>A thread</title></head>"
                   f"<body>{''.join(blocks)}</body></html>")


@settings(max_examples=150, deadline=None)
@given(PAGES)
def test_the_selector_guard_finds_what_bs4_finds(html: str) -> None:
    soup = page.load(html)
    body = soup.find("body")
    assert body is not None
    for name in ("main", "article", "p", "nav"):
        assert css.select_one(body, name) is body.find(name)
    everything = list(css.elements(soup))
    selectors = {page.CHROME, *(s for p in PROFILES for s in (p.post_selector, p.drop_selector)
                                if s)}
    for selector in selectors:
        unguarded = [e for e in everything if css.matches(e, selector)]
        assert css.select(soup, selector) == unguarded
