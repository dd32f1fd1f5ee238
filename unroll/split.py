"""Stage 4, split: cut the body into posts.

The author's markers fix some boundaries and how many posts lie between them; the site's
delimiting (one newline or a blank line between posts), the length limit and two cues (an
aside closes the post it comments on; a speaker's label opens one) choose the rest. Each stretch
between fixed boundaries is cut by dynamic programming over line boundaries, at the least
cost below. Lines are never cut, so no word can be lost or repeated.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from .brackets import is_aside_line
from .labels import label_of, recurring_labels
from .markers import Found, Marker, Where, select
from .model import Post
from .model import Warning as Note
from .weight import weighted_length

# Costs, in nats of evidence. Counted on 65 real twtext, twunroll and Thread Reader pages
# (DESIGN.md): a single newline between two lines ends a post 287 times to 80, a blank line
# is a paragraph break 105 times to 1.
MINORITY_BREAK = math.log(105)
"""Splitting at the kind of gap that is almost never a post break (a blank line on twtext)."""
MAJORITY_JOIN = math.log(287 / 80)
"""Joining across the kind of gap that usually is a post break."""
PER_POST = 0.1
"""Where several splits fit, fewer and fuller posts win."""
ASIDE_CLOSES = 1.0
"""Discount for a break right after a whole-line [aside]: it closes the post it comments on."""
TURN_OPENS = 0.5
"""Discount for a break right before a recurring speaker's turn: it opens a post."""
OVER_LIMIT = 30.0
"""A post longer than the limit. The author's numbering outweighs it: platforms with longer
posts (Bluesky, Mastodon, X premium) are common, a miscounted thread is not."""
OVER_PER_CHAR = 0.02
"""Plus this for each weighted character over the limit, so that the least-over cut wins."""
WRONG_COUNT = 40.0
"""For each post more or fewer than the author's numbers say lie between two markers."""
MIN_BREAK = 0.05

MAX_COUNTED = 64
"""Stretches that should hold more posts than this are cut without counting (linear time)."""
MAX_POST_LINES = 200
"""No post is built from more lines than this, so cutting stays linear in the input."""


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


@dataclass(slots=True)
class Stretch:
    """Units lo..hi-1 between two fixed boundaries, and how many posts they should hold."""

    lo: int
    hi: int
    want: int | None


def units_of(body: list[str]) -> list[tuple[str, str]]:
    """(gap, line) for each non-blank line; whitespace-only lines count as blank."""
    out: list[tuple[str, str]] = []
    gap = ""
    for line in body:
        if not line.strip():
            gap = "blank" if out else ""
            continue
        out.append((gap, line.strip()))
        gap = "nl"
    return out


def resolve_convention(convention: str, units: list[tuple[str, str]], limit: int,
                       found: list[Found], where: Where) -> str:
    """For the generic profile: decide from the input whether posts end at newlines or blanks."""
    if convention != "auto":
        return convention
    breaks = []
    for f in found:
        at = f.line + 1 if where == "trail" else f.line
        if 0 < at < len(units):
            breaks.append(units[at][0])
    if breaks:
        return "blank" if breaks.count("blank") * 2 >= len(breaks) else "newline"
    gaps = [g for g, _ in units[1:]]
    if "blank" not in gaps:
        return "newline"
    if "nl" not in gaps:
        return "blank"
    blocks: list[int] = []
    for gap, line in units:
        if gap != "nl" or not blocks:
            blocks.append(0)
        blocks[-1] += weighted_length(line) + 1
    fits = sum(1 for b in blocks if b <= limit)
    return "blank" if fits * 10 >= len(blocks) * 9 else "newline"


def build_units(raw: list[tuple[str, str]], weights: list[int], found: list[Found],
                where: Where, recurring: set[str]) -> list[Unit]:
    """Units with their markers; a marker alone on a line joins the post it numbers.

    With trailing markers a lone marker ends the line before it ("...afternoon." / "1/?");
    with leading ones it opens the line after it ("[1 of 6]" / "In 2016 ..."). Where there is
    no such line, it stands as a post with no text.
    """
    by_line = {f.line: f for f in found}
    units: list[Unit] = []
    pending: tuple[Marker, str, int] | None = None  # a lone marker waiting for its line
    for i, (gap, line) in enumerate(raw):
        f = by_line.get(i)
        weight = weights[i]
        if f is not None and f.where == "own":
            last_line = i == len(raw) - 1
            if units and units[-1].trail is None and pending is None and (
                where == "trail" or last_line
            ):
                units[-1].trail = f.marker
                units[-1].weight += weight + (1 if gap == "nl" else 2)
                continue
            if pending is not None:
                units.append(Unit("", pending[2], pending[1], lead=pending[0]))
            pending = (f.marker, gap, weight)
            continue
        unit = Unit(f.rest if f is not None else line, weight, gap)
        if f is not None:
            if f.where == "lead":
                unit.lead = f.marker
            else:
                unit.trail = f.marker
        if pending is not None:
            if unit.lead is None:
                unit.lead, unit.gap = pending[0], pending[1]
                unit.weight += pending[2] + (1 if gap == "nl" else 2)
            else:
                units.append(Unit("", pending[2], pending[1], lead=pending[0]))
            pending = None
        unit.aside = is_aside_line(unit.text)
        label = label_of(unit.text)
        unit.turn = label is not None and label[0] in recurring
        units.append(unit)
    if pending is not None:
        units.append(Unit("", pending[2], pending[1], lead=pending[0]))
    return units


