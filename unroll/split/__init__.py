"""Stage 4, split: cut the body into posts.

The author's markers fix some boundaries and how many posts lie between them; the site's
delimiting (one newline or a blank line between posts), the length limit and two cues (an
aside closes the post it comments on; a speaker's label opens one) choose the rest. Each stretch
between fixed boundaries is cut by dynamic programming over line boundaries, at the least
cost below, priced from what the lines say of each gap (cues.py). The delimiting of a text no
profile knows is decided from the text (convention.py). Lines are never cut, so no word can be
lost or repeated.
"""

from __future__ import annotations

import itertools
import math
import operator
from dataclasses import dataclass

from ..model import Post, Stated
from ..model import Warning as Note
from ..text.brackets import is_aside_line
from ..text.labels import label_of, recurring_labels
from ..text.weight import weighted_lengths
from .convention import LINK_END, resolve_convention, without_blank_lines
from .cues import (
    CONTINUES_PAGE_JOINS,
    GAP_ODDS,
    PICTURE_PAGE_CONTINUES,
    REPLY_CONTINUES,
    REPLY_OPENS,
    closes_post,
    continues_delimited,
    lone_link,
    picture_delimited,
    reply_prefix,
    says_continues,
    text_cues,
    wide_delimited,
    wide_lean,
)
from .markers import (
    Found,
    Marker,
    Readings,
    Where,
    first_inside,
    post_gap,
    readings,
    select,
)
from .numbering import Unit, number, numbered
from .teasers import thread_end

PER_POST = 0.1
"""Where several splits fit, fewer and fuller posts win."""
ASIDE_CLOSES = 1.0
"""For a break right after a whole-line [aside]: it closes the post it comments on (set by
hand: too few asides on the labelled pages to count)."""
TURN_OPENS = 0.5
"""For a break right before a recurring speaker's turn: it opens a post (set by hand)."""
OVER_LIMIT = 30.0
"""A post longer than the limit. The author's numbering outweighs it: platforms with longer
posts (Bluesky, Mastodon, X premium) are common, a miscounted thread is not."""
OVER_PER_CHAR = 0.02
"""Plus this for each weighted character over the limit, so that the least-over cut wins."""
WRONG_COUNT = 40.0
"""For each post more or fewer than the author's numbers say lie between two markers."""
MIN_BREAK = 0.05
LOW_CONFIDENCE = math.log(3)
"""Evidence at a gap weaker than 3 to 1 either way: the split there is said to be a guess."""

MAX_COUNTED = 64
"""Stretches that should hold more posts than this are cut without counting (linear time)."""
MAX_POST_LINES = 200
"""No post is built from more lines than this, so cutting stays linear in the input."""


@dataclass(slots=True)
class Stretch:
    """Units lo..hi-1 between two fixed boundaries, and how many posts they should hold."""

    lo: int
    hi: int
    want: int | None


def units_of(body: list[str], wide: set[int] | None = None) -> tuple[list[str], list[str]]:
    """The non-blank lines, stripped, and the gap before each: "nl", "blank" or "" for the
    first; whitespace-only lines count as blank. Two parallel lists, not a tuple a line: on a
    big thread every per-line object counts (benchmarks/run.py, memory). `wide`, where given,
    gets the index of each line after two or more blank lines (cues.WIDE_PARTS)."""
    stripped = list(map(str.strip, body))
    if all(stripped):  # no blank line (most threads): a newline before each line but the first
        return ["", *itertools.repeat("nl", len(stripped) - 1)] if stripped else [], stripped
    gaps: list[str] = []
    lines: list[str] = []
    gap = ""
    blanks = 0
    for text in stripped:
        if not text:
            gap = "blank" if lines else ""
            blanks += 1
            continue
        if blanks > 1 and lines and wide is not None:
            wide.add(len(lines))
        blanks = 0
        gaps.append(gap)
        lines.append(text)
        gap = "nl"
    return gaps, lines


