"""Stage 3, clean: remove the lines the site added around the thread, and say which rule did.

Three places, each the profile's data: a header at the top, a footer block at the end, and an
end-of-thread line after which everything is the site's (Thread Reader's "• • •"). A copy may
have joined the site's lines into one or broken one in two (sites.profile.line_parts; the
walks here join each line with the one above or below it), or stopped inside one (cut_of,
cut_parts): each is still the site's. In the
middle of a thread only what a profile names for it goes (`amid`, `frame`: a Mastodon
status's counts; a Bonfire post's frame, the display name in it, and the posts of other
handles), so a thread that quotes a footer line keeps it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from .model import Author, Block, Removed, Stated
from .sites import LineRule, SiteProfile
from .sites.crawl import strip_debris, strip_repeats
from .sites.profile import (
    JOINED_TAIL,
    JOINED_TRIES,
    SEAM,
    SHORT_CUT,
    Part,
    closing_in,
    cut_parts,
    cuttable,
    joinable,
    line_parts,
    stopped_inside,
    union,
)

HEADER_WINDOW = 8
"""How many non-blank lines from the top a header may span, besides those its rules know."""


class Cleaned(NamedTuple):
    """The thread's lines without the site's, the lines removed (in the input's order), and
    the author they name."""

    body: list[str]
    """The lines between the header and the footer, less the profile's `amid` lines."""
    framed: list[list[str]] | None
    """Where the input shows the site's frames (SiteProfile.frame), the body as its posts'
    lines, frames taken out; else None, and the splitter cuts the body."""
    removed: list[Removed]
    author: Author | None
    post_page: bool = False
    """The site's footer opens with the heading of a post's comments (LineRule.heads_comments):
    the page is one post's, and shows that post alone."""


POST_PAGE_LINES = 60
"""The most lines a post's own page holds above its comments heading (Cleaned.post_page): the
longest on the dev pages held 13, and a long-form fediverse article runs to a few dozen; a
body of more is no one post, whatever its footer says."""


def clean(lines: list[str], profile: SiteProfile) -> Cleaned:
    """Split `lines` into the thread's body and the removed boilerplate; find the author."""
    debris: list[Removed] = []
    if profile.crawl_debris:
        lines, debris = strip_debris(lines, profile.name)
    lines, repeats = strip_repeats(lines, profile.name)
    debris += repeats
    start = header_end(lines, profile)
    end = end_anchor(lines, profile, start)
    below = profile.footer_below_end and end < len(lines)
    stop = start + footer_start(lines[start:end], profile.footer) \
        if profile.footer and not below else end
    replies = start + replies_start(lines[start:stop]) if profile.shows_replies else stop
    removed = name_lines(lines[:start], profile, f"{profile.name}.header")
    body = lines[start:replies]
    if profile.amid:
        amid = _amid_lines(body, profile.amid)
        if any(amid):
            removed += name_lines(list(itertools.compress(body, amid)), profile,
                                  f"{profile.name}.amid")
            # (a blank line where each stood: such a line ends a post, as a blank one does)
            body = ["" if taken else line for line, taken in zip(body, amid, strict=True)]
    framed, frames = frame_posts(body, profile, lines[:start]) if profile.frame else (None, [])
    removed += frames
    removed += name_lines(lines[replies:stop], profile, f"{profile.name}.reply")
    removed += name_lines(lines[stop:], profile, f"{profile.name}.footer")
    heading = next((line for line in lines[stop:] if line.strip()), None)
    post_page = heading is not None and any(
        rule.heads_comments and rule.matches(heading) for rule in profile.footer) \
        and len(list(itertools.islice(filter(str.strip, body), POST_PAGE_LINES + 1))) \
        <= POST_PAGE_LINES
    return Cleaned(body, framed, debris + removed, find_author(removed, profile), post_page)


def _amid_lines(body: list[str], rules: tuple[LineRule, ...]) -> list[bool]:
    """Which lines of the body the profile's `amid` rules take: each line a rule knows, and a
    rule that knows a line only in a row (LineRule.in_row) only in a row of COUNT_ROW lines it
    knows, one under another. Only a line that starts with what a rule matches can be one:
    those are found in C first (map, compress), as footer_start finds its anchors, and only
    they go through _rule_for (the generic profile's rules ask every line of a paste)."""
    taken = [False] * len(body)
    maybe = itertools.compress(range(len(body)), map(union(rules).match, map(str.strip, body)))
    rows: list[list[int]] = []  # the lines of each row an in_row rule knows
    known: dict[int, LineRule] = {}
    for i in maybe:
        found = _rule_for(body[i], rules)
        if found is None:
            continue
        known[i] = found
        if not found.in_row:
            taken[i] = True
        elif rows and rows[-1][-1] == i - 1 and known[i - 1] is found:
            rows[-1].append(i)
        else:
            rows.append([i])
    for row in rows:
        if len(row) >= COUNT_ROW and not _counts_by_one([body[i].strip() for i in row]):
            for i in row:
                taken[i] = True
    return taken


def _counts_by_one(row: list[str]) -> bool:
    """Whether a row of numbers counts up or down by one ("3", "2", "1"): the author's
    countdown or list, never a card's counts."""
    if not all(text.isdecimal() for text in row):
        return False
    steps = {int(b) - int(a) for a, b in itertools.pairwise(row)}
    return steps in ({1}, {-1})


COUNT_ROW = 3
"""How many lines in a row a card's counts take (replies, reposts, likes; a view count): two
numbers alone, one under the other, may still be the author's (a marker without its slash,
written twice)."""


_STOPS = (".", "!", "?", ":", "…")
"""How a sentence ends: no reader's own line above a byline does (a name, a caption)."""


FRAME_GAP = 2
"""How many lines may stand between a post's last frame line and the line that opens the
next post's frame and still be the frame's: the author's display name, between the action
links below one post and the handle above the next, as Bonfire prints them."""


def frame_posts(body: list[str], profile: SiteProfile,
                header: list[str]) -> tuple[list[list[str]] | None, list[Removed]]:
    """The body's posts where the site frames each one (SiteProfile.frame), and the lines
    removed: the frames, and the posts of other people below the author's. No posts (None)
    where the input shows no frame (no opening line in the header or the body): a text that only
    quotes the site's other words (its action links) is cut by the splitter as any other.

    Each post's frame opens with the line that closed the header (SiteProfile.header_end:
    Bonfire's byline) and ends in the site's other frame lines (its action links). A frame
    line ends the post above it; up to FRAME_GAP lines between a post's last frame line and
    the next opening line are the frame's too (the display name). A post under an opening
    line that names another handle than the first one (the header's, where it closed on
    one) is someone's reply."""
    opening = profile.header_end
    if opening is None:
        return None, []
    kinds = ["open" if opening.matches(line)
             else "frame" if _rule_for(line, profile.frame) else "" for line in body]
    first = next((line for line in [*header, *body] if opening.matches(line)), None)
    if first is None:
        return None, []
    marks = [i for i, kind in enumerate(kinds) if kind]
    for before, after in itertools.pairwise(marks):
        between = [i for i in range(before + 1, after) if body[i].strip()]
        if kinds[before] == "frame" and kinds[after] == "open" and len(between) <= FRAME_GAP:
            for i in between:
                kinds[i] = "frame"
    author = _handle_of(first, opening)
    posts: list[list[str]] = [[]]
    removed: list[Removed] = []
    replying = False
    for line, kind in zip(body, kinds, strict=True):
        if kind:
            removed.extend(name_lines([line], profile, f"{profile.name}.frame"))
            if kind == "open":
                replying = _handle_of(line, opening) != author
            if posts[-1]:
                posts.append([])
        elif replying:
            if line.strip():
                removed.append(Removed(line.strip(), f"{profile.name}.reply"))
        elif posts[-1] or line.strip():
            posts[-1].append(line)
    return [_trimmed(post) for post in posts if post], removed


def _handle_of(line: str, opening: LineRule) -> str | None:
    """The handle a post's opening frame line names."""
    found = opening.matches(line)
    return found.groupdict().get("handle") if found else None


def _trimmed(lines: list[str]) -> list[str]:
    """The lines without the blank lines at their end."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return lines[:end]


def stated_posts(removed: list[Removed], profile: SiteProfile) -> Stated | None:
    """How many posts the site's header says the thread has (its `count` group: Thread
    Reader's "16 tweets"), and whether the copy reaches the site's end-of-thread line, so
    that none of them was cut off; None where the header says none."""
    closing, ends = profile.header_end, {rule.name for rule in profile.end}
    if closing is None or "count" not in closing.pattern.groupindex:
        return None
    for found, text in _removed_parts(removed, profile):
        if found is closing and (match := closing.matches(text)):
            whole = any(item.rule.removesuffix(".cut") in ends for item in removed)
            return Stated(int(match["count"]), whole)
    return None


def _removed_parts(removed: list[Removed], profile: SiteProfile) -> Iterator[Part]:
    """The site's lines among the removed ones, where a copy joined several into one line or
    broke one in two (line_parts), in order."""
    head = {rule.name for rule in (*profile.header, *profile.above_header_end)} \
        | {f"{profile.name}.header"}
    for item, below in itertools.zip_longest(removed, removed[1:]):
        if item.rule.endswith((".latest-thread", ".other-thread")):
            continue  # (other threads' lines name other authors)
        parts = line_parts(item.text, profile.rules) or cut_parts(item.text, profile.rules,
                                                                   SHORT_CUT) \
            or _before_closing(item.text, profile.header_end, profile.rules)
        if parts is None and below is not None \
                and not below.rule.endswith((".latest-thread", ".other-thread")):
            # (At the head a line known only whole may be broken too: "NAME" / "@handle".)
            rules = profile.rules if item.rule in head else joinable(profile.rules)
            parts = line_parts(f"{item.text} {below.text}", rules)
        yield from parts or ()


def _before_closing(text: str, closing: LineRule | None,
                    rules: tuple[LineRule, ...]) -> list[Part] | None:
    """The header's lines and its closing line where a copy joined them into one line
    ("NAME @handle , 2 tweets, 4 min read"): the lines before it (`rules` know them) may be
    known only whole."""
    found = closing_in(text.strip(), closing) if closing is not None else None
    if closing is None or found is None:
        return None
    before = line_parts(text.strip()[:found.start()], rules)
    return None if before is None else [*before, (closing, found.group())]


_MENTION = re.compile(r"\s*@(\w[\w.-]*)(?:@[\w-]+(?:\.[\w-]+)+)?")
"""A mention opening a line: "@name", or "@name@server" on the fediverse (group 1: name)."""
_ALL_MENTIONS = re.compile(r"(?:\s*@\w[\w.-]*(?:@[\w-]+(?:\.[\w-]+)+)?[\s,]*)+")
"""A line of mentions and nothing else: the author's credits ("thanks to:" / "@a @b"), no reply."""
REPLY_SHARE = 0.5
"""Of the lines from the first reply on, at least this many open with a mention."""


def replies_start(lines: list[str]) -> int:
    """Index of the first line of the replies below the thread on a page that shows them (a
    Mastodon status page: each reply opens with the mention of whom it answers), or
    len(lines) when there are none.

    The replies are the end of the page from the first line that opens with a mention, where
    no line above does (the author's own posts open with none), the handle it opens with is
    not named above (an author answering someone the thread names writes so: the thread's
    own posts), the first after a blank line (a page prints a reply as a block of its own, a
    conversation's answers may follow one another) and none right under another unless most
    open with the same mention (replies to the author one a line; a list of handles, one a
    line, names a different one each and is the author's), and they are REPLY_SHARE of the
    lines from there (a reply may hold paragraphs). One such line alone is a reply too (on
    the dev pages a lone mention-led block at a page's end was a reply 3 times of 3), unless
    it holds nothing but mentions: the author's credits under "thanks to:". Each line is
    matched once, with no copy of it: most inputs have no mention opening a line at all."""
    opens = [i for i, line in enumerate(lines) if _MENTION.match(line)]
    if not opens or opens[0] == 0 or lines[opens[0] - 1].strip() \
            or (any(b == a + 1 for a, b in itertools.pairwise(opens)) and not _one_answered(
                [lines[i] for i in opens])):
        return len(lines)
    first = opens[0]
    above = lines[:first]
    found = _MENTION.match(lines[first])
    if found is None or not any(map(str.strip, above)) or found[1] in "\n".join(above) \
            or (len(opens) == 1 and _ALL_MENTIONS.fullmatch(lines[first])):
        return len(lines)
    later = sum(1 for line in lines[first:] if line.strip())
    return first if len(opens) >= REPLY_SHARE * later else len(lines)


def _one_answered(opening: list[str]) -> bool:
    """Whether most of the lines that open with a mention open with the same one: replies to
    one account (the author), where a list of handles names a different one a line."""
    names = Counter(found[1] for line in opening if (found := _MENTION.match(line)))
    return max(names.values(), default=0) * 2 > names.total()


def header_end(lines: list[str], profile: SiteProfile) -> int:
    """Index of the first body line below the site's header (0 when there is none)."""
    if not profile.header and profile.header_end is None:
        return 0
    # The lines the header's rules know do not count against the window: a site with a
    # long menu (Bonfire's) may put its closing line below it.
    window = list(itertools.islice((i for i, line in enumerate(lines) if line.strip()
                                    and not _known(lines, i, profile.header, head=True)),
                                   HEADER_WINDOW))
    start = 0
    if profile.header_end is not None:
        # (Where the site frames its posts, the closing line opens the first post's frame:
        # one below another frame line opens a later post's, in a copy that began above it.)
        framed = next((i for i in window if _rule_for(lines[i], profile.frame)
                       and not profile.header_end.matches(lines[i])), len(lines))
        start = next((below for i in window if i < framed
                      and (below := _below_closing(lines, i, profile)) is not None), 0)
    while start < len(lines) and (not lines[start].strip() or
                                  _known(lines, start, profile.header, head=True)):
        start += 1
    return start


def _below_closing(lines: list[str], i: int, profile: SiteProfile) -> int | None:
    """The index below the header's closing line where lines[i] is it: the line itself, or
    the last of several of the header's lines a copy joined into one, or its first half
    where the copy broke it in two (line_parts); None where lines[i] is not it."""
    closing = profile.header_end
    if closing is None or (closing.short_above and any(
            len(text := line.strip()) > closing.short_above or text.endswith(_STOPS)
            for line in lines[:i])):
        return None
    rules = (*profile.header, *profile.above_header_end, closing)
    pair = " ".join(line.strip() for line in lines[i:i + 2])
    for below, text in ((i + 1, lines[i]), (i + 2, pair)):
        parts = line_parts(text, rules)
        if parts is not None and any(found is closing for found, _ in parts):
            return below
    # The closing line with the header's lines above it joined on before it, which may be
    # any words at the top ("NAME Profile picture Jun 14 8 tweets ..."), or broken in two.
    for below, text in ((i + 1, lines[i]), (i + 2, pair)):
        if _before_closing(text, closing, rules) is not None:
            return below
    return None


def end_anchor(lines: list[str], profile: SiteProfile, start: int) -> int:
    """Index of the first line that ends the thread (len(lines) when none does)."""
    if not profile.end:
        return len(lines)
    # A line some rule knows starts with a line their union matches: every line of every
    # input passes here, so the lines are matched in C (map, compress) first, and only
    # those go through line_parts (an end line may have the footer's joined on to it).
    starts = map(union(profile.end).match, map(str.strip, itertools.islice(lines, start, None)))
    after = profile.end + profile.footer + profile.header  # (what may follow an end line)
    last = _last_filled(lines)
    for i in itertools.compress(itertools.count(start), starts):
        if _ends(lines[i].strip(), profile.end, after, i == last):
            return _broken_above(lines, i, start, profile.end)
    # No whole end line: one broken in two, among the last lines only (every line's pair
    # would cost a thread's every line a join).
    tail = list(itertools.islice((k for k in range(len(lines) - 1, start, -1)
                                  if lines[k].strip()), JOINED_TAIL))[::-1]
    for above, below in itertools.pairwise(tail):
        if below == above + 1 and union(profile.end).match(lines[above].strip()) is None \
                and (parts := line_parts(f"{lines[above].strip()} {lines[below].strip()}",
                                         joinable(after))) and parts[0][0] in profile.end:
            return _broken_above(lines, above, start, profile.end)
    # Or the copy stopped inside it ("Share this Scrolly Tale wi").
    if tail and stopped_inside(lines[tail[-1]], profile.end) is not None:
        return _broken_above(lines, tail[-1], start, profile.end)
    return len(lines)


def _last_filled(lines: list[str]) -> int:
    """The index of the last non-blank line (-1 where there is none): where a copy stopped."""
    return next((k for k in range(len(lines) - 1, -1, -1) if lines[k].strip()), -1)


def _ends(text: str, ends: tuple[LineRule, ...], after: tuple[LineRule, ...],
          last: bool = False) -> bool:
    """Whether `text` is an end line, alone or with the site's lines below it joined on
    (line_parts of the rest, `after`: "Sign in to participate in the conversation SERVER"),
    never with a post's words; on the copy's `last` line, the rest may be the start of one
    where the copy stopped ("• • • Missing some Tweet i": SHORT_CUT, as below a whole line)."""
    if union(ends).fullmatch(text):
        return True
    for seam in itertools.islice(SEAM.finditer(text), JOINED_TRIES):
        if union(ends).fullmatch(text, 0, seam.start()):
            rest = text[seam.end():]
            return line_parts(rest, after) is not None or (last and any(
                rule.cut_of(rest, SHORT_CUT) for rule in cuttable(after)))
    return False


def _broken_above(lines: list[str], i: int, start: int, rules: tuple[LineRule, ...]) -> int:
    """Where the end of the thread begins, given its first whole end line lines[i]: an end
    line that the copy broke in two may stand above it ("•" / "• •"), blank lines between."""
    while True:
        k = next((k for k in range(i - 1, start, -1) if lines[k].strip()), None)
        if k is None or not lines[k - 1].strip() \
                or not line_parts(f"{lines[k - 1].strip()} {lines[k].strip()}", rules):
            return i
        i = k - 1


def footer_start(lines: list[str], rules: tuple[LineRule, ...]) -> int:
    """Index of the first line of the footer block at the end of `lines` (len(lines) if none).

    The block is the run of blank and rule-matching lines at the end, extended upwards to an
    anchor line (a line only the footer has) when everything between the anchor and a
    list-opening line ("Latest Threads Unrolled:") is footer too; below a list opener any
    line is a teaser of another thread.
    """
    start = _footer_above(lines, _cut_last(lines, rules), rules)
    # The lowest line above the block whose rule is an anchor. Only a line that starts with
    # what an anchor rule matches can be one: every line of the thread is looked at, so
    # those are found in C first (map, compress), and only they go through line_parts.
    anchors = _anchors(rules)
    maybe = [] if anchors is None else list(itertools.compress(
        range(start), map(anchors.match, map(str.strip, itertools.islice(lines, start)))))
    for i in reversed(maybe):
        parts = line_parts(lines[i], rules)
        if parts is None or not any(found.anchor for found, _ in parts):
            continue
        if _all_footer_until_list(lines, i, start, rules):
            return _extend_up(lines, i, rules)
        top = _footer_run(lines, i, rules)
        if top is not None:
            return top
        break
    return _extend_up(lines, start, rules) if start < len(lines) else start


def _footer_above(lines: list[str], i: int, rules: tuple[LineRule, ...]) -> int:
    """Where the run of blank and footer lines that ends above lines[i] begins."""
    while i > 0 and (not lines[i - 1].strip() or _footer_line(lines, i - 1, rules)):
        i -= 1
    return i


def _footer_line(lines: list[str], k: int, rules: tuple[LineRule, ...]) -> bool:
    """Whether lines[k] is one of the footer's lines, whole, broken in two or cut short."""
    return _known(lines, k, rules) or _cut_rule(lines[k], rules)


@cache
def _anchors(rules: tuple[LineRule, ...]) -> re.Pattern[str] | None:
    """The union of the anchor rules among `rules` (None when there are none)."""
    anchors = tuple(rule for rule in rules if rule.anchor)
    return union(anchors) if anchors else None


def _cut_last(lines: list[str], rules: tuple[LineRule, ...]) -> int:
    """Where the footer walk starts: above the input's last line where the copy stopped a
    few characters into a footer line ("Enjoy Thre"), which only the footer line above it
    tells from a post, or inside one whose end varies, at least CUT_MINIMUM characters in
    ("You can follow @Dea"), or early in an anchor line (cut_early: "You ca"), or inside
    one broken in two on the last two lines; else at the end."""
    filled = list(itertools.islice((i for i in range(len(lines) - 1, -1, -1)
                                    if lines[i].strip()), 2))
    if len(filled) == 2 and _known(lines, filled[1], rules) and any(
            rule.stopped_in(lines[filled[0]], SHORT_CUT) for rule in cuttable(rules)):
        return filled[0]
    if filled and stopped_inside(lines[filled[0]], rules) is not None:
        return filled[0]  # (inside a line whose end varies, "You can follow @Dea", or early)
    if len(filled) == 2 and filled[0] == filled[1] + 1 and any(
            rule.stopped_in(f"{lines[filled[1]].strip()} {lines[filled[0]].strip()}")
            for rule in cuttable(rules)):
        return filled[1]  # (a line the copy broke in two, then stopped in: "Tip:" / "ment")
    return len(lines)


def _cut_rule(line: str, rules: tuple[LineRule, ...]) -> bool:
    """Whether `line` is a footer line that the copy cut short (only footers are cut: a copy
    stops at its end), alone or after whole ones joined on to it (cut_parts)."""
    return any(rule.cut_of(line) for rule in cuttable(rules)) \
        or cut_parts(line, rules, SHORT_CUT) is not None


def _extend_up(lines: list[str], start: int, rules: tuple[LineRule, ...]) -> int:
    while start > 0 and _footer_line(lines, start - 1, rules):
        start -= 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    return start


def _all_footer_until_list(lines: list[str], lo: int, hi: int,
                           rules: tuple[LineRule, ...]) -> bool:
    """Whether lines[lo:hi] are the footer's down to a line that opens the list of other
    threads (or to hi)."""
    for k in range(lo, hi):
        parts = line_parts(lines[k], rules)
        if parts is not None and any(found.opens_list for found, _ in parts):
            return True
        if parts is None and lines[k].strip() and _broken(lines, k, rules) is None:
            return False
    return True


FOOTER_RUN = 2
"""How many of the footer's lines in a row, an anchor among them, make the lines below them the
site's whatever they say (a plea for donations, a line of a layout no rule knows yet), where
they are fewer than the run: a post may quote one footer line, not a run of them."""


def _footer_run(lines: list[str], i: int, rules: tuple[LineRule, ...]) -> int | None:
    """The first line of the run of the footer's lines that the anchor lines[i] is one of,
    where the run holds at least FOOTER_RUN of them, and more of them than the lines below it
    that no rule knows: nothing below the site's footer is the thread's (its plea for
    support), but a post that quotes two footer lines has the thread's posts below it. None
    otherwise."""
    top = _footer_above(lines, i, rules)
    while not lines[top].strip():
        top += 1
    run = 0
    for k in range(top, len(lines)):
        if not lines[k].strip():
            continue
        if not _footer_line(lines, k, rules):
            below = sum(1 for line in lines[k:] if line.strip())
            return top if run >= FOOTER_RUN and run > below else None
        run += 1
    return None  # (no line below the run: the footer walk found it whole)


def _known(lines: list[str], k: int, rules: tuple[LineRule, ...], head: bool = False) -> bool:
    """Whether lines[k] is the site's: a rule knows it (line_parts), or it is one half of a
    site's line that the copy broke in two, the line above or below it the other half (at
    the `head` of the page, above its closing line, a line known only whole too: a name)."""
    if _rule_for(lines[k], rules) is not None:
        return True
    return _broken(lines, k, rules, head) is not None


def _broken(lines: list[str], k: int, rules: tuple[LineRule, ...],
            head: bool = False) -> list[Part] | None:
    """The site's lines that lines[k] and the line above or below it are, joined, where the
    copy broke one of them in two: neither half blank, nor the other one a whole line of the
    site's (it would take a post's line with it), and only rules whose lines may be parts
    (joinable: "NAME Profile picture" takes any words before it)."""
    parted = rules if head else joinable(rules)
    for a, other in ((k - 1, k - 1), (k, k + 1)):
        if a >= 0 and a + 1 < len(lines) and lines[a].strip() and lines[a + 1].strip() \
                and _rule_for(lines[other], rules) is None:
            parts = line_parts(f"{lines[a].strip()} {lines[a + 1].strip()}", parted)
            if parts is not None:
                return parts
    return None


def _rule_for(line: str, rules: tuple[LineRule, ...]) -> LineRule | None:
    """The first of `rules` that matches `line`, in one match (the footer's lines are looked
    up several times each: the footer walk, the names, the author); where a copy joined
    several of the site's lines into one, the first one's (line_parts)."""
    parts = line_parts(line, rules)
    return None if parts is None else parts[0][0]


def name_lines(lines: list[str], profile: SiteProfile, default: str) -> list[Removed]:
    """Each non-blank line with the name of the rule that knows it."""
    out: list[Removed] = []
    unknown = default
    last = _last_filled(lines)
    for k, line in enumerate(lines):
        if not line.strip():
            continue
        # (Below a line that opens other threads' teasers, a line is theirs, broken or not.)
        parts = line_parts(line, profile.rules) or cut_parts(line, profile.rules, SHORT_CUT) \
            or (_broken(lines, k, profile.rules) if unknown == default else None)
        if parts is None:
            cut = stopped_inside(line, profile.rules, early=k == last)
            out.append(Removed(line.strip(), f"{cut.name}.cut" if cut else unknown))
            continue
        for found, _ in parts:
            if found.after:
                unknown = found.after
            elif found.opens_list:
                unknown = f"{profile.name}.latest-thread"
        out.append(Removed(line.strip(), parts[0][0].name))
    return out


def find_author(removed: list[Removed], profile: SiteProfile) -> Author | None:
    """The author named by the removed lines' rules ('You can follow @x.', 'More from @x')."""
    handle = name = None
    for found, text in _removed_parts(removed, profile):
        match = found.matches(text)
        groups = match.groupdict() if match else {}
        handle = handle or groups.get("handle")
        name = name or groups.get("name")
    return Author(handle=handle, name=name) if handle else None


def clean_blocks(blocks: list[Block], profile: SiteProfile) -> tuple[list[Block], list[Removed]]:
    """The header, footer and end rules over an input that delimits its posts itself (a
    Markdown clip). A profile's lines among the posts and its frames are read in copied text
    only."""
    header = profile.header + ((profile.header_end,) if profile.header_end else ())

    def all_match(block: Block, rules: tuple[LineRule, ...]) -> bool:
        lines = [line for line in block.lines if line.strip()]
        return bool(lines) and all(_rule_for(line, rules) for line in lines)

    first = 0
    while first < len(blocks) and all_match(blocks[first], header):
        first += 1
    stop = next((i for i in range(first, len(blocks))
                 if any(_rule_for(line, profile.end) for line in blocks[i].lines)), len(blocks))
    while stop > first and all_match(blocks[stop - 1], profile.footer):
        stop -= 1
    head = [line for block in blocks[:first] for line in block.lines]
    tail = [line for block in blocks[stop:] for line in block.lines]
    removed = name_lines(head, profile, f"{profile.name}.header")
    removed += name_lines(tail, profile, f"{profile.name}.footer")
    return blocks[first:stop], removed
