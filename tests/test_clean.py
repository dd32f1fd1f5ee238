"""The clean stage's shortcuts find what its plain loops found: the first rule that matches
a line (one tagged match, not a match per rule), the line that ends the thread and the
footer's anchor (lines matched in C, not in a loop)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import ROOT, SAMPLES, SHARED_INPUTS

import unroll
from unroll import clean
from unroll.sites import PROFILES, LineRule, SiteProfile
from unroll.sites.profile import JOINED_LONGEST, SEAM, rule


def _parts(line: str, rules: tuple[LineRule, ...]) -> list[LineRule] | None:
    """profile.line_parts, plainly: each rule in turn on the whole line, else every way to
    cut it at a seam into joinable rules' lines, each rule in turn (no guard, no memo)."""
    text = line.strip()
    for candidate in rules:
        if candidate.pattern.fullmatch(text):
            return [candidate]
    parted = [candidate for candidate in rules if not candidate.whole]
    if len(text) > JOINED_LONGEST:
        return None

    def joined(at: int) -> list[LineRule] | None:
        for seam in SEAM.finditer(text, at + 1):
            for candidate in parted:
                if not candidate.pattern.fullmatch(text, at, seam.start()):
                    continue
                rest = next((c for c in parted if c.pattern.fullmatch(text, seam.end())), None)
                if rest is not None:
                    return [candidate, rest]
                more = joined(seam.end())
                if more is not None:
                    return [candidate, *more]
                break  # (the first rule that knows the part, as the tagged match takes)
        return None

    return joined(0)


def _rule_for(line: str, rules: tuple[LineRule, ...]) -> LineRule | None:
    """clean._rule_for as it was: each rule in turn (on the parts of a joined line)."""
    parts = _parts(line, rules)
    return parts[0] if parts else None


def _end_anchor(lines: list[str], profile: SiteProfile, start: int) -> int:
    for i in range(start, len(lines)):
        parts = _parts(lines[i], profile.rules)
        if profile.end and parts and parts[0] in profile.end:
            return i
    return len(lines)


def _footer_start(lines: list[str], rules: tuple[LineRule, ...]) -> int:
    """clean.footer_start as it was: every line above the block through _rule_for. (Its
    helpers are clean's own: they did not change, and _rule_for is held equal below.)"""
    start = clean._cut_last(lines, rules)
    while start > 0 and (not lines[start - 1].strip() or clean._known(lines, start - 1, rules)
                         or clean._cut_rule(lines[start - 1], rules)):
        start -= 1
    for i in range(start - 1, -1, -1):
        parts = _parts(lines[i], rules)
        if parts is None or not any(found.anchor for found in parts):
            continue
        if clean._all_footer_until_list(lines, i, start, rules):
            return clean._extend_up(lines, i, rules)
        top = clean._footer_run(lines, i, rules)
        if top is not None:
            return top
        break
    return clean._extend_up(lines, start, rules) if start < len(lines) else start


FILES = [*SAMPLES, *sorted((ROOT / "tests" / "fixtures" / "sites").glob("*.txt")),
         *(p for p in SHARED_INPUTS if p.suffix == ".txt")]
LINES = sorted({line for path in FILES
                for line in path.read_text(encoding="utf-8", errors="replace").splitlines()}
               | {"", "   ", "\t", "You can follow @ann.", "  Latest Threads Unrolled:  ",
                  "• • •", "PDF", "Keep scrolling", "Enjoy Threader? Sign up.",
                  "Some thread text 3/9", "Read all threads"})


RULE_LINES = [line for line in LINES
              if any(_rule_for(line, profile.rules) for profile in PROFILES)]
"""The lines some rule knows: drawn as often as the rest, so that footers form."""


def test_the_lines_hold_a_line_of_every_rule() -> None:
    """Without them the tests below would compare misses only."""
    rules = {rule for profile in PROFILES for rule in profile.rules}
    known = {_rule_for(line, profile.rules) for line in LINES for profile in PROFILES}
    assert len(known & rules) >= len(rules) // 2