def build_units(gaps: list[str], lines: list[str], weights: list[int], found: list[Found],
                where: Where, turns: set[int]) -> list[Unit]:
    """Units with their markers; a marker alone on a line joins the post it numbers.

    With trailing markers a lone marker ends the line before it ("...afternoon." / "1/?");
    with leading ones it opens the line after it ("[1 of 6]" / "In 2016 ..."). Where there is
    no such line, it stands as a post with no text. `turns` are the lines that open a
    recurring speaker's turn.
    """
    by_line: list[Found | None] = [None] * len(lines)
    for marked in found:
        by_line[marked.line] = marked
    units: list[Unit] = []
    pending: _Lone | None = None  # a lone marker waiting for its line
    for i, (gap, line) in enumerate(zip(gaps, lines, strict=True)):
        f = by_line[i]
        if f is not None and f.where == "own" and not f.rest:
            before = _numbers_before(by_line, i, where)
            pending = _lone(units, pending, (f, gap, weights[i]), before)
            continue
        unit = Unit(f.rest if f is not None else line, weights[i], gap)
        if f is not None:
            # (a marker with hashtags on its line, "own" too, goes as a lone one would)
            if f.where == "lead" or (f.where == "own" and not _numbers_before(by_line, i, where)):
                unit.lead = f
            else:
                unit.trail = f
        if pending is not None:
            _open_with(units, pending, unit)
            pending = None
        unit.aside = is_aside_line(unit.text)
        unit.turn = i in turns
        units.append(unit)
    if pending is not None:
        units.append(_marker_only(pending))
    return units


_Lone = tuple[Marker, str, int]
"""A marker alone on its line, the gap before that line, and its weight."""


def _numbers_before(by_line: list[Found | None], i: int, where: Where) -> bool:
    """Whether the lone marker on line i numbers the line before it: with trailing markers,
    or where there is no line after it, or that line carries its own marker ("Intro" /
    "1/n" / "2/ Next"); else it numbers the line after it (leading markers)."""
    after = by_line[i + 1] if i + 1 < len(by_line) else None
    return where == "trail" or i == len(by_line) - 1 or (
        after is not None and after.where in ("lead", "own"))


def _lone(units: list[Unit], pending: _Lone | None, lone: _Lone,
          numbers_before: bool) -> _Lone | None:
    """A lone marker ends the unit before it where it numbers that one (None: nothing is left
    waiting); else it waits for the line after it (and one waiting before it stands as a post
    with no text)."""
    marker, gap, weight = lone
    if units and units[-1].trail is None and pending is None and numbers_before:
        units[-1].trail = marker
        units[-1].weight += weight + (1 if gap == "nl" else 2)
        return None
    if pending is not None:
        units.append(_marker_only(pending))
    return lone


def _open_with(units: list[Unit], pending: _Lone, unit: Unit) -> None:
    """The waiting lone marker opens `unit`, unless it has its own: then it stands before it
    as a post with no text."""
    if unit.lead is not None:
        units.append(_marker_only(pending))
        return
    unit.weight += pending[2] + (1 if unit.gap == "nl" else 2)
    unit.lead, unit.gap = pending[0], pending[1]


def _marker_only(pending: _Lone) -> Unit:
    return Unit("", pending[2], pending[1], lead=pending[0])


