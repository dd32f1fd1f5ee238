"""The pipeline, in order, as data: each stage is a function of one ParseState.

    read      bytes -> Source + a reader      encoding, BOM, line endings, size; the kind
    site      lines -> SiteProfile + Reading  which unroll site framed the thread; its blocks
    clean     blocks -> blocks + removed      the profile's boilerplate rules
    split     body -> posts                   markers, delimiting, the length limit
    annotate  posts -> segments               [commentary] and "Speaker:" turns

Only the read stage looks at bytes, and only it knows the input's kind (text, a saved page, a
clip): each kind's reader (read.kinds) hands the later stages the same Reading. Only the
writers produce output text.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import sites
from .annotate import annotate
from .clean import clean, clean_blocks, find_author, name_lines, stated_posts
from .model import Author, Block, Link, Post, Removed, Source, Stated, Thread
from .model import Warning as Note
from .read import decode
from .read.kinds import Facts, Reader, Reading, reader_for
from .sites import SiteProfile
from .split import split
from .split.closing import close_last, take_closing
from .split.numbering import split_blocks
from .text.entities import leaked, repair
from .text.weight import web_links


@dataclass(slots=True)
class ParseState:
    """What the stages hand each other: the same fields whatever the input's kind."""

    data: bytes
    name: str
    site: str | None = None
    """A profile name the caller forced (--site), or None to detect it."""
    limit: int | None = None
    """A post length limit the caller forced, or None for the profile's."""
    encoding: str | None = None
    """An encoding the caller forced (--encoding), or None to find it out."""
    strip: bool = False
    """Whether the author's asides leave the posts for `removed` (--commentary strip)."""
    source: Source | None = None
    reader: Reader | None = None
    """The input's reader (read.kinds), until the site stage has its Reading."""
    profile: SiteProfile | None = None
    reading: Reading | None = None
    """The input as blocks of lines, and what the reader knows of the thread besides."""
    removed: list[Removed] = field(default_factory=list)
    author: Author | None = None
    post_page: bool = False
    """The input is one post's own page (clean.Cleaned.post_page): it holds that post alone."""
    posts: list[Post] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)


def _read(state: ParseState) -> None:
    state.source, text = decode(state.data, state.name, state.encoding)
    state.data = b""  # only the text is needed from here on; a big input is not held twice
    if state.source.encoding != "utf-8" and state.encoding is None:
        note = state.source.encoding_note  # why a guess on thin evidence is only that
        state.warnings.append(Note("encoding", f"not UTF-8: decoded as"
                                               f" {state.source.encoding}"
                                               + (f" ({note})" if note else "")))
    state.reader = reader_for(state.source, text)


def _site(state: ParseState) -> None:
    reader, state.reader = state.reader, None  # from here on the Reading holds the input
    assert reader is not None
    if state.site:
        state.profile = sites.get(state.site)
    else:
        selects = [p for p in sites.PROFILES if p.post_selector and reader.has(p.post_selector)]
        state.profile = sites.detect(reader.lines, selects)
    state.reading = reader.reading(state.profile, _TITLE_SUFFIXES)


def _clean(state: ParseState) -> None:
    _remove_boilerplate(state)
    _unknown_site(state)
    _replies(state)


def _remove_boilerplate(state: ParseState) -> None:
    """The site's header and footer off the blocks, and the reader's chrome named by the
    site's rules: a body by its lines, posts the input parts itself by whole blocks."""
    reading, profile = state.reading, state.profile
    assert reading is not None and profile is not None
    named = reading.removed + name_lines(reading.chrome, profile, f"{profile.name}.page")
    if reading.delimited:
        reading.blocks, cut = clean_blocks(reading.blocks, profile)
        state.removed = named + cut
        author = find_author(state.removed, profile)
    else:
        found = clean(reading.blocks[0].lines, profile)
        state.removed, author = named + found.removed, found.author
        state.post_page = found.post_page
        if found.framed is None:
            reading.blocks = [Block(found.body)]
        else:  # the site's frames part the posts: nothing is left to cut
            reading.blocks = [Block(lines, links=list(_links_in("\n".join(lines))))
                              for lines in found.framed]
            reading.delimited = True
    state.author = reading.facts.author_over(author)


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
                                   f" line(s) at its head or tail, or of a card among its posts,"
                                   f" read as a site's own and were removed ({shown});"
                                   f" see `removed`"))