def test_the_first_rule_that_matches_is_found_in_one_match() -> None:
    for profile in PROFILES:
        for rules in (profile.rules, profile.footer, profile.header, profile.end):
            for line in LINES:
                assert clean._rule_for(line, rules) is _rule_for(line, rules), (line, rules)


@pytest.mark.slow
@given(st.lists(st.sampled_from(RULE_LINES) | st.sampled_from(LINES), max_size=40),
       st.integers(0, 40))
@settings(max_examples=1000, deadline=None)
def test_the_end_and_the_footer_are_found_as_the_loops_found_them(lines: list[str],
                                                                  start: int) -> None:
    start = min(start, len(lines))
    for profile in PROFILES:
        assert clean.end_anchor(lines, profile, start) == _end_anchor(lines, profile, start)
        for rules in (profile.footer, profile.rules):
            assert clean.footer_start(lines, rules) == _footer_start(lines, rules)


def test_rules_with_groups_of_their_own_are_told_apart() -> None:
    """Each rule's alternative is found by its own group, whatever groups the rules hold."""
    from unroll.sites.profile import rule

    rules = (rule("t.one", r"(x)(y+)z"), rule("t.two", r"(?P<handle>@\w+) (q|r)"),
             rule("t.three", r"x(y)z|w"))
    for line, expected in (("xyz", 0), ("xyyz", 0), ("@ann r", 1), ("w", 2), ("v", None)):
        found = clean._rule_for(line, rules)
        assert found is (None if expected is None else rules[expected])
        assert found is _rule_for(line, rules)


@pytest.mark.parametrize("kept", [37, 60, 16])
def test_a_footer_cut_short_by_the_copy_is_still_footer(kept: int) -> None:
    """A copy that stops inside the footer's last line (seen on real twtext pages)."""
    tip = ("Tip: mention @twtextapp on a Twitter thread with the keyword “unroll” to get a link"
           " to it.")
    text = f"First post of the thread.\nSecond post.\nYou can follow @someone.\n{tip[:kept]}"
    thread = unroll.parse(text, site="twtext")
    assert [p.text for p in thread.posts] == ["First post of the thread.", "Second post."]
    assert [(r.text, r.rule) for r in thread.removed] == [
        ("You can follow @someone.", "twtext.follow"), (tip[:kept].strip(), "twtext.tip.cut")]
    assert thread.author is not None and thread.author.handle == "@someone"


def test_a_copy_that_stopped_inside_a_sites_fixed_line_names_the_site() -> None:
    """Its last line a start of the site's line, CUT_MINIMUM characters in and inside a word,
    with none of the site's words above it (Mastodon's end line); fewer characters, or a
    line that ends with a word, stay a post."""
    thread = unroll.parse("First post of mine.\n\nSecond post of mine.\n\n"
                          "Sign in to participate in th\n")
    assert thread.site == "mastodon"
    assert [(r.text, r.rule) for r in thread.removed] == [
        ("Sign in to participate in th", "mastodon.sign-in.cut")]
    for own in ("Sign in to pa", "Sign in to participate in the", "Practice here first"):
        kept = unroll.parse(f"First post of mine.\n\nSecond post of mine.\n\n{own}\n")
        assert kept.site is None and kept.posts[-1].text == own


def test_a_footer_line_broken_in_two_and_then_cut_is_still_footer() -> None:
    thread = unroll.parse("First post of the thread.\nSecond post.\nYou can follow @someone."
                          "\nTip:\nmention @twtextapp on\n")
    assert thread.site == "twtext"
    assert [p.text for p in thread.posts] == ["First post of the thread.", "Second post."]
    assert thread.author is not None and thread.author.handle == "@someone"


def test_a_short_line_like_the_start_of_a_footer_stays_a_post() -> None:
    thread = unroll.parse("First post of the thread.\nTip: mention\n", site="twtext")
    assert [p.text for p in thread.posts] == ["First post of the thread.", "Tip: mention"]


def test_a_rule_must_match_its_own_example() -> None:
    with pytest.raises(ValueError, match="example"):
        rule("x.y", r"Keep reading", example="Keep reading now")


