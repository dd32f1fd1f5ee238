"""Numbering markers: find the author's "3/", "(2/7)", "[1 of 9]", "🧵/4", "1." on the lines.

A marker is only taken when the whole sequence agrees: the longest increasing run of numbers,
at the start of lines or at the end of them, whichever the author used. List numbers ("1.",
"2)") count only when no stronger style is present and they sit where posts start.
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import dataclass
from typing import Literal

Where = Literal["lead", "trail", "own"]
Family = Literal["strong", "list", "thread"]

_N = r"\d{1,6}"
_TOTAL = r"(?:\d{1,6}|[nNxX?])"
_STRONG = (
    rf"\((?P<pn>{_N})\s?/\s?(?P<pm>{_TOTAL})\)"  # (1/5)
    rf"|\[(?P<bn>{_N})\s?/\s?(?P<bm>{_TOTAL})\]"  # [2/7]
    rf"|[\[(](?P<on>{_N})\s+of\s+(?P<om>{_N})[\])]"  # [1 of 9]
    rf"|🧵\s?/?\s?(?P<tn>{_N})"  # 🧵/3
    rf"|/(?P<sn>{_N})"  # /2
    rf"|(?P<n>{_N})/(?P<m>{_TOTAL}|🧵)?"  # 1/  1/7  1/n  1/?  1/🧵
)
_LEAD = re.compile(rf"(?:{_STRONG})(?=\s|$)")
_TRAIL = re.compile(rf"(?:^|(?<=\s)|(?<=[.!?…:;,\"'”’)]))(?:{_STRONG})$")
_PLAIN_TRAIL = re.compile(rf"(?P<n>{_N})/(?P<m>{_TOTAL})?")
"""The usual trailing marker, "7/" or "7/12", as a line's last word. Tried before _TRAIL's
search, which costs a microsecond a line: nothing _TRAIL takes there can start earlier (each
of its forms with a space in it ends in a bracket), so both find the same marker."""
_NUMBERS = {str(n): n for n in range(1, 1000)}
"""The usual marker numbers as written: int() of a str costs four dict lookups, and
candidates reads two numbers on every numbered line. Any other (0, 1000 and up, "007", other
digits) goes to int()."""
_LETTER_TOTALS = frozenset("nNxX?")
"""Totals written as a letter or "?": "1/n", "1/?"."""
_LIST = re.compile(r"(?P<ln>\d{1,3})[.)](?=\s)")
_THREAD = re.compile(r"(?:^|(?<=\s))🧵$")

_TAIL = 24
"""Only the end of a line is searched for a trailing marker ("[100 of 100]" is 12
characters), so a 10 MB line costs nothing."""
_URL_END = re.compile(r"(?:\s+https?://\S+)+$")
"""Quoted posts' addresses that twtext prints after the marker ("... 1/7 https://...")."""
_URL_WINDOW = 1000
"""How far from the end of a line such addresses are looked for (linear on any line)."""


# Marker and Found are made for every numbered line: plain slotted classes, not frozen ones,
# which take three times as long to build. Nothing changes them once made.


@dataclass(slots=True)
class Marker:
    """A numbering marker as the author wrote it."""

    text: str
    number: int
    total: int | None
    family: Family


@dataclass(slots=True)
class Found(Marker):
    """A marker candidate on one line, and the line's text without it. One object, not a
    Marker inside a Found: a big thread has one for nearly every line."""

    line: int
    where: Where
    rest: str
    """The line with the marker (and the space that joined it) taken out."""


_STYLES = (("n", "m"), ("pn", "pm"), ("bn", "bm"), ("on", "om"), ("tn", None), ("sn", None),
           ("ln", None))
"""The number and total groups of each style (the strong ones, then the list number)."""
_GROUPS = {name: style for style in _STYLES for name in style if name}
"""The style of a match, by the last group it matched: one alternative of a pattern matches,
and its total (where it has one) closes after its number."""


def _marker(match: re.Match[str]) -> tuple[str, int, int | None] | None:
    """The marker's text, number and total, or None where the numbers cannot be a marker."""
    num, tot = _GROUPS[match.lastgroup or ""]
    number = int(match.group(num))
    raw_total = match.group(tot) if tot else None
    total = int(raw_total) if raw_total and raw_total.isdigit() else None
    if number < 1 or (total is not None and number > total):
        return None
    return match.group().strip(), number, total