def _replies(state: ParseState) -> None:
    """Say so where lines were read as other people's replies (clean's replies_start, or a
    framed site's posts under another handle): a guess the user should see."""
    rule = f"{state.profile.name}.reply" if state.profile else ""
    replies = sum(1 for r in state.removed if r.rule == rule)
    if replies:
        state.warnings.append(Note("replies", f"{replies} line(s) read as other people's"
                                   " replies (blocks below the thread that open with a"
                                   " mention, or posts under another handle's byline) and"
                                   " were removed; see `removed`"))


_GENERIC_RULES = frozenset(rule.name for rule in sites.GENERIC.rules)
_TITLE_SUFFIXES = tuple(suffix for profile in sites.PROFILES for suffix in profile.title_suffixes)


def _split(state: ParseState) -> None:
    reading, profile = state.reading, state.profile
    assert reading is not None and profile is not None
    limit = state.limit or profile.limit
    blocks = reading.blocks
    closing = take_closing(blocks[-1].lines if blocks else [])
    if reading.delimited:
        state.posts, notes = _posts_of_blocks(blocks, limit)
    else:
        state.posts, notes = _posts_of_body(state, blocks[0].lines, limit)
    reading.blocks = []  # the posts hold the text now
    close_last(state.posts, closing)
    state.warnings.extend(notes)
    if not state.posts:
        state.warnings.append(Note("no-posts", "no thread text: everything in the input was"
                                               " the site's boilerplate or page chrome"))


def _posts_of_body(state: ParseState, body: list[str], limit: int) -> tuple[list[Post], list[Note]]:
    """A body's posts, cut by the splitter (which empties `body`), with the links in their
    text, and the lines below the thread that open other threads moved to `removed`."""
    assert state.profile is not None
    stated = stated_posts(state.removed, state.profile)
    if stated is None and state.post_page:
        stated = Stated(1, True, post_page=True)
    posts, notes, others = split(body, state.profile.convention, limit, stated)
    if others:
        rule = f"{state.profile.name}.other-threads"
        state.removed.extend(Removed(line, rule) for line in others)
        notes.append(Note("other-threads", f"the numbering starts over after post"
                          f" {len(posts)}: the {len(others)} line(s) below read as"
                          " the openings of other threads and were removed; see `removed`"))
    if stated is not None and stated.whole and not stated.post_page \
            and stated.posts != len(posts) \
            and not any(note.code == "numbering-gap" for note in notes):
        notes.append(Note("stated-count", f"the site's header says the thread has {stated.posts}"
                          f" posts; this copy holds {len(posts)}: posts may be missing from it"
                          " or split otherwise than the site's"))
    for post in posts:
        post.links = _links_in(post.text)
    return posts, notes


def _links_in(text: str) -> tuple[Link, ...]:
    """The web addresses written in a copied text's post, as its links."""
    # (web_links's own first test, made here: most posts have no address, and a call a
    # post costs more than the test.)
    return tuple(Link(url, url) for url in web_links(text)) if "://" in text else ()


def _posts_of_blocks(blocks: list[Block], limit: int) -> tuple[list[Post], list[Note]]:
    """Posts the input parts itself, numbered, with what the input says of each."""
    posts, notes = split_blocks([block.lines for block in blocks], limit)
    for post, found in zip(posts, blocks, strict=True):
        post.id, post.url = found.id, found.url
        post.images, post.links = tuple(found.images), tuple(found.links)
        post.quoted, post.date = tuple(found.quoted), found.date
    return posts, notes


def _annotate(state: ParseState) -> None:
    if state.strip:
        from .annotate.strip import strip_posts  # loaded for --commentary strip only

        strip_posts(state.posts, state.removed)
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
    "split", with the source, profile and a delimited Reading filled in: what follows is
    the same."""
    first = [name for name, _ in STAGES].index(start)
    with _collector_paused():
        for _name, stage in STAGES[first:]:
            stage(state)
    assert state.source is not None and state.profile is not None
    facts = state.reading.facts if state.reading is not None else Facts()
    return Thread(
        source=state.source,
        site=state.profile.reported_site,
        posts=state.posts,
        removed=state.removed,
        warnings=state.warnings,
        author=state.author,
        title=facts.title,
        url=facts.url,
        date=facts.date,
        lang=facts.lang,
        asides_stripped=state.strip,
    )
