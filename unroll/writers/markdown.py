"""Markdown: valid CommonMark in a stable shape, where thread text never turns into markup.

    # Title
    By @handle · site · N posts
    ## 1
    Post text, asides as \\[*italic*\\], turns as **Speaker:** text.

Thread text is escaped so that a post starting with "#", "1.", ">", "-", "|", "<script>" or a
backtick shows as written; the tests render this output with markdown-it-py and compare.
"""

from __future__ import annotations

import re

from ..entities import repair
from ..model import Link, Post, Thread
from .layout import Line, Piece, meta, paragraphs, spans

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
"""Characters that are markup anywhere in a line."""
_ENTITY = re.compile(r"&(?=#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
"""An "&" that would start an entity reference ("&amp;" must show as written)."""
_BLOCK_START = re.compile(r"(#{1,6}(?=[ \t]|$)|[>+=-])")
"""Line starts that open a heading, quote, list, setext underline or thematic break."""
_ORDERED = re.compile(r"(\d{1,9})([.)])(?=[ \t]|$)")
"""A line start that opens an ordered list item."""


def escape(text: str) -> str:
    """Escape markup that can occur anywhere in a line (after repairing leaked entities)."""
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", repair(text)))


def escape_line_start(text: str) -> str:
    """Escape an already escaped line's opening so it cannot start a block."""
    if _BLOCK_START.match(text):
        return "\\" + text
    ordered = _ORDERED.match(text)
    if ordered:
        return f"{ordered.group(1)}\\{text[ordered.end(1):]}"
    return text


def _linked(text: str, links: tuple[Link, ...]) -> str:
    """Escaped text whose runs that show a link become [text](<url>)."""
    return "".join(escape(run) if url is None else f"[{escape(run)}]({_destination(url)})"
                   for run, url in spans(text, list(links)))


def _piece(piece: Piece) -> str:
    out = f"**{escape(piece.speaker)}:** " if piece.speaker else ""
    if piece.kind == "source":
        return out + _linked(piece.text, piece.links)
    core = piece.text.strip()
    lead = piece.text[: len(piece.text) - len(piece.text.lstrip())]
    trail = piece.text[len(piece.text.rstrip()):]
    return out + f"\\[{lead}*{_linked(core, piece.links)}*{trail}\\]"


def _line(line: Line) -> str:
    rendered = "".join(_piece(p) for p in line)
    return escape_line_start(rendered) if line[0].kind == "source" and not line[0].speaker \
        else rendered


def _destination(url: str) -> str:
    """A link destination in angle brackets, which may hold anything but <, > and newlines."""
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace("\n", "") + ">"


def _extras(post: Post) -> list[str]:
    """Images as images and quoted posts as quotations, after the post's text."""
    out = []
    images = [f"![{escape(i.alt or 'Image')}]({_destination(i.url)})" for i in post.images]
    if images:
        out += [" ".join(images), ""]
    for url in post.quoted:
        out += [f"> Quoted post: {_destination(url)}", ""]
    return out


def render(thread: Thread) -> str:
    out = [f"# {escape(thread.display_title)}", ""]
    facts = escape_line_start(escape(" · ".join(meta(thread))))
    if thread.url:
        facts += f" · <{thread.url}>"
    out += [facts, ""]
    for post in thread.posts:
        out += [f"## {post.n}", ""]
        for paragraph in paragraphs(post):
            out.append("\\\n".join(_line(line) for line in paragraph))
            out.append("")
        out += _extras(post)
    return "\n".join(out).rstrip("\n") + "\n"