def test_the_last_line_cut_a_few_characters_in_is_footer_below_a_footer_line() -> None:
    footer = "You can follow @someone.\n\nTip: mention @threader_app on a Twitter thread with" \
             " the keyword “compile” to get a link to it."
    thread = unroll.parse(f"First post.\n\nSecond post.\n{footer}\n\nEnjoy Thre", site="threader")
    assert [p.text for p in thread.posts] == ["First post.", "Second post."]
    assert thread.removed[-1].text == "Enjoy Thre"
    alone = unroll.parse("First post.\n\nEnjoy Thre", site="threader")
    assert [p.text for p in alone.posts] == ["First post.", "Enjoy Thre"]
    # Alone, a start of the footer's first line (LAST_CUT characters, two words) is the
    # footer's too, and names the site; one word or fewer characters stay the thread's.
    for site in ("threader", "twtext"):
        early = unroll.parse("First post.\n\nYou can fo", site=site)
        assert [(r.text, r.rule) for r in early.removed] == [("You can fo", f"{site}.follow.cut")]
    scrolly = unroll.parse("Ada Profile picture\nDec 22, 2021, 2 tweets\n\nFirst post.\n\n"
                           "Second post.\n\nShare thi", site="threadreaderapp-scrolly")
    assert [p.text for p in scrolly.posts] == ["First post.", "Second post."]
    assert scrolly.removed[-1].rule == "threadreaderapp-scrolly.share.cut"
    for kept in ("You", "You c", "Lat"):
        assert unroll.parse(f"First post.\n\n{kept}", site="threader").posts[-1].text == kept
    found = unroll.parse("First post.\nSecond post.\nYou ca\n")
    assert (found.site, [p.text for p in found.posts]) == ("twtext", ["First post.",
                                                                      "Second post."])
    # With none of the site's words above it, a line that ends with a word is the post's own
    # ("You can"): only a stop inside a word names the site.
    for own in ("You can", "You can follow"):
        thread = unroll.parse(f"First post.\nSecond post.\n{own}\n")
        assert thread.site is None and thread.posts[-1].text == own
    three = unroll.parse("First post.\nSecond post.\nYou can follow @someone.\n\nLat",
                         site="twtext")
    assert [p.text for p in three.posts] == ["First post.", "Second post."]
    assert [r.text for r in three.removed] == ["You can follow @someone.", "Lat"]


def test_replies_below_a_status_are_the_pages_not_the_threads() -> None:
    """A status page prints the replies below the thread, each a block opening with the
    mention of whom it answers: the site's, in `removed` as replies, word for word."""
    thread = ["Why the north light went dark: a short history.", "",
              "It was lit in 1871 and automated in 1958.", ""]
    replies = ["@adaharbour I grew up by that light, thank you for this.", "",
               "@adaharbour@harbour.example The keepers' logbooks are in the museum now.",
               "Worth a visit.", ""]
    parsed = unroll.parse("\n".join(thread + replies), site="generic")
    assert [p.text for p in parsed.posts] == [line for line in thread if line]
    assert [(r.text, r.rule) for r in parsed.removed] == [
        (line, "generic.reply") for line in replies if line]
    assert [w.code for w in parsed.warnings if w.code == "replies"] == ["replies"]


def test_a_reply_conversation_whose_answers_follow_one_another_is_the_pages() -> None:
    """A reply's mention alone on its line, the author's answer right under the reply's
    text, no blank line between: the conversation below the status is still the page's."""
    thread = ["Why the north light went dark: a short history.", "",
              "It was lit in 1871 and automated in 1958.", ""]
    replies = ["@harbourfan", "But who keeps the logbooks now?",
               "@adaharbour The museum does, I think.", "", "@harbourfan yes, since 1990."]
    parsed = unroll.parse("\n".join(thread + replies) + "\n", site="generic")
    assert [p.text for p in parsed.posts] == [line for line in thread if line]
    assert [r.text for r in parsed.removed] == [line for line in replies if line]


