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