def stretches(units: list[Unit], limit: int, convention: str,
              stated: Stated | None = None) -> list[Stretch]:
    """Cut at every boundary a marker fixes; say how many posts each stretch should hold.

    Each fixed boundary knows how many posts lie before it: a trailing "7/" ends post 7, a
    leading "7/" starts post 7. Before the first leading marker lies an unnumbered intro, and
    after the last one nothing is known unless it gives a total ("8/8"). List numbers fix
    only where their posts start where the site's header states more posts than they can
    number (_lists_count_items), or where no header states a count and more than ITEM_OVER
    posts' worth lies between two (_items_over: an item that fits in a post is one).
    A thread with no marker at all has the count the header states (`stated`, where the copy
    is whole) as its one stretch's, where its lines can hold that many and it is small enough
    to count (MAX_COUNTED). Where the header counts one
    post more than the author's trailing markers total ("13 tweets", "1/12" ... "12/12"), in
    any copy, and the lines up to "1/12" cannot be one post, or with no count they are more
    than INTRO_OVER posts' worth or parted as the other posts are (_parted_as_posts) where
    every other numbered post fits in one, the post before it is an unnumbered intro
    (_intro_closed).
    """
    whole = stated.posts if stated is not None and stated.whole else None
    over = stated is None and _items_over(units, limit)
    cuts = _marked_cuts(units, over or _lists_count_items(units, whole))
    leads = [u.lead for u in units if u.lead is not None and u.lead.family != "thread"]
    trails = [u.trail for u in units if u.trail is not None and u.trail.family != "thread"]
    if units and units[0].lead is not None and units[0].lead.family != "thread":
        cuts[0] = units[0].lead.number - 1
    elif leads and not trails:
        _intro(units, leads, cuts, convention, limit, whole)
    if leads and not trails:
        cuts[len(units)] = _after_last(units, leads, limit)
    elif whole is not None and whole <= len(units) \
            and not any(u.lead is not None or u.trail is not None for u in units):
        cuts[len(units)] = whole  # (more than the lines can hold: posts the copy lost)
    spans = [Stretch(lo, hi, _posts_between(cuts[lo], cuts[hi]))
             for lo, hi in itertools.pairwise(sorted(cuts))]
    if trails and not leads and spans[0].want == 1 and trails[0].number == 1 \
            and _intro_above(units, spans, trails[0], stated, limit):
        spans[0].want = 2
    if over:  # (an item that fits in a post is one, as where list numbers number posts)
        for span in spans:
            lead = units[span.lo].lead
            if span.want is None and lead is not None and lead.family == "list" \
                    and _one_post(units[span.lo:span.hi], limit):
                span.want = 1
    if not any(lead.family == "list" for lead in leads):
        return spans  # (the guard: only list numbers count posts by their place)
    return [piece for span in spans for piece in _parted_at_links(units, span, limit)]


def _parted_at_links(units: list[Unit], span: Stretch, limit: int) -> list[Stretch]:
    """A list item counted as one post that does not fit in one, parted after each of its
    lines but the last that ends in a link: on X a post's own link (its picture's, its
    card's) ends it, so the item is that many posts (list numbers number posts by their
    place, so the posts after it are counted on)."""
    lead = units[span.lo].lead
    if span.want != 1 or lead is None or lead.family != "list" \
            or _one_post(units[span.lo:span.hi], limit):
        return [span]
    ends = [k + 1 for k in range(span.lo, span.hi - 1) if LINK_END.search(units[k].text)]
    bounds = [span.lo, *ends, span.hi]
    return [Stretch(lo, hi, 1) for lo, hi in itertools.pairwise(bounds)]


def _intro_above(units: list[Unit], spans: list[Stretch], first: Marker, stated: Stated | None,
                 limit: int) -> bool:
    """Whether an unnumbered intro stands above the post the first trailing marker ("1/12")
    closes, in the lines up to it (spans[0]), which can be two posts (_intro_closed): the
    header counts one post more than the author's total, with none after "12/12"; or, with no
    count or no total to compare it with ("1/n"), the lines are more than INTRO_OVER posts'
    worth or hold the gap that parts the other posts where they can be two
    (_parted_as_posts), and every other numbered post fits in one (not a platform of long
    posts)."""
    lines = units[:spans[0].hi]
    if not _intro_closed(lines, limit):
        return False
    if stated is not None and first.total is not None:
        return first.total == stated.posts - 1 and not _after_total(units, first.total)
    return (_weight(lines) > INTRO_OVER * limit or _parted_as_posts(units, spans, limit)) \
        and all(_one_post(units[s.lo:s.hi], limit) for s in spans[1:] if s.want == 1)


