"""Which kind of gap parts the posts of a text no site profile knows: a single newline or a
blank line, decided from the input itself (its markers, its links, the lengths either
reading gives)."""

from __future__ import annotations

import re

from .markers import Found, Where


def without_blank_lines(convention: str, gaps: list[str], weights: list[int],
                        limit: int) -> str:
    """The convention of a copy as its gaps allow: a blank-delimited site's copy with no blank
    line at all between its lines (a copy that lost them), more than one post's worth of
    them, is read as newline-delimited, as its posts cannot be parted otherwise. Known before
    the markers are chosen, which ask which gap parts posts."""
    if convention == "blank" and len(gaps) > 1 and "blank" not in gaps[1:] \
            and sum(weights) + len(weights) - 1 > limit:
        return "newline"
    return convention


def resolve_convention(convention: str, gaps: list[str], lines: list[str], weights: list[int],
                       limit: int, found: list[Found], where: Where) -> str:
    """For the generic profile: decide from the input whether posts end at newlines or blanks
    (`convention` as without_blank_lines left it, before the markers were chosen)."""
    if convention != "auto":
        return convention
    breaks = []
    for f in found:
        at = f.line + 1 if where == "trail" else f.line
        if 0 < at < len(gaps):
            breaks.append(gaps[at])
    if breaks:
        return "blank" if breaks.count("blank") * 2 >= len(breaks) else "newline"
    if "blank" not in gaps[1:]:
        return "newline"
    if "nl" not in gaps[1:]:
        return "blank"
    if _newlines_follow_links(gaps, lines):
        return "newline"
    if gaps.count("nl") > gaps.count("blank"):
        # More single newlines than blank lines: where blank lines part posts, a single
        # newline is a line break inside one (a list, a poem), which is rarer than the post
        # breaks; where single newlines part posts, the blank lines are paragraph breaks,
        # which the labelled pages show at a third of their rate (186 to 518 gaps).
        return "newline"
    if gaps.count("nl") >= NEWLINES_PART and all(
            b <= limit for b in _posts_if(gaps, weights, "newline")):
        return "newline"  # single newlines part it into posts that all fit
    blocks = _posts_if(gaps, weights, "blank")
    fits = sum(1 for b in blocks if b <= limit)
    return "blank" if fits * 10 >= len(blocks) * 9 else "newline"


NEWLINES_PART = 3
"""Where blank lines outnumber single newlines and either kind would part the text into posts
that fit, this many single newlines or more part posts (the blank lines are paragraphs, as on
a twunroll copy without its footer); one or two are line breaks inside a post ("A title" /
"Its first line"). Set by hand from two dev pages and the splitting fixtures."""


def _posts_if(gaps: list[str], weights: list[int], convention: str) -> list[int]:
    """The weighted length of each post, were every gap of the `convention`'s kind a post
    break and no other (`weights`: each line's)."""
    parts = "nl" if convention == "newline" else "blank"
    posts: list[int] = []
    for gap, weight in zip(gaps, weights, strict=True):
        if gap == parts or not posts:
            posts.append(weight)
        else:
            posts[-1] += weight + (2 if gap == "blank" else 1)
    return posts


LINK_END = re.compile(r"(?:https?://|\bt\.co/)\S+$")
"""A line that ends in a link: on X, a post's own link (its picture's, its card's) ends it."""


def _newlines_follow_links(gaps: list[str], lines: list[str]) -> bool:
    """Whether the single newlines stand where posts end, after a line ending in a link, at
    least two of them and two in three: posts then part at single newlines, and the blank
    lines are paragraph breaks inside them."""
    after = [LINK_END.search(lines[i - 1]) is not None
             for i in range(1, len(gaps)) if gaps[i] == "nl"]
    return sum(after) >= 2 and sum(after) * 3 >= len(after) * 2
