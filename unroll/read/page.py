"""Saved HTML pages: the posts a profile's selectors find, and every other visible text block.

BeautifulSoup (with lxml when it is installed, Python's html.parser otherwise) builds the tree;
this module walks it with an explicit stack, since a recursive walk fails near depth 1,000.
Imported only for HTML input, so converting text never loads bs4.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from bs4 import BeautifulSoup
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    ProcessingInstruction,
    Script,
    Stylesheet,
    Tag,
    TemplateString,
)

from ..errors import InputError
from ..model import Block, Image, Link, web_address
from .css import elements, matches, select, select_one

if TYPE_CHECKING:  # the profile is data handed in; reading a page runs no site code
    from ..sites import SiteProfile

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
"""Elements whose text stands apart from their neighbours' (one block each)."""
HIDDEN_TAGS = frozenset({
    "area", "base", "embed", "head", "input", "link", "meta", "noscript", "script", "source",
    "style", "template", "title", "track",
})
"""Elements whose content is never shown as text. Form fields, media fallbacks and the
like are read: a saved page may keep words there, and nothing is dropped unread."""
SPACED_TAGS = frozenset({"button", "img", "input", "select", "textarea", "label"})
"""Inline elements a browser sets apart from the words around them."""
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction, Script, Stylesheet,
             TemplateString, CData)
CHROME = "nav, header, footer, aside, form, dialog, [role=dialog], [role=navigation], " \
         "[role=banner], [role=contentinfo], [aria-hidden=true]"
"""Page chrome a generic page's main text leaves out (it goes to `removed`)."""


def load(text: str) -> BeautifulSoup:
    """Parse a saved page, with lxml when it is installed."""
    parser = "lxml" if find_spec("lxml") else "html.parser"
    try:
        return BeautifulSoup(text, parser)
    except Exception as err:  # ParserRejectedMarkup and parser crashes alike
        raise InputError(f"not a readable HTML page ({type(err).__name__})") from None


def discard(soup: BeautifulSoup) -> None:
    """Take the tree apart once everything is read from it.

    The tree is cyclic (parent and child links), and the cycle collector is paused while a
    thread is parsed: left alone, it would stay in memory under every later stage (a 13 MB
    page's tree is 180 MiB). BeautifulSoup.decompose() called on the document itself stops
    at the root, so each top-level node is decomposed.
    """
    for node in list(soup.contents):
        node.decompose()


def blocks(root: Tag, skip: set[int] | None = None,
           inside: dict[int, list[Tag]] | None = None) -> list[list[str]]:
    """The visible text under `root`, one list of lines per block (a line per <br>).

    Elements in `skip` are left out (a skipped block still stands apart from its
    neighbours), except the elements `inside` lists for them, which are read in their
    place, each a block of its own: the words a post leaves out (its dropped elements)
    are read with the page's other text, where they stand.
    """
    skip = skip or set()
    inside = inside or {}
    out: list[list[str]] = []
    lines: list[list[str]] = [[]]
    flush = functools.partial(_close_block, lines, out)
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            flush()
            continue
        if isinstance(node, str):
            if not isinstance(node, _NOT_TEXT):
                lines[-1].append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        if id(node) in skip:
            kept = inside.get(id(node), ())
            if kept or node.name in BLOCK_TAGS:
                flush()
                stack.append((node, True))
            for element in reversed(kept):
                stack.append((element, True))
                stack.append((element, False))
            continue
        if node.name in SPACED_TAGS:
            lines[-1].append(" ")
            stack.append((" ", False))  # and after it
        if node.name in HIDDEN_TAGS:
            continue
        if node.name == "br":
            lines.append([])
            continue
        if node.name in BLOCK_TAGS:
            flush()
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    flush()
    return out


