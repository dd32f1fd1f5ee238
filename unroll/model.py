"""The data the pipeline passes between stages, and the Thread it returns.

Every stage reads and writes these plain dataclasses; only the writers turn them into text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from .text.entities import repair

SegmentKind = Literal["source", "commentary"]
SourceKind = Literal["text", "html", "x-archive", "mastodon-archive"]
TitleSource = Literal["page", "first-post", "file"]


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
    encoding_note: str | None = None
    """Why that encoding is only a guess, where the evidence for it was thin (a few
    non-ASCII bytes); the `encoding` warning says it."""
    captured: str | None = None
    """When a web archive captured the page (its WARC-Date), for a page read from one."""


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
    """The speaker whose turn holds the run ("ESC" for "ESC: ..."), on every segment of the
    turn, so selecting a speaker's segments gets all they said (issue 16). A turn runs from
    its label to the end of its line, asides included, and on through each next line of its
    paragraph that continues its text (text at the end of one line, text at the start of the
    next: the two join in one segment). Where a turn opens: opens_turn."""


def opens_turn(segment: Segment, before: Segment | None) -> bool:
    """Whether `segment` opens a speaker's turn, its label standing before it in the post's
    text, given the segment `before` it in the post (None for the first).

    Every segment of a turn carries its speaker, and a turn ends with its line, so a turn
    opens where the speaker changes, where a paragraph starts, or where the segment before
    ends a line (the next line's own label opens a turn of the same speaker again). The one
    rule every writer and render_segment follow, so each shows a label once per turn.
    """
    return segment.speaker is not None and (
        before is None or before.speaker != segment.speaker
        or before.paragraph != segment.paragraph or before.text.endswith("\n"))


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


def web_address(url: str | None) -> str | None:
    """An http(s) address, its scheme in lower case (`HTTP://` is the same address, and the
    JSON contract's URLs start `http`); None for any other scheme. One rule for every
    reader of links and images: saved pages and clips."""
    url = (url or "").strip()
    scheme, colon, rest = url.partition(":")
    if not colon or scheme.lower() not in ("http", "https") or not rest.startswith("//"):
        return None
    return f"{scheme.lower()}:{rest}"


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
    date: str | None = None
    """When the post was posted (ISO 8601), where the input says (a platform export)."""


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
    date: str | None = None
    """When the post was posted (ISO 8601), where the input says (a platform export)."""


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

    @property
    def severity(self) -> Literal["warning", "note"]:
        """"note": worth keeping in the JSON's warnings, for tools and for anyone checking
        the thread, but no one's attention at the terminal (NOTES); the CLI says only the
        "warning"s."""
        return "note" if self.code in NOTES else "warning"


NOTES = frozenset({"low-confidence"})
"""The warnings that are notes: a split on weak evidence."""


class Stated(NamedTuple):
    """How many posts the site's header says the thread has (Thread Reader's "16 tweets")."""

    posts: int
    whole: bool
    """The copy reaches the site's end-of-thread line, so that none of them was cut off: only
    then may the count say how many posts the copy holds. (The author's own total, "1/12",
    counts the whole thread in any copy.)"""
    post_page: bool = False
    """The count is a post's own page's (its comments follow it), not a header's."""


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
    """The thread's title: the page's own where it shows one, else the first post's opening
    words, else the file name (see make_title; filled in when the Thread is made)."""
    url: str | None = None
    """The thread's address where the page shows it."""
    date: str | None = None
    """When the thread was posted, where the page shows it (ISO 8601 where it can be read)."""
    title_source: TitleSource | None = None
    """Where `title` comes from: "page", "first-post" or "file". Left None, the Thread takes
    `title` as the page's own (None: none) and fills both in with make_title."""
    lang: str | None = None
    """The language the saved page declares (its <html lang>), as written; None where it
    declares none. The HTML writer checks it against the text (unroll.writers.lang)."""
    asides_stripped: bool = False
    """Whether parsing took the author's asides out of the posts (parse(strip=True)): the
    writers only show a thread, so --commentary strip needs one parsed so."""

    def __post_init__(self) -> None:
        if self.title_source is None:
            self.title, self.title_source = make_title(self.title, self.posts,
                                                       self.source.name)

    @property
    def display_title(self) -> str:
        """The heading every document shows: `title` (kept for callers of older versions)."""
        return self.title or make_title(None, self.posts, self.source.name)[0]


TITLE_MIN, TITLE_MAX = 60, 80
"""A title cut from the first post is cut at a word boundary between these lengths (in
characters, the "…" included), as Thread Reader App cuts its titles."""
_TITLE_LINE = 20
"""A first line at least this long is the title's whole run; a shorter one ("Hi all,",
"Host:") runs on into the next line."""

_WORD_TOKEN = (r"THREAD(?!\w)|[\[(](?i:a\s)?(?i:thread|🧵)[\])]"
               r"|[\[(]1 ?(?:/|of) ?[\dn?]{0,3}[\])]|1/[n?]?(?!\S)")
_EMOJI_TOKEN = r"🧵|👇|⬇️?|⤵️?"
_LEAD = re.compile(rf"(?:{_WORD_TOKEN}|{_EMOJI_TOKEN}|(?i:a )?(?i:thread) ?:)[\s:.\-–—]*")
"""What opens a first post without being its words, taken off one at a time: the author's
thread announcements ("🧵", "[THREAD]", "THREAD:", "A thread:") and post 1's marker where the
splitter left it in the text ("1/", "(1/5)", "[1 of 9]"). "1/4 of the budget" is words."""
_TRAIL = re.compile(rf"(?:(?:^|(?<=\s))(?:{_WORD_TOKEN})|{_EMOJI_TOKEN})[\s:.]*$")
"""The same at the end of a title: "... what happened 🧵👇", "... (1/5)"."""
_DANGLING = ",;:-–—/&+([{«‹“‘·•|\\、，；：「『（"
"""Characters a title must not end on: a clause going on, an opening bracket or quote (a
straight quote may be a closing one, and stays)."""
_CUT_DANGLING = _DANGLING + ".!?…。！？"
"""After a cut the sentence's own ending goes too: the "…" ends the title."""
_STOP = frozenset({"a", "an", "the", "of", "on", "in", "to", "and", "or", "for", "with", "at",
                   "by", "from", "as", "into", "that", "this", "our", "my", "your", "their",
                   "its", "is", "are", "was", "were"})
"""Words a cut title should not end on ("...eight months on the…") where a cut at least
TITLE_MIN long remains without them."""
_WIDE_BREAKS = frozenset("、，。！？；：")
"""Where text without spaces (Chinese, Japanese) may be cut."""
_GLUED = frozenset("\u200d\ufe0e\ufe0f")
"""Characters a cut must not part from their neighbour (a joiner, a presentation selector);
combining marks are told by unicodedata."""


def make_title(page_title: str | None, posts: Sequence[Post],
               name: str) -> tuple[str, TitleSource]:
    """The thread's title and where it comes from: the page's own title where there is one;
    else the opening words of the first post that has text (thread announcements and markers
    left out, the author's [asides] kept as written, leaked entities repaired), cut at a word
    boundary with "…"; else, when no post has text, the file name ("Thread" for stdin).

    The one place a title is made: the JSON's title and title_source, the Markdown and HTML
    headings, `unroll show` and the batch index all show what this returns.
    """
    if page_title and page_title.strip():
        return " ".join(page_title.split()), "page"
    # Texts that gave no opening are not tried again (_opening is a function of the text): a
    # thread of 1M "1/" lines, which are no markers as they never rise, gave it every post.
    tried: set[str] = set()
    for post in posts:
        if post.text in tried:
            continue
        opening = _opening(post.text)
        if opening:
            return opening, "first-post"
        tried.add(post.text)
    stem = name.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem[1:] else stem
    return (stem if stem.strip() and stem != "-" else "Thread"), "file"


def _opening(text: str) -> str:
    """A post's opening words as a title, or "" when it holds none."""
    lines = (line for line in (" ".join(row.split()) for row in repair(text).split("\n"))
             if line)
    taken: list[str] = []
    for line in lines:
        while not taken and (found := _LEAD.match(line)) and found.end():
            line = line[found.end():]  # announcements open the post's first line
        if line:
            taken.append(line)
        if len(" ".join(taken)) >= _TITLE_LINE:
            break
    more = next(lines, None) is not None
    run = " ".join(taken)
    if len(run) <= TITLE_MAX + 20:  # what follows a cut is dropped anyway
        run = _untrailed(run)
    if not more and len(run) <= TITLE_MAX:
        return run.rstrip(_DANGLING + " ")  # the whole post, or its whole first line
    cut = _cut(run, TITLE_MAX - 1) if len(run) > TITLE_MAX - 1 else run
    cut = _untrailed(cut).rstrip(_CUT_DANGLING + " ")
    return cut + "…" if cut else ""


def _untrailed(run: str) -> str:
    while found := _TRAIL.search(run):
        run = run[:found.start()].rstrip()
    return run


def _sentence_ends(run: str, at: int) -> bool:
    """Whether a sentence ends at the space `at`: a word of three or more characters ending in
    ".", "!" or "?" (not "Dr." or "e.g."), and the next word starting as a sentence does."""
    word = run[:at].rsplit(" ", 1)[-1]
    following = run[at + 1:at + 2]
    return (len(word) >= 3 and word[-1] in ".!?" and "." not in word[:-1]
            and bool(following) and not following.islower())


def _cut(run: str, room: int) -> str:
    """`run` cut to at most `room` characters. At a space that leaves at least TITLE_MIN - 1:
    the last after a sentence's end, else the last not after a small word, else the last.
    Else at the last space past a third of the room; text without spaces (Chinese, Japanese,
    a long address) after its last comma or full stop there, else between two characters
    that may part."""
    spaces = [i for i in range(1, room + 1) if run[i] == " "]
    wide = [i for i in spaces if i >= TITLE_MIN - 1]
    ends = [i for i in wide if _sentence_ends(run, i)]
    if ends:  # a sentence ends in the window: the title is that sentence
        return run[:ends[-1]]
    for at in reversed(wide):
        if run[:at].rsplit(" ", 1)[-1].lower() not in _STOP:
            return run[:at]
    if wide:
        return run[:wide[-1]]
    if spaces and spaces[-1] >= room // 3:
        return run[:spaces[-1]]
    breaks = [i + 1 for i in range(room // 3, room) if run[i] in _WIDE_BREAKS]
    if breaks:
        return run[:breaks[-1]]
    at = room
    while at > 1 and (unicodedata.combining(run[at]) or run[at] in _GLUED
                      or run[at - 1] in _GLUED):
        at -= 1
    return run[:at]
