"""Every site profile on inputs of our own (tests/fixtures/sites/): each input beside a
hand-written NAME.expected.json that says what the converter must find."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import unroll

FIXTURES = Path(__file__).parent / "fixtures" / "sites"
CASES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".expected.json"))


def test_every_profile_has_a_fixture() -> None:
    from unroll.sites import PROFILES

    covered = {json.loads(p.with_name(p.name.rsplit(".", 1)[0] + ".expected.json")
                          .read_text(encoding="utf-8"))["site"] for p in CASES}
    assert {p.reported_site for p in PROFILES} <= covered


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_site_fixture(path: Path) -> None:
    expected = json.loads(path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json")
                          .read_text(encoding="utf-8"))
    thread = unroll.parse(path, limit=expected.get("limit"))
    assert thread.site == expected["site"]
    assert (thread.author.handle if thread.author else None) == expected["author"]
    assert [[p.n, p.marker, p.text] for p in thread.posts] == expected["posts"]
    for key in ("url", "title", "date"):
        if key in expected:
            assert getattr(thread, key) == expected[key]
    if "author_name" in expected:
        assert thread.author is not None and thread.author.name == expected["author_name"]
    if "ids" in expected:
        assert [p.id for p in thread.posts] == expected["ids"]
    by_n = {str(p.n): p for p in thread.posts}
    for field, attr in (("images", "images"), ("links", "links")):
        for n, urls in expected.get(field, {}).items():
            assert [item.url for item in getattr(by_n[n], attr)] == urls
    for n, urls in expected.get("quoted", {}).items():
        assert list(by_n[n].quoted) == urls
    removed = [r.text for r in thread.removed]
    if "removed_first" in expected:
        assert removed[: len(expected["removed_first"])] == expected["removed_first"]
    if "removed_last" in expected:
        assert removed[-len(expected["removed_last"]):] == expected["removed_last"]
    if "removed_rules" in expected:
        counts = Counter(r.rule for r in thread.removed)
        assert {rule: counts[rule] for rule in expected["removed_rules"]} == \
            expected["removed_rules"]
    if "warnings" in expected:
        assert sorted({w.code for w in thread.warnings}) == expected["warnings"]


# Thread Reader's header, in each layout seen on real pages (the site's own strings, made-up
# names and posts): the count line with or without a date or its year, a leading comma,
# "Read on X" glued on, "Profile picture" alone, the older "Name @handle" line, and the
# bounds a long or short thread's reading time is printed as.
_TRA_HEADERS = [
    ("Ada Harbour Profile picture", "Mar 16, 2024 21 tweets 4 min read Read on X"),
    ("Ada Harbour Profile picture", "Dec 21, 2021 320 tweets >60 min read Read on X"),
    ("Ada Harbour Profile picture", "Dec 21, 2021 2 tweets <1 min read"),
    ("Ada Harbour Profile picture", "Jul 16 8 tweets 3 min read Twitter logo Read on Twitter"),
    ("Profile picture", "Ada Harbour @adaharbour", ", 11 tweets, 4 min read Read on Twitter"),
    ("My Authors", "Read all threads"),
]


@pytest.mark.parametrize("header", _TRA_HEADERS)
def test_thread_reader_headers_of_every_layout_are_removed(header: tuple[str, ...]) -> None:
    posts = ["The first lamp was lit in 1871.", "The last went out in 1971."]
    footer = ["• • •", "Missing some Tweet in this thread? You can try to force a refresh."]
    thread = unroll.parse("\n".join([*header, *posts, *footer]) + "\n")
    assert thread.site == "threadreaderapp"
    assert [p.text for p in thread.posts] == posts
    assert [r.text for r in thread.removed] == [*header, *footer]
    if "@adaharbour" in " ".join(header):
        assert thread.author is not None and thread.author.handle == "@adaharbour"


def test_a_name_and_handle_line_in_the_thread_is_not_header() -> None:
    text = ("Ada Harbour Profile picture\nMar 16, 2024 2 tweets 1 min read\n"
            "A thread with thanks to @someone\nThe last went out in 1971.\n")
    thread = unroll.parse(text, site="threadreaderapp")
    assert thread.posts[0].text == "A thread with thanks to @someone"


def test_threaders_one_line_byline_and_twtext_like_footer() -> None:
    """The newer threader.app layout (the site's strings; made-up name, bio and posts)."""
    text = ("A site notice above the byline.\n\n"
            "Ada Harbour+ Your Authors @adaharbour Keeper of lights. Jul. 07, 2020 1 min read"
            " + Your Authors\n\nFirst post.\n\nSecond post.\n\nYou can follow @adaharbour.\n\n\n"
            "Tip: mention @threader_app on a Twitter thread with the keyword “compile” to get a"
            " link to it.\n\nEnjoy Threader? Sign up.\n")
    thread = unroll.parse(text)
    assert thread.site == "threader"
    assert [p.text for p in thread.posts] == ["First post.", "Second post."]
    assert thread.author is not None and thread.author.handle == "@adaharbour"
    assert len(thread.removed) == 5


# An unroll site no profile knows (made up, in the shapes such sites print).
_UNKNOWN_HEAD = ["Skip to main content", "Email or username:", "Forgot your password?", "Post",
                 "Rollup · read later", "Home | Threads | About",
                 "3 mars"]
_UNKNOWN_TAIL = ["Get more threads from @adaharbour on Rollup", "Share this thread", "Comments",
                 "© 2024 Rollup", "Rollup 2024 | About | Terms | Privacy"]


def test_an_unknown_sites_head_and_tail_are_removed_and_said() -> None:
    posts = ["The first lamp was lit in 1871.", "The last went out in 1971."]
    thread = unroll.parse("\n".join([*_UNKNOWN_HEAD, *posts, *_UNKNOWN_TAIL]) + "\n")
    assert thread.site is None
    assert [p.text for p in thread.posts] == posts
    assert [r.text for r in thread.removed] == [*_UNKNOWN_HEAD, *_UNKNOWN_TAIL]
    assert thread.author is not None and thread.author.handle == "@adaharbour"
    assert [w.code for w in thread.warnings] == ["unknown-site"]


@pytest.mark.parametrize("head", ["Marathon 5", "May 2021", "12 tips for the coast"])
def test_a_first_line_that_is_no_date_stays(head: str) -> None:
    thread = unroll.parse(f"{head}\nThe first lamp was lit in 1871.\n")
    assert thread.posts[0].text == head and not thread.removed


def test_chrome_shapes_in_the_middle_or_written_as_posts_stay() -> None:
    posts = ["Copyright law is broken, and here is why.", "Comments", "Share this thread",
             "It matters | to everyone", "The end."]
    thread = unroll.parse("\n".join(posts) + "\n")
    assert [p.text for p in thread.posts] == posts
    assert thread.removed == [] and thread.warnings == []


def test_a_readers_byline_at_the_head_names_the_author() -> None:
    """Name, handle, bio, date and "N min read" on one line, at the head of an input no
    profile knows (threader's older layout): the reader's, and it names the author."""
    byline = ("Ada Harbour @adaharbour Keeper of the north light • [email hidden]"
              " Jul. 24, 2019 2 min read")
    posts = ["The first lamp was lit in 1871.", "The last went out in 1971."]
    thread = unroll.parse("\n\n".join([byline, *posts]) + "\n")
    assert [p.text for p in thread.posts] == posts
    assert [(r.text, r.rule) for r in thread.removed] == [(byline, "generic.byline")]
    assert thread.author is not None and thread.author.handle == "@adaharbour"
    inside = unroll.parse("\n\n".join([posts[0], byline, posts[1]]) + "\n")
    assert [p.text for p in inside.posts] == [posts[0], byline, posts[1]]


def test_a_more_from_heading_opens_the_sites_list_of_other_threads() -> None:
    """No profile knows the reader, but a heading alone on its line over other threads'
    teasers (a topic's "More from Science") is the site's, with all below."""
    posts = ["The first lamp was lit in 1871.", "The last went out in 1971."]
    teasers = ["Why the tide tables were wrong for a century", "A thread on lock keepers",
               "— Someone Else (@someone) May 2, 2021"]
    for heading in ("More from Science", "More threads from Harbour Lights"):
        thread = unroll.parse("\n".join([*posts, heading, *teasers]) + "\n")
        assert [p.text for p in thread.posts] == posts
        assert [r.text for r in thread.removed] == [heading, *teasers]
    told = ["More from the council: the figures came out today.", "More from Kyiv later",
            "The end."]
    assert [p.text for p in unroll.parse("\n".join(told) + "\n").posts] == told


def test_a_thread_readers_post_count_says_list_numbers_count_items() -> None:
    """The header's "6 tweets", on a copy that reaches the end-of-thread line, is more posts
    than the list numbers reach: they number items, and a picture's second post ("...and")
    is a post of its own. On a copy cut before that line the count says nothing."""
    body = ["Old harbour towns, a century ago (thread):", "", "1. Whitby (1908) Image",
            "...and its swing bridge (1909) Image", "2. Staithes (1910) Image",
            "3. Robin Hood's Bay (1901) Image", "...and its slipway at low tide (1905) Image"]
    head = ["Ada Harbour Profile picture", "Feb 1 6 tweets 2 min read Read on X"]
    whole = unroll.parse("\n".join([*head, *body, "• • •", "Missing some Tweet in this thread?"
                                    " You can try to force a refresh"]) + "\n")
    assert whole.site == "threadreaderapp"
    assert [(p.n, p.marker) for p in whole.posts] == [
        (1, "1."), (2, None), (3, "2."), (4, "3."), (5, None)]
    cut = unroll.parse("\n".join([*head, *body]) + "\n", site="threadreaderapp")
    assert [(p.n, p.marker) for p in cut.posts] == [(1, "1."), (2, "2."), (3, "3.")]


def test_a_thread_readers_post_count_sets_how_many_posts_an_unnumbered_thread_has() -> None:
    """With no marker to fix a boundary, the header's "3 tweets" on a whole copy is the
    count the cut must meet: four lines make three posts, not a post a line. On a copy cut
    before the end-of-thread line the count says nothing, and the lines part as usual."""
    body = ["The harbour lamps were lit at dusk.", "The keeper climbed the stairs.",
            "Storm bells rang all night long.", "By morning the fog had lifted."]
    head = ["Ada Harbour Profile picture", "Feb 1 3 tweets 2 min read Read on X"]
    whole = unroll.parse("\n".join([*head, *body, "• • •", "Missing some Tweet in this thread?"
                                    " You can try to force a refresh"]) + "\n")
    assert whole.site == "threadreaderapp"
    assert len(whole.posts) == 3
    assert " ".join(p.text for p in whole.posts).split() == " ".join(body).split()
    cut = unroll.parse("\n".join([*head, *body]) + "\n", site="threadreaderapp")
    assert [p.text for p in cut.posts] == body
    # More posts than the lines can hold: the copy lost some, and the count says nothing.
    more = unroll.parse("\n".join([head[0], head[1].replace("3 tweets", "9 tweets"), *body,
                                   "• • •", "Missing some Tweet in this thread?"
                                   " You can try to force a refresh"]) + "\n")
    assert [p.text for p in more.posts] == body
    assert [w.code for w in more.warnings] == ["stated-count"]
    # A long thread meets its count too: each post past the count costs a wrong count.
    lines = [f"The {word} was lit at dusk, and the keeper climbed the stairs." for word in
             ["lamp", "harbour", "tower", "beacon", "light", "buoy"] * 6]
    long = unroll.parse("\n".join([head[0], head[1].replace("3 tweets", "12 tweets"), *lines,
                                   "• • •", "Missing some Tweet in this thread?"
                                   " You can try to force a refresh"]) + "\n")
    assert len(long.posts) == 12 and not long.warnings
    assert "9 posts; this copy holds 4" in more.warnings[0].message
    assert not whole.warnings


def test_a_framed_sites_posts_keep_the_links_written_in_them() -> None:
    text = (FIXTURES / "bonfire-discussion-harbour.txt").read_text(encoding="utf-8")
    text = text.replace("first lit.", "first lit: https://lamps.example/log")
    thread = unroll.parse(text)
    assert [link.url for link in thread.posts[0].links] == ["https://lamps.example/log"]
    assert not thread.posts[1].links


@pytest.mark.parametrize("site", [None, "bonfire"])
def test_a_text_that_only_names_a_framed_sites_words_is_cut_as_usual(site: str | None) -> None:
    """No frame line and no header closed by one: the text is not in the site's frames, so
    its posts are not run into one (forced with --site or detected from a word of it)."""
    text = ("Post\n\nWhat does activity timestamp mean on a server?\n\nIt is when the post"
            " went out.\n\nThey show it above each one.\n")
    thread = unroll.parse(text, site=site)
    assert len(thread.posts) == 3


def test_a_framed_post_with_no_action_links_below_it_stays_a_post() -> None:
    """Only the lines between a post's action links and the next byline are the frame's (the
    display name): a post that has no links below it, before the next byline, is a post."""
    byline = "@ada@harbour.example  ·  activity timestamp 2 days ago"
    lines = [byline, "First.", "• Copy link", "• Flag this post", "• Block", "Ada Harbour",
             byline, "Short one.", "Ada Harbour", byline, "Third."]
    thread = unroll.parse("\n".join(lines) + "\n")
    assert thread.site == "bonfire"
    assert [p.text for p in thread.posts] == ["First.", "Short one.\nAda Harbour", "Third."]


def test_quoted_action_words_without_a_byline_are_a_posts_text() -> None:
    lines = ["1/ I read About Bonfire today.", "• Copy link", "• Flag this post", "• Block",
             "2/ Those are its links."]
    thread = unroll.parse("\n".join(lines) + "\n")
    assert [p.marker for p in thread.posts] == ["1/", "2/"]
    assert thread.posts[0].text.endswith("• Block")


def test_a_status_facts_line_with_no_blank_line_round_it_still_parts_two_posts() -> None:
    text = ("First post on the tides.\nJun 2, 2023, 18:01 · · Web · 3 · 12 · 1.2K\n"
            "Second post on the storms.\n")
    thread = unroll.parse(text, site="mastodon")
    assert [p.text for p in thread.posts] == ["First post on the tides.",
                                              "Second post on the storms."]


def test_a_thread_readers_post_count_says_whether_an_intro_is_a_post() -> None:
    """An unnumbered intro over a paragraph break before "1)": where the header counts one
    post more than the author numbered, the intro is that post and "1)" numbers post 2;
    where it counts as many, the intro opens post 1. On a copy cut before the end-of-thread
    line, the gaps alone decide (they say: the intro opens post 1)."""
    body = ["The harbour, a tragedy in three acts.", "", "The lamps dim as our play begins.",
            "", "1) The keeper climbs the stairs.", "2) The storm bells ring all night.",
            "3) The fog lifts at dawn."]
    foot = ["• • •", "Missing some Tweet in this thread? You can try to force a refresh"]

    def parsed(count: int, tail: list[str]) -> list[tuple[int, str | None]]:
        head = ["Ada Harbour Profile picture", f"Feb 1 {count} tweets 2 min read Read on X"]
        thread = unroll.parse("\n".join([*head, *body, *tail]) + "\n", site="threadreaderapp")
        return [(p.n, p.marker) for p in thread.posts]

    assert parsed(4, foot) == [(1, None), (2, "1)"), (3, "2)"), (4, "3)")]
    assert parsed(3, foot) == [(1, "1)"), (2, "2)"), (3, "3)")]
    assert parsed(4, []) == [(1, "1)"), (2, "2)"), (3, "3)")]


def test_below_the_footer_a_line_no_rule_knows_is_the_sites() -> None:
    """threader's older layout (the site's strings; made-up name, bio, posts and plea): a
    byline with no "+ Your Authors", and below the footer a line no rule knows."""
    footer = ["You can follow @adaharbour.",
              "Tip: mention @threader_app on a Twitter thread with the keyword “compile” to get"
              " a link to it.", "Enjoy Threader? Sign up.",
              "Threader is made by two people; keep it free by buying them a coffee."]
    byline = "Ada Harbour @adaharbour Keeper of lights. Aug. 06, 2019 1 min read"
    posts = ["The first lamp was lit in 1871.", "The last went out in 1971."]
    thread = unroll.parse("\n\n".join([byline, *posts, *footer]) + "\n")
    assert thread.site == "threader"
    assert [p.text for p in thread.posts] == posts
    assert [r.text for r in thread.removed] == [byline, *footer]
    assert thread.author is not None and thread.author.handle == "@adaharbour"


def test_one_footer_line_a_post_quotes_keeps_the_posts_below_it() -> None:
    """A run of the footer's lines makes what is below it the site's; one line does not."""
    posts = ["Their sign-off was always the same.", "You can follow @adaharbour.",
             "And I did, for years.", "The last went out in 1971."]
    thread = unroll.parse("\n".join(posts) + "\n", site="twtext")
    assert [p.text for p in thread.posts] == posts
    assert thread.removed == []
    # Two quoted, with more of the thread's lines below them than they are.
    tip = ("Tip: mention @twtextapp on a Twitter thread with the keyword “unroll” to get a"
           " link to it.")
    quoted = ["How to unroll a thread, step by step.", "You can follow @adaharbour.", tip,
              "That is all it takes.", "The page keeps every word.", "Thanks for reading."]
    both = unroll.parse("\n".join(quoted) + "\n", site="twtext")
    assert [p.text for p in both.posts] == quoted


def test_a_header_that_counts_one_post_more_than_trailing_markers_total_keeps_an_intro() -> None:
    """"4 tweets" over "1/3" ... "3/3" closing their posts: one post is unnumbered, and where
    the lines up to "1/3" cannot be one post, it is the intro before it, in a cut copy too
    (the author's total counts the whole thread)."""
    intro = f"Why the harbour lamps went dark, a summary.{' It took years.' * 8}"
    first = f"The first lamp was lit in 1871 and burned whale oil{' for years' * 10}. 1/3"
    rest = ["The keepers came next, two to a tower. 2/3", "The last went out in 1971. 3/3"]
    head = ["Ada Harbour Profile picture", "Feb 1 4 tweets 2 min read Read on X"]
    thread = unroll.parse("\n".join([*head, intro, first, *rest]) + "\n", site="threadreaderapp")
    assert [(p.n, p.marker) for p in thread.posts] == [(1, None), (2, "1/3"), (3, "2/3"),
                                                       (4, "3/3")]
    assert [w.code for w in thread.warnings] == []
    # Counted as the markers total, the lines up to "1/3" are post 1, however long.
    same = unroll.parse("\n".join([head[0], head[1].replace("4 tweets", "3 tweets"), intro,
                                   first, *rest]) + "\n", site="threadreaderapp")
    assert [(p.n, p.marker) for p in same.posts] == [(1, "1/3"), (2, "2/3"), (3, "3/3")]
    assert [w.code for w in same.warnings] == ["over-limit"]
    # Where an unnumbered post follows "3/3", it is the post the header counts beyond them.
    closing = "Thanks for reading, and the sources are in the replies."
    after = unroll.parse("\n".join([*head, intro, first, *rest, closing]) + "\n",
                         site="threadreaderapp")
    assert [(p.n, p.marker) for p in after.posts] == [(1, "1/3"), (2, "2/3"), (3, "3/3"),
                                                      (4, None)]


def test_above_thread_readers_end_line_a_footer_line_is_a_post() -> None:
    """Thread Reader prints its footer below "• • •" only: the author's own reply to the bot,
    the thread's last post, stays one (made-up posts)."""
    posts = ["The first lamp was lit in 1871.", "The last went out in 1971.",
             "@threadreaderapp unroll"]
    end = ["• • •", "Missing some Tweet in this thread? You can try to", "force a refresh"]
    thread = unroll.parse("\n".join([*posts, *end]) + "\n")
    assert thread.site == "threadreaderapp"
    assert [p.text for p in thread.posts] == posts
    assert [r.text for r in thread.removed] == end


def test_a_post_that_names_someone_and_a_reading_time_is_no_byline() -> None:
    """The older byline ends in the thread's date and reading time; a post's "@bob ... a 12
    min read" has no date there and stays a post, at the head too."""
    posts = ["The harbour was built in 1871 by the town.",
             "For background see @bob on the pier, a 12 min read",
             "My new essay with @bob is out today, a 9 min read"]
    footer = ["You can follow @jane.", "Enjoy Threader? Sign up."]
    for head in ([], ["A thread written by @jane"]):
        thread = unroll.parse("\n\n".join([*head, *posts, *footer]) + "\n")
        assert thread.site == "threader"
        assert [p.text for p in thread.posts] == posts
        assert thread.author is not None and thread.author.handle == "@jane"
        assert thread.author.name is None


@pytest.mark.parametrize("bullet", ["•", "β€’", "â€¢"])
def test_thread_readers_bullets_as_a_mis_decoded_copy_shows_them(bullet: str) -> None:
    """A copy that kept the count line's bullets, or decoded the page's UTF-8 as cp1253 or
    cp1252 ("β€’", "â€¢"): the count line and the end line are still the site's."""
    count = f"Mar 3, 2023 {bullet} 2 tweets {bullet} 1 min read {bullet} Read on X"
    end = f"{bullet} {bullet} {bullet}"
    text = "\n".join(["Ada Harbour Profile picture", count, "Why the north light went dark.",
                      "It was lit in 1871.", end,
                      "Missing some Tweet in this thread? You can try to force a refresh"])
    thread = unroll.parse(text.encode(), name="saved.txt")
    assert thread.site == "threadreaderapp"
    assert [p.text for p in thread.posts] == ["Why the north light went dark.",
                                              "It was lit in 1871."]
    assert [r.rule for r in thread.removed] == [
        "threadreaderapp.profile", "threadreaderapp.date", "threadreaderapp.end",
        "threadreaderapp.missing"]


def test_a_posts_own_page_under_its_comments_heading_is_that_one_post() -> None:
    """A Bluesky reader's post page: the post in its paragraphs, then "Comments" opening the
    footer (6 pages of 6 in the dev set were one post so): the page holds that post alone,
    whatever its blank lines; a thread's page with its markers keeps them."""
    post = ["The north light at dusk, from the harbour wall.", "", "Lit since 1871.", "",
            "Its beam reaches nineteen miles on a clear night."]
    thread = unroll.parse("\n".join([*post, "", "Comments", ""]))
    assert [p.text for p in thread.posts] == ["\n".join(post)]
    assert [(r.text, r.rule) for r in thread.removed] == [("Comments", "generic.comments")]
    numbered = unroll.parse("The harbour light, a thread. 1/3\n\nA lamp and a lens. 2/3\n\n"
                            "A clock turns the lens. 3/3\n\nComments\n")
    assert [p.marker for p in numbered.posts] == ["1/3", "2/3", "3/3"]
    written = unroll.parse("\n".join(["Comments", "", *post]) + "\n")
    assert len(written.posts) == 3  # (no footer opens with it: the posts part as they do)


def test_a_body_too_long_for_one_post_is_no_post_page() -> None:
    """Above a comments heading, more lines than any post's page holds (POST_PAGE_LINES):
    the blank lines part the posts as they do without the heading."""
    body = "\n\n".join(f"The keepers logged storm number {n} that winter." for n in range(80))
    assert len(unroll.parse(body + "\n\nComments\n").posts) == 80
