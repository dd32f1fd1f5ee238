"""The pipeline, in order, as data: each stage is a function of one ParseState.

    read      bytes -> text + Source          encoding, BOM, line endings, size
    site      text -> lines + SiteProfile     which unroll site framed the thread
    clean     lines -> body + removed         the profile's boilerplate rules
    split     body -> posts                   markers, delimiting, the length limit
    annotate  posts -> segments               [commentary] and "Speaker:" turns

Only the read stage looks at bytes; only the writers produce output text.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from . import sites
from .annotate import annotate
from .clean import clean, clean_blocks, find_author, name_lines
from .model import Author, Block, Link, Post, Removed, Source, Thread
from .model import Warning as Note
from .read import decode
from .sites import SiteProfile
from .split import split
from .split.closing import close_last, take_closing
from .split.numbering import split_blocks
from .text.entities import leaked, repair
from .text.weight import web_links


@dataclass(slots=True)
class ParseState:
    """What the stages hand each other."""

    data: bytes
    name: str
    site: str | None = None
    """A profile name the caller forced (--site), or None to detect it."""
    limit: int | None = None
    """A post length limit the caller forced, or None for the profile's."""
    encoding: str | None = None
    """An encoding the caller forced (--encoding), or None to find it out."""
    source: Source | None = None
    text: str = ""
    """The decoded input, until the site stage has cut it into lines, a page or a clip."""
    lines: list[str] = field(default_factory=list)
    """The text's lines, for text input (split once, read by site and clean)."""
    profile: SiteProfile | None = None
    body: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    author: Author | None = None
    posts: list[Post] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    page: Any = None
    """The parsed HTML page (a BeautifulSoup), for HTML input."""
    clip: Any = None
    """The read Markdown clip (clip.Clip), for Markdown input."""
    page_posts: list[Block] | None = None
    """The posts the input delimits itself (a saved page's tweets, a clip's paragraphs)."""
    title: str | None = None
    url: str | None = None
    date: str | None = None
    lang: str | None = None
    """The language a saved page declares."""


def _read(state: ParseState) -> None:
    state.source, state.text = decode(state.data, state.name, state.encoding)
    state.data = b""  # only the text is needed from here on; a big input is not held twice
    if state.source.encoding != "utf-8" and state.encoding is None:
        note = state.source.encoding_note  # why a guess on thin evidence is only that
        state.warnings.append(Note("encoding", f"not UTF-8: decoded as"
                                               f" {state.source.encoding}"
                                               + (f" ({note})" if note else "")))


def _site(state: ParseState) -> None:
    assert state.source is not None
    text, state.text = state.text, ""  # from here on the lines, page or clip hold it
    if state.source.kind == "html":
        from .read import page  # bs4 is loaded for HTML input only
        from .read.css import select_one

        state.page = page.load(text)
        lines = page.lines_of(state.page)
        selects = [p for p in sites.PROFILES if p.post_selector
                   and select_one(state.page, p.post_selector) is not None]
    elif _is_clip(state.source, text):
        from .read import clip  # markdown-it is loaded for Markdown clips only

        state.clip = clip.read(text)
        lines, selects = [line for b in state.clip.blocks for line in b.lines], []
    else:
        state.lines = lines = text.split("\n")
        selects = []
    state.profile = sites.get(state.site) if state.site else sites.detect(lines, selects)


def _is_clip(source: Source, text: str) -> bool:
    name = source.name.lower()
    if not name.endswith((".md", ".markdown")) and not text.startswith("---"):
        return False
    from .read.clip import is_clip

    return is_clip(text, source.name)


def _clean(state: ParseState) -> None:
    _remove_boilerplate(state)
    _unknown_site(state)


def _remove_boilerplate(state: ParseState) -> None:
    assert state.source is not None and state.profile is not None
    if state.clip is not None:
        state.page_posts, state.removed = clean_blocks(state.clip.blocks, state.profile)
        front = [Removed(line, "clip.front-matter") for line in state.clip.front_lines]
        state.removed = front + state.removed
        handle = state.clip.handle
        state.author = Author(handle) if handle else find_author(state.removed, state.profile)
        state.url = state.clip.url
        # A clip keeps the page's <title>, and any unroll site's suffix on it ("| twtext"):
        # a clip's text seldom shows which site it came from.
        state.title = state.clip.title(_TITLE_SUFFIXES)
        return
    if state.page is None:
        state.body, state.removed, state.author = clean(state.lines, state.profile)
        return
    from .read import page

    found = page.extract(state.page, state.profile)
    page.discard(state.page)
    state.page = None
    chrome = name_lines(found.chrome, state.profile, f"{state.profile.name}.page")
    if found.posts is None:
        state.body, state.removed, state.author = clean(found.body, state.profile)
        state.removed = chrome + state.removed
    else:
        state.page_posts = found.posts
        state.removed = chrome
        state.author = find_author(chrome, state.profile)
    if found.handle and found.handle.startswith("@"):
        state.author = Author(found.handle, found.name)
    elif state.author is not None and state.author.name is None and found.name:
        state.author.name = found.name
    state.title, state.url, state.date = found.title, found.url, found.date
    state.lang = found.lang