_OPENS = frozenset("0123456789([/🧵")
"""What a leading marker can start with."""
_CLOSES = frozenset("0123456789/)]?nNxX🧵")
"""What a trailing marker can end with."""


def candidates(index: int, text: str) -> list[Found]:
    """Every marker `text` (a stripped line) could carry: at its start, at its end, or as the
    whole line."""
    if not text:
        return []
    first = text[0]
    if ((first not in _OPENS and not first.isdigit())
            or (first in "[(/" and not text[1:2].isdecimal())) and "://" not in text:
        # Nothing can lead this line (a bracket or slash opens a leading marker only with a
        # digit right after it: \d is str.isdecimal) and no quoted post's address ends it:
        # only a trailing marker can be here. Most numbered lines end in a plain "7/" or
        # "7/12" as their last word, read here; _all_candidates finds the same (a test holds
        # them equal). Every numbered line of every thread comes here.
        if text[-1] not in _CLOSES:
            return []
        # The last word after a space, if it is "7/" or "7/12" (\d is str.isdecimal), and the
        # text before the white space that precedes it: what _trailing's first try, _marker
        # and _all_candidates's slicing find, read with str methods, as a regex match alone
        # costs more than the rest of this call.
        head, _, word = text.rpartition(" ")
        digits, slash, raw_total = word.partition("/")
        if slash and len(digits) <= 6 and digits.isdecimal() and (
                not raw_total or raw_total in _LETTER_TOTALS
                or (len(raw_total) <= 6 and raw_total.isdecimal())):
            number = _NUMBERS.get(digits) or int(digits)
            total = _NUMBERS.get(raw_total) or (
                int(raw_total) if raw_total.isdecimal() else None)
            if number < 1 or (total is not None and number > total):
                return []
            # (head is not empty: a first character that is not a digit opens it.)
            return [Found(word, number, total, "strong", index, "trail", head.rstrip())]
    return _all_candidates(index, text)


def _all_candidates(index: int, text: str) -> list[Found]:
    """candidates() for any stripped, non-empty line."""
    found: list[Found] = []
    if text[0] not in _OPENS and text[-1] not in _CLOSES and "://" not in text:
        return found  # nothing can open or close it (a quoted post's URL may follow one)
    whole = (_LEAD.fullmatch(text) or _TRAIL.fullmatch(text)) if len(text) <= _TAIL else None
    if whole:
        marker = _marker(whole)
        if marker and marker[0] == text:
            return [Found(*marker, "strong", index, "own", "")]
    lead = _LEAD.match(text) if text[0] in _OPENS else None
    if lead:
        marker = _marker(lead)
        if marker:
            found.append(Found(*marker, "strong", index, "lead", text[lead.end():].lstrip()))
    window = max(0, len(text) - _URL_WINDOW)
    urls = _URL_END.search(text, window) if text.find("://", window) >= 0 else None
    body = text[: urls.start()] if urls else text
    tail = urls.group(0) if urls else ""
    trail = _trailing(body) if body and body[-1] in _CLOSES else None
    if trail and trail.start() > 0:
        marker = _marker(trail)
        if marker:
            found.append(Found(*marker, "strong", index, "trail",
                               body[: trail.start()].rstrip() + tail))
    offset = max(0, len(text) - _TAIL)
    thread = _THREAD.search(text, offset) if text.endswith("🧵") else None
    if thread and thread.start() > 0:
        found.append(Found("🧵", 1, None, "thread", index, "trail",
                           text[: thread.start()].rstrip()))
    listed = _LIST.match(text) if text[0].isdigit() else None
    if listed:
        marker = _marker(listed)
        if marker:
            found.append(Found(*marker, "list", index, "lead", text[listed.end():].lstrip()))
    return found


def _trailing(body: str) -> re.Match[str] | None:
    """The trailing marker's match in `body`: the plain last word, else _TRAIL's search."""
    window = max(0, len(body) - _TAIL)
    space = body.rfind(" ", window)
    if space > 0:
        plain = _PLAIN_TRAIL.fullmatch(body, space + 1)
        if plain:
            return plain
    return _TRAIL.search(body, window)