def test_replies_to_the_author_one_a_line_are_the_pages() -> None:
    """Replies one a line, most of them opening with the same mention (the author's), no
    blank line between them: the page's; a list of handles names a different one a line."""
    thread = ["The north light's logbooks are online from today.", "",
              "Every storm from 1871 to 1958, page by page.", ""]
    replies = ["@adaharbour Wonderful, my grandfather kept that light.",
               "@adaharbour Which years are the pages with the drawings?",
               "@harbourfan @adaharbour Those are from the 1890s, I think.",
               "@adaharbour Is there an index of the ships?"]
    parsed = unroll.parse("\n".join([*thread, *replies]) + "\n", site="generic")
    assert [p.text for p in parsed.posts] == [line for line in thread if line]
    assert [r.text for r in parsed.removed] == replies


def test_one_reply_below_a_status_is_the_pages() -> None:
    """One mention-led block at the page's end, after a blank line, answers the status: the
    site's; a block of mentions alone there is the author's credits, and stays."""
    thread = ["Why the north light went dark: a short history.", "",
              "It was lit in 1871 and automated in 1958.", "", ""]
    reply = "@harbourfan the lamp room is open to visitors on Sundays, by the way."
    parsed = unroll.parse("\n".join([*thread, reply, "", ""]), site="generic")
    assert [p.text for p in parsed.posts] == [line for line in thread if line]
    assert [(r.text, r.rule) for r in parsed.removed] == [(reply, "generic.reply")]
    credits = unroll.parse("\n".join([*thread[:3], "With thanks to the museum and to:", "",
                                      "@harbourfan @lockkeepers ", ""]), site="generic")
    assert not credits.removed and credits.posts[-1].text.endswith("@lockkeepers")


@pytest.mark.parametrize("text", [
    # handles as the names in a list, one a line: the author's posts
    "My records of the year:\n@harbourband / the best of them.\n@tidesmusic / a close second."
    "\n@lockkeepers / the surprise.\nSee you next year.",
    # the author answering someone the thread names, live
    "Live from the council meeting with @reporter.\n\n@reporter The vote is at six.\n\n"
    "@reporter It passed.",
])
def test_lines_opening_with_mentions_that_are_the_authors_stay(text: str) -> None:
    parsed = unroll.parse(text + "\n", site="generic")
    assert not [r for r in parsed.removed if r.rule.endswith(".reply")]


@pytest.mark.parametrize(("line", "facts"), [
    ("Jun 2, 2023, 18:01 · · Web · 3 · 12 · 1.2K", True),
    ("· · Web · 1 · 2 · 11", True),
    ("Jun 2, 2023, 18:01 · Edited · Public · Ivory for iOS · 0 · 4 · 19", True),
    ("Tea · cake · 3 · 4 pm", False),
    ("Scores: 1 · 2 · 3", False),
])
def test_a_status_facts_line_is_known_among_the_posts(line: str, facts: bool) -> None:
    """Mastodon prints a status's time, client and counts below it, among the thread's posts:
    the line goes wherever it stands, and a line of the author's like it stays."""
    text = f"First post on the tides.\n\n{line}\n\nSecond post on the storms.\n"
    thread = unroll.parse(text, site="mastodon")
    assert [r.rule for r in thread.removed] == (["mastodon.status-facts"] if facts else [])
    assert len(thread.posts) == (2 if facts else 3)


_POSTS = ["The harbour lamps were lit at dusk.", "The keeper climbed the stairs.",
          "By morning the fog had lifted."]
_TIP = "Tip: mention @twtextapp on a Twitter thread with the keyword “unroll” to get a link to it."


@pytest.mark.parametrize("footer", [
    [f"You can follow @ada. {_TIP}", "", "Latest Threads Unrolled:"],  # joined, a space
    [f"You can follow @ada.{_TIP} Latest Threads Unrolled:"],  # joined, no space
    ["You can follow", "@ada.", _TIP[:_TIP.index(" thread")],  # broken, each in two
     _TIP[_TIP.index(" thread") + 1:], "", "Latest Threads Unrolled:"],
    [f"You can follow @ada. {_TIP[:30]}"],  # joined, and the copy stopped inside the tip
    ["You", "can follow @ada."],  # the only line of the site's, broken: still the site's
])
def test_footer_lines_a_copy_joined_or_broke_are_still_the_footer(footer: list[str]) -> None:
    thread = unroll.parse("\n".join([*_POSTS, *footer]) + "\n")
    assert thread.site == "twtext"
    assert [p.text for p in thread.posts] == _POSTS
    assert [r.text for r in thread.removed] == [line for line in footer if line]
    assert thread.author is not None and thread.author.handle == "@ada"


