"""Stage 3, clean: remove the lines the site added around the thread, and say which rule did.

Only the profile's rules remove anything, and only in the footer block at the end of the input,
so a thread that happens to quote a footer line mid-way keeps it.
"""

from __future__ import annotations

from .model import Author, Removed
from .sites import LineRule, SiteProfile


def footer_start(lines: list[str], rules: tuple[LineRule, ...]) -> int:
    """Index of the first line of the footer block at the end of `lines` (len(lines) if none).

    The block is the run of blank and rule-matching lines at the end, extended upwards to an
    anchor line (a line only the footer has) when everything between the anchor and a
    list-opening line ("Latest Threads Unrolled:") is footer too; below a list opener any
    line is a teaser of another thread.
    """
    start = len(lines)
    while start > 0 and (not lines[start - 1].strip() or _rule_for(lines[start - 1], rules)):
        start -= 1
    for i in range(start - 1, -1, -1):
        found = _rule_for(lines[i], rules)
        if found is None or not found.anchor:
            continue
        if _all_footer_until_list(lines[i:start], rules):
            return _extend_up(lines, i, rules)
        break
    return _extend_up(lines, start, rules) if start < len(lines) else start


def _extend_up(lines: list[str], start: int, rules: tuple[LineRule, ...]) -> int:
    while start > 0 and _rule_for(lines[start - 1], rules):
        start -= 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    return start


def _all_footer_until_list(block: list[str], rules: tuple[LineRule, ...]) -> bool:
    for line in block:
        found = _rule_for(line, rules)
        if found is not None and found.opens_list:
            return True
        if found is None and line.strip():
            return False
    return True


def _rule_for(line: str, rules: tuple[LineRule, ...]) -> LineRule | None:
    for candidate in rules:
        if candidate.matches(line):
            return candidate
    return None


def clean(lines: list[str], profile: SiteProfile) -> tuple[list[str], list[Removed], Author | None]:
    """Split `lines` into the thread's body and the removed footer; find the author handle."""
    if not profile.footer:
        return lines, [], None
    start = footer_start(lines, profile.footer)
    removed: list[Removed] = []
    author: Author | None = None
    in_list = False
    for line in lines[start:]:
        if not line.strip():
            continue
        found = _rule_for(line, profile.footer)
        if found is None:
            name = f"{profile.name}.latest-thread" if in_list else f"{profile.name}.footer"
            removed.append(Removed(line.strip(), name))
            continue
        in_list = in_list or found.opens_list
        removed.append(Removed(line.strip(), found.name))
        match = found.matches(line)
        if author is None and found.name == profile.author_rule and match:
            author = Author(handle=match.group("handle"))
    return lines[:start], removed, author
