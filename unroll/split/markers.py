"""Numbering markers: find the author's "3/", "(2/7)", "[1 of 9]", "🧵/4", "1." on the lines.

Every style is one row of STYLES; the patterns that find markers at the start of a line, at
its end and as a whole line are built from the rows. A marker is only taken when the whole
sequence agrees: the longest increasing run of numbers, at the start of lines or at the end of
them, whichever the author used. List numbers ("1.", "2)") count only when no stronger style
is present and they sit where posts start.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass, replace
from typing import Literal, NamedTuple

from ..text.weight import EMOJI_START

Where = Literal["lead", "trail", "own"]
Place = Literal["lead", "trail", "own", "inside"]
"""Where a style may stand: a Where, or "inside" a line with text after it (it then numbers
the line's post as a trailing marker would: Thread Reader puts a picture's credit or
description after the post's text, "... thread. 🧵 Credit: ...")."""
Family = Literal["strong", "list", "thread", "end"]

_N = r"\d{1,6}"
_OPEN_TOTAL = "[nNxX?]"
"""A letter for a total not known yet ("1/n", "2/?")."""
_TOTAL = rf"(?:\d{{1,6}}|{_OPEN_TOTAL}|end|END|fin)"
"""A total, or a letter for one not known yet, or the thread's end ("7/end")."""
_NAMED = r"(?:(?i:thread|tweet|toot|post):? )?"
"""What the thread is called, before a bracketed marker's number: "[thread: 2/3]"."""


@dataclass(frozen=True, slots=True)
class Style:
    """One way authors number their posts."""

    name: str
    pattern: str
    """The marker, with its number in group `n` and its total (if any) in group `m`; a style
    without `n` (the thread emoji) numbers post 1, unless it is an "end" one."""
    family: Family
    """"strong" styles number posts and nothing else; "list" numbers also number list items,
    so they count only when the whole thread agrees; "thread" marks the first post; "end"
    closes the last one, numbering nothing (closing.py takes it off the last line)."""
    places: frozenset[Place]
    """Where it may stand: opening a line, closing it, as the whole line, or inside it."""
    glued: bool
    """May follow a word character with no space ("word(1/9)"), or open a line run into its
    first word ("🧵Word", "1/Word"): only a bracketed marker or one ending in a slash or an
    emoji can, since "a7/12" and "1.5" are not one."""
    examples: tuple[str, ...]
    """As written, for the docs and the tests' generators."""


_ANY: frozenset[Place] = frozenset({"lead", "trail", "own"})

STYLES: tuple[Style, ...] = (
    # The thread emoji after the first number, a space between ("1/7 🧵"): one marker.
    Style("slash-thread", rf"(?P<n>{_N})/(?P<m>{_TOTAL})? 🧵", "strong",
          frozenset({"lead", "own"}), False, ("1/7 🧵", "1/ 🧵")),
    # The word for the emoji, closing the first post: "... some thoughts. 1/Thread".
    Style("slash-thread-word", rf"(?P<n>{_N})/ ?(?i:thread)", "strong",
          frozenset({"trail", "own"}), False, ("1/Thread", "1/ thread")),
    Style("slash", rf"(?P<n>{_N})/(?P<m>{_TOTAL}|🧵)?", "strong", _ANY, False,
          ("1/", "7/12", "1/n", "1/?", "1/🧵")),
    # A point's sub-points ("1/", "1.1/", "1.2/", "2/"): the number before the dot, so they
    # count only as a run of them that climbs (_subnumbered), the posts numbered as they come.
    Style("sub-slash", r"(?P<n>\d{1,3})\.\d{1,2}/", "strong", frozenset({"lead"}), False,
          ("1.1/", "2.3/")),
    # Opening a line, run into its first word ("1/Normal ..."): lead only, with no total, as
    # "1/n" would read "1/normal" as an open total.
    Style("slash-word", rf"(?P<n>{_N})/(?=[^\W\d_])", "strong", frozenset({"lead"}), True,
          ("1/",)),
    Style("slash-first", rf"/(?P<n>{_N})(?:/(?P<m>end|END|fin))?", "strong", _ANY, False,
          ("/2", "/6/end")),
    Style("paren-slash", rf"\(\s?{_NAMED}(?P<n>{_N})\s?/\s?(?P<m>{_TOTAL})?\s?\)", "strong", _ANY,
          True, ("(1/5)", "(2/ )", "( 3/9 )", "(thread 2/3)")),
    # The same with its bracket left open, closing a line: "... and Ceres was found (3/5".
    Style("paren-slash-open", rf"\((?P<n>{_N})/(?P<m>{_TOTAL})?", "strong",
          frozenset({"trail"}), False, ("(3/5",)),
    Style("bracket-slash", rf"\[\s?{_NAMED}(?P<n>{_N})\s?/\s?(?P<m>{_TOTAL})?\s?\]", "strong",
          _ANY, True, ("[2/7]", "[2/n]", "[thread: 2/3]")),
    Style("of", rf"[\[(](?P<n>{_N})\s+of\s+(?P<m>{_N})[\])]", "strong", _ANY, True,
          ("[1 of 9]", "(2 of 9)")),
    Style("slash-spaced", rf"(?P<n>{_N}) / (?P<m>{_N}|{_OPEN_TOTAL})", "strong",
          frozenset({"trail", "own"}), False, ("2 / 9", "3 / n")),
    Style("thread-slash", rf"🧵(?P<n>{_N})/(?P<m>{_TOTAL})?", "strong", _ANY, True,
          ("🧵2/5", "🧵1/")),
    Style("thread-number", rf"🧵\s?/?\s?(?P<n>{_N})", "strong", _ANY, True, ("🧵/3", "🧵 4")),
    Style("paren", r"\((?P<n>\d{1,3})\)", "strong", frozenset({"trail"}), True, ("(3)",)),
    Style("backslash", rf"\\(?P<n>{_N})", "strong", frozenset({"lead"}), False, ("\\2",)),
    # (Alone on its line too, above its post's text: "3." / "" / "- the first point".)
    Style("list", r"(?P<n>\d{1,3})[.):-](?=\s|$)", "list", frozenset({"lead", "own"}), False,
          ("1.", "2)", "3:", "4-")),
    Style("paren-list", r"\((?P<n>\d{1,3})\)(?=\s)", "list", frozenset({"lead"}), False,
          ("(1)",)),
    # Keycap emoji: each a digit, the emoji selector (which copies may lose) and the keycap,
    # one for each digit of the number ("1⃣3⃣" is 13), and may run into the first word.
    Style("keycap", "(?P<n>(?:[0-9]\ufe0f?\u20e3){1,3})", "list", frozenset({"lead"}), True,
          ("1\ufe0f\u20e3", "2\u20e3", "1\u20e32\u20e3")),
    # A hash before the number ("#10 The best ...", "# 1⃣5⃣" alone on its line): a countdown's
    # or a ranking's items, counted as list numbers are.
    Style("hash", "#\\s?(?P<n>\\d{1,3}|(?:[0-9]\ufe0f?\u20e3){1,3})", "list",
          frozenset({"lead", "own"}), False, ("#1", "# 2", "# 1\u20e35\u20e3")),
    # The author's "this is the end": after the last post's text or on a line below it. An
    # "END" after a capitalised word is text ("NOT THE END").
    Style("end", r"/(?:end|END|fin|🧵)|(?<![A-Z]\s)END", "end", frozenset({"trail", "own"}),
          False, ("/end", "/fin", "END", "/🧵", "/END")),
    Style("thread", "🧵", "thread", frozenset({"lead", "trail", "inside"}), True, ("🧵",)),
    # Inside a line, before what Thread Reader glues after a post's text (a picture's
    # description): "... two sons. 2/6 Photograph of ...". Counted only as a whole run that
    # agrees (INSIDE_RUN), as dates and fractions are written so too.
    Style("slash-inside", rf"(?<!\S)(?P<n>{_N})/(?P<m>{_N})(?=\s)", "strong",
          frozenset({"inside"}), False, ("2/6",)),
)
"""Every marker style, most specific first where two could match at one place."""


_STOPS = (".", ":", " :")
"""What may close a sentence right after a bracketed trailing marker: "... objects (4/5).",
"here's why (1/n):", "voici pourquoi (1/n) :"."""


def _alternatives(place: Place) -> tuple[str, dict[str, Style]]:
    """The styles that may stand at `place` as one alternation, each in a group of its own
    (its number and total renamed into it), and the style of each group."""
    parts, by_group = [], {}
    for k, style in enumerate(STYLES):
        if place not in style.places:
            continue
        inner = "(?:" + style.pattern.replace("(?P<n>", f"(?P<s{k}n>").replace(
            "(?P<m>", f"(?P<s{k}m>") + ")"  # (a group: a row's alternatives stay its own)
        if place == "trail" and not style.glued:
            inner = rf"(?<![\w/]){inner}"
        if place == "trail":  # a bracketed one may close the sentence (_STOPS)
            inner = rf"{inner}(?:(?<=[)\]])(?:{'|'.join(map(re.escape, _STOPS))}))?"
        if place == "lead":  # a glued one may run into a word, never into digits: "🧵 1."
            # (and a full stop or colon may close it: "1/.", "1/24:"); any may run into an
            # emoji after its stop, colon, slash or open total ("4/17.❓ So why ...", "4/n❓",
            # not the fraction "1/2🍕 of")
            after = r"\s|$|[^\W\d_]" if style.glued else r"\s|$"
            inner = rf"{inner}(?:[.:](?={after}|[{EMOJI_START}])" \
                    rf"|(?<=/|{_OPEN_TOTAL})(?=[{EMOJI_START}])|(?={after}))"
        parts.append(f"(?P<s{k}>{inner})")
        by_group[f"s{k}"] = style
    return "|".join(parts), by_group


_LEAD_ALTS, _LEAD_STYLES = _alternatives("lead")
_TRAIL_ALTS, _TRAIL_STYLES = _alternatives("trail")
_OWN_ALTS, _OWN_STYLES = _alternatives("own")
_INSIDE_ALTS, _INSIDE_STYLES = _alternatives("inside")
_LEAD = re.compile(_LEAD_ALTS)
_TRAIL = re.compile(rf"(?:{_TRAIL_ALTS})$")
_OWN = re.compile(_OWN_ALTS)
_INSIDE = re.compile(_INSIDE_ALTS)
_INSIDE_FIRST = tuple({first for style in _INSIDE_STYLES.values() for example in style.examples
                       for first in ("0123456789" if example[0].isdigit() else example[0])})
"""What a marker inside a line starts with: the guard in front of _INSIDE's search."""
_GROUPS: dict[str, tuple[Family, str | None, str | None]] = {
    group: (style.family, f"{group}n" if "(?P<n>" in style.pattern else None,
            f"{group}m" if "(?P<m>" in style.pattern else None)
    for group, style in {**_LEAD_STYLES, **_TRAIL_STYLES, **_OWN_STYLES,
                         **_INSIDE_STYLES}.items()}
"""Each style's group in the patterns: its family, and its number and total groups."""

_TAIL = 24
"""Only the end of a line is searched for a trailing marker ("[100 of 100]" is 12
characters), so a 10 MB line costs nothing."""
_AFTER = re.compile(r"(?:(?:\s+|(?=\">))"  # a space, or a crawl's markup glued on
                    r"(?:(?:[^\s\d/]\S*)?https?://\S+|(?:[\w-]+\.)+[^\W\d_]{2,}/\S*)"
                    r"|\s*Image)+$")
"""What may follow a trailing marker at the end of a line: addresses (the quoted posts' that
twtext prints, "... 1/7 https://...", with the crawl's debris glued on as in '">https://...';
the links Thread Reader shows without a scheme,
"... 2/n example.org/a/b…"), and Thread Reader's "Image" where a picture was, glued on or
not ("... 🧵Image", "2/n Image"). The crawl's debris may be glued to the marker itself
('/6/end">https://...')."""
_URL_WINDOW = 1000
"""How far from the end of a line such addresses are looked for (linear on any line)."""

_END_WORDS = ("end", "END", "fin", "thread", "Thread", "THREAD")
"""Words a marker can close with too: totals ("7/end"), and the thread's name ("1/Thread")."""
_MAY_BEGIN = re.compile("[0-9" + re.escape("".join(sorted(
    {e[0] for style in STYLES if "trail" in style.places for e in style.examples}))) + "]")
"""Where a trailing marker can begin: the first character of every trailing style's examples
(and any digit), so a new style is one row of STYLES."""
_OPENS = frozenset("0123456789") | {
    e[0] for style in STYLES if style.places & {"lead", "own"} for e in style.examples}
_CLOSES = frozenset("0123456789/)]?nNxX🧵")
"""What a marker can start and end with: the guard in front of the patterns, as most lines
can carry none."""
_CLOSES_STOPPED = tuple(bracket + stop for bracket in ")]" for stop in _STOPS)
"""How a bracketed trailing marker ends when the sentence's stop follows it: the stop goes
back to the sentence, the marker is the brackets ("objects." and "(4/5)")."""


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
    """The line with the marker (and the space that joined it) taken out: empty for an "own"
    marker, unless the author's hashtags share its line (TAGS_ONLY)."""
    inside: bool = False
    """It stands inside the line, text on both sides (numbering the line's post)."""


def _marker(match: re.Match[str]) -> tuple[str, int, int | None, Family] | None:
    """The marker's text, number, total and family, or None where the numbers cannot be a
    marker. The outermost group that matched is the style's own (lastgroup)."""
    family, num, tot = _GROUPS[match.lastgroup or ""]
    if num is None:
        return match.group().strip(), 1, None, family
    digits = match[num]
    number = int(digits if digits.isdigit() else "".join(filter(str.isdigit, digits)))
    raw_total = match[tot] if tot else None
    total = int(raw_total) if raw_total and raw_total.isdigit() else None
    if number < 1 or (total is not None and not 1 <= total >= number - 1):
        return None  # "24/7", "3/1" are not markers; "5/4" is an author who miscounted
    return match.group().strip(), number, total, family


def candidates(index: int, text: str) -> list[Found]:
    """Every marker `text` (a stripped line) could carry: at its start, at its end, or as the
    whole line. A 🧵 inside an aside with words ("[a thread 🧵]") is the aside's own, and one
    the sentence uses as a noun ("this 🧵 is long") is a word of it."""
    found = _candidates(index, text)
    if not found or not any(f.family == "thread" for f in found):
        return found
    if "[" in text and _THREAD_IN_ASIDE.search(text):
        return [f for f in found if f.family != "thread"]
    if _THREAD_AS_WORD.search(text):
        return [f for f in found if f.family != "thread" or f.where == "lead"]
    return found


_THREAD_IN_ASIDE = re.compile(r"\[[^\[\]]*(?:[^\W\d_][^\[\]]*🧵|🧵[^\[\]]*[^\W\d_])[^\[\]]*\]")
"""Square brackets holding a 🧵 and a letter: the author's aside, which the 🧵 belongs to."""
_THREAD_AS_WORD = re.compile(
    r"(?i:\b(?:a|an|the|this|that|my|your|his|her|our|their|another|one)\s+"
    r"(?:(?:quick|short|long|mini|little|brief|new|big|small|whole)\s+)?)🧵"
    r"|(?<=.)🧵(?!Image)[^\W\d_]")
"""A 🧵 after an article or a possessive ("a 🧵 on ...", "a quick 🧵:"), or glued to the
letters of a word after it mid-line ("two 🧵s", "the 🧵about ..."; Thread Reader's glued
"🧵Image" is a picture): a noun of the sentence, which loses its sense without it."""


def _candidates(index: int, text: str) -> list[Found]:
    if not text:
        return []
    opens = text[0] in _OPENS or text[0].isdigit()
    if not opens and text[-1] not in _CLOSES and not text.endswith(_END_WORDS) \
            and not text.endswith(_CLOSES_STOPPED) and not _may_follow(text):
        return _inside(index, text)  # nothing can open or close it (a link or a picture may)
    own = _own(index, text) if len(text) <= _TAIL else None
    if own is not None:
        return [own]
    found = [lead] if opens and (lead := _lead(index, text)) else []
    if found and TAGS_ONLY.fullmatch(found[0].rest):
        # "(1/11) #BlackLivesMatters": the marker and the author's hashtags, a line of their
        # own, which may close the post above it or open the one below, as a lone marker.
        lead = found[0]
        return [Found(lead.text, lead.number, lead.total, lead.family, index, "own", lead.rest)]
    # The trailing marker, read here rather than in a function of its own: every numbered
    # line comes here (benchmarks/README.md, "Readers, strip and one numbering path").
    body, tail = _link_apart(text) if _may_follow(text) else (text, "")
    trail = _trailing(body) if body[-1:] in _CLOSES or body.endswith(_END_WORDS) \
        or body.endswith(_CLOSES_STOPPED) else None
    # (A marker with nothing before it but something after it closes a line of its own:
    # "2/n Image".)
    marker = _marker(trail) if trail and (trail.start() > 0 or tail) else None
    if trail and marker:
        before, stop = body[: trail.start()].rstrip(), ""
        if marker[0].endswith(_CLOSES_STOPPED):  # "objects (4/5).": the stop is the sentence's
            brackets = marker[0].rstrip(".:").rstrip()
            marker, stop = (brackets, *marker[1:]), marker[0][len(brackets):]
        found.append(Found(*marker, index, "trail", (before + stop + tail).lstrip()))
    return found or _inside(index, text)


TAGS_ONLY = re.compile(r"#[^\W_]\w*(?:\s+#[^\W_]\w*)*")
"""Hashtags and nothing else."""


def _link_apart(text: str) -> tuple[str, str]:
    """The line before the link or picture that ends it, and that end ("" where none)."""
    after = _AFTER.search(text, max(0, len(text) - _URL_WINDOW))
    return (text[: after.start()], after.group()) if after else (text, "")


def _own(index: int, text: str) -> Found | None:
    """A marker that is the whole (short) line."""
    whole = _OWN.fullmatch(text)
    marker = _marker(whole) if whole else None
    return Found(*marker, index, "own", "") if marker else None


def _lead(index: int, text: str) -> Found | None:
    """A marker that opens the line."""
    lead = _LEAD.match(text)
    marker = _marker(lead) if lead else None
    return Found(*marker, index, "lead", text[lead.end():].lstrip()) if lead and marker \
        else None


def _inside(index: int, text: str) -> list[Found]:
    """A marker inside the line, with text after it, numbering the line's post."""
    if not any(first in text for first in _INSIDE_FIRST):
        return []
    for inside in _INSIDE.finditer(text):
        marker = _marker(inside)
        if marker is not None and (marker[2] is None or marker[2] >= marker[1]):
            break  # (inside a line, "3/2" is a fraction, not an author who miscounted)
    else:
        return []
    return [Found(*marker, index, "trail", *_taken_out(text, inside.start(), inside.end()))]


_STOP_MARKS = tuple(dict.fromkeys(stop.strip() for stop in _STOPS))
"""The stops a marker may stand before, which stay the sentence's (".", ":")."""


def _taken_out(text: str, start: int, end: int) -> tuple[str, bool]:
    """The line with the marker at text[start:end] taken out, and whether text stands on
    both sides of it: the sides joined by a space, or by nothing where a stop follows the
    marker ("1871 1/. A lamp" gives "1871. A lamp", as a trailing "(4/5)." does)."""
    before, after = text[:start].rstrip(), text[end:].lstrip()
    if not (before and after):
        return before or after, False
    return f"{before}{'' if after.startswith(_STOP_MARKS) else ' '}{after}", True


def _may_follow(text: str) -> bool:
    """Whether a link or a picture may end the line: the guard in front of _AFTER's search,
    which every numbered line would otherwise pay for. Thread Reader cuts the links it shows
    without a scheme with "…", or shows a short one whole as the last word ("t.co/x")."""
    window = max(0, len(text) - _URL_WINDOW)
    last = text[text.rfind(" ") + 1:]
    return (text.find("://", window) >= 0 or text.find("…", window) >= 0
            or text.endswith("Image") or ("." in last and "/" in last))


def _trailing(body: str) -> re.Match[str] | None:
    """The leftmost trailing marker in the end of `body`: what _TRAIL.search finds.

    A search tries the whole alternation at every place, and every numbered line comes here,
    so the pattern is tried first where the usual marker stands, as the last word. Only a
    style with a space inside it ("(2 of 9)", "🧵 /4") could begin further left, and each of
    those ends in a bracket or follows the emoji: there, and where the last word is no
    marker, each place a marker may begin is tried in turn.
    """
    window = max(0, len(body) - _TAIL)
    space = body.rfind(" ", window)
    if space > 0 and body[-1] not in ")]" and not body.endswith("🧵", 0, space):
        found = _TRAIL.match(body, space + 1)
        if found:
            return found
    for start in _MAY_BEGIN.finditer(body, window):
        found = _TRAIL.match(body, start.start())
        if found:
            return found
    return None


def longest_increasing(items: list[Found]) -> list[Found]:
    """The longest run of items whose numbers strictly increase, in line order (O(n log n)).
    Of two runs as long, the one that takes each number where it first stands: an author who
    wrote "3/" on two posts meant the second as "4/", so the first numbers its post, and the
    second stays the next post's text rather than joining the two."""
    numbers = [item.number for item in items]
    if all(map(operator.lt, numbers, numbers[1:])):
        return list(items)  # the usual thread: already in order
    tails: list[int] = []  # number at the end of the best run of each length
    ends: list[int] = []  # index into items of that run's last element
    parent: list[int] = [-1] * len(items)
    for i, item in enumerate(items):
        k = bisect.bisect_left(tails, item.number)
        if k < len(tails) and tails[k] == item.number:
            continue  # a number written twice: the first one stands, the second is text
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


SUB_RUN = 3
"""The fewest sub-numbered markers ("1.1/") a run must hold to be read as the author's points
and sub-points (one dev page numbers fourteen posts so)."""
_SUB = re.compile(r"(\d{1,3})(?:\.(\d{1,2}))?/")
"""A point's marker ("2/") or a sub-point's ("2.1/"): group 1 the point, group 2 the sub-point."""


def _subnumbered(items: list[Found], run: list[Found]) -> list[Found]:
    """`run`, or where the author numbers points and their sub-points ("1/", "1.1/", "1.2/",
    "2/", "2.1/"), every marker, numbered by its place (the first 1), where at least SUB_RUN
    are sub-points and the points and sub-points climb through them all: the posts are
    numbered as they come, the markers stay as written."""
    if len(items) < SUB_RUN or sum(1 for f in items if "." in f.text) < SUB_RUN:
        return run  # (the guard: most threads have none)
    keys: list[tuple[int, int]] = []
    for f in items:
        found = _SUB.fullmatch(f.text)
        if found is None:
            return run
        keys.append((int(found[1]), int(found[2] or 0)))
    if sum(1 for _, point in keys if point) < SUB_RUN \
            or any(b <= a or b[0] > a[0] + 1 for a, b in itertools.pairwise(keys)):
        return run
    return _as_they_come(items)


def _as_they_come(items: list[Found]) -> list[Found]:
    """The markers numbered by their place (the first 1), as written: the posts they open or
    close are numbered as they come."""
    return [replace(f, number=k) for k, f in enumerate(items, 1)]


COUNTDOWN = 3
"""The fewest numbers a countdown ("10.", "9.", ... "1.") must run down by one through to be
read as the author's numbering, where it is longer than any run up."""


def _counted_down(items: list[Found], run: list[Found]) -> list[Found]:
    """`run`, or where the author counts down ("Top 10": "10." on the first numbered post,
    "1." on the last), the countdown, each marker numbered by its place in it (the first 1),
    so that the posts are numbered as they come and the markers stay as written. For list
    numbers only: "3/", "2/", "1/" is a copy in the wrong order (a feed shows the latest
    post first), whose numbers stay text."""
    if len(items) < COUNTDOWN or items[0].number <= items[-1].number:
        return run  # (the guard: most threads count up)
    down = longest_increasing([replace(f, number=-f.number) for f in items])
    top = -down[0].number if down else 0
    if len(down) <= len(run) or len(down) < COUNTDOWN \
            or [-f.number for f in down] != list(range(top, top - len(down), -1)):
        return run
    return _as_they_come(down)


class Readings(NamedTuple):
    """Each line's first trailing and first leading candidate, every list number, and every
    line that is a number alone."""

    trailing: list[Found]
    leading: list[Found]
    listed: list[Found]
    bare: list[Found]
    """Lines that are a number and nothing else ("6"): a post's number only where the
    author's markers around it skip just that number (_skipped_filled)."""

    def above(self, cut: int) -> Readings:
        """The candidates on the lines above line `cut`."""
        return Readings(*([f for f in items if f.line < cut] for items in self))


def select(found: Readings, gaps: list[str], convention: str, limit: int,
           weights: list[int]) -> tuple[list[Found], Where]:
    """The markers the author used, and whether they lead or trail their posts.

    At least two markers must agree, or a lone "1/" or 🧵 must stand where post 1 can reach
    (the text above it fits in a post) with no other candidate beside it, or a lone marker
    whose total is left open ("2/?") where its post can be; numbers that disagree with the
    sequence stay text.

    `found` holds the candidates of the non-blank body lines (readings); `gaps[i]` is "nl"
    or "blank" for the gap before line i; `weights[i]` is its weighted length.
    """
    best: list[Found] = []
    best_items: list[Found] = []
    best_where: Where = "trail"
    places: tuple[tuple[Where, list[Found]], ...] = (("trail", found.trailing),
                                                     ("lead", found.leading))
    for where, items in places:
        if where == "trail" and any(f.number == 1 and f.family == "strong" for f in items):
            # The author's own "1/" closing post 1 numbers it: a 🧵 closing a line above it
            # opens the thread in words ("Thread 🧵" / "(a note)" / "/1").
            items = [f for f in items if f.family != "thread"]
        run = _subnumbered(items, longest_increasing(items))
        if any(f.inside and f.family == "strong" for f in run) and not _agrees(run):
            run = longest_increasing([f for f in items if not f.inside or f.family != "strong"])
        if len(run) > len(best) or (len(run) == len(best) and _opens_with_lone_marker(run)):
            best, best_items, best_where = run, items, where
    if len(best) >= 2:
        best = _repeats_counted(best, best_items, best_where, weights, limit, gaps)
        return _skipped_filled(best, found.bare), best_where
    # A lone opening marker ("1/", a 🧵 on the first post) stands unless list numbers number
    # the posts: then they are the author's numbering, and the lone one is text.
    run = _counted_down(found.listed, longest_increasing(found.listed))
    if _list_is_posts(run, gaps, convention, limit, weights, len(weights)):
        # A 🧵 above the list is post 1's own ("Thread 🧵" / "1. First point").
        opening = [f for f in best_items if f.family == "thread" and f.line < run[0].line]
        return opening[:1] + _repeats_counted(run, found.listed, "lead", weights, limit,
                                              gaps), "lead"
    if len(best_items) == 1 and best[0].number == 1 and (
            _joined(weights, 0, best[0].line) <= limit):
        if best[0].family == "thread" and best[0].where == "lead" and best[0].line > 0:
            # A 🧵 opening a line below the first ends post 1 with that line ("This is his
            # story" / "🧵 (Thread)"): it numbers post 1, so it opens none below it.
            return [replace(best[0], where="trail")], "trail"
        return best, best_where  # a lone "1/" or 🧵 where post 1 can reach
    if len(best_items) == 1 and _says_more_follow(best[0]) and (
            best[0].number - 1 <= best[0].line
            and _joined(weights, 0, best[0].line) <= (best[0].number - 1) * limit):
        return best, best_where  # a lone "2/?" where post 2 can reach
    return [], "trail"


def first_inside(found: list[Found], where: Where, lines: list[str], weights: list[int],
                 limit: int) -> list[Found]:
    """The author's markers with post 1's put in where it stands inside a line: the markers
    number from 2 in one style, and the same style's 1 stands inside a line post 1 holds,
    text on both sides or after it ("#Lighthouses#Thread 1/ The light", "lit in 1871 1/. A
    lamp", "the keepers left. 1/ A link's card", "(1/n) #tag"): a leading one in the first
    line, a trailing one in a line below which the lines up to the 2 fit in one post."""
    if len(found) < 2 or found[0].number != 2 or found[0].family != "strong" \
            or any(f.number == 1 for f in found):
        return found
    first = found[0]
    written = re.sub(r"\d+", "1", first.text, count=1)
    pattern = re.compile(rf"(?<!\S){re.escape(written)}(?=[\s.,:;!?]|$)")
    reach = range(1) if where == "lead" else range(first.line - 1, -1, -1)
    for k in reach:
        if k >= first.line or (
                where == "trail" and _joined(weights, k + 1, first.line + 1) > limit):
            break
        hit = pattern.search(lines[k])
        if hit is None:
            continue
        return [Found(written, 1, first.total, first.family, k, where,
                      *_taken_out(lines[k], hit.start(), hit.end())), *found]
    return found


_MORE_FOLLOW = re.compile(rf"/\s?{_OPEN_TOTAL}\s?[)\]]?[.:]?$")


def _says_more_follow(found: Found) -> bool:
    """Whether a marker's total is a letter for one not known yet ("2/?", "(3/n)"): no date,
    fraction or score is written so, so one such marker alone is the author's numbering."""
    return found.family == "strong" and bool(_MORE_FOLLOW.search(found.text))


def _repeats_counted(run: list[Found], items: list[Found], where: Where, weights: list[int],
                     limit: int, gaps: list[str]) -> list[Found]:
    """The run with a number the author wrote twice counted as a post of its own, where the
    lines from the first to the next marker cannot be one post ("(3/5)", "(3/5)", "(4/5)":
    the author miscounted, and the posts from there on are numbered as they come, their
    markers as written), or where the second stands after the gap that parts every numbered
    post after the first ("5." / "" / "5." / "" / "6."); a repeat that the next number skips
    past ("5/", "5/", "7/") is the skipped one's, and the rest keep their numbers; elsewhere
    the second is text, as longest_increasing leaves it."""
    if len(run) == len(items):
        return run  # (the guard: most threads write each number once)
    after = 0 if where == "lead" else 1  # the line a post starts on, from its marker's
    kinds = {gaps[f.line + after] for f in run[1:] if f.line + after < len(gaps)}
    # The one gap every numbered post stands after, where it parts posts: a blank line, or a
    # single newline where the posts hold blank-line paragraphs (_items_hold_paragraphs).
    parting = kinds.pop() if len(kinds) == 1 else None
    if parting == "nl" and not (where == "lead" and _items_hold_paragraphs(run, gaps)):
        parting = None
    chosen = {id(f) for f in run}
    out: list[Found] = []
    shift = 0
    for k, found in enumerate(items):
        if id(found) in chosen:
            out.append(replace(found, number=found.number + shift) if shift else found)
            continue
        if not out or found.number != out[-1].number - shift:
            continue
        before = out[-1]
        following = next((f for f in items[k + 1:] if id(f) in chosen), None)
        too_long = following is not None and _joined(
            weights, before.line + after, following.line + after) > limit
        starts = found.line + after
        # ("5/", "5/", "7/": the author wrote 5 for 6, the number the run skips.)
        slip = following is not None and following.number == found.number + 2
        if slip or too_long or (parting is not None and starts < len(gaps)
                                and gaps[starts] == parting):
            out.append(replace(found, number=before.number + 1))
            shift += 0 if slip else 1
    return out


def _skipped_filled(run: list[Found], bare: list[Found]) -> list[Found]:
    """The run with the numbers it skips filled in by lines that are that number alone and
    stand between its neighbours ("/5", "6", "/7": the author left the slash off once); the
    first such line, where two are."""
    if not bare:
        return run
    filled = [run[0]]
    for before, after in itertools.pairwise(run):
        if after.number - before.number == 2:
            filled.extend(itertools.islice((f for f in bare if before.line < f.line < after.line
                                            and f.number == before.number + 1), 1))
        filled.append(after)
    return filled


INSIDE_RUN = 3
"""Markers inside lines count only in a run of at least this many that all give one total,
none above it (a date or a fraction mid-line rarely does)."""


def _agrees(run: list[Found]) -> bool:
    """Whether the run's markers inside lines are a thread's numbering: enough of them, and
    every marker of the run with the same total, at least its number."""
    totals = {f.total for f in run}
    total = totals.pop() if len(totals) == 1 else None
    return total is not None and sum(f.inside for f in run) >= INSIDE_RUN \
        and max(f.number for f in run) <= total


def readings(lines: list[str], weights: list[int], limit: int) -> Readings:
    """Each line's first trailing and first leading candidate, every list number, and each
    line that is a number alone.

    Each line's candidates are read once; nothing per line outlives this loop. A 🧵 counts
    only where post 1 can reach: the text above it fits in a post.
    """
    trailing: list[Found] = []
    leading: list[Found] = []
    listed: list[Found] = []
    bare: list[Found] = []
    before = 0  # the weight of the lines above, joined, and the newline after them
    for i, line in enumerate(lines):
        trail = lead = None
        for f in candidates(i, line):
            if f.family == "list":
                listed.append(f)
            elif f.family == "end":
                continue  # it numbers nothing; closing.py takes it off the last line
            elif f.family != "thread" or before - 1 <= limit:
                if trail is None and f.where != "lead":
                    trail = f
                if lead is None and f.where != "trail":
                    lead = f
        if trail is not None:
            trailing.append(trail)
        if lead is not None:
            leading.append(lead)
        elif trail is None and line.isdecimal() and len(line) <= 3:
            bare.append(Found(line, int(line), None, "strong", i, "own", ""))
        before += weights[i] + 1
    return Readings(trailing, leading, listed, bare)


def _opens_with_lone_marker(run: list[Found]) -> bool:
    """Markers alone on their lines fit both readings; a thread that opens with one leads,
    and so does one whose first two stand one under the other, which no trailing reading can
    give a post between (Scrolly's "... in trouble." / "1/10" / "2/10" / "The combination":
    the first closes the text above it, build_units._numbers_before). (Which line they sit
    tight against says nothing else: twtext's "Thread" / "" / "1/" / "Next post" trails,
    Mastodon's "" / "🧵1/5" / "Post" leads.)"""
    return bool(run) and all(f.where == "own" for f in run) and (
        run[0].line == 0 or (len(run) > 1 and run[1].line == run[0].line + 1))


LIST_SKIPS_PER = 3
"""List numbers that number posts may skip one number in this many (set by hand from two dev
pages: one lost its third number to an unnumbered post, one lost two numbers of nine to posts
missing from the copy; no dev page's items skip one)."""


LIST_ITEMS_SHARE = 3
"""Where posts part at single newlines, list numbers of which at least one in this many (two
at least) open a paragraph, after a blank line, and fit in a post with the item above, number
items of posts, not posts (_items_of_posts): a blank line there is inside a post 177 times of
186 (cues.GAP_ODDS). On the labelled pages, a list of ten over six posts, two items a post,
opened its items after a blank line and its posts after a single newline by turns (the one
such page of 300)."""


CUT_LIST = 3
"""How many list numbers, at least, a copy that opens with one above 2 must hold for them to
number its posts: a copy cut at its start, inside the author's list ("3.", "4.", "5." from the
first line; one dev page)."""


def _list_is_posts(run: list[Found], gaps: list[str], convention: str, limit: int,
                   weights: list[int], count: int) -> bool:
    """Whether list numbers number the posts rather than the items of one post's list.

    They must count up by one from 1 or 2, or from the copy's first line (CUT_LIST), skipping
    one number in LIST_SKIPS_PER at most (an author who forgot one, or a post the copy lost;
    a list's items skip none), with at most one post's worth of text before the first unless
    no two neighbouring items fit in one post (_items_apart) or each item holds a paragraph
    (_items_hold_paragraphs); and each after the first (which may open a paragraph of the
    intro's post) must follow the kind of gap that parts posts (on the labelled pages a line
    opening with a list number after a single newline began a post 92 times of 96). Where
    they follow both kinds, the items must not fit in one post, as one post's list does, and
    where posts part at single newlines, not enough of them may open a paragraph to be items
    (LIST_ITEMS_SHARE).
    """
    if len(run) < 2 or (run[0].number > 2 and (run[0].line > 0 or len(run) < CUT_LIST)):
        return False
    skipped = sum(b.number - a.number - 1 for a, b in itertools.pairwise(run))
    if skipped > len(run) // LIST_SKIPS_PER:
        return False
    kinds = {gaps[f.line] for f in run if f.line > 0}
    if convention == "blank" and kinds - {"blank"}:
        return False
    if convention == "newline" and _items_of_posts(run, gaps, weights, limit):
        return False
    if convention != "blank":
        kinds = {gaps[f.line] for f in run[1:]}  # "1." may open a paragraph of the intro's post
    if _joined(weights, 0, run[0].line) > limit and not _items_apart(run, weights, limit) \
            and not _items_hold_paragraphs(run, gaps):
        return False
    if len(kinds) <= 1 and (convention == "auto" or kinds <= {post_gap(convention)}):
        return True
    return _joined(weights, run[0].line, run[-1].line + 1) > limit


ITEMS_APART = 3
"""How many list numbers, at least, whose items cannot share a post (_items_apart) number
posts below an intro of several posts."""


def _items_apart(run: list[Found], weights: list[int], limit: int) -> bool:
    """Whether no item of the list fits in one post with the next one's first line: each
    is a post of its own, so the numbers number posts wherever the list starts ("Here are my
    five lessons:" after an intro of four posts). A list inside one post has items that
    fit in it together."""
    return len(run) >= ITEMS_APART and all(_joined(weights, a.line, b.line + 1) > limit
                                           for a, b in itertools.pairwise(run))


def _items_hold_paragraphs(run: list[Found], gaps: list[str]) -> bool:
    """Whether each item holds a blank line, and each number after the first follows a
    single newline: the blank lines are paragraphs inside the items and the newlines part
    them, so each item is a post, below an intro of any length ("1. Quality" / "" / "The
    threads that ..." / "2. Timeliness"). One post's list is its lines one under another."""
    return all(gaps[b.line] == "nl" and "blank" in gaps[a.line + 1:b.line]
               for a, b in itertools.pairwise(run))


def _items_of_posts(run: list[Found], gaps: list[str], weights: list[int], limit: int) -> bool:
    """Whether list numbers on a site whose posts part at single newlines number items, two
    or more a post: at least one in LIST_ITEMS_SHARE (two at least) opens a paragraph, after
    a blank line, and each of those fits in one post with the item above it."""
    paragraphs = [(above, f) for above, f in itertools.pairwise(run) if gaps[f.line] == "blank"]
    return len(paragraphs) >= 2 and len(paragraphs) * LIST_ITEMS_SHARE >= len(run) - 1 \
        and all(_joined(weights, above.line, f.line + 1) <= limit for above, f in paragraphs)


def _joined(weights: list[int], lo: int, hi: int) -> int:
    """The weighted length of lines lo..hi-1 joined into one post, a newline between each."""
    return sum(weights[lo:hi]) + max(hi - lo - 1, 0)


def post_gap(convention: str) -> str:
    """The gap that parts posts under a convention: "nl" for "newline", else "blank"."""
    return "nl" if convention == "newline" else "blank"