def longest_increasing(items: list[Found]) -> list[Found]:
    """The longest run of items whose numbers strictly increase, in line order (O(n log n))."""
    import bisect

    numbers = [item.number for item in items]
    if all(map(operator.lt, numbers, numbers[1:])):
        return list(items)  # the usual thread: already in order (tested in C, not a loop)

    tails: list[int] = []  # number at the end of the best run of each length
    ends: list[int] = []  # index into items of that run's last element
    parent: list[int] = [-1] * len(items)
    for i, item in enumerate(items):
        k = bisect.bisect_left(tails, item.number)
        if k == len(tails):
            tails.append(item.number)
            ends.append(i)
        else:
            tails[k] = item.number
            ends[k] = i
        parent[i] = ends[k - 1] if k else -1
    run: list[Found] = []
    at = ends[-1] if ends else -1
    while at >= 0:
        run.append(items[at])
        at = parent[at]
    return run[::-1]


def select(lines: list[str], gaps: list[str], convention: str, limit: int,
           weights: list[int]) -> tuple[list[Found], Where]:
    """The markers the author used, and whether they lead or trail their posts.

    At least two markers must agree, or a lone "1/" must open the thread with no other
    candidate beside it; numbers that disagree with the sequence stay text.

    `lines` maps to the non-blank body lines in order; `gaps[i]` is "nl" or "blank" for the
    gap before line i; `weights[i]` is its weighted length.
    """
    # Each line's candidates are read once, into the first pick of each reading (trailing,
    # leading) and the list numbers; nothing per line outlives this loop.
    trailing: list[Found] = []
    leading: list[Found] = []
    listed: list[Found] = []
    for i, line in enumerate(lines):
        trail = lead = None
        for f in candidates(i, line):
            family = f.family
            if family == "list":
                listed.append(f)
            elif family != "thread" or i < 3:
                if trail is None and f.where != "lead":
                    trail = f
                if lead is None and f.where != "trail":
                    lead = f
        if trail is not None:
            trailing.append(trail)
        if lead is not None:
            leading.append(lead)
    best: list[Found] = []
    best_items: list[Found] = []
    best_where: Where = "trail"
    readings: tuple[tuple[Where, list[Found]], ...] = (("trail", trailing), ("lead", leading))
    for where, items in readings:
        run = longest_increasing(items)
        if len(run) > len(best) or (len(run) == len(best) and _opens_with_lone_marker(run)):
            best, best_items, best_where = run, items, where
    if len(best) >= 2 or (len(best_items) == 1 and best[0].number == 1
                          and best[0].line < 3):
        return best, best_where
    run = longest_increasing(listed)
    if _list_is_posts(run, gaps, convention, limit, weights, len(lines)):
        return run, "lead"
    return [], "trail"


def _opens_with_lone_marker(run: list[Found]) -> bool:
    """Markers alone on their lines fit both readings; a thread that opens with one leads."""
    return bool(run) and all(f.where == "own" for f in run) and run[0].line == 0


def _list_is_posts(run: list[Found], gaps: list[str], convention: str, limit: int,
                   weights: list[int], count: int) -> bool:
    """Whether list numbers number the posts rather than the items of one post's list.

    They must count up by one from 1 or 2, each must open a line that follows a post break
    of one kind (the site's, where it has one), and at most one post's worth of text may
    come before the first or after the last.
    """
    if len(run) < 2 or run[0].number > 2:
        return False
    if any(b.number != a.number + 1 for a, b in itertools.pairwise(run)):
        return False
    kinds = {gaps[f.line] for f in run if f.line > 0}
    if len(kinds) > 1 or (convention != "auto" and kinds and kinds != {_break(convention)}):
        return False
    before = sum(weights[i] + 1 for i in range(run[0].line))
    after = sum(weights[i] + 1 for i in range(run[-1].line, count))
    return before <= limit and after <= 2 * limit


def _break(convention: str) -> str:
    return "nl" if convention == "newline" else "blank"