def _parted_as_posts(units: list[Unit], spans: list[Stretch], limit: int) -> bool:
    """Whether the lines up to the first closing marker hold, where they can be two posts,
    the one kind of gap that parts every later post, a kind no later post's paragraphs are
    parted by (posts at single newlines, paragraphs at blank lines: the whole thread says
    which gap is a post's end)."""
    parting = {units[s.lo].gap for s in spans[1:]}
    inside = {u.gap for s in spans[1:] for u in units[s.lo + 1:s.hi]}
    if len(parting) != 1 or not inside or parting & inside:
        return False
    first = units[:spans[0].hi]
    return any(first[k].gap in parting and _one_post(first[:k], limit)
               and _one_post(first[k:], limit) for k in range(1, len(first)))


INTRO_OVER = 1.5
"""How many posts' worth the lines up to a closing "1/" must be, with no header's count to
say so, before an unnumbered intro is taken to stand above post 1 (_intro_closed). On the
labelled pages, three whose first post was 1.0 to 1.5 times the limit were one post (links the
copy spells out in full); one of 1.96 was an intro and the post marked "1/x"."""


def _after_total(units: list[Unit], total: int) -> bool:
    """Whether lines follow the trailing marker that numbers the last post ("3/3"): an
    unnumbered post after the author's numbered ones, the one the header counts beyond them."""
    for i in range(len(units) - 1, -1, -1):
        trail = units[i].trail
        if trail is not None:
            return trail.number == total and i + 1 < len(units)
    return False


def _intro_closed(units: list[Unit], limit: int) -> bool:
    """Whether the lines up to the first trailing marker, which cannot be one post, can be
    two: an unnumbered intro and the post the marker closes. (A trailing marker says where its
    post ends, not where it begins.)"""
    if not limit < _weight(units) <= 2 * limit + 2:  # (two posts and the gap between them)
        return False
    return any(_one_post(units[:k], limit) and _one_post(units[k:], limit)
               for k in range(1, len(units)))


def _marked_cuts(units: list[Unit], items: bool = False) -> dict[int, int | None]:
    """Each boundary a marker fixes, with how many posts lie before it (None: not known, as
    for list numbers that count `items`, not posts)."""
    cuts: dict[int, int | None] = {0: 0, len(units): None}
    for i, unit in enumerate(units):
        if unit.lead is not None and i > 0:
            cuts[i] = None if items and unit.lead.family == "list" else unit.lead.number - 1
        if unit.trail is not None:
            cuts[i + 1] = unit.trail.number
    return cuts


STATED_OVER = 2
"""How many more posts than its list numbers can number the header must state before they are
taken to count items: one more is an unnumbered intro."""


ITEM_OVER = 2
"""How many posts' worth of text (the limit's) may lie between two list numbers, where no
header states a count, before they are taken to count items, some of which take more than one
post (_items_over); an item that fits in a post is still one. Near the limit is a post whose
links the copy spells out in full (283 to 555 characters on the labelled pages); an item of
several posts, quoted passages one a post, is 836 to 971."""


def _lists_count_items(units: list[Unit], stated: int | None) -> bool:
    """Whether the thread's leading list numbers number its items, some of which take more
    than one post: the site's header states more posts (of a whole copy) than they reach."""
    if stated is None:
        return False
    lists = [u.lead.number for u in units if u.lead is not None and u.lead.family == "list"]
    return bool(lists) and stated >= max(lists) + STATED_OVER


def _items_over(units: list[Unit], limit: int) -> bool:
    """Whether more than ITEM_OVER posts' worth of lines lies between two of the thread's
    leading list numbers: they number items, some of several posts."""
    at = [i for i, u in enumerate(units) if u.lead is not None and u.lead.family == "list"]
    return any(hi - lo > 1 and _weight(units[lo:hi]) > ITEM_OVER * limit
               for lo, hi in itertools.pairwise(at))


def _posts_between(before: int | None, after: int | None) -> int | None:
    """How many posts lie between two boundaries, where both counts are known and the
    stretch is small enough to count (MAX_COUNTED)."""
    if before is None or after is None or not 1 <= after - before <= MAX_COUNTED:
        return None
    return after - before