def stretches(units: list[Unit]) -> list[Stretch]:
    """Cut at every boundary a marker fixes; say how many posts each stretch should hold.

    Each fixed boundary knows how many posts lie before it: a trailing "7/" ends post 7, a
    leading "7/" starts post 7. Before the first leading marker lies an unnumbered intro, and
    after the last one nothing is known unless it gives a total ("8/8").
    """
    cuts: dict[int, int | None] = {0: 0, len(units): None}
    for i, unit in enumerate(units):
        if unit.lead is not None and i > 0:
            cuts[i] = unit.lead.number - 1
        if unit.trail is not None:
            cuts[i + 1] = unit.trail.number
    leads = [u.lead for u in units if u.lead is not None]
    trails = [u.trail for u in units if u.trail is not None]
    if units and units[0].lead is not None:
        cuts[0] = units[0].lead.number - 1
    elif leads and not trails:
        cuts[0] = None  # posts before the first leading marker are an intro
    if leads and not trails:
        if leads[-1].total is not None:
            cuts[len(units)] = leads[-1].total  # "(8/8)": nothing numbered follows
        elif [m.number for m in leads] == list(range(1, len(leads) + 1)):
            # The author numbered every post so far: what follows the last one is its rest.
            cuts[len(units)] = leads[-1].number
    keys = sorted(cuts)
    out = []
    for lo, hi in itertools.pairwise(keys):
        before, after = cuts[lo], cuts[hi]
        want = after - before if before is not None and after is not None else None
        if want is not None and (want < 1 or want > MAX_COUNTED):
            want = None
        out.append(Stretch(lo, hi, want))
    return out


def _break_cost(unit: Unit, prev: Unit, convention: str) -> float:
    minority = "blank" if convention == "newline" else "nl"
    cost = MINORITY_BREAK if unit.gap == minority else 0.0
    if prev.aside:
        cost -= ASIDE_CLOSES
    if unit.turn:
        cost -= TURN_OPENS
    return max(cost, MIN_BREAK) if cost else 0.0


def _join_cost(unit: Unit, convention: str) -> float:
    majority = "nl" if convention == "newline" else "blank"
    return MAJORITY_JOIN if unit.gap == majority else 0.0


def _fits_whole(units: list[Unit], convention: str, limit: int) -> bool:
    """Whether one post is certainly the cheapest cut of a stretch the author numbered as one
    post: it fits the limit and its joins cost less than a wrong count, which every split
    would add."""
    weight = sum(u.weight for u in units) + sum(1 if u.gap == "nl" else 2 for u in units[1:])
    joins = sum(_join_cost(u, convention) for u in units[1:])
    return weight <= limit and PER_POST + joins < WRONG_COUNT


