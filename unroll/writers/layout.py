"""A post as paragraphs of lines of pieces: the shape both document writers walk."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Post, SegmentKind, Thread


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of one line: a run of source or commentary text, maybe opening a speaker's turn."""

    kind: SegmentKind
    text: str
    speaker: str | None = None


Line = list[Piece]
Paragraph = list[Line]


def paragraphs(post: Post) -> list[Paragraph]:
    """The post's segments regrouped by paragraph and line, with no newline inside a piece."""
    out: list[Paragraph] = []
    current = -1
    for segment in post.segments:
        if segment.paragraph != current:
            out.append([[]])
            current = segment.paragraph
        rows = segment.text.split("\n")
        for k, row in enumerate(rows):
            if k:
                out[-1].append([])
            if row or segment.kind == "commentary":
                speaker = segment.speaker if k == 0 else None
                out[-1][-1].append(Piece(segment.kind, row, speaker))
    return [[line for line in paragraph if line] for paragraph in out]


def visible_text(line: Line) -> str:
    """What a reader sees of the line: brackets around asides, "Label: " before a turn."""
    parts = []
    for piece in line:
        if piece.speaker:
            parts.append(f"{piece.speaker}: ")
        parts.append(f"[{piece.text}]" if piece.kind == "commentary" else piece.text)
    return "".join(parts)


def meta(thread: Thread) -> list[str]:
    """The facts under the title: author (unless the title names them), site, post count."""
    facts = []
    if thread.author and thread.title:
        facts.append(f"By {thread.author.handle}")
    if thread.site:
        facts.append(thread.site)
    count = len(thread.posts)
    facts.append(f"{count} post{'s' if count != 1 else ''}")
    return facts
