"""A post as paragraphs of lines of pieces: the shape both document writers walk."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Link, Post, Segment, SegmentKind, Thread, opens_turn
from ..text.weight import URL


@dataclass(slots=True)  # not frozen: made for every line written, and frozen ones build slowly
class Piece:
    """Part of one line: a run of source or commentary text, maybe opening a speaker's turn."""

    kind: SegmentKind
    text: str
    speaker: str | None = None
    links: tuple[Link, ...] = ()
    """The post's links that show in this piece (each placed on one piece), so the writers
    can link the text that shows them."""


Line = list[Piece]
Paragraph = list[Line]


def paragraphs(post: Post) -> list[Paragraph]:
    """The post's segments regrouped by paragraph and line, with no newline inside a piece."""
    out: list[Paragraph] = []
    current = -1
    unplaced = list(post.links)
    before: Segment | None = None
    for segment in post.segments:
        if segment.paragraph != current:
            out.append([[]])
            current = segment.paragraph
        rows = segment.text.split("\n")
        # The label shows once, where the turn opens; its other segments carry it too.
        opens, before = opens_turn(segment, before), segment
        for k, row in enumerate(rows):
            if k:
                out[-1].append([])
            if row or segment.kind == "commentary":
                speaker = segment.speaker if k == 0 and opens else None
                links = _placed(row, unplaced) if unplaced else ()
                out[-1][-1].append(Piece(segment.kind, row, speaker, links))
    kept = ([line for line in paragraph if line] for paragraph in out)
    return [paragraph for paragraph in kept if paragraph]


def asides_onto_text(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs with each line that is only asides (an aside on a line of its own) put
    onto the end of the line before it, in its paragraph or the one before: shown as a
    footnote, its reference then follows the text it comments on instead of standing alone.
    A post that opens with one keeps it."""
    out: list[Paragraph] = []
    for paragraph in paragraphs:
        kept: Paragraph = []
        for line in paragraph:
            before = kept or (out[-1] if out else [])
            if before and all(p.kind == "commentary" and not p.speaker for p in line):
                before[-1] = [*before[-1], *line]
            else:
                kept.append(line)
        if kept:
            out.append(kept)
    return out


def _placed(row: str, unplaced: list[Link]) -> tuple[Link, ...]:
    """The links that first show in `row`, taken from `unplaced`: a link is placed once, on
    the first piece that shows its text, not again on each later piece ("the [aside] the")."""
    here: list[Link] = []
    for link in unplaced:
        if link.text and row.count(link.text) > sum(h.text == link.text for h in here):
            here.append(link)  # (two links showing the same text take two of its places)
    for link in here:
        unplaced.remove(link)
    return tuple(here)


def single_line(post: Post) -> str | None:
    """The text of a post that is one line of source text with no speaker, else None.

    Most posts are; the writers render them straight from the text, without regrouping
    them into paragraphs, lines and pieces, which cost more than the rest of rendering
    (benchmarks/instructions.py). What they write is what the general path writes.
    """
    if len(post.segments) != 1:
        return None
    segment = post.segments[0]
    if segment.kind != "source" or segment.speaker or not segment.text \
            or "\n" in segment.text or segment.text[0] in " \t":
        return None  # (leading white space: the general path decides what shows of it)
    return segment.text


def visible_text(line: Line) -> str:
    """What a reader sees of the line: brackets around asides, "Label: " before a turn."""
    parts = []
    for piece in line:
        if piece.speaker:
            parts.append(f"{piece.speaker}: ")
        parts.append(f"[{piece.text}]" if piece.kind == "commentary" else piece.text)
    return "".join(parts)


def meta(thread: Thread) -> list[str]:
    """The facts under the title: author, site, date, post count."""
    facts = []
    author = thread.author
    if author:
        facts.append(f"By {author.name} ({author.handle})" if author.name
                     else f"By {author.handle}")
    if thread.site:
        facts.append(thread.site)
    if thread.date:
        facts.append(thread.date[:10] if thread.date[:4].isdigit() else thread.date)
    count = len(thread.posts)
    facts.append(f"{count} post{'s' if count != 1 else ''}")
    return facts


def gaps(thread: Thread) -> dict[int, str]:
    """Where the author's numbering skips: for each post that a `numbering-gap` warning names
    (its `post`), the line the documents show before it, saying which posts are missing."""
    after = {w.post for w in thread.warnings if w.code == "numbering-gap" and w.post}
    if not after:  # most threads: no gap, and no walk over the posts
        return {}
    found: dict[int, str] = {}
    prev = 0
    for post in thread.posts:
        if post.n in after and post.n > prev + 1:
            found[post.n] = missing(prev + 1, post.n - 1)
        prev = post.n
    return found


def missing(first: int, last: int) -> str:
    """"post 3 is missing from this copy", "posts 3-4 are missing from this copy"."""
    if first == last:
        return f"post {first} is missing from this copy"
    return f"posts {first}-{last} are missing from this copy"


def spans(text: str, links: list[Link]) -> list[tuple[str, str | None]]:
    """`text` cut into runs, each with the http(s) address it links to or None.

    A link's shown text (a link card's "example.org/path…") links to the page's address for
    it; an address written out in full links to itself.
    """
    marks: list[tuple[int, int, str]] = []
    after: dict[str, int] = {}  # where the next link showing the same text is looked for
    for link in links:
        if link.text and link.url.lower().startswith(("http://", "https://")):
            at = text.find(link.text, after.get(link.text, 0))
            if at >= 0:
                marks.append((at, at + len(link.text), link.url))
                after[link.text] = at + len(link.text)
    for match in URL.finditer(text) if "://" in text else ():
        if match.group(0).lower().startswith(("http://", "https://")):
            marks.append((match.start(), match.end(), match.group(0)))
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, url in sorted(marks):
        if start < pos:
            continue  # overlaps a link already taken
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], url))
        pos = end
    if pos < len(text) or not out:
        out.append((text[pos:], None))
    return out
