"""Square brackets: where the author's [asides] are, without losing unbalanced text.

A linear scan with a stack, never a regex: nested quantifiers over brackets are exponential on
an unclosed "[" (DESIGN.md, known traps).
"""

from __future__ import annotations

import re

_TAG = re.compile(r"[A-Z][A-Z0-9]{1,11}( [A-Z0-9]{1,11})?|\d{1,6}\s*(/|of)\s*\d{1,6}")
"""Bracketed text that is structure, not an aside: [THREAD], [END], [PDF], [LIVE], [2 of 7]."""


_BRACKET = re.compile(r"[\[\]]")


def outermost_pairs(line: str) -> list[tuple[int, int]]:
    """(open, close) indexes of each outermost balanced [...] in `line`, in order.

    An unmatched "[" or "]" is plain text; brackets nested in a balanced pair stay inside it.
    """
    if "[" not in line:
        return []
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for found in _BRACKET.finditer(line):
        i = found.start()
        if found.group() == "[":
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
    pairs.sort()
    outer: list[tuple[int, int]] = []
    for start, end in pairs:
        if outer and start < outer[-1][1]:
            continue  # inside the previous outermost pair
        outer.append((start, end))
    return outer


def is_aside(inner: str) -> bool:
    """Whether the text between a pair of brackets is the author's comment (not a tag)."""
    stripped = inner.strip()
    return bool(stripped) and not _TAG.fullmatch(stripped)


def asides(line: str) -> list[tuple[int, int]]:
    """The outermost pairs of `line` that hold an aside."""
    if "[" not in line:
        return []
    return [(s, e) for s, e in outermost_pairs(line) if is_aside(line[s + 1:e])]


def is_aside_line(line: str) -> bool:
    """Whether the whole line is one bracketed comment, as in "[citation needed]"."""
    stripped = line.strip()
    if not stripped.startswith("[") or not stripped.endswith("]"):
        return False
    found = asides(stripped)
    return len(found) == 1 and found[0] == (0, len(stripped) - 1)
