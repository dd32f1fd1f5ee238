"""Posts from the pieces the splitter cut, numbered as the author numbered them.

Also the path for inputs that delimit their posts themselves (a saved page's tweets, a clip's
paragraphs): there is nothing to cut, only markers to take off and numbers to give.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..model import Post
from ..model import Warning as Note
from ..text.weight import weighted_length
from .markers import Marker, readings, select


@dataclass(slots=True)
class Unit:
    """One non-blank line of the body, with its markers taken out."""

    text: str
    weight: int
    gap: str
    """"nl" or "blank": what separates it from the line before ("" for the first)."""
    lead: Marker | None = None
    trail: Marker | None = None
    aside: bool = False
    turn: bool = False
    lean: float = 0.0
    """What the words on either side say of the gap before it (split.cues.text_cues), in nats."""


def number(units: list[Unit], pieces: list[tuple[int, int]] | None,
           limit: int) -> tuple[list[Post], list[Note]]:
    """Posts from the pieces (start and end unit of each post), numbered as the author
    numbered them. None: each unit is a post of its own, the usual case, for which a list of
    a pair a post would be the largest thing alive on a big thread."""

    def spans() -> Iterator[tuple[int, int]]:
        # zip, not a generator: it runs in C, and it runs once a post.
        return iter(pieces) if pieces is not None else zip(
            range(len(units)), range(1, len(units) + 1), strict=True)

    markers = [units[start].lead or units[end - 1].trail for start, end in spans()]
    return numbered(markers, (_piece(units, start, end) for start, end in spans()), limit)


def _piece(units: list[Unit], start: int, end: int) -> tuple[str, int, int]:
    """The text, weighted length and line count of the post made of units[start:end]."""
    first, last = units[start], units[end - 1]
    if end - start == 1:
        text, weight = first.text, first.weight
    else:
        text = _join(units[start:end])
        weight = sum(u.weight for u in units[start:end]) + sum(
            1 if u.gap == "nl" else 2 for u in units[start + 1:end])
    if first.lead is not None and last.trail is not None:
        text = f"{text} {last.trail.text}" if text else last.trail.text
    return text, weight, end - start


def numbered(markers: Sequence[Marker | None], pieces: Iterable[tuple[str, int, int]],
             limit: int) -> tuple[list[Post], list[Note]]:
    """The one numbering rule: each post's number from its marker (`markers`, one a post),
    after the post before it; `pieces` are each post's text, weighted length and lines.

    An unnumbered intro before "1." shifts the author's numbers by the posts before it.
    """
    offset = 0
    for index, marker in enumerate(markers):
        if marker is not None and marker.family != "thread":
            offset = max(0, index + 1 - marker.number)  # an unnumbered intro before "1."
            break
    posts: list[Post] = []
    notes: list[Note] = []
    prev = 0
    for marker, (text, weight, lines) in zip(markers, pieces, strict=True):
        n = prev + 1 if marker is None or marker.family == "thread" else marker.number + offset
        if n != prev + 1 or weight > limit:
            n = _checked(n, prev, marker, weight, limit, lines, notes)
        posts.append(Post(n, text, marker.text if marker else None))
        prev = n
    return posts, notes


def _checked(n: int, prev: int, marker: Marker | None, weight: int, limit: int, lines: int,
             notes: list[Note]) -> int:
    """The number post `n` gets after post `prev` (the next one, where its marker repeats
    or goes back), with a note for that, for a gap, or for a post over the limit."""
    if n <= prev:
        notes.append(Note("numbering-order", f"marker {marker.text if marker else ''!r} "
                          f"repeats or goes back; numbered {prev + 1}", prev + 1))
        n = prev + 1
    elif n > prev + 1:
        notes.append(Note("numbering-gap", f"{'post' if n == prev + 2 else 'posts'} "
                          f"{_span(prev + 1, n - 1)} {'is' if n == prev + 2 else 'are'} missing: "
                          f"the numbering skips from {prev} to {n}", n))
    if weight > limit:
        why = ("it is one line" if lines == 1
               else "the author's numbering puts these lines in one post")
        notes.append(Note("over-limit", f"post {n} is {weight} characters, over the "
                          f"{limit} limit; kept whole because {why}", n))
    return n


def _join(units: list[Unit]) -> str:
    parts: list[str] = []
    for unit in units:
        if not unit.text:
            continue
        if parts:
            parts.append("\n" if unit.gap == "nl" else "\n\n")
        parts.append(unit.text)
    return "".join(parts)


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def split_blocks(blocks: list[list[str]], limit: int) -> tuple[list[Post], list[Note]]:
    """Number posts a saved page already delimits (one block each; "" is a paragraph break).

    Markers are chosen over the whole thread as for text, and taken only where they open or
    close their block.
    """
    lines: list[str] = []
    owner: list[int] = []
    for index, block in enumerate(blocks):
        for line in block:
            if line.strip():
                lines.append(line.strip())
                owner.append(index)
    gaps = ["post" if i == 0 or owner[i] != owner[i - 1] else "nl" for i in range(len(lines))]
    weights = [weighted_length(line) for line in lines]
    found, where = select(readings(lines, weights, limit), gaps, "auto", limit, weights)
    by_line = {f.line: f for f in found}
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, index in enumerate(owner):
        first.setdefault(index, i)
        last[index] = i
    units: list[Unit] = []
    for index, block in enumerate(blocks):
        kept = [line.strip() for line in block]
        unit = Unit("", 0, "nl")
        if index in first:
            head, tail = by_line.get(first[index]), by_line.get(last[index])
            if head is not None and (head.where == "lead" or (head.where == "own" and (
                    where == "lead" or first[index] == last[index]))):
                unit.lead = head
                kept[_row(kept, 0)] = head.rest
            elif tail is not None and tail.where in ("trail", "own"):
                unit.trail = tail
                kept[_row(kept, -1)] = tail.rest
            unit.weight = sum(weights[first[index]:last[index] + 1]) + last[index] - first[index]
        unit.text = _paragraphs(kept)
        units.append(unit)
    return number(units, None, limit)


def _row(lines: list[str], end: int) -> int:
    """Index of the first (end=0) or last (end=-1) non-empty line."""
    order = range(len(lines)) if end == 0 else range(len(lines) - 1, -1, -1)
    return next(i for i in order if lines[i])


def _paragraphs(lines: list[str]) -> str:
    """Lines joined by newlines, with a blank line where the block had one."""
    out: list[str] = []
    blank = False
    for line in lines:
        if not line:
            blank = bool(out)
            continue
        if out:
            out.append("\n\n" if blank else "\n")
        out.append(line)
        blank = False
    return "".join(out)