def _close_block(lines: list[list[str]], out: list[list[str]]) -> None:
    """The block read so far, its lines' white space collapsed, onto `out` (unless empty);
    `lines` starts the next one."""
    if not lines[-1] and len(lines) == 1:
        return  # nothing read since the last block (every block element ends one, and starts one)
    text = [" ".join("".join(parts).split()) for parts in lines]
    while text and not text[0]:
        text.pop(0)
    while text and not text[-1]:
        text.pop()
    if text:
        out.append(text)
    lines.clear()
    lines.append([])


def lines_of(root: Tag, skip: set[int] | None = None,
             inside: dict[int, list[Tag]] | None = None) -> list[str]:
    """Every visible line under `root`, blocks apart, for recognising a site."""
    return [line for block in blocks(root, skip, inside) for line in block if line]


def _in_quote(anchor: Tag) -> bool:
    """Whether a link sits in an embedded quoted post (blockquote.twitter-tweet)."""
    return any(matches(parent, "blockquote.twitter-tweet") for parent in anchor.parents)


def outermost(found: list[Tag], stop: Tag | None = None) -> list[Tag]:
    """The elements of `found` that no other element of `found` holds (ancestors are looked
    for up to `stop`, else the root). Each node's answer is kept, so a deep tree is walked
    once, not once per element."""
    marked = {id(e) for e in found}
    held: dict[int, bool] = {}
    out = []
    for element in found:
        path: list[Tag] = []
        node = element.parent
        answer = False
        while node is not None and node is not stop:
            if id(node) in marked or id(node) in held:
                answer = id(node) in marked or held[id(node)]
                break
            path.append(node)
            node = node.parent
        for seen in path:
            held[id(seen)] = answer
        if not answer:
            out.append(element)
    return out


def posts(soup: BeautifulSoup, profile: SiteProfile) -> list[tuple[Tag, Block, list[Tag]]]:
    """The posts the profile's selector finds, with their images, links and quoted posts,
    and the elements each leaves out of its text (the profile's drop_selector: permalink
    icons, image and quote embeds), whose words the page's other text keeps."""
    if not profile.post_selector:
        return []
    found = []
    # A container inside another is part of that post (a page that nests them would
    # otherwise give its words twice).
    for element in outermost(select(soup, profile.post_selector)):
        dropped = select(element, profile.drop_selector) if profile.drop_selector else []
        drop = {id(e) for e in dropped}
        text = [line for block in blocks(element, drop) for line in [*block, ""]][:-1]
        post = Block(lines=text)
        if profile.id_attribute:
            value = element.get(profile.id_attribute)
            post.id = value if isinstance(value, str) else None
        handle = element.get("data-screenname")
        if post.id and isinstance(handle, str):
            post.url = f"https://x.com/{handle}/status/{post.id}"
        _attach(post, list(elements(element)))  # one walk for images, quoted posts and links
        found.append((element, post, outermost(dropped, element)))
    return found


def _attach(post: Block, inner: list[Tag]) -> None:
    """The post's images, quoted posts and links, from the elements inside it (http(s) only):
    a link inside a quoted post or around a picture is that one's, not the post's."""
    for img in (e for e in inner if e.name == "img"):
        url = web_address(str(img.get("data-src") or img.get("src") or ""))
        if url:
            post.images.append(Image(url, _alt(img)))
    anchors = [e for e in inner if e.name == "a" and e.get("href") is not None]
    post.quoted += [url for e in anchors if _in_quote(e)
                    for url in [web_address(str(e.get("href")))] if url]
    post.links += [Link(url, a.get_text(" ", strip=True)) for a in anchors
                   for url in [web_address(str(a.get("href")))] if url and _shows_link(a)]


def _alt(img: Tag) -> str | None:
    alt = img.get("alt")
    return alt if isinstance(alt, str) and alt else None


def _shows_link(anchor: Tag) -> bool:
    """Whether the anchor is a link of the post's own text: words, not a picture, not inside
    a quoted post."""
    return anchor.find_parent(["blockquote"]) is None and anchor.find("img") is None \
        and bool(anchor.get_text(strip=True))

