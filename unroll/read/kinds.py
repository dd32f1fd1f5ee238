"""One reader per input kind (copied text, a saved HTML page, a Markdown clip), each handing
the later stages the same Reading, so that no stage after this one asks what kind it was.

A reader works in two steps, because a page cannot be read until its site is known (the
site's selectors find its posts): first every line, for recognising the site; then, given the
site's profile, the Reading. The Markdown and HTML libraries are loaded only for their kinds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..model import Author, Block, Removed, Source

if TYPE_CHECKING:  # the profile is data handed in; a reader runs no site code
    from ..sites import SiteProfile


@dataclass(slots=True)
class Facts:
    """What the input says of the thread besides its text (a page's <title>, <html lang>)."""

    title: str | None = None
    url: str | None = None
    date: str | None = None
    lang: str | None = None
    """The language a saved page declares, as written."""
    handle: str | None = None
    """The author's @handle where the input names it itself (a page's byline, a clip's
    title): it outranks one the site's boilerplate names."""
    name: str | None = None
    """The author's display name, where the input shows it."""

    def author_over(self, found: Author | None) -> Author | None:
        """The author: the input's own byline where it has one, else `found` (named by the
        site's removed lines), given the byline's display name where it lacks one."""
        if self.handle:
            return Author(self.handle, self.name)
        if found is not None and found.name is None and self.name:
            found.name = self.name
        return found


@dataclass(slots=True)
class Reading:
    """The one shape every input kind hands the clean stage."""

    blocks: list[Block]
    """Where `delimited`, one block a post; else one block, the body the splitter cuts."""
    delimited: bool
    """Whether the input parts its posts itself (a page's tweets, a clip's paragraphs)."""
    chrome: list[str] = field(default_factory=list)
    """Lines outside the thread (a page's navigation), named by the site's rules later."""
    removed: list[Removed] = field(default_factory=list)
    """Lines the reader itself knows are not the thread (a clip's front matter)."""
    facts: Facts = field(default_factory=Facts)


class Reader(Protocol):
    """An input read far enough to recognise its site."""

    lines: list[str]
    """Every line of the input, in order, for recognising the site."""

    def has(self, selector: str) -> bool:
        """Whether an element of the input matches the CSS selector (only a page has any)."""

    def reading(self, profile: SiteProfile, suffixes: tuple[str, ...]) -> Reading:
        """The input's Reading under the site's profile; `suffixes` are every site's title
        suffixes ("| twtext"), for an input that does not show which site it came from.
        Called once: a reader lets go of what it held."""


class TextReader:
    """Copied text: its lines are the body, nothing else is known."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def has(self, selector: str) -> bool:
        return False

    def reading(self, profile: SiteProfile, suffixes: tuple[str, ...]) -> Reading:
        lines, self.lines = self.lines, []
        return Reading([Block(lines)], delimited=False)


class PageReader:
    """A saved HTML page: the profile's selectors find its posts, or its main text is read
    as copied text would be; the rest of the page is chrome."""

    def __init__(self, text: str) -> None:
        from . import page  # bs4 is loaded for HTML input only

        self.soup: Any = page.load(text)
        self.lines = page.lines_of(self.soup)

    def has(self, selector: str) -> bool:
        from .css import select_one

        return select_one(self.soup, selector) is not None

    def reading(self, profile: SiteProfile, suffixes: tuple[str, ...]) -> Reading:
        from . import page

        found = page.extract(self.soup, profile)
        page.discard(self.soup)
        self.soup, self.lines = None, []
        handle = found.handle if found.handle and found.handle.startswith("@") else None
        facts = Facts(found.title, found.url, found.date, found.lang, handle, found.name)
        if found.posts is None:
            return Reading([Block(found.body)], False, found.chrome, facts=facts)
        return Reading(found.posts, True, found.chrome, facts=facts)


class ClipReader:
    """A Markdown clip: a block a paragraph, and front matter naming the page it clipped."""

    def __init__(self, text: str) -> None:
        from . import clip  # markdown-it is loaded for Markdown clips only

        self.clip = clip.read(text)
        self.lines = [line for block in self.clip.blocks for line in block.lines]

    def has(self, selector: str) -> bool:
        return False

    def reading(self, profile: SiteProfile, suffixes: tuple[str, ...]) -> Reading:
        clip, self.lines = self.clip, []
        # A clip keeps the page's <title>, and any unroll site's suffix on it ("| twtext"):
        # a clip's text seldom shows which site it came from.
        facts = Facts(title=clip.title(suffixes), url=clip.url, handle=clip.handle)
        front = [Removed(line, "clip.front-matter") for line in clip.front_lines]
        return Reading(clip.blocks, True, removed=front, facts=facts)


def reader_for(source: Source, text: str) -> Reader:
    """The reader of the input's kind."""
    if source.kind == "html":
        return PageReader(text)
    if _is_clip(source, text):
        return ClipReader(text)
    return TextReader(text)


def _is_clip(source: Source, text: str) -> bool:
    name = source.name.lower()
    if not name.endswith((".md", ".markdown")) and not text.startswith("---"):
        return False
    from .clip import is_clip

    return is_clip(text, source.name)
