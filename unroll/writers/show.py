"""`unroll show`: the thread in the terminal, with rich.

Every piece of thread text goes into rich as a Text object, never as a markup string: rich
reads "[in]" as markup and would silently drop the author's asides (DESIGN.md, known traps).
rich itself turns colour off for NO_COLOR and for output that is not a terminal.
"""

from __future__ import annotations

import os
import re

from rich.console import Console, Group
from rich.rule import Rule
from rich.text import Text

from ..model import Thread
from .layout import Piece, gaps, meta, paragraphs, spans

_MENTION = re.compile(r"(?<![\w@])[@#]\w{1,50}")

SPEAKER_STYLES = ("bold yellow", "bold green", "bold red", "bold bright_blue",
                  "bold bright_magenta", "bold bright_cyan")
"""One colour a speaker, in the order they first speak, so a dialogue reads at a glance;
none is another role's colour (asides magenta, links blue, mentions cyan). Colours of the
basic sixteen, which every colour terminal shows apart; past six speakers they repeat (the
label is always printed)."""

STYLES = {
    "title": "bold",
    "meta": "dim",
    "number": "bold cyan",
    "aside": "italic magenta",
    "speaker": SPEAKER_STYLES[0],
    "link": "underline blue",
    "mention": "cyan",
    "warning": "yellow",
    "gap": "italic yellow",
}


def _source(text: Text, piece: Piece) -> None:
    for run, url in spans(piece.text, list(piece.links)):
        if url is not None:
            text.append(run, style=STYLES["link"])
            continue
        start = len(text)
        text.append(run)
        for found in _MENTION.finditer(run):
            text.stylize(STYLES["mention"], start + found.start(), start + found.end())


def speaker_styles(thread: Thread) -> dict[str, str]:
    """Each speaker's style, by the order in which they first speak in the thread."""
    order = dict.fromkeys(segment.speaker for post in thread.posts
                          for segment in post.segments if segment.speaker)
    return {speaker: SPEAKER_STYLES[k % len(SPEAKER_STYLES)] for k, speaker in enumerate(order)}


def post_text(pieces: list[list[list[Piece]]], speakers: dict[str, str] | None = None) -> Text:
    """A post's paragraphs as one styled Text, brackets and labels shown as written, each
    speaker's label in its own style (`speakers`; STYLES["speaker"] for any not in it)."""
    text = Text()
    for k, paragraph in enumerate(pieces):
        if k:
            text.append("\n\n")
        for row, line in enumerate(paragraph):
            if row:
                text.append("\n")
            for piece in line:
                if piece.speaker:
                    text.append(f"{piece.speaker}: ", style=(speakers or {}).get(
                        piece.speaker, STYLES["speaker"]))
                if piece.kind == "commentary":
                    text.append(f"[{piece.text}]", style=STYLES["aside"])
                else:
                    _source(text, piece)
    return text


def view(thread: Thread) -> Group:
    """Header, numbered posts, warnings: everything `unroll show` prints."""
    parts: list[object] = [Text(thread.display_title, style=STYLES["title"]),
                           Text(" · ".join(meta(thread)) + (f" · {thread.url}" if thread.url
                                                           else ""), style=STYLES["meta"])]
    missing = gaps(thread)
    speakers = speaker_styles(thread)
    for post in thread.posts:
        if missing and post.n in missing:  # where the numbering skips, between the posts
            parts.append(Text(missing[post.n], style=STYLES["gap"]))
        parts.append(Rule(Text(str(post.n), style=STYLES["number"]), align="left",
                          style="dim"))
        parts.append(post_text(paragraphs(post), speakers))
        for image in post.images:
            parts.append(Text(f"image: {image.url}", style=STYLES["meta"]))
        for url in post.quoted:
            parts.append(Text(f"quoting: {url}", style=STYLES["meta"]))
    if thread.warnings:
        parts.append(Rule(style="dim"))
        parts.extend(Text(f"warning: {w.message}", style=STYLES["warning"])
                     for w in thread.warnings)
    return Group(*parts)  # type: ignore[arg-type]


def show(thread: Thread, *, pager: bool = True) -> None:
    """Print the thread; page it when it is longer than the screen."""
    console = Console()
    rendered = view(thread)
    if pager and console.is_terminal:
        lines = console.render_lines(rendered, console.options, pad=False)
        if len(lines) > console.height:
            os.environ.setdefault("LESS", "-R")  # less shows colours only with -R
            with console.pager(styles=True):
                console.print(rendered)
            return
    console.print(rendered, soft_wrap=not console.is_terminal)  # a pipe gets whole lines
