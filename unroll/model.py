"""The data the pipeline passes between stages, and the Thread it returns.

Every stage reads and writes these plain dataclasses; only the writers turn them into text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SegmentKind = Literal["source", "commentary"]
SourceKind = Literal["text", "html"]


@dataclass(slots=True)
class Source:
    """What one input was: its name, kind and encoding.

    The decoded text itself is not kept here: a Thread lives on after parsing (in a batch,
    in a library caller's hands) and would otherwise pin a second copy of the whole input.
    """

    name: str
    """What the user called it: a file name, or "-" for standard input."""
    kind: SourceKind = "text"
    """Whether the text is a saved HTML page or plain text."""
    encoding: str = "utf-8"
    """The encoding the bytes were decoded with."""


@dataclass(slots=True)
class Segment:
    """A run of one post's paragraph that is either the author's aside or the text they relay."""

    kind: SegmentKind
    """"commentary" for the author's [bracketed] additions (brackets removed), else "source"."""
    text: str
    """The run as written; a speaker's label is not part of it."""
    paragraph: int
    """Index of the post paragraph (blank-line separated) that holds the run."""
    speaker: str | None = None
    """Set on the segment that opens a speaker's turn ("ESC" for "ESC: ..."); the turn runs on
    to the end of its line."""


@dataclass(frozen=True, slots=True)
class Image:
    """An image attached to a post (saved pages only)."""

    url: str
    alt: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A link in a post: its address and the text the page shows for it."""

    url: str
    text: str


@dataclass(slots=True)
class Block:
    """A post that the input delimits itself: a saved page's tweet, a clip's paragraph."""

    lines: list[str]
    """Its visible text, a line per line break; "" where a paragraph break stands."""
    id: str | None = None
    url: str | None = None
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Post:
    """One post of the thread.

    Its sequences are tuples: most posts have no images, links or quotes, and the shared
    empty tuple costs nothing where four empty lists cost 224 bytes a post (15 MiB on an
    8 MB thread of 70,000 posts).
    """

    n: int
    """1-based number; follows the author's markers, so it may skip where the unroll lost posts."""
    text: str
    """The post as written: marker removed, brackets kept, paragraphs joined by a blank line."""
    marker: str | None = None
    """The author's numbering marker exactly as written ("3/", "(2/7)", "[1 of 9]")."""
    segments: tuple[Segment, ...] = ()
    """The text cut into source and commentary runs, in order."""
    id: str | None = None
    """The post's status id, where the saved page carries it."""
    url: str | None = None
    """The post's own address, where the saved page carries it."""
    images: tuple[Image, ...] = ()
    links: tuple[Link, ...] = ()
    """Links in the post: from the page's anchors, else the addresses written in the text."""
    quoted: tuple[str, ...] = ()
    """Addresses of the posts this one quotes (embedded quote cards); not part of `text`."""


@dataclass(slots=True)
class Removed:
    """A piece of the input that is not thread text, and the rule that recognised it."""

    text: str
    rule: str
    """Dotted name of the rule, "<profile>.<what>", e.g. "twtext.follow"."""


@dataclass(slots=True)
class Warning:
    """Something the reader of the output should know: a repair, a gap, a forced choice."""

    code: str
    """Stable identifier, e.g. "numbering-gap", "over-limit"."""
    message: str
    post: int | None = None
    """The number (n) of the post it concerns, if any."""


@dataclass(slots=True)
class Author:
    handle: str
    """The @handle as the page shows it."""
    name: str | None = None


@dataclass(slots=True)
class Thread:
    """The result of parsing one input: what every writer renders."""

    source: Source
    site: str | None
    """Name of the site profile that recognised the input, None for the generic profile."""
    posts: list[Post]
    removed: list[Removed] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    author: Author | None = None
    title: str | None = None
    """The thread's title where the page shows one."""
    url: str | None = None
    """The thread's address where the page shows it."""
    date: str | None = None
    """When the thread was posted, where the page shows it (ISO 8601 where it can be read)."""

    @property
    def display_title(self) -> str:
        """A heading for documents: the page's title, else who wrote it, else the file name."""
        if self.title:
            return self.title
        if self.author and self.author.name:
            return f"Thread by {self.author.name} ({self.author.handle})"
        if self.author:
            return f"Thread by {self.author.handle}"
        stem = self.source.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return stem if stem and stem != "-" else "Thread"
