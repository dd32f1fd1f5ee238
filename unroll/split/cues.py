"""What the text says of each gap between two lines: the odds of a post break at each kind
of gap, by the site's delimiting, and the cues in the words on either side that move them,
each fitted on the labelled real pages of benchmarks/realpages/ (or set by hand, where it
says so). The splitter (split/__init__.py) prices its cuts from them.
"""

from __future__ import annotations

import math
import re
import unicodedata

from .markers import TAGS_ONLY
from .numbering import Unit

# Evidence, in nats: the log-odds that a gap between two lines ends a post. Fitted on the 81
# labelled real pages of benchmarks/realpages/ (dev set, 2026-12), counting each gap between
# two thread lines before the last certain post start, with half a count added to each side:
# on newline-delimited sites (twtext, twunroll, Thread Reader) a single newline ended a post
# 445 times and stayed inside one 73 times; a blank line was inside a post 177 times to 9. On
# blank-delimited sites (scrolly, threader) a blank line ended a post 14 times to 0; a single
# newline there was not counted often enough, so it keeps DESIGN.md's 105 to 1.
GAP_ODDS = {
    "newline": {"nl": math.log(445.5 / 73.5), "blank": -math.log(177.5 / 9.5)},
    "blank": {"blank": math.log(14.5 / 0.5), "nl": -math.log(105)},
}
"""The log-odds of a post break at each kind of gap, by the site's delimiting."""
# Cues, as log-likelihood ratios against a single newline's odds on the same pages.
PICTURE_CLOSES = math.log(43.5 / 0.5) - GAP_ODDS["newline"]["nl"]
"""A line ending in Thread Reader's "Image" (a picture's place) ended its post 43 times of 43."""
BULLET_CONTINUES = math.log(0.5 / 53.5) - GAP_ODDS["newline"]["nl"]
"""After a single newline, a line opening with "- ", "• ", "* " or "– " went on the post before
it 42 times of 42, one opening with a symbol where the line before opens with one too ("🔴 ...",
"✅ ...": the same 3 times of 3, another 8 times of 8) 11 times of 11 (236 dev pages, 2026-12).
(A line opening with a list number that is no marker did not: after a single newline it began
a post 15 times of 19, so it is no cue; nor does a symbol after a line without one, which began
a post 5 times of 10.)"""
GLUED_DASH_CONTINUES = math.log(1.5 / 13.5) - GAP_ODDS["newline"]["nl"]
"""After a single newline, a line opening with a hyphen glued to its first word ("-Nope, it
won't", "-flour") went on the post before it 13 times of 14 (408 dev pages, 2026-12): a
bullet or an answer typed without its space."""
TAGS_CONTINUES = math.log(0.5 / 9.5) - GAP_ODDS["newline"]["nl"]
"""After a single newline, a line of hashtags and nothing else went on the post before it 9
times of 9 (3 of the 438 dev pages, 2026-12): the author's tags below a post's text."""
LINK_CONTINUES = math.log(0.5 / 4.5) - GAP_ODDS["newline"]["nl"]
"""A link alone on its line went on the post before it 4 times of 4."""
POINTER_CLOSES = math.log(16.5 / 1.5) - GAP_ODDS["newline"]["nl"]
"""A line ending in an arrow that points on to the next post (points_on) ended its post 16
times of 17 after a single newline."""
COLON_CONTINUES = math.log(3.5 / 5.5) - GAP_ODDS["newline"]["nl"]
"""After a line ending in ":" the post went on 5 times of 8."""
PICTURE_PAGE_CONTINUES = math.log(2.5 / 10.5) - GAP_ODDS["newline"]["nl"]
"""On a page whose posts end in pictures (picture_delimited), a single newline after a line
without "Image" ended a post only 2 times of 12 (the 7 such pages of the 111 dev pages):
there the picture, not the newline, parts the posts, and longer posts (X's premium ones)
break their paragraphs with single newlines too."""
PICTURE_PAGE_SHARE = 0.4
PICTURE_PAGE_LINES = 3
"""A page is picture-delimited where at least this many lines end in "Image", and they are at
least PICTURE_PAGE_SHARE of the single-newline gaps (a page with a few pictures among text
posts, 3 of 9, breaks at its newlines as usual: 6 times of 6)."""
REPLY_OPENS = {"nl": math.log(4.5 / 0.5) - GAP_ODDS["newline"]["nl"],
               "blank": math.log(2.5 / 1.5) - GAP_ODDS["newline"]["blank"]}
"""A line that opens with the handle the author replies to through the thread (a live tweet
with a colleague: "@colleague The jurors file in"), where at least REPLY_LINES lines do:
on the one such dev page it began a post 4 times of 4 after a single newline, 2 of 3 after
a blank line (the third: the handle named at a post's paragraph, not a reply)."""
REPLY_CONTINUES = math.log(0.5 / 3.5) - GAP_ODDS["newline"]["nl"]
"""Once those replies have begun, a single newline before a line without the handle stayed
inside a post 3 times of 3 (questions and answers, a line each)."""
REPLY_LINES = 3


_BULLET = ("- ", "• ", "* ", "– ")
_POINTERS = (">>", "👇", "⬇", "⬇️", "⤵", "⤵️", "↓")
_POINTS_ON = re.compile(r"(?:>{2,}|👇+|⬇️?|⤵️?|↓)$")
"""A line's last characters that point on to the next post (the tuple is the guard in front
of the pattern, which wants ">>" and more, never a lone ">")."""
_LINK = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[^\W\d_]{2,}(?:/\S*)?")