def test_a_thread_readers_header_joined_or_broken_is_still_its_header() -> None:
    """The name line and the count line as one line, or the count line in two: the header,
    and its count still says how many posts a whole copy has."""
    end = ["• • •", "Missing some Tweet in this thread? You can try to force a refresh"]
    for head in (["Ada Harbour Profile picture Feb 1 3 tweets 2 min read Read on X"],
                 ["Ada Harbour Profile picture", "Feb 1 3 tweets", "2 min read Read on X"]):
        thread = unroll.parse("\n".join([*head, *_POSTS, *end]) + "\n")
        assert thread.site == "threadreaderapp"
        assert [p.text for p in thread.posts] == _POSTS
        assert [r.text for r in thread.removed] == [*head, *end]
        stated = clean.stated_posts(thread.removed, thread_profile("threadreaderapp"))
        assert stated is not None and (stated.posts, stated.whole) == (3, True)
    broken = unroll.parse("\n".join([*_POSTS, "•", "• •", "", end[1]]) + "\n")
    assert [p.text for p in broken.posts] == _POSTS


def thread_profile(name: str) -> SiteProfile:
    return next(profile for profile in PROFILES if profile.name == name)


@pytest.mark.parametrize("line", [
    "Thanks for reading! You can follow @ada. for more",  # the site's words, then the post's
    "You can follow @ada. It is worth it.",
    "Read all threads about it here",
])
def test_a_post_that_quotes_the_sites_words_among_its_own_stays_a_post(line: str) -> None:
    thread = unroll.parse("\n".join([*_POSTS, line, "You can follow @ada.", _TIP]) + "\n")
    assert [p.text for p in thread.posts] == [*_POSTS, line]


def test_a_copy_that_stopped_inside_the_follow_line_keeps_no_footer_in_its_posts() -> None:
    """A handle cut short on the copy's last line is the footer's; the same words as a post's
    line above the footer, or amid the posts, stay the author's."""
    cut = unroll.parse("\n".join([*_POSTS, "You can follow @ad"]))
    assert cut.site == "twtext" and [p.text for p in cut.posts] == _POSTS
    assert [(r.text, r.rule) for r in cut.removed] == [("You can follow @ad", "twtext.follow.cut")]
    above = unroll.parse("\n".join([*_POSTS, "You can follow @ada", "You can follow @bo.", _TIP]))
    assert [p.text for p in above.posts] == [*_POSTS, "You can follow @ada"]
    amid = unroll.parse("\n".join([_POSTS[0], "You can follow @ada", *_POSTS[1:]]))
    assert [p.text for p in amid.posts] == [_POSTS[0], "You can follow @ada", *_POSTS[1:]]


@pytest.mark.parametrize(("text", "site"), [
    ("\n\n".join([*_POSTS, "Share this Scrolly Tale wi"]), "threadreaderapp-scrolly"),
    ("\n".join(["Ada Harbour Profile picture", "Feb 1 3 tweets 2 min read Read on X", *_POSTS,
                "Missing some Tweet in th"]), "threadreaderapp"),
])
def test_a_copy_that_stopped_inside_the_line_that_ends_the_thread_ends_there(
        text: str, site: str) -> None:
    thread = unroll.parse(text)
    assert thread.site == site
    assert [p.text for p in thread.posts] == _POSTS
    assert thread.removed[-1].rule.endswith(".cut")


_HEAD = "Jane Doe @jane\nJun 14 5 tweets 1 min read\n"
_END = "• • •\nMissing some Tweet in this thread? You can try to\nforce a refresh\n"


