"""The marker that closes a thread ("/end", "/fin", "END", "/🧵"): taken off the last line.

It numbers nothing, so it stays out of the numbering (markers.select) and is taken off the
body's last line before the splitter reads it: a post numbered "12/" that ends "/end" keeps
its number marker, and no post is renumbered. What was taken becomes part of the last post's
marker, so it is in no post's text and nothing of the input is lost.
"""

from __future__ import annotations

from ..model import Post
from .markers import candidates


def take_closing(lines: list[str]) -> str | None:
    """Take the closing marker off the last non-blank line of `lines` (in place) and hand it
    back; None where the thread does not close with one. A closing marker that is the only
    text there is stays as it is: it is then the thread, not the end of one."""
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), None)
    if last is None:
        return None
    found = [f for f in candidates(last, lines[last].strip())
             if f.family == "end" and f.where != "lead"]
    if not found or not (found[0].rest or any(line.strip() for line in lines[:last])):
        return None
    lines[last] = found[0].rest
    return found[0].text


def close_last(posts: list[Post], closing: str | None) -> None:
    """Give the closing marker to the last post, after its number marker where it has one
    ("12/ /end")."""
    if closing is None or not posts:
        return
    last = posts[-1]
    last.marker = f"{last.marker} {closing}" if last.marker else closing
