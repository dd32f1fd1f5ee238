"""Markdown: valid CommonMark in a stable shape, where thread text never turns into markup.

    # Title
    By @handle · site · N posts
    ## 1
    Post text, asides as \\[*italic*\\], turns as **Speaker:** text.
    *posts 2-3 are missing from this copy*
    ## 4

Thread text is escaped so that a post starting with "#", "1.", ">", "-", "|", "<script>" or a
backtick shows as written; the tests render this output with markdown-it-py and compare.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..model import Link, Post, Thread
from ..text.entities import repair
from .layout import Line, Piece, asides_onto_text, gaps, meta, paragraphs, single_line, spans
from .options import Options

_MARKUP = "\\`*_[]<>|~"
"""Characters that are markup anywhere in a line."""
_INLINE = str.maketrans({c: "\\" + c for c in _MARKUP})
"""Each of them to its backslash escape."""
_HAS_MARKUP = re.compile(f"[{re.escape(_MARKUP)}]")
"""A test before translate: str.translate looks every character up in a dict, a character
class scans in C, and most lines hold none (benchmarks/README.md, "Figures that were in
docstrings")."""
_ENTITY = re.compile(r"&(?=#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
"""An "&" that would start an entity reference ("&amp;" must show as written)."""
_BLOCK_START = re.compile(r"(#{1,6}(?=[ \t]|$)|[>+=-])")
"""Line starts that open a heading, quote, list, setext underline or thematic break."""
_HASHTAG = re.compile(r"(?<![\w&])#(\w{1,50})")
"""Hashtags, for the front matter's tags."""
_ORDERED = re.compile(r"(\d{1,9})([.)])(?=[ \t]|$)")
"""A line start that opens an ordered list item."""


def escape(text: str) -> str:
    """Escape markup that can occur anywhere in a line (after repairing leaked entities)."""
    escaped = repair(text)
    if _HAS_MARKUP.search(escaped):
        escaped = escaped.translate(_INLINE)
    return _ENTITY.sub(r"\\&", escaped) if "&" in escaped else escaped


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
    if not links and "://" not in text:
        return escape(text)  # most lines: nothing to link
    out = [escape(run) if url is None else f"[{escape(run)}]({_destination(url)})"
           for run, url in spans(repair(text), list(links))]  # (an entity split by a link)
    for k in range(len(out) - 1):
        if out[k + 1].startswith("[") and out[k].endswith(_BEFORE_BRACKET):
            out[k] = out[k][:-1] + "\\" + out[k][-1]  # "!" would make the link an image
    return "".join(out)


_BEFORE_BRACKET = ("!", "^")
"""What turns the "[" after it into other syntax: an image (`![`), an inline footnote (`^[`,
in renderers with footnotes: Obsidian, markdown-it's plugin)."""


def _piece(piece: Piece, commentary: str, notes: list[str]) -> str:
    out = f"**{escape(piece.speaker)}:** " if piece.speaker else ""
    if piece.kind == "source":
        return out + _linked(piece.text, piece.links)
    if commentary == "quote":
        notes.append(piece.text)
        return out
    if commentary == "footnote":
        notes.append(piece.text)
        return out + f"[^{len(notes)}]"
    core = piece.text.strip()
    lead = piece.text[: len(piece.text) - len(piece.text.lstrip())]
    trail = piece.text[len(piece.text.rstrip()):]
    return out + f"\\[{lead}*{_linked(core, piece.links)}*{trail}\\]"


def _line(line: Line, commentary: str, notes: list[str]) -> str:
    """One line of a post, whatever opens it: where an aside opened it and went elsewhere
    (a quote under the post), the text after it is the line's start, and is escaped as one."""
    rendered = [_piece(p, commentary, notes) for p in line]
    if commentary == "footnote":
        _guard_references(line, rendered)
    elif commentary == "quote":
        # The text either side of an aside meets: "&" and "amp;" would make an entity, "!"
        # and a link an image.
        for k in range(len(rendered) - 1):
            if rendered[k].endswith(("&", *_BEFORE_BRACKET)):
                rendered[k] = rendered[k][:-1] + "\\" + rendered[k][-1]
    text = "".join(rendered)
    if line[0].speaker:
        return text  # opens with **Label:**
    # Leading white space never shows in a paragraph, and four spaces would start code.
    return escape_line_start(text.lstrip(" \t"))


def _guard_references(line: Line, rendered: list[str]) -> None:
    """Keep thread text beside a footnote reference from joining it into other syntax:
    `[^1](x)` is a link, `[^1]:` at a line's start a footnote's definition, `^[^1]` an
    inline footnote."""
    for k, piece in enumerate(line):
        if piece.kind != "commentary":
            continue
        if k + 1 < len(rendered) and rendered[k + 1][:1] in ("(", ":"):
            rendered[k + 1] = "\\" + rendered[k + 1]
        if k and rendered[k - 1].endswith("^") and not rendered[k - 1].endswith("\\^"):
            rendered[k - 1] = rendered[k - 1][:-1] + "\\^"


def _aside(text: str) -> str:
    """An aside shown apart from its post (a quote, a footnote): escaped as a line of its own."""
    return escape_line_start(escape(text.strip()))


def _paragraph_text(lines: list[str]) -> str:
    """Rendered lines as one paragraph, with a hard break (a backslash) between lines."""
    text = "\\\n".join(lines).rstrip()
    if text.endswith("\\"):
        text = text[:-1].rstrip()
    return text


def _destination(url: str) -> str:
    """A link destination in angle brackets, which may hold anything but <, >, newlines and
    a backslash (it would escape what follows it: "<...\\>" never closes)."""
    return "<" + url.replace("\\", "%5C").replace("<", "%3C").replace(">", "%3E").replace(
        "\n", "") + ">"


def _extras(post: Post) -> list[str]:
    """Images as images and quoted posts as quotations, after the post's text."""
    out = []
    images = [f"![{escape(i.alt or 'Image')}]({_destination(i.url)})" for i in post.images]
    if images:
        out.append(" ".join(images))
    out += [f"> Quoted post: {_destination(url)}" for url in post.quoted]
    return out


def _front_matter(thread: Thread) -> list[str]:
    """YAML front matter; every value a JSON string, which YAML reads as it is."""
    from datetime import datetime, timezone

    tags = sorted({t.lower() for p in thread.posts for t in _HASHTAG.findall(p.text)})
    fields: list[tuple[str, object]] = [
        ("title", thread.display_title),
        ("author", thread.author.handle if thread.author else None),
        ("author_name", thread.author.name if thread.author else None),
        ("site", thread.site), ("url", thread.url), ("date", thread.date),
        ("posts", len(thread.posts)),
        ("converted", datetime.now(timezone.utc).replace(microsecond=0).isoformat()),
    ]
    lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}"
                       for key, value in fields if value is not None]
    lines += ["tags:"] + [f"  - {json.dumps(tag, ensure_ascii=False)}" for tag in tags] \
        if tags else []
    return [*lines, "---"]