def _intro(units: list[Unit], leads: list[Marker], cuts: dict[int, int | None],
           convention: str, limit: int, stated: int | None) -> None:
    """The cuts of the unnumbered intro before the first leading marker: where the author's
    numbering starts at 1 and the intro fits in a post, it is one post (DESIGN.md: "the intro
    is post 1, the post marked 1. is post 2"), unless it opens post 1 itself."""
    first_lead = leads[0]
    first = next(i for i, u in enumerate(units) if u.lead is first_lead)
    # A 🧵 closing the line above the first number ends the intro there, as one post
    # whatever its length ("... 15 forgotten places 🧵" / "1. Ulm"); one higher up ends
    # post 1, which the numbers count.
    closed = first > 0 and units[first - 1].trail is not None
    for i in range(first - 1 if closed else first):
        if units[i].trail is not None:
            cuts[i + 1] = None
    if first_lead.number == 1 and _intro_opens(units, first, convention, limit,
                                               _stated_beyond(leads, stated)):
        units[0].lead, units[first].lead = units[first].lead, None
        del cuts[first]
        return
    # An intro before "1/" that fits is a post of its own, numbered before it; before "2/",
    # it is post 1, the one post the author's numbers leave room for.
    one = first_lead.number in (1, 2) and (closed or _one_post(units[:first], limit)) \
        and not (first_lead.family == "list" and _closed_inside(units[:first]))
    cuts[0] = first_lead.number - 2 if one else None


def _closed_inside(units: list[Unit]) -> bool:
    """Whether a line of the units but the last ends its post by its own words (a picture, an
    arrow pointing on: cues.closes_post), so that they are more than one post."""
    return any(closes_post(u.text) for u in units[:-1])


def _after_last(units: list[Unit], leads: list[Marker], limit: int) -> int | None:
    """How many posts the thread holds at its end, where leading markers say: a total
    ("(8/8)": nothing numbered follows), or, where the author numbered every post so far and
    what follows the last marker fits in a post, that post's number (it is that post's
    rest). Else None: the author stopped numbering and the site's delimiting takes over."""
    if leads[-1].total is not None:
        return leads[-1].total
    start = leads[0].number
    if len(leads) > 1 and start in (1, 2) \
            and [m.number for m in leads] == list(range(start, start + len(leads))) \
            and _one_post(units[max(i for i, u in enumerate(units) if u.lead is not None):],
                          limit):
        return leads[-1].number
    return None


def _stated_beyond(leads: list[Marker], stated: int | None) -> int | None:
    """How many posts the site's header counts beyond the author's numbers, where these
    number posts 1, 2, 3... with none skipped (None where either is not known)."""
    numbers = [m.number for m in leads]
    if stated is None or numbers != list(range(1, len(numbers) + 1)):
        return None
    return stated - len(numbers)


def _intro_opens(units: list[Unit], first: int, convention: str, limit: int,
                 beyond: int | None = None) -> bool:
    """Whether an unnumbered intro and the post marked 1 after it are one post: the "1."
    stands after the gap that does not part posts (a paragraph break where posts part at
    single newlines, a line break where they part at blank lines) while the later markers
    stand after post breaks, and the two fit in one post. The marker then numbers the post
    the intro opens ("Title" / "" / "1. First point" / "2. Second point"). Where the site's
    header counts one post more than the author numbered (`beyond`), the intro is that post;
    where it counts none more, the intro opens post 1."""
    if beyond == 1 or any(u.lead is not None or u.trail is not None for u in units[:first]):
        return False  # (an intro with its own marker, a 🧵, is a post of its own)
    second = next((i for i in range(first + 1, len(units)) if units[i].lead is not None),
                  len(units))
    if beyond == 0:
        return _one_post(units[:second], limit)
    later = [u.gap for u in units[first + 1:] if u.lead is not None]
    parting = post_gap(convention)
    if convention not in ("newline", "blank") or units[first].gap == parting or len(later) < 2:
        return False
    if later.count(parting) * 4 < len(later) * 3:
        return False
    return _one_post(units[:second], limit)


def _one_post(units: list[Unit], limit: int) -> bool:
    """Whether the units, joined, fit in one post."""
    return _weight(units) <= limit