def _unknown_site(state: ParseState) -> None:
    """Say so where lines were taken as an unknown site's chrome: the generic rules know
    shapes, not a site's wording, so the user should see what went."""
    assert state.profile is not None
    if state.profile is not sites.GENERIC:
        return
    taken = [r.text for r in state.removed if r.rule in _GENERIC_RULES]
    if taken:
        shown = "; ".join(repr(text[:40]) for text in taken[:3])
        state.warnings.append(Note("unknown-site", f"no site profile knows this input; {len(taken)}"
                                   f" line(s) at its head or tail read as a site's own and were"
                                   f" removed ({shown}); see `removed`"))


_GENERIC_RULES = frozenset(rule.name for rule in sites.GENERIC.rules)
_TITLE_SUFFIXES = tuple(suffix for profile in sites.PROFILES for suffix in profile.title_suffixes)


def _split(state: ParseState) -> None:
    assert state.profile is not None
    limit = state.limit or state.profile.limit
    closing = take_closing(state.body if state.page_posts is None
                           else state.page_posts[-1].lines if state.page_posts else [])
    if state.page_posts is None:
        state.lines = []  # the body holds every line split needs, and split empties it
        state.posts, notes, others = split(state.body, state.profile.convention, limit)
        if others:
            rule = f"{state.profile.name}.other-threads"
            state.removed.extend(Removed(line, rule) for line in others)
            notes.append(Note("other-threads", f"the numbering starts over after post"
                              f" {len(state.posts)}: the {len(others)} line(s) below read as"
                              " the openings of other threads and were removed; see `removed`"))
        for post in state.posts:
            # (web_links's own first test, made here: most posts have no address, and a
            # call a post costs more than the test.)
            urls = web_links(post.text) if "://" in post.text else None
            if urls:
                post.links = tuple(Link(url, url) for url in urls)
    else:
        state.posts, notes = split_blocks([p.lines for p in state.page_posts], limit)
        for post, found in zip(state.posts, state.page_posts, strict=True):
            post.id, post.url = found.id, found.url
            post.images, post.links = tuple(found.images), tuple(found.links)
            post.quoted, post.date = tuple(found.quoted), found.date
    close_last(state.posts, closing)
    state.warnings.extend(notes)
    if not state.posts:
        state.warnings.append(Note("no-posts", "no thread text: everything in the input was"
                                               " the site's boilerplate or page chrome"))


def _annotate(state: ParseState) -> None:
    annotate(state.posts)
    for post in state.posts:
        found = leaked(post.text) if "& " in post.text else None  # (leaked's first test)
        if found:
            shown = ", ".join(f"{e!r} as {repair(e)!r}" for e in sorted(set(found)))
            state.warnings.append(Note(
                "entity-repaired", f"post {post.n}: leaked HTML entities shown repaired in"
                f" Markdown and HTML ({shown}); the JSON text keeps them as written", post.n))


STAGES: list[tuple[str, Callable[[ParseState], None]]] = [
    ("read", _read),
    ("site", _site),
    ("clean", _clean),
    ("split", _split),
    ("annotate", _annotate),
]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause CPython's cycle collector while the stages run.

    A parse builds a few small objects per line (markers, units, posts, segments), none of
    them in a reference cycle. The collector rescans the ever larger heap as they pile up:
    on an 8 MB thread that was half of all parsing time (benchmarks/run.py). Anything
    cyclic made meanwhile is collected once the collector is back on.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def run(state: ParseState, *, start: str = "read") -> Thread:
    """Run the stages from `start` on over `state` and return the Thread.

    A reader that delimits the posts itself (a platform export: unroll.archives) starts at
    "split", with the source, profile and page_posts filled in: what follows is the same."""
    first = [name for name, _ in STAGES].index(start)
    with _collector_paused():
        for _name, stage in STAGES[first:]:
            stage(state)
    assert state.source is not None and state.profile is not None
    return Thread(
        source=state.source,
        site=state.profile.reported_site,
        posts=state.posts,
        removed=state.removed,
        warnings=state.warnings,
        author=state.author,
        title=state.title,
        url=state.url,
        date=state.date,
        lang=state.lang,
    )
