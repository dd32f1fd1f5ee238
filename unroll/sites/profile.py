"""What a site profile is: data that says how one unroll site frames a thread."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

Convention = Literal["newline", "blank", "auto"]


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: rules are singletons
class LineRule:
    """A whole line that the site adds around the thread, recognised by a regular expression."""

    name: str
    """Dotted rule name reported in `removed` ("twtext.follow")."""
    pattern: re.Pattern[str]
    """Matched with fullmatch against the line with surrounding white space stripped."""
    anchor: bool = False
    """The line only ever appears in the site's footer, so it may start one."""
    after: str | None = None
    """Rule name for unknown lines below this one (teasers of other threads)."""
    opens_list: bool = False
    """After this line the site lists other threads: every line below it is boilerplate."""
    example: str | None = None
    """The whole line as the site prints it, for a long fixed line: a copy cut inside it
    keeps a prefix, which is the line too (cut_of)."""
    whole: bool = False
    """The line is known only whole, never as a part of a line a copy joined or broke: its
    pattern takes any words ("NAME Profile picture", "NAME @handle"), so a part of it could
    be a post's."""
    opens_footer: bool = False
    """The line is the first of the site's footer, so a copy that stopped early in it has
    nothing of the footer above to tell it by (cut_early)."""
    in_row: bool = False
    """The line is the site's only in a row of lines this rule knows, one under another
    (clean.COUNT_ROW; a card's counts, one a line): one alone may be the author's ("6")."""
    heads_comments: bool = False
    """The line heads the comments under a post's own page (a Bluesky reader's "Comments"):
    where the site's footer opens with it, the page is that one post's (clean.Cleaned's
    `post_page`)."""
    short_above: int = 0
    """For a header's closing line (SiteProfile.header_end) that any page may have: it closes
    the header only where every line above it is at most this long and ends no sentence, as
    a reader's own lines (its name, a banner's caption, the display name), never a post's
    (0: wherever)."""
    cut: re.Pattern[str] | None = None
    """What a copy that stopped inside the line keeps, for a line whose end varies ("You can
    follow @" and the start of a handle): matched whole, and only on a copy's last line
    (stopped_in), where a post's line cannot be cut."""

    def matches(self, line: str) -> re.Match[str] | None:
        return self.pattern.fullmatch(line.strip())

    def cut_of(self, line: str, minimum: int | None = None) -> bool:
        """Whether `line` is this rule's line cut short: a start of it of at least `minimum`
        characters (CUT_MINIMUM unless given)."""
        text = line.strip()
        return (self.example is not None and len(text) >= (minimum or CUT_MINIMUM)
                and self.example.startswith(text))

    def stopped_in(self, line: str, minimum: int | None = None) -> bool:
        """Whether a copy whose last line is `line` stopped inside this rule's line: a start
        of its example (cut_of), or what its `cut` pattern matches."""
        text = line.strip()
        return self.cut_of(text, minimum) or (
            self.cut is not None and len(text) >= (minimum or CUT_MINIMUM)
            and self.cut.fullmatch(text) is not None)


READ_TIME = r"(?<!\w)(?:[<>~] ?)?\d{1,3} min read"
"""A reader's reading time, as a byline or a count line ends: "4 min read", and the bounds
some layouts print for the shortest and longest threads ("<1 min read", ">60 min read", "~3
min read")."""
BULLET = r"(?:•|â€¢|β€’|вЂў)"
"""The bullet the readers print between facts and in their end line, and as copies show it
that decoded the page's UTF-8 as cp1252, cp1253 or cp1251 (a mis-decoded Thread Reader
crawl of the dev set: "β€’ β€’ β€’")."""
DATE = r"(?:[A-Z][a-z]{2}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2}\.?)(?:,? \d{4})?"
"""A thread's date as readers print it: "Jun 14", "Jul. 07, 2020", "11 Jan"."""
BYLINE = rf"(?P<name>[^\s+][^+]{{0,80}}?) (?P<handle>@\w{{1,50}}) .{{0,400}}?{DATE},? {READ_TIME}"
"""A reader's byline on one line: the name, the handle, a bio, the date and the reading time
(threader's older layout; a post that names someone and "a 5 min read" has no date there).
No "+" in the name: threader's newer byline puts "+ Your Authors" there (its header_end)."""


LAST_CUT = 6
"""How much of the site's first footer line a copy's last line must keep, after its first
word, to be known as that line cut short with nothing else of the footer in the copy
(cut_early: "You ca"). Where an excerpt stops is where its length ran out, as likely a few
characters into the footer's first line as many: of the copies perturb.py cut inside twtext's
"You can follow @x." (from the labelled dev pages), 16 kept fewer than CUT_MINIMUM characters
of it and 8 more. A post's last line of two words at least that is also a start of that line
is a copy stopped inside the post just as well."""