def _weight(units: list[Unit]) -> int:
    """The weighted length of the units joined into one post."""
    return sum(u.weight for u in units) + sum(1 if u.gap == "nl" else 2 for u in units[1:])


def _odds(unit: Unit, prev: Unit, convention: str) -> float:
    """The log-odds that the gap before `unit` ends a post."""
    odds = GAP_ODDS[convention][unit.gap] + unit.lean
    if prev.aside:
        odds += ASIDE_CLOSES
    if unit.turn:
        odds += TURN_OPENS
    return odds


def _break_cost(unit: Unit, prev: Unit, convention: str) -> float:
    cost = max(-_odds(unit, prev, convention), 0.0)
    minority = "blank" if convention == "newline" else "nl"
    return max(cost, MIN_BREAK) if unit.gap == minority else cost


def _join_cost(unit: Unit, prev: Unit, convention: str) -> float:
    return max(_odds(unit, prev, convention), 0.0)


def _fits_whole(units: list[Unit], convention: str, limit: int) -> bool:
    """Whether one post is certainly the cheapest cut of a stretch the author numbered as one
    post: it fits the limit and its joins cost less than a wrong count, which every split
    would add."""
    weight = _weight(units)
    joins = sum(_join_cost(u, prev, convention) for prev, u in itertools.pairwise(units))
    return weight <= limit and PER_POST + joins < WRONG_COUNT


def cut(units: list[Unit], span: Stretch, convention: str, limit: int) -> list[tuple[int, int]]:
    """The cheapest way to cut units[lo:hi] into posts, as (start, end) pairs."""
    lo, hi, want = span.lo, span.hi, span.want
    if hi - lo <= 1:
        return [(lo, hi)] if hi > lo else []
    if want == 1 and _fits_whole(units[lo:hi], convention, limit):
        return [(lo, hi)]
    if want is None:
        # Without a count to meet, breaking at the usual kind of gap always costs less than
        # joining across it, so cut there first: the search then runs on short runs only.
        starts = [lo] + [k for k in range(lo + 1, hi)
                         if _odds(units[k], units[k - 1], convention) >= PER_POST]
        if len(starts) > 1:
            ends = [*starts[1:], hi]
            return [piece for a, b in zip(starts, ends, strict=True)
                    for piece in cut(units, Stretch(a, b, None), convention, limit)]
    return _cheapest(_Costs.of(units, lo, hi, convention), span, limit)


@dataclass(slots=True)
class _Costs:
    """The running sums a cut of units[lo:hi] is priced from, index k for the unit lo + k."""

    sep: list[int]
    """The separator before unit k inside a post (1 for a newline, 2 for a blank line)."""
    cum: list[int]
    """The weighted length of units 0..k-1 with their separators."""
    joins: list[float]
    """What joining across each gap up to unit k-1 costs, summed."""
    breaks: list[float]
    """What breaking the post before unit k costs."""

    @classmethod
    def of(cls, units: list[Unit], lo: int, hi: int, convention: str) -> _Costs:
        size = hi - lo
        costs = cls([0] * size, [0] * (size + 1), [0.0] * (size + 1), [0.0] * size)
        for k in range(size):
            unit = units[lo + k]
            join = 0.0
            if k:
                costs.sep[k] = 1 if unit.gap == "nl" else 2
                costs.breaks[k] = _break_cost(unit, units[lo + k - 1], convention)
                join = _join_cost(unit, units[lo + k - 1], convention)
            costs.cum[k + 1] = costs.cum[k] + costs.sep[k] + unit.weight
            costs.joins[k + 1] = costs.joins[k] + join
        return costs


def _cheapest(costs: _Costs, span: Stretch, limit: int) -> list[tuple[int, int]]:
    """The dynamic program over the stretch's line boundaries: best[i][p] is the cheapest
    cut of the first i units into p posts (p capped at want + 1; without a count, always 0)."""
    want, size = span.want, span.hi - span.lo
    sep, cum, joins, breaks = costs.sep, costs.cum, costs.joins, costs.breaks
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
                # (the last slot holds every cut of more posts than wanted: each post past
                # the first too many costs a wrong count of its own)
                over = WRONG_COUNT if want is not None and p == width - 1 else 0.0
                if best[j][p] + cost + over < best[i][q]:
                    best[i][q] = best[j][p] + cost + over
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
        pieces.append((span.lo + j, span.lo + i))
        i = j
    return pieces[::-1]