def _both_symbols(prev: str, text: str) -> bool:
    """Whether both lines open with a symbol ("🔴 ...", "✅ ...", "📅 ..." / "🌟 ..."): a list's
    bullets, which the first post of a run of them opens. (Not 🧵, a marker.)"""
    return bool(prev) and bool(text) and _symbol(prev[0]) and _symbol(text[0])


def _symbol(first: str) -> bool:
    return first != "🧵" and unicodedata.category(first) == "So"


def text_cues(prev: str, text: str) -> float:
    """What the two lines' own words say of the gap between them (the cues above)."""
    lean = 0.0
    if prev.endswith("Image") or says_continues(prev):
        lean += PICTURE_CLOSES
    elif points_on(prev):
        lean += POINTER_CLOSES
    elif prev.endswith(":"):
        lean += COLON_CONTINUES
    if text.startswith(_BULLET) or _both_symbols(prev, text):
        lean += BULLET_CONTINUES
    elif text[:1] == "-" and text[1:2].isalpha():
        lean += GLUED_DASH_CONTINUES
    elif text[:1] == "#" and TAGS_ONLY.fullmatch(text):
        lean += TAGS_CONTINUES
    elif lone_link(text):
        lean += LINK_CONTINUES
    return lean


def lone_link(line: str) -> bool:
    """Whether the line is a link and nothing else (LINK_CONTINUES)."""
    return " " not in line and _LINK.fullmatch(line) is not None


def points_on(line: str) -> bool:
    """Whether the line ends in an arrow that points on to the next post (">>>", "👇", "⬇️"):
    on the 438 dev pages (2026-12) such a line ended its post 16 times of 17 after a single
    newline, on newline-delimited sites; the once it did not, the arrow pointed at the post's
    own link, on a page without blank lines. ("→" is no such arrow: it led into the bullets
    below it, twice of twice.)"""
    return line.endswith(_POINTERS) and _POINTS_ON.search(line) is not None


def closes_post(line: str) -> bool:
    """Whether the line's last words end its post: a picture's place (PICTURE_CLOSES), a
    "(continues)", or an arrow pointing on (points_on)."""
    return line.endswith("Image") or says_continues(line) or points_on(line)


_REPLY = re.compile(r"@\w{1,50} ")


def reply_prefix(units: list[Unit]) -> str | None:
    """The handle (with its space) that opens at least REPLY_LINES lines: the one the author
    replies to through the thread, which X puts before each reply's text once a post above
    has named it (so the line that first names it is no reply)."""
    counts: dict[str, int] = {}
    for unit in units:
        if unit.text.startswith("@") and (found := _REPLY.match(unit.text)):
            counts[found.group(0)] = counts.get(found.group(0), 0) + 1
    handle = max(counts, key=counts.__getitem__, default=None)
    return handle if handle is not None and counts[handle] >= REPLY_LINES else None


_CONTINUES = re.compile(r"[(\[](?i:continues|continued|cont(?:'d|\.)?|more)[)\]]")


def says_continues(line: str) -> bool:
    """Whether the line says the post goes on in the next ("(continues)", "[cont.]"). (The
    closing bracket is the guard in front of the pattern: every line of a thread asks.)"""
    return line.endswith((")", "]")) and _CONTINUES.fullmatch(line) is not None


CONTINUES_PAGE_JOINS = -GAP_ODDS["blank"]["blank"] - math.log(4.5 / 0.5)
"""On a blank-delimited page whose posts end in such lines (at least PICTURE_PAGE_LINES), a
blank line after any other line was inside a post 9 times of 9 (a Mastodon page of the dev
set: its posts hold paragraphs)."""


WIDE_PAGE_GAPS = 2
WIDE_PARTS = math.log(18.5 / 2.5)
WIDE_PAGE_JOINS = math.log(9.5 / 20.5)
"""On a page whose posts part at blank lines and where at least WIDE_PAGE_GAPS gaps hold two
or more blank lines (wide_delimited), such a gap ended a post 18 times of 20, and a single
blank line only 9 times of 29 (the 485 dev pages, 2026-12: a Mastodon page that parts posts
so, a community archive's, status pages whose cards or reply lines stood between their
posts): the wide gaps, not the blank lines, part the posts. (The log-odds of a break there.
Where single newlines part the posts, a blank line is a paragraph's already, and two were
inside a Thread Reader post once.)"""


def wide_delimited(wide: set[int], convention: str) -> bool:
    """Whether the thread's posts part at gaps of two or more blank lines (`wide`: the lines
    after such gaps), so that a single blank line is a paragraph's (WIDE_PARTS)."""
    return convention == "blank" and len(wide) >= WIDE_PAGE_GAPS


def wide_lean(is_wide: bool) -> float:
    """What a blank gap's width says on a wide-delimited page, against the site's odds."""
    return (WIDE_PARTS if is_wide else WIDE_PAGE_JOINS) - GAP_ODDS["blank"]["blank"]


def continues_delimited(units: list[Unit], convention: str) -> bool:
    """Whether the posts of a blank-delimited thread end in "(continues)" lines, so that they,
    not the blank lines, part the posts (CONTINUES_PAGE_JOINS)."""
    return convention == "blank" and sum(
        1 for unit in units if says_continues(unit.text)) >= PICTURE_PAGE_LINES


def picture_delimited(units: list[Unit]) -> bool:
    """Whether the thread's posts end in pictures (Thread Reader's "Image"), so that the
    picture is what parts them (PICTURE_PAGE_CONTINUES)."""
    pictures = sum(1 for unit in units if unit.text.endswith("Image"))
    if pictures < PICTURE_PAGE_LINES:
        return False
    newlines = sum(1 for unit in units[1:] if unit.gap == "nl")
    return pictures >= PICTURE_PAGE_SHARE * newlines