def cut_early(line: str, rules: tuple[LineRule, ...]) -> LineRule | None:
    """The rule of the footer's first line (opens_footer) whose fixed start (its example, or
    its `cut` pattern's literal start: "You can follow @") a copy's last line `line` is a
    start of (LAST_CUT). (A line further down the footer cut early has a whole one above it,
    which tells it: SHORT_CUT.)"""
    text = line.strip()
    if len(text) < LAST_CUT or " " not in text:
        return None
    return next((rule for rule in rules if rule.opens_footer
                 and (start := _fixed_start(rule)) and start.startswith(text)), None)


def stopped_inside(line: str, rules: tuple[LineRule, ...], early: bool = True) -> LineRule | None:
    """The rule of the site's line that a copy whose last line is `line` stopped inside:
    CUT_MINIMUM characters in at least (LineRule.stopped_in), or, where `early`, a few into
    the footer's first line (cut_early)."""
    cut = next((rule for rule in cuttable(rules) if rule.stopped_in(line)), None)
    return cut_early(line, rules) if cut is None and early else cut


def stopped_mid_word(line: str, rules: tuple[LineRule, ...]) -> bool:
    """Whether `line` is a start of one of the rules' fixed lines cut inside a word ("Sign in
    to partic", "You ca", CUT_MINIMUM and LAST_CUT as in cut_of and cut_early): where none of
    the site's words are in the copy, this alone may name the site, as where a copy's length
    ran out falls inside a word far more often than between two; a post's own last line
    ("Share this", "You can") ends with a word."""
    text = line.strip()
    if not text[-1:].isalnum():
        return False
    starts = [rule.example for rule in cuttable(rules)
              if rule.example is not None and rule.cut_of(text)]
    if (early := cut_early(text, rules)) is not None:
        starts.append(_fixed_start(early))
    return any(len(start) > len(text) and start[len(text)].isalnum() for start in starts)


@cache
def cut_openings(rules: tuple[LineRule, ...]) -> tuple[str, ...]:
    """What a line must start with to be one of the rules' fixed lines cut short (cut_of at
    CUT_MINIMUM, cut_early): the guard in front of them where every input's last line asks."""
    return tuple({*(rule.example[:CUT_MINIMUM] for rule in cuttable(rules)
                    if rule.example is not None),
                  *(_fixed_start(rule)[:LAST_CUT] for rule in rules if rule.opens_footer)} - {""})


_LITERAL = re.compile(r"[^.\\\[\](){}*+?^$|]*")
"""The start of a pattern with no regular-expression syntax in it."""


def _fixed_start(rule: LineRule) -> str:
    if rule.example is not None:
        return rule.example
    literal = None if rule.cut is None else _LITERAL.match(rule.cut.pattern)
    return "" if literal is None else literal.group()


CUT_MINIMUM = 16
"""How much of a fixed line a cut copy must keep to be known as it: the shortest cut seen on
real pages kept 37 characters; 16 is more than any post's line shares with a footer's."""


SHORT_CUT = 2
"""The least of a footer line that a copy's last line may keep after a whole footer line
(below it, or joined on to it): nothing below the footer is the thread's, and a real twtext
copy stops three letters into "Latest Threads Unrolled:"."""


def _plain(rule: LineRule) -> str:
    """The rule's pattern with its named groups made plain, to stand beside other rules':
    names may repeat across rules."""
    return re.sub(r"\(\?P<\w+>", "(?:", rule.pattern.pattern)


@cache
def union(rules: tuple[LineRule, ...]) -> re.Pattern[str]:
    """The rules as one pattern, so a line no rule knows costs one match, not one per rule."""
    return re.compile("|".join(f"(?:{_plain(rule)})" for rule in rules))


@cache
def tagged(rules: tuple[LineRule, ...]) -> tuple[re.Pattern[str], dict[int, LineRule]]:
    """The rules as one pattern, each alternative a group, and the rule of each group.

    Alternatives are tried in order, so the one a full match took is the first rule that
    matches; its group is the outermost, so it is the match's lastindex.
    """
    pattern = re.compile("|".join(f"(?P<rule{k}>{_plain(rule)})" for k, rule in enumerate(rules)))
    return pattern, {pattern.groupindex[f"rule{k}"]: rule for k, rule in enumerate(rules)}


Part = tuple[LineRule, str]
"""One of the site's lines within a line of the input: the rule that knows it, and its text."""