def split(body: list[str], convention: str, limit: int,
          stated: Stated | None = None) -> tuple[list[Post], list[Note], list[str]]:
    """Cut the body lines into numbered posts (segments are left to the annotate stage), and
    hand back the lines below the thread that open other threads (teasers.py). `stated`: how
    many posts the site's header says the whole thread has.

    `body` is emptied once its lines are read, so that a big thread is not held twice, and
    the whole lines are let go once each numbered line's text without its marker exists.
    """
    wide: set[int] = set()
    gaps, lines = units_of(body, wide)
    body.clear()  # `lines` holds them now
    weights = weighted_lengths(lines)
    found, others = without_others(gaps, lines, weights, readings(lines, weights, limit))
    return (*posts_of(gaps, lines, weights, found, convention, limit, stated, wide), others)


def without_others(gaps: list[str], lines: list[str], weights: list[int],
                   found: Readings) -> tuple[Readings, list[str]]:
    """Take the lines that open other threads off the end of the three lists; the
    candidates left, and the lines taken."""
    end = thread_end(found, lines)
    if end is None:
        return found, []
    others = lines[end:]
    del lines[end:], gaps[end:], weights[end:]
    return found.above(end), others


def posts_of(gaps: list[str], lines: list[str], weights: list[int], readings: Readings,
             convention: str, limit: int, stated: Stated | None = None,
             wide: set[int] | None = None) -> tuple[list[Post], list[Note]]:
    """The thread's lines as numbered posts; `wide`: the lines after two or more blank
    lines (units_of)."""
    convention = without_blank_lines(convention, gaps, weights, limit)
    found, where = select(readings, gaps, convention, limit, weights)
    found = first_inside(found, where, lines, weights, limit)
    convention = resolve_convention(convention, gaps, lines, weights, limit, found, where)
    if len(found) == len(lines) and all(f.where == "trail" for f in found):
        # The usual twtext thread: every line ends in its own marker, so every boundary is
        # fixed and every line is a post (what build_units, stretches and cut would find);
        # the cues that only choose where to cut (asides, speakers' turns) are not needed.
        # So the posts go to the one numbering rule straight from the markers, without a
        # Unit a line first (benchmarks/README.md, "one numbering path").
        del lines, gaps  # each post is its marker's rest: the whole lines can go first
        return numbered(found, zip(map(_REST, found), weights, itertools.repeat(1)), limit)
    units = _units(gaps, lines, weights, found, where, convention, wide or set())
    del lines, gaps, weights, found  # the units hold all that the posts are made of
    if all(unit.trail is not None for unit in units):
        # Every post ends in its own marker: every boundary is fixed, so each unit is a
        # post, which is what stretches and cut would find.
        return number(units, None, limit)
    return cut_and_number(units, convention, limit, stated)


_REST = operator.attrgetter("rest")


def cut_and_number(units: list[Unit], convention: str, limit: int,
                   stated: Stated | None = None) -> tuple[list[Post], list[Note]]:
    """The general path: cut each stretch between fixed boundaries, number the posts, and
    say where a bound is a guess."""
    spans = stretches(units, limit, convention, stated)
    _newlines_as_numbered(units, spans, convention)
    pieces = [piece for span in spans for piece in cut(units, span, convention, limit)]
    posts, notes = number(units, pieces, limit)
    weak = [posts[i].n for i in _weak_pieces(units, pieces, convention)]
    if weak:
        shown = ", ".join(map(str, weak[:10])) + (" ..." if len(weak) > 10 else "")
        verb = "begin or end" if len(weak) > 1 else "begins or ends"
        notes.append(Note("low-confidence", f"where post{'s' if len(weak) > 1 else ''} {shown}"
                          f" {verb} is a guess: the lines there say as much for a break as"
                          " against one", weak[0]))
    return posts, notes