def title(soup: BeautifulSoup, suffixes: tuple[str, ...]) -> str | None:
    """The page's <title> without the site's own suffix; None when it is only the site's."""
    tag = soup.find("title")
    text = " ".join(tag.get_text().split()) if tag else ""
    for suffix in suffixes:
        if text.endswith(suffix):
            text = text[: -len(suffix)].rstrip()
    return text or None


def select_text(soup: BeautifulSoup, selector: str | None) -> str | None:
    if not selector:
        return None
    element = select_one(soup, selector)
    return " ".join(element.get_text().split()) or None if element else None


def thread_time(soup: BeautifulSoup, selector: str | None) -> tuple[str | None, str | None]:
    """(date, url) from the element that links the thread and carries its time."""
    if not selector:
        return None, None
    element = select_one(soup, selector)
    if element is None:
        return None, None
    url = web_address(str(element.get("href") or ""))
    stamp = str(element.get("data-time") or "")
    date = None
    if stamp.isdigit():
        try:
            date = datetime.fromtimestamp(int(stamp), tz=timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):
            date = None
    return date or (" ".join(element.get_text().split()) or None), url


def main_content(soup: BeautifulSoup) -> tuple[list[str], list[str]]:
    """For a page no profile knows: its main text as lines (blank between blocks), and the
    lines of its chrome (nav, header, footer, forms), which are left out."""
    body = soup.find("body") or soup
    assert isinstance(body, (Tag, BeautifulSoup))
    candidates = select(body, CHROME)
    marked = {id(e) for e in candidates}
    chrome = [e for e in candidates if not any(id(p) in marked for p in e.parents)]
    skip = {id(e) for e in chrome}
    # (select_one, not bs4's find: on a page with neither, each walks the whole tree, and
    # the selector's guard passes over most elements unmatched.)
    root = select_one(body, "main") or select_one(body, "article") or body
    assert isinstance(root, Tag)
    text: list[str] = []
    for block in blocks(root, skip):
        if text:
            text.append("")
        text.extend(block)
    outside = {id(root)} if root is not body else set()
    left_out = [line for e in chrome for line in lines_of(e)]
    if outside:
        left_out += lines_of(body, skip | outside)
    return text, left_out


@dataclass(slots=True)
class Extract:
    """What a saved page gives the pipeline."""

    posts: list[Block] | None
    """The posts, where the profile's selectors found them; else None."""
    body: list[str]
    """Without posts: the page's main text as lines, for the text pipeline."""
    chrome: list[str]
    """Every other visible line of the page."""
    handle: str | None = None
    name: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    lang: str | None = None
    """The page's <html lang>, as written."""


def extract(soup: BeautifulSoup, profile: SiteProfile) -> Extract:
    """The posts (or main text) of a saved page and everything around them."""
    found = posts(soup, profile)
    body = soup.find("body") or soup
    assert isinstance(body, Tag)
    page_title = title(soup, profile.title_suffixes)
    if page_title and page_title.startswith("Thread by @"):
        page_title = None  # the site's stock title names no thread
    date, url = thread_time(soup, profile.time_selector)
    handle = select_text(soup, profile.handle_selector)
    if found:
        # Every visible word lands in a post or in `removed`: what a post leaves out (a
        # quote embed's text, a permalink's) is read with the chrome, where it stands.
        chrome = lines_of(body, {id(element) for element, _, _ in found},
                          {id(element): dropped for element, _, dropped in found if dropped})
        return Extract([post for _, post, _ in found], [], chrome, handle,
                       select_text(soup, profile.name_selector), page_title, date, url,
                       page_lang(soup))
    text, chrome = main_content(soup)
    return Extract(None, text, chrome, handle, None, page_title, date, url, page_lang(soup))


def page_lang(soup: BeautifulSoup) -> str | None:
    """The language the page's <html> element declares (lang, else xml:lang)."""
    root = soup.find("html")
    if not isinstance(root, Tag):
        return None
    value = root.get("lang") or root.get("xml:lang")
    return str(value) if value else None