def _head(thread: Thread, options: Options) -> str:
    """The front matter (if asked), the title and the thread's facts."""
    head = ["\n".join(_front_matter(thread))] if options.front_matter else []
    head.append(f"# {escape(thread.display_title)}")
    facts = escape_line_start(escape(" · ".join(meta(thread))))
    if thread.url:
        facts += f" · <{thread.url}>"
    head.append(facts)
    return "\n\n".join(head)


def _texts(post: Post, commentary: str, notes: list[str]) -> list[str]:
    """The post's paragraphs as Markdown; its asides go onto `notes` where they are not
    inline."""
    line = single_line(post)
    if line is not None:  # most posts: one line of source text
        return [_paragraph_text([escape_line_start(_linked(line, post.links))])]
    shaped = paragraphs(post)
    if commentary == "footnote":
        shaped = asides_onto_text(shaped)
    return [_paragraph_text([text for row in paragraph if (text := _line(row, commentary, notes))])
            for paragraph in shaped]


def stream(thread: Thread, options: Options | None = None) -> Iterator[str]:
    """The document a post at a time: blocks (a heading, a paragraph) one blank line apart."""
    options = options or Options()
    yield _head(thread, options)
    footnotes: list[str] = []
    missing = gaps(thread)
    for post in thread.posts:
        blocks = [f"## {post.n}"] if options.numbers else []
        if missing and post.n in missing:  # where the numbering skips, between the posts
            blocks.insert(0, f"*{missing[post.n]}*")
        # Footnotes are numbered through the document; quotes stand under their own post.
        notes: list[str] = footnotes if options.commentary == "footnote" else []
        blocks += [text for text in _texts(post, options.commentary, notes) if text]
        if options.commentary == "quote":
            blocks += [f"> {_aside(aside)}" for aside in notes]
        blocks += _extras(post)
        if blocks:
            yield "\n\n" + "\n\n".join(blocks)
    if footnotes:
        yield "\n\n" + "\n\n".join(f"[^{k}]: {_aside(note)}"
                                     for k, note in enumerate(footnotes, 1))
    yield "\n"