JOINED_LONGEST = 400
"""The longest line read as several of the site's lines joined (a footer's lines together
are under 300 characters): a line of the thread costs one failed match, however long."""
JOINED_HEAD = 10
JOINED_TAIL = 40
"""How many non-blank lines at the top and at the bottom of an input are looked at for the
site's lines broken in two or joined where a scan of every line would cost a thread's
lines more than one match each (a footer with its teasers is under 40 lines)."""
JOINED_TRIES = 64
"""The most places a line is tried at as the end of one of the site's lines: reading a line
costs at most this many matches, whatever it holds."""
SEAM = re.compile(r"\s+|(?<=[.!?:)])(?=[A-Z@•])")
"""Where two of the site's lines may have been joined: a space, or no space at all after a
sentence's end ("...@x.Tip: mention ...")."""


@cache
def joinable(rules: tuple[LineRule, ...]) -> tuple[LineRule, ...]:
    """The rules whose lines may be part of a line joined or broken by a copy: not those
    known only whole (LineRule.whole), whose pattern takes any words."""
    return tuple(rule for rule in rules if not rule.whole)


def line_parts(line: str, rules: tuple[LineRule, ...]) -> list[Part] | None:
    """The site's lines that `line` is made of, in order: one where a rule matches it whole,
    or several where a copy lost the newlines between them ("You can follow @x. Tip: mention
    @twtextapp ..."); None where it is not the site's line, or not only the site's.

    Each part is one joinable rule's whole line, and the parts meet at a seam (SEAM), so a
    post's line that only opens with the site's words is never one. A line no such rule's
    line begins costs one match more than a whole line's (the guard), and any line at most
    JOINED_TRIES more."""
    if not rules:
        return None
    text = line.strip()
    pattern, by_group = tagged(rules)
    whole = pattern.fullmatch(text)
    if whole is not None:
        return [(by_group[whole.lastindex or 0], text)]
    parted = joinable(rules)
    if len(text) > JOINED_LONGEST or not parted:
        return None
    pattern, by_group = tagged(parted)
    if pattern.match(text) is None:
        return None
    return _joined(text, 0, pattern, by_group, {}, [JOINED_TRIES])


def _joined(text: str, at: int, pattern: re.Pattern[str], by_group: dict[int, LineRule],
            known: dict[int, list[Part] | None], tries: list[int]) -> list[Part] | None:
    """The parts of text[at:], two at least, where it is several of the rules' lines
    (`known`: what each place read as so far; `tries`: the matches left)."""
    if at in known:
        return known[at]
    known[at] = None
    for seam in SEAM.finditer(text, at + 1):
        if tries[0] <= 0:
            return None
        tries[0] -= 1
        first = pattern.fullmatch(text, at, seam.start())
        if first is None:
            continue
        rest = seam.end()
        part = (by_group[first.lastindex or 0], first.group())
        whole = pattern.fullmatch(text, rest)
        if whole is not None:
            known[at] = [part, (by_group[whole.lastindex or 0], whole.group())]
            return known[at]
        if pattern.match(text, rest) is not None:
            more = _joined(text, rest, pattern, by_group, known, tries)
            if more is not None:
                known[at] = [part, *more]
                return known[at]
    return None


def closing_in(text: str, closing: LineRule) -> re.Match[str] | None:
    """The header's closing line at the end of `text`, after a seam: the header's lines above
    it joined on before it ("NAME Profile picture Jun 14 8 tweets 3 min read")."""
    for seam in itertools.islice(SEAM.finditer(text), JOINED_TRIES):
        if found := closing.pattern.fullmatch(text, seam.end()):
            return found
    return None


@cache
def cuttable(rules: tuple[LineRule, ...]) -> tuple[LineRule, ...]:
    """The rules whose lines a copy may be known to have stopped inside (an example or a
    `cut` pattern): the only ones cut_of and stopped_in need ask."""
    return tuple(rule for rule in rules if rule.example is not None or rule.cut is not None)


def cut_parts(line: str, rules: tuple[LineRule, ...], minimum: int) -> list[Part] | None:
    """The site's whole lines that `line` opens with, where the copy stopped inside the next
    one joined on to them ("You can follow @x. Tip: mention @tw"): line_parts of what comes
    before a seam, and a start of a rule's line (LineRule.cut_of, `minimum` characters at
    least) after it. None where the line is not so."""
    text = line.strip()
    if not rules or len(text) > JOINED_LONGEST or union(rules).match(text) is None:
        return None
    for seam in SEAM.finditer(text):
        rest = text[seam.end():]
        if any(rule.cut_of(rest, minimum) for rule in cuttable(rules)):
            parts = line_parts(text[:seam.start()], rules)
            if parts is not None:
                return parts
    return None


