"""Debris of old crawls of an unroll page, found before the site's own boilerplate.

Seen on degraded twtext crawls: runs of whitespace-only lines (the page's indentation) where
posts met, and every multi-line post printed again without its first line. The padding stands
where a post break was, so taking it out leaves the posts one newline apart, as the site
delimits them; the repeat is the crawl's, and the first copy is the post.
"""

from __future__ import annotations

import operator

from ..model import Removed

REPEAT_MIN = 20
"""How long a line must be before its copy right below it is taken for the page's: a short one
("Yes.", "No!") an author may well write twice."""


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


def strip_repeats(lines: list[str], site: str) -> tuple[list[str], list[Removed]]:
    """Remove a page's second copy of a line or of two lines, printed right below the first
    (a reader that prints each post's later lines twice, as one Rattibha page does; a reply's
    line printed again): each line at least REPEAT_MIN characters long, the copy exact. On
    the dev pages (2026-12) such a copy was the page's 7 times of 7, and no author posts it:
    X refuses a post the same as the one before it. The first is kept."""
    if not any(map(operator.eq, lines, lines[1:])) \
            and not any(map(operator.eq, lines, lines[2:])):  # (the guard, in C)
        return lines, []
    kept: list[str] = []
    removed: list[Removed] = []
    i = 0
    while i < len(lines):
        for k in (2, 1):
            run = lines[i:i + k]
            if len(run) == k and lines[i + k:i + 2 * k] == run \
                    and all(len(line.strip()) >= REPEAT_MIN for line in run):
                kept.extend(run)
                removed.extend(Removed(line.strip(), f"{site}.repeat") for line in run)
                i += 2 * k
                break
        else:
            kept.append(lines[i])
            i += 1
    return kept, removed


def has_debris(lines: list[str]) -> bool:
    """Whether the lines show a crawl's signature: padding and a repeated post tail."""
    _, removed = strip_debris(lines, "")
    return any(item.rule == ".crawl-duplicate" for item in removed)
