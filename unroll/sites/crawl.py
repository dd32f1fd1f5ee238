"""Debris of old crawls of an unroll page, found before the site's own boilerplate.

Seen on degraded twtext crawls: runs of whitespace-only lines (the page's indentation) where
posts met, and every multi-line post printed again without its first line. The padding stands
where a post break was, so taking it out leaves the posts one newline apart, as the site
delimits them; the repeat is the crawl's, and the first copy is the post.
"""

from __future__ import annotations

from ..model import Removed


def _is_padding(line: str) -> bool:
    return bool(line) and not line.strip()


def strip_debris(lines: list[str], site: str) -> tuple[list[str], list[Removed]]:
    """Remove padding runs and repeated post tails; only where padding shows a crawl."""
    if not any(map(str.isspace, lines)):  # _is_padding, in C: "".isspace() is False
        return lines, []
    blocks: list[list[str]] = [[]]  # runs of lines between padding runs
    pads: list[list[str]] = []
    for line in lines:
        if _is_padding(line):
            if blocks[-1] or not pads:
                pads.append([])
                blocks.append([])
            pads[-1].append(line)
        else:
            blocks[-1].append(line)
    kept: list[str] = []
    removed: list[Removed] = []
    previous: list[str] = []
    for index, block in enumerate(blocks):
        stripped = [line.strip() for line in block if line.strip()]
        if len(previous) >= 2 and stripped and stripped == previous[1:]:
            removed.extend(Removed(line, f"{site}.crawl-duplicate") for line in stripped)
        else:
            kept.extend(block)
            previous = stripped
        if index < len(pads):
            removed.append(Removed("\n".join(pads[index]), f"{site}.padding"))
    return kept, removed


def has_debris(lines: list[str]) -> bool:
    """Whether the lines show a crawl's signature: padding and a repeated post tail."""
    _, removed = strip_debris(lines, "")
    return any(item.rule == ".crawl-duplicate" for item in removed)
