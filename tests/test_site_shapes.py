"""Known posts, rendered as each site prints them, come back as those posts.

The real-pages issue found the rules too exact: a header or footer a little different from the
one written down, a copy cut inside its footer, markers placed or spelled otherwise, the
chrome of a site nobody has a profile for. These generators render made-up posts in each
layout seen on the real pages (benchmarks/realpages/), with those variations drawn at random,
and check that the site is recognised, the chrome removed, and the posts and markers found.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unroll

_WORDS = ("harbour", "lamp", "keeper", "storm", "light", "tower", "night", "ships", "rock",
          "bell", "fog", "coast", "oil", "glass", "stairs", "watch", "wind", "tide")


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=9))
    return " ".join(words).capitalize() + "."


@st.composite
def _post(draw: st.DrawFn, paragraphs: int) -> list[str]:
    """A post as its paragraphs, well under the limit (on the labelled pages about one post
    in three has a paragraph break)."""
    count = draw(st.sampled_from([1, 1, 1, paragraphs]))
    return [" ".join(draw(st.lists(_sentence(), min_size=1, max_size=2))) for _ in range(count)]


def _posts(paragraphs: int, min_size: int, max_size: int) -> st.SearchStrategy[list[list[str]]]:
    """Posts with no paragraph written twice: X refuses a post the same as the one before it,
    and a line a page prints again right below itself is the page's copy
    (sites.crawl.strip_repeats)."""
    return st.lists(_post(paragraphs), min_size=min_size, max_size=max_size).filter(
        lambda posts: len({text for post in posts for text in post}) == sum(map(len, posts)))


@dataclass(frozen=True)
class Numbering:
    """How the author numbers: where the marker stands and how it is spelled."""

    where: str  # "none", "lead" or "trail"
    spell: str  # a format with {n} and {total}
    glue: str = " "


_NUMBERINGS = [
    Numbering("none", ""),
    Numbering("trail", "{n}/{total}"),
    Numbering("trail", "{n}/"),
    Numbering("lead", "{n}/"),
    Numbering("lead", "({n}/{total})"),
    Numbering("trail", "[{n}/{total}]"),
    Numbering("trail", "({n}/{total})", glue=""),
    Numbering("trail", "({n}/ )"),
    Numbering("lead", "{n}."),
    Numbering("trail", "{n} / {total}"),
    Numbering("lead", "{n}\ufe0f\u20e3"),
]


def _numbered(posts: list[list[str]], numbering: Numbering) -> tuple[list[list[str]], list[str]]:
    """The posts with their markers written in, and the markers as written."""
    if numbering.where == "none":
        return posts, []
    out, markers = [], []
    for n, paragraphs in enumerate(posts, 1):
        marker = numbering.spell.format(n=n, total=len(posts))
        markers.append(marker)
        if numbering.where == "lead":
            out.append([f"{marker} {paragraphs[0]}", *paragraphs[1:]])
        else:
            out.append([*paragraphs[:-1], f"{paragraphs[-1]}{numbering.glue}{marker}"])
    return out, markers


_TIP = "Tip: mention @twtextapp on a Twitter thread with the keyword “unroll” to get a link to it."
_COOKIES = ("By continuing to use the site, you are consenting to the use of cookies as explained"
            " in our Cookie Policy to improve your experience.")


@st.composite
def _twtext(draw: st.DrawFn, handle: str) -> tuple[list[str], list[str]]:
    """twtext / twunroll: a footer, whole or cut where the copy stopped."""
    footer = [f"You can follow {handle}.", _TIP, "", "Latest Threads Unrolled:"]
    if draw(st.booleans()):
        footer += ["", _COOKIES]  # twunroll
    cut = draw(st.sampled_from(["whole", "inside-tip", "after-follow", "inside-last",
                                "inside-follow"]))
    if cut == "inside-follow":  # (inside a word from its first letters, "You ca", on; from
        # "You can follow @" on, where its words name the site, anywhere to inside the handle)
        line = footer[0]
        footer = [line[:draw(st.sampled_from([k for k in range(6, len(line) - 1) if k >= 16
                                              or (line[k - 1].isalnum() and line[k].isalnum())]))]]
    elif cut == "inside-tip":
        footer = [*footer[:1], _TIP[:draw(st.integers(16, len(_TIP) - 1))]]
    elif cut == "after-follow":
        footer = footer[:1]
    elif cut == "inside-last":
        footer = [*footer[:-1], footer[-1][:draw(st.integers(4, len(footer[-1]) - 1))]]
    return [], footer


@st.composite
def _thread_reader(draw: st.DrawFn, handle: str) -> tuple[list[str], list[str]]:
    header = draw(st.sampled_from([
        [],
        ["Ada Harbour Profile picture", "Mar 16, 2024 {count} tweets 4 min read Read on X"],
        ["Ada Harbour Profile picture", "Dec 21, 2021 {count} tweets >60 min read Read on X"],
        ["Ada Harbour Profile picture",
         "Jul 16 {count} tweets 3 min read Twitter logo Read on Twitter"],
        ["Profile picture", f"Ada Harbour {handle}",
         ", {count} tweets, 4 min read Read on Twitter"],
        ["My Authors", "Read all threads"],
    ]))
    footer = draw(st.sampled_from([
        [],
        ["• • •", "Missing some Tweet in this thread? You can try to force a refresh."],
        ["• • •", "", "Missing some Tweet in this thread? You can try to", "force a refresh",
         " ", "Keep Current with Ada Harbour", f"More from {handle}"],
        ["Missing some Tweet in this thread? You can try to"],
    ]))
    return header, footer


@st.composite
def _unknown(draw: st.DrawFn, handle: str) -> tuple[list[str], list[str]]:
    """A reader site no profile knows, in the shapes such sites print. (A comments heading
    never opens its footer: below a thread's last post that is a post's own page, one post
    and its comments, on every real page that has one; clean.Cleaned.post_page.)"""
    head = draw(st.sampled_from([[], ["Rollup · read later"], ["Home | Threads | About"]]))
    tail = draw(st.lists(st.sampled_from([
        f"Get more threads from {handle} on Rollup", "Share this thread", "Comments",
        "© 2024 Rollup", "Rollup 2024 | About | Terms | Privacy"]), max_size=3, unique=True)
        .filter(lambda lines: lines[:1] != ["Comments"]))
    return head, tail


_BIO = "Keeper of lights, now retired."


@st.composite
def _scrolly(draw: st.DrawFn, handle: str) -> tuple[list[str], list[str]]:
    header = ["Ada Harbour Profile picture", _BIO,
              draw(st.sampled_from(["May 2, 2022, {count} tweets", "May 2 {count} tweets"]))]
    footer = ["Share this Scrolly Tale with your friends.",
              "A Scrolly Tale is a new way to read Twitter threads with a more visually"
              " immersive experience.", "Discover more beautiful Scrolly Tales like this.",
              "Keep scrolling"]
    return header, footer[:draw(st.integers(1, len(footer)))]


_THREADER_TIP = ("Tip: mention @threader_app on a Twitter thread with the keyword “compile” to"
                 " get a link to it.")


@st.composite
def _threader(draw: st.DrawFn, handle: str) -> tuple[list[str], list[str]]:
    footer = [f"You can follow {handle}.", "", _THREADER_TIP, "", "Enjoy Threader? Sign up."]
    keep = draw(st.integers(1, len(footer)))
    whole = keep == len(footer)
    footer = footer[:keep]
    # Below the whole footer, a line no rule knows (the site's plea for support, made up
    # here): the site's, as nothing below its footer is the thread's.
    if whole and draw(st.booleans()):
        footer += ["", "Threader is made by two people; keep it free by buying them a coffee."]
    # The copy stopped inside its last line: known as the footer's below a whole footer line
    # (a lone cut line is, only where the line's end varies: twtext's generator).
    if keep > 1 and footer[-1] and draw(st.booleans()):
        footer[-1] = footer[-1][:draw(st.integers(min(len(footer[-1]), 16), len(footer[-1])))]
    # The older byline, without "+ Your Authors", says nothing of threader: only where the
    # footer's own lines do (its tip names @threader_app) is the page known as threader's.
    older = any("@threader" in line for line in footer) and draw(st.booleans())
    header = [f"Ada Harbour {handle} Keeper of lights. Jul. 07, 2020 1 min read" if older
              else f"Ada Harbour+ Your Authors {handle} Keeper of lights. Jul. 07, 2020 1 min"
                   " read + Your Authors"]
    return header, footer


@st.composite
def _rejoined(draw: st.DrawFn, chrome: list[str]) -> list[str]:
    """The site's lines as a copy may have them: two joined into one (the newline between
    them lost, a space or nothing left), or one broken in two at a space, or as printed.
    (Not the author's bio, which no rule knows: a line joined to it is not only the site's;
    nor the last line broken, which a copy may have cut too.)"""
    filled = [i for i, line in enumerate(chrome) if line.strip() and line != _BIO]
    how = draw(st.sampled_from(["as printed", "joined", "broken"]))
    pairs = [i for i in filled if i + 1 in filled]
    filled = filled[:-1]
    if how == "joined" and pairs:
        i = draw(st.sampled_from(pairs))
        glue = draw(st.sampled_from([" ", ""])) if chrome[i].rstrip()[-1:] in ".!?:" else " "
        return [*chrome[:i], f"{chrome[i]}{glue}{chrome[i + 1].strip()}", *chrome[i + 2:]]
    spaced = [i for i in filled if " " in chrome[i].strip()]
    if how == "broken" and spaced and len(filled) > 1:
        i = draw(st.sampled_from(spaced))
        line = chrome[i].strip()
        cut = draw(st.sampled_from([k for k, c in enumerate(line) if c == " "]))
        return [*chrome[:i], line[:cut], line[cut + 1:], *chrome[i + 1:]]
    return chrome


_SITES = {"twtext": (_twtext, "\n", 2), "threadreaderapp": (_thread_reader, "\n", 2),
          "threadreaderapp-scrolly": (_scrolly, "\n\n", 1), "threader": (_threader, "\n\n", 1),
          None: (_unknown, "\n\n", 1)}


@st.composite
def _rendered(draw: st.DrawFn) -> tuple[str, str | None, list[str], list[str], list[str], str]:
    site = draw(st.sampled_from(list(_SITES)))
    chrome, between, paragraphs = _SITES[site]
    handle = "@" + draw(st.sampled_from(["adaharbour", "keeper_77", "LampWatch"]))
    posts = draw(_posts(paragraphs, 2, 7))
    numbering = draw(st.sampled_from(_NUMBERINGS))
    written, markers = _numbered(posts, numbering)
    head, tail = draw(chrome(handle))
    head = [line.replace("{count}", str(len(posts))) for line in head]  # the header's "N tweets"
    if site is not None:
        head, tail = draw(_rejoined(head)), draw(_rejoined(tail))
    inside = "\n\n" if between == "\n" else "\n"  # a paragraph break inside a post
    body = between.join(inside.join(p) for p in written)
    text = "\n".join([*head, body, *tail]) + draw(st.sampled_from(["", "\n"]))
    return (text, site, ["\n\n".join(p) for p in posts], markers,
            [line.strip() for line in head + tail if line.strip()], handle)


@pytest.mark.slow
@given(_rendered())
@settings(max_examples=300, deadline=None)
def test_known_posts_come_back_from_every_layout(case: tuple[str, str | None, list[str],
                                                              list[str], list[str], str]) -> None:
    text, site, posts, markers, chrome, handle = case
    thread = unroll.parse(text)
    if not chrome:
        # Nothing of the site is left to recognise it by: the text must say how it is
        # delimited, and where a copy has as many paragraph breaks as post breaks and no
        # markers ("A\n\nB\nC\n\nD"), it cannot: either reading is a thread.
        site = None
        body = text.strip()
        blank_gaps = body.count("\n\n")
        if not markers and blank_gaps >= body.count("\n") - 2 * blank_gaps:
            return
    assert thread.site == site
    assert [p.text for p in thread.posts] == posts
    if markers:
        assert [p.marker for p in thread.posts] == markers
        assert [p.n for p in thread.posts] == list(range(1, len(posts) + 1))
    assert [r.text for r in thread.removed] == chrome
    if any(handle in line for line in chrome):
        assert thread.author is not None and thread.author.handle == handle


@st.composite
def _framed(draw: st.DrawFn) -> tuple[str, list[str], str, bool]:
    """A Bonfire discussion page: every post framed by its author's name and handle line
    above and its action links below, blank lines between its paragraphs; later posts may be
    other people's comments under their own handle; the copy may lose the blank lines round
    a post or the name, begin at the first post's text, or stop inside the last post."""
    handle = "@" + draw(st.sampled_from(["ada@harbour.example", "keeper_77@lamps.example"]))
    posts = draw(_posts(3, 1, 6))
    others = [k > 0 and draw(st.integers(0, 3)) == 0 for k in range(len(posts))]
    when = f"activity timestamp {draw(st.integers(1, 11))} months ago"
    space = draw(st.sampled_from([[""], []]))  # a copy may lose the blank lines round a post
    named = draw(st.sampled_from([[""], []]))  # or gain them round the display name
    lines = ["Discussion", "Loading...", "", "Post", "", "Log in", "  • About",
             "  • Privacy", "  • About Bonfire"]
    for k, paragraphs in enumerate(posts):
        flag = "  • Flag this post" if k == 0 else "  • Flag this comment"
        name, who = ("Bob Stone", "@bob@stones.example") if others[k] else ("Ada Harbour", handle)
        lines += [*(named if k else []), name, *named, f"{who}  ·  {when}", *space,
                  "\n\n".join(paragraphs), *space, "  • Copy link", flag, "  • Block"]
    # The copy may begin at the first post's text, where the next handle is the author's
    # (were it another's, nothing in the copy would say whose the thread is).
    if len(posts) > 1 and not others[1] and draw(st.booleans()):
        lines = lines[lines.index(f"{handle}  ·  {when}") + 1:]
    texts = ["\n\n".join(p) for p in posts]
    if draw(st.booleans()):  # the copy stops in the last post, or before its links
        last = texts[-1]
        texts[-1] = last[:draw(st.integers(len(last) // 2, len(last)))].rstrip()
        lines = [*"\n".join(lines).rsplit(last, 1)[0].split("\n"), texts[-1]]
    own = [text for text, other in zip(texts, others, strict=True) if not other and text]
    return "\n".join(lines) + "\n", own, handle, any(others)


@given(_framed())
@settings(max_examples=150, deadline=None)
def test_a_sites_frames_part_its_posts_and_their_paragraphs_stay(
        case: tuple[str, list[str], str, bool]) -> None:
    text, posts, handle, replies = case
    thread = unroll.parse(text)
    assert thread.site == "bonfire"
    assert [p.text for p in thread.posts] == posts
    assert thread.author is not None and thread.author.handle == handle
    assert ("replies" in {w.code for w in thread.warnings}) == replies
    kept = " ".join([p.text for p in thread.posts] + [r.text for r in thread.removed]).split()
    assert sorted(kept) == sorted(text.split())
