"""How the user wants the documents shaped: one value handed to every writer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Commentary = Literal["inline", "quote", "footnote", "strip"]
COMMENTARY: tuple[Commentary, ...] = ("inline", "quote", "footnote", "strip")


@dataclass(frozen=True, slots=True)
class Options:
    front_matter: bool = False
    """Markdown: YAML front matter for note apps (Obsidian and the like)."""
    commentary: Commentary = "inline"
    """How asides show: inline (italic, in brackets), quote (a blockquote under the post),
    footnote (CommonMark footnotes), strip (left out; moved to `removed`)."""
    numbers: bool = True
    """Number the posts; without, the thread reads as a plain article."""
    fragment: bool = False
    """HTML: only the thread's markup, to embed in a page of one's own."""
    remote_images: bool = False
    """HTML: post pictures shown inline, loaded from where they are hosted (by default each
    is a link with its alt text, so that the page asks no server anything)."""


FOR_FORMATS: dict[str, tuple[str, ...]] = {
    "front_matter": ("md",), "fragment": ("html",), "remote_images": ("html",),
}
"""The formats each option shapes: given for another, it would do nothing, so it is refused."""


def unused(options: Options, fmt: str) -> list[str]:
    """The options set in `options` that do nothing in `fmt`."""
    return [name for name, formats in FOR_FORMATS.items()
            if getattr(options, name) and fmt not in formats]