def cut(units: list[Unit], span: Stretch, convention: str, limit: int) -> list[tuple[int, int]]:
    """The cheapest way to cut units[lo:hi] into posts, as (start, end) pairs."""
    lo, hi, want = span.lo, span.hi, span.want
    if hi - lo <= 1:
        return [(lo, hi)] if hi > lo else []
    if want == 1 and _fits_whole(units[lo:hi], convention, limit):
        return [(lo, hi)]
    size = hi - lo
    sep = [0] * size
    cum = [0] * (size + 1)
    joins = [0.0] * (size + 1)
    breaks = [0.0] * size
    for k in range(size):
        unit = units[lo + k]
        if k:
            sep[k] = 1 if unit.gap == "nl" else 2
            breaks[k] = _break_cost(unit, units[lo + k - 1], convention)
        cum[k + 1] = cum[k] + sep[k] + unit.weight
        joins[k + 1] = joins[k] + (_join_cost(unit, convention) if k else 0.0)
    # best[i][p]: cheapest cut of the first i units into p posts (p capped at want + 1;
    # without a count, p is always 0).
    width = 1 if want is None else want + 2
    inf = math.inf
    best = [[inf] * width for _ in range(size + 1)]
    back = [[-1] * width for _ in range(size + 1)]
    best[0][0] = 0.0
    stretch_limit = limit * (3 if want is not None else 1)
    for i in range(1, size + 1):
        for j in range(i - 1, max(-1, i - 1 - MAX_POST_LINES), -1):
            weight = cum[i] - cum[j] - sep[j]
            cost = PER_POST + joins[i] - joins[j + 1] + (breaks[j] if j else 0.0)
            if weight > limit:
                cost += OVER_LIMIT + OVER_PER_CHAR * (weight - limit)
            for p in range(width):
                if best[j][p] == inf:
                    continue
                q = p if want is None else min(p + 1, width - 1)
                if best[j][p] + cost < best[i][q]:
                    best[i][q] = best[j][p] + cost
                    back[i][q] = j * width + p
            if weight > stretch_limit and i - j >= 2:
                break
    final = best[size]
    if want is not None:
        final = [final[p] + WRONG_COUNT * abs(p - want) if p else inf for p in range(width)]
    slot = min(range(width), key=final.__getitem__)
    pieces: list[tuple[int, int]] = []
    i = size
    while i > 0:
        j, slot = divmod(back[i][slot], width)
        pieces.append((lo + j, lo + i))
        i = j
    return pieces[::-1]


def split(body: list[str], convention: str, limit: int) -> tuple[list[Post], list[Note]]:
    """Cut the body lines into numbered posts (segments are left to the annotate stage)."""
    raw = units_of(body)
    lines = [line for _, line in raw]
    gaps = {i: gap for i, (gap, _) in enumerate(raw)}
    weights = [weighted_length(line) for line in lines]
    found, where = select(lines, gaps, convention, limit, weights)
    convention = resolve_convention(convention, raw, limit, found, where)
    by_line = {f.line: f.rest for f in found}
    recurring = recurring_labels([by_line.get(i, line) for i, line in enumerate(lines)])
    units = build_units(raw, weights, found, where, recurring)
    pieces = [piece for span in stretches(units) for piece in cut(units, span, convention, limit)]
    return number(units, pieces, limit)


def number(units: list[Unit], pieces: list[tuple[int, int]],
           limit: int) -> tuple[list[Post], list[Note]]:
    """Posts from the pieces, numbered as the author numbered them."""
    marks: list[Marker | None] = []
    texts: list[str] = []
    for start, end in pieces:
        first, last = units[start], units[end - 1]
        marker = first.lead or last.trail
        text = _join(units[start:end])
        if first.lead is not None and last.trail is not None:
            text = f"{text} {last.trail.text}" if text else last.trail.text
        marks.append(marker)
        texts.append(text)
    offset = 0
    for index, marker in enumerate(marks):
        if marker is not None:
            offset = max(0, index + 1 - marker.number)  # an unnumbered intro before "1."
            break
    posts: list[Post] = []
    notes: list[Note] = []
    prev = 0
    for (start, end), marker, text in zip(pieces, marks, texts, strict=False):
        n = prev + 1 if marker is None else marker.number + offset
        if n <= prev:
            notes.append(Note("numbering-order", f"marker {marker.text if marker else ''!r} "
                              f"repeats or goes back; numbered {prev + 1}", prev + 1))
            n = prev + 1
        elif n > prev + 1:
            notes.append(Note("numbering-gap", f"posts {_span(prev + 1, n - 1)} are missing: "
                              f"the numbering skips from {prev} to {n}", n))
        weight = sum(u.weight for u in units[start:end]) + sum(
            1 if u.gap == "nl" else 2 for u in units[start + 1:end])
        if weight > limit:
            why = ("it is one line" if end - start == 1
                   else "the author's numbering puts these lines in one post")
            notes.append(Note("over-limit", f"post {n} is {weight} characters, over the "
                              f"{limit} limit; kept whole because {why}", n))
        posts.append(Post(n=n, text=text, marker=marker.text if marker else None))
        prev = n
    return posts, notes


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
    gaps = {i: "post" if i == 0 or owner[i] != owner[i - 1] else "nl" for i in range(len(lines))}
    weights = [weighted_length(line) for line in lines]
    found, where = select(lines, gaps, "auto", limit, weights)
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
                unit.lead = head.marker
                kept[_row(kept, 0)] = head.rest
            elif tail is not None and tail.where in ("trail", "own"):
                unit.trail = tail.marker
                kept[_row(kept, -1)] = tail.rest
            unit.weight = sum(weights[first[index]:last[index] + 1]) + last[index] - first[index]
        unit.text = _paragraphs(kept)
        units.append(unit)
    return number(units, [(i, i + 1) for i in range(len(units))], limit)


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