@pytest.mark.parametrize(("text", "kept"), [
    # A post's line beside a whole footer line whose rule takes any words before it: the
    # two are not one broken line of the site's.
    (_HEAD + "First post.\nSecond post.\nSee you soon!\nJane Doe Profile picture\n"
     "Stay in touch and get notified when new unrolls are available from this author!\n",
     ["First post.", "Second post.", "See you soon!"]),
    # (At the end of a copy without Thread Reader's end line: above one, footer lines are
    # posts' lines, profile.footer_below_end.)
    (_HEAD + "First post.\nThird post.\nFollow me Profile picture\n",
     ["First post.", "Third post."]),
    # An end line's words joined to a post's that another rule of the header would take:
    # not the end of the thread.
    # (the "• " opening it is a bullet: the line goes on the post above)
    (_HEAD + "First post here.\n• • • Part two: and now a long line that goes on for quite a"
     " while, so thanks go to @bob\nThird post is long.\n" + _END,
     ["First post here.\n• • • Part two: and now a long line that goes on for quite a"
      " while, so thanks go to @bob", "Third post is long."]),
])
def test_rules_that_take_any_words_read_no_post_as_a_joined_or_broken_line(
        text: str, kept: list[str]) -> None:
    """The review's cases: "NAME Profile picture" and "NAME @handle" are known only whole."""
    assert [p.text for p in unroll.parse(text).posts] == kept


def test_a_mastodon_name_takes_no_post_line_below_it() -> None:
    head = ("mstdn.example is one of the many independent Mastodon servers you can use to"
            " participate in the fediverse.\nAdministered by:\nServer stats:\n16K\nactive users\n"
            "Jane Doe\n")
    thread = unroll.parse(head + "Update\nBig news: we shipped it.\n\nSecond post here.\n\n"
                          "Sign in to participate in the conversation\n")
    assert [p.text for p in thread.posts] == ["Update\nBig news: we shipped it.",
                                              "Second post here."]


def test_an_other_threads_lines_broken_in_two_name_no_author() -> None:
    thread = unroll.parse("A.\nB.\nC.\n" + _END + "Bob Smith\n@bob\nJun 3\nSome other thread"
                          " about cats\nRead 12 tweets\n")
    assert [p.text for p in thread.posts] == ["A.", "B.", "C."]
    assert thread.author is None


def test_headers_and_end_lines_joined_with_lines_known_only_whole_are_still_the_sites() -> None:
    """A name line is known only whole, but the header's closing line after it, and an end
    line before it, are the site's with it: "NAME Profile picture Jun 14 ...", "Sign in to
    participate in the conversation SERVER NAME"."""
    header = unroll.parse("Ada Harbour Profile picture Feb 1 3 tweets 2 min read Read on X\n"
                          + "\n".join(_POSTS) + "\n")  # (no footer: the header alone)
    assert header.site == "threadreaderapp" and [p.text for p in header.posts] == _POSTS
    head = ("mstdn.example is one of the many independent Mastodon servers you can use to"
            " participate in the fediverse.\nAdministered by:\nServer stats:\n16K\nactive users\n"
            "Jane Doe\n")
    end = unroll.parse(head + "\n\n".join(_POSTS) + "\n\nSign in to participate in the"
                       " conversation Harbour Folk\nA server for lamp keepers.\n")
    assert [p.text for p in end.posts] == _POSTS


def test_an_end_line_joined_with_the_start_of_a_line_the_copy_stopped_in() -> None:
    """The copy's last line: Thread Reader's end line and the start of its refresh prompt
    joined ("• • • Missing some Tweet i"); the same with a post's words after it is a post."""
    cut = unroll.parse("\n".join(_POSTS) + "\n• • • Missing some Tweet i\n",
                       site="threadreaderapp")
    assert [p.text for p in cut.posts] == _POSTS
    assert [r.text for r in cut.removed] == ["• • • Missing some Tweet i"]
    above = unroll.parse("\n".join(_POSTS) + "\n• • • Missing some Tweet i\nA post.\n",
                         site="threadreaderapp")
    assert not above.removed and "• • • Missing some Tweet i" in above.posts[-2].text


