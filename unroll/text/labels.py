"""Speaker labels: "ESC: ...", "DfE / DH: ...", "Mayor's Office: ..." at the start of a line."""

from __future__ import annotations

import re

_LABEL = re.compile(
    r"(?P<label>[^\W\d_](?:[^:\n.!?;\"“”()\[\]<>]{0,38}[^\s:.!?;\"“”()\[\]<>])?): (?=\s*\S)"
)
"""A short label, a colon and some text: the shape of a speaker's turn or a topic heading."""

MAX_LABEL = 40
"""Characters in the longest label _LABEL takes."""
MAX_LABEL_WORDS = 5


def label_of(line: str) -> tuple[str, int] | None:
    """The label opening `line` and where its turn's text starts, or None.

    The turn's text starts after exactly one space, so "LABEL: " + text is the line again.
    """
    if line.find(": ", 1, MAX_LABEL + 2) < 0:
        return None  # the cheap test first: most lines open with no label
    match = _LABEL.match(line)
    if match is None:
        return None
    label = match.group("label")
    if len(label.split()) > MAX_LABEL_WORDS or "://" in line[: match.end()]:
        return None
    return label, match.end()


def recurring_labels(labels: list[tuple[str, int] | None]) -> set[str]:
    """Labels (as label_of found them, line by line) that open two or more lines: the
    speakers of a dialogue."""
    seen: set[str] = set()
    twice: set[str] = set()
    for found in labels:
        if found is None:
            continue
        (twice if found[0] in seen else seen).add(found[0])
    return twice