NUMBERED_EVIDENCE = 4
"""How many single newlines the author's numbered posts must hold or stand between before
their rate of post breaks is this copy's own, in place of the site's."""


def _newlines_as_numbered(units: list[Unit], spans: list[Stretch], convention: str) -> None:
    """Give the single newlines of the stretches no marker counts the odds the numbered posts
    show: where each numbered post holds several lines ("1/9" ends the fourth), a newline
    parts posts less often in this copy than the site's delimiting says, and the unnumbered
    lines after the last marker are read the same way. Each numbered post is a stretch of
    one post: the newlines inside it are joins, the one before it (at its marker) a break."""
    one_post = [span for span in spans if span.want == 1]
    inside = sum(1 for span in one_post for u in units[span.lo + 1:span.hi] if u.gap == "nl")
    between = sum(1 for span in one_post if span.lo > 0 and units[span.lo].gap == "nl")
    if inside + between < NUMBERED_EVIDENCE or not any(s.want is None for s in spans):
        return
    shift = math.log((between + 0.5) / (inside + 0.5)) - GAP_ODDS[convention]["nl"]
    for span in spans:
        if span.want is None:
            for unit in units[span.lo + 1:span.hi]:
                if unit.gap == "nl":
                    unit.lean += shift


def _weak_pieces(units: list[Unit], pieces: list[tuple[int, int]], convention: str) -> list[int]:
    """The pieces that begin or hold a gap whose evidence is weaker than LOW_CONFIDENCE
    either way, where no marker fixes it."""
    weak = []
    for index, (start, end) in enumerate(pieces):
        for k in range(max(start, 1), end):
            if units[k].lead is None and units[k - 1].trail is None and abs(
                    _odds(units[k], units[k - 1], convention)) < LOW_CONFIDENCE:
                weak.append(index)
                break
    return weak


def _close_below_cards(units: list[Unit]) -> None:
    """Move each trailing marker below the link card after it, a link alone after a blank
    line, which Thread Reader prints under a post's text and its marker (4 times of 4 on the
    dev pages, 2026-12): the post it closes ends there."""
    for prev, unit in itertools.pairwise(units):
        if prev.trail is not None and unit.gap == "blank" and unit.lead is None \
                and unit.trail is None and lone_link(unit.text):
            prev.trail, unit.trail = None, prev.trail


def _units(gaps: list[str], lines: list[str], weights: list[int], found: list[Found],
           where: Where, convention: str, wide: set[int]) -> list[Unit]:
    """The units with their markers: lines with the cues that choose where to cut."""
    for f in found:
        lines[f.line] = f.rest  # from here on a numbered line is its text without the marker
    labels = [label_of(line) for line in lines]
    recurring = recurring_labels(labels)
    turns = {i for i, found in enumerate(labels) if found is not None and found[0] in recurring}
    units = build_units(gaps, lines, weights, found, where, turns)
    _close_below_cards(units)
    pictures = picture_delimited(units)
    continued = continues_delimited(units, convention)
    widened = wide_delimited(wide, convention)
    replies = reply_prefix(units)
    named = replying = False  # the handle was named above; replies to it have begun
    for k, (prev, unit) in enumerate(itertools.pairwise(units), 1):
        unit.lean = text_cues(prev.text, unit.text)
        if pictures and unit.gap == "nl" and not prev.text.endswith("Image"):
            unit.lean += PICTURE_PAGE_CONTINUES
        if continued and unit.gap == "blank" and not says_continues(prev.text):
            unit.lean += CONTINUES_PAGE_JOINS
        if widened and unit.gap == "blank":
            unit.lean += wide_lean(k in wide)
        if replies is not None:
            named = named or replies.strip() in prev.text
            if named and unit.text.startswith(replies):
                unit.lean += REPLY_OPENS[unit.gap]
                replying = True
            elif replying and unit.gap == "nl":
                unit.lean += REPLY_CONTINUES
    return units