def test_a_text_is_not_a_sites_for_two_of_its_lines_that_a_name_rule_takes_whole() -> None:
    """Below the head, a line and the next are read as one broken line of the site's only by
    rules whose lines may be parts: "NAME @handle" takes any words before a mention."""
    lines = ["It was a 5 min read, they said.", *(f"Post {n} of mine." for n in range(1, 11)),
             "Thanks go to my friends", "@bob", "See you all."]
    assert unroll.parse("\n".join(lines) + "\n").site is None


def test_the_author_of_a_header_whose_name_line_and_count_line_a_copy_joined() -> None:
    head = "Profile picture\nAda Harbour @ada , 3 tweets, 4 min read Read on Twitter\n"
    thread = unroll.parse(head + "\n".join(_POSTS) + "\n")
    assert thread.site == "threadreaderapp" and [p.text for p in thread.posts] == _POSTS
    assert thread.author is not None and thread.author.handle == "@ada"


def test_the_author_of_a_header_whose_name_line_a_copy_broke_in_two() -> None:
    head = "Profile picture\nAda Harbour\n@ada\n, 3 tweets, 4 min read Read on Twitter\n"
    thread = unroll.parse(head + "\n".join(_POSTS) + "\n")
    assert [p.text for p in thread.posts] == _POSTS
    assert thread.author is not None and thread.author.handle == "@ada"


def test_a_cards_counts_placeholders_and_time_among_the_posts_of_an_unknown_site() -> None:
    """A reader no profile knows prints each post as a card: its counts one a line, an
    "Avatar" where a picture was, the post's time. They are the site's wherever they stand,
    and each row of counts parts the posts above and below it, as the card did."""
    text = "\n".join([
        "Avatar", "The harbour light was lit in 1871.", "52", "140", "2,075",
        "It was automated in 1958 and the keepers left.", "23", "7", "0",
        "Mar 3, 2022 · 9:15 AM UTC", "The logbooks are in the museum now.",
        "11:20 PM - Jan 5, 2023", "Post image", "Jun 2, 2024 09:05",
        "in reply to Ada Harbour", "3 days ago", "In response to Ada Harbour.",
        "Reposted from Ada Harbour", "avatar", "jun 2, 2024, 9:05 am • 1,204 37",
        "312 followers88 following1.4k posts"])
    parsed = unroll.parse(text, site="generic")
    assert [p.text for p in parsed.posts] == [
        "The harbour light was lit in 1871.", "It was automated in 1958 and the keepers left.",
        "The logbooks are in the museum now."]
    assert [(r.text, r.rule) for r in parsed.removed] == [
        ("Avatar", "generic.placeholder"), ("52", "generic.count"), ("140", "generic.count"),
        ("2,075", "generic.count"), ("23", "generic.count"), ("7", "generic.count"),
        ("0", "generic.count"),
        ("Mar 3, 2022 · 9:15 AM UTC", "generic.card-time"),
        ("11:20 PM - Jan 5, 2023", "generic.card-time"), ("Post image", "generic.placeholder"),
        ("Jun 2, 2024 09:05", "generic.card-time"),
        ("in reply to Ada Harbour", "generic.reply-context"), ("3 days ago", "generic.card-time"),
        ("In response to Ada Harbour.", "generic.reply-context"),
        ("Reposted from Ada Harbour", "generic.repost"), ("avatar", "generic.placeholder"),
        ("jun 2, 2024, 9:05 am • 1,204 37", "generic.card-time"),
        ("312 followers88 following1.4k posts", "generic.profile-stats")]


@pytest.mark.parametrize(("text", "number"), [
    # a number alone between the author's markers: the one the slash was left off
    ("The light was lit in 1871. 4/\nIt was automated in 1958. 5/\n6\nThe keepers left. 7/",
     "6"),
    # a countdown, one number a line
    ("The launch went ahead at noon.\n3\n2\n1\nAnd it was gone.", "2"),
    # a count alone in a sentence's place, and two under one another
    ("Keepers who served there, and years:\n\n12\n87\n\nAll of them are in the logbook.",
     "87"),
    ("How many keepers served there?\n\n12\n\nAll of them are in the logbook.", "12"),
])
def test_a_number_alone_on_its_line_is_the_authors(text: str, number: str) -> None:
    """Only a row of counts is a card's: a number alone on its line may be the author's."""
    parsed = unroll.parse(text + "\n", site="generic")
    assert not parsed.removed
    assert number in [word for p in parsed.posts for word in [p.marker, *p.text.split()]]