def rule(name: str, pattern: str, *, anchor: bool = False, opens_list: bool = False,
         after: str | None = None, example: str | None = None, opens_footer: bool = False,
         cut: str | None = None, whole: bool = False, in_row: bool = False,
         short_above: int = 0, heads_comments: bool = False) -> LineRule:
    """Build a LineRule; refuses a pattern that matches an empty line, which would eat blanks.

    Named groups `handle` and `name` in the pattern give the thread's author.
    """
    compiled = re.compile(pattern)
    if compiled.fullmatch(""):
        raise ValueError(f"rule {name!r} matches the empty line")
    if example is not None and not compiled.fullmatch(example):
        raise ValueError(f"rule {name!r} does not match its own example")
    return LineRule(name, compiled, anchor=anchor, opens_list=opens_list, after=after,
                    example=example, whole=whole, opens_footer=opens_footer, in_row=in_row,
                    heads_comments=heads_comments, short_above=short_above,
                    cut=None if cut is None else re.compile(cut))


@dataclass(frozen=True, slots=True)
class SiteProfile:
    """How one unroll site frames a thread: its boilerplate, its post delimiting, its limit."""

    name: str
    """Short name used by --site and reported as `source.site` (None for "generic")."""
    summary: str
    """One line on what the profile recognises, for `unroll sites` and the docs."""
    convention: Convention
    """What separates posts in the site's text: "newline" (one newline between posts, blank
    lines inside them), "blank" (blank lines between posts), or "auto" (decide per input)."""
    limit: int = 280
    """Longest post the platform allows, in X's weighted characters."""
    signatures: tuple[str, ...] = ()
    """Strings at least one of which any input of the site contains: a fast first test
    before the line rules are tried."""
    header: tuple[LineRule, ...] = field(default_factory=tuple)
    """Lines the site adds before the thread (within its first few lines)."""
    header_end: LineRule | None = None
    """A header line that closes the header: lines above it (a name, a bio) are header too."""
    above_header_end: tuple[LineRule, ...] = field(default_factory=tuple)
    """Lines that stand only above the header's closing line (the author's name and handle):
    they name removed lines and the author, and are never looked for below it."""
    footer: tuple[LineRule, ...] = field(default_factory=tuple)
    """Lines the site adds after the thread, as a block at the end."""
    end: tuple[LineRule, ...] = field(default_factory=tuple)
    """Lines that end the thread wherever they stand: everything from the first one on is
    the site's (footer, teasers of other threads), whatever it says."""
    footer_below_end: bool = False
    """The site prints its footer only below its end line (Thread Reader's below "• • •"):
    where a copy has the end line, a footer line above it is a post's ("@threadreaderapp
    unroll", the author's reply to the bot). Mastodon's "Show thread" stands above its end
    line."""
    amid: tuple[LineRule, ...] = field(default_factory=tuple)
    """Lines the site prints among the posts (a status's line of time, client and counts):
    removed wherever they stand in a copied text, the posts around them parted as the
    delimiting says."""
    frame: tuple[LineRule, ...] = field(default_factory=tuple)
    """Lines the site prints around every post (the author's handle above it, its action
    links below): in a copied text that shows them they part the thread into its posts, as
    a saved page's elements do (clean.frame_posts), and are removed. The header's closing line
    (`header_end`) is the one that opens each post's frame."""

    post_selector: str | None = None
    """CSS selector of the post containers in the site's saved HTML pages."""
    drop_selector: str | None = None
    """Elements inside a post whose words are not the post's (permalink icons, image cards,
    quote embeds): they are left out of its text, and what words they hold go to `removed`
    with the page's other chrome (page.extract)."""
    id_attribute: str | None = None
    """Attribute of a post container that holds the post's status id."""
    handle_selector: str | None = None
    """Element of the page header that shows the author's @handle."""
    name_selector: str | None = None
    """Element of the page header that shows the author's name."""
    time_selector: str | None = None
    """Element that links the thread and carries its time (data-time, unix seconds)."""
    title_suffixes: tuple[str, ...] = ()
    """What the site appends to a page's <title>."""
    shows_replies: bool = False
    """The site's pages show other people's replies below the thread (clean.replies_start)."""
    crawl_debris: bool = False
    """Old crawls of the site's pages carry whitespace padding and repeated post tails."""
    thread_url: str | None = None
    """A regular expression that fully matches the address of one of the site's thread pages,
    the thread's id in group `id`: how a web archive's captures of them are found
    (unroll.archives.warc)."""

    @property
    def rules(self) -> tuple[LineRule, ...]:
        """Every rule that names a removed line, for naming and for recognising the site."""
        extra = (self.header_end,) if self.header_end else ()
        return (self.header + self.above_header_end + extra + self.footer + self.end
                + self.amid + self.frame)

    @property
    def reported_site(self) -> str | None:
        return None if self.name == "generic" else self.name