@pytest.mark.parametrize("byline", [["Ada Harbour", "@adaharbour.bsky.social"],
                                    ["Ada Harbour @adaharbour.bsky.social"],
                                    ["Ada Harbour", "", "@adaharbour.bsky.social", "",
                                     "14 Tweets 52 reads Mar 3, 2023"]])
def test_a_readers_byline_ends_the_header_of_an_unknown_site(byline: list[str]) -> None:
    """A reader no profile knows prints its name, a banner and the author's initials above
    the byline, the display name and handle, and may count the posts below it: all of it is
    the site's, and the handle is the author's."""
    head = ["HARBOURVIEW", "Profile banner", "AH", *byline]
    posts = ["Why the north light went dark: a short history.",
             "It was lit in 1871 and automated in 1958."]
    parsed = unroll.parse("\n".join([*head, "", posts[0], "", posts[1]]) + "\n", site="generic")
    assert [p.text for p in parsed.posts] == posts
    assert [r.text for r in parsed.removed] == [line for line in head if line]
    assert parsed.author is not None and parsed.author.handle == "@adaharbour.bsky.social"


@pytest.mark.parametrize("above", [
    ["Why the north light went dark.", "It was lit in 1871."],  # sentences
    ["The harbour light was lit in 1871 and automated in 1958 by the board"],  # a long line
])
def test_a_mention_alone_below_the_first_post_is_no_byline(above: list[str]) -> None:
    """A reply's mention alone on its line, under the author's text: not a header's end."""
    parsed = unroll.parse("\n".join([*above, "@harbourfan", "Thanks!"]) + "\n", site="generic")
    assert parsed.author is None
    assert above[0] in parsed.posts[0].text


def test_a_display_name_and_handle_on_the_first_line_are_the_readers_byline() -> None:
    """An archive's or a viewer's page opens with the author's name and handle on one line."""
    parsed = unroll.parse("Ada Harbour @adaharbour\nThe north light was lit in 1871.\n",
                          site="generic")
    assert [p.text for p in parsed.posts] == ["The north light was lit in 1871."]
    assert parsed.author is not None and parsed.author.handle == "@adaharbour"
    assert parsed.author.name == "Ada Harbour"
    told = unroll.parse("Thread: a tip from @adaharbour\nThe north light was lit in 1871.\n",
                        site="generic")
    assert told.author is None and not told.removed


def test_a_first_line_that_ends_in_a_handle_is_a_post() -> None:
    parsed = unroll.parse("Happy Birthday Ada Harbour @adaharbour\nIt was lit in 1871.\n",
                          site="generic")
    assert parsed.posts[0].text == "Happy Birthday Ada Harbour @adaharbour"
    assert parsed.author is None and not parsed.removed


def test_a_line_the_page_prints_twice_at_once_is_the_pages_second_time() -> None:
    """A reader that prints each post's later lines twice, right below the first copy: the
    copy is the page's (`<site>.repeat`); a short line written twice is the author's."""
    lines = ["Six winters at the north light, in a few posts.",
             "The lamp burned paraffin until 1958, four gallons a night.",
             "Every keeper signed the logbook at dusk and again at dawn.",
             "The lamp burned paraffin until 1958, four gallons a night.",
             "Every keeper signed the logbook at dusk and again at dawn.",
             "Then the board sent an electric lamp by boat.",
             "It weighed more than the two keepers put together.",
             "It weighed more than the two keepers put together.",
             "Yes.", "Yes."]
    parsed = unroll.parse("\n".join(lines) + "\n", site="generic")
    assert [(r.text, r.rule) for r in parsed.removed] == [
        (lines[1], "generic.repeat"), (lines[2], "generic.repeat"),
        (lines[6], "generic.repeat")]
    kept = [line for p in parsed.posts for line in p.text.split("\n")]
    assert kept == [*lines[:3], lines[5], lines[6], "Yes.", "Yes."]
