"""Every marker style the converter promises to recognise, where authors put them."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unroll
from unroll.split import markers

STYLES = [
    # (first post line, second post line, markers expected)
    ("One 1/", "Two 2/", ["1/", "2/"]),
    ("One /1", "Two /2", ["/1", "/2"]),
    ("One 1/2", "Two 2/2", ["1/2", "2/2"]),
    ("(1/2) One", "(2/2) Two", ["(1/2)", "(2/2)"]),
    ("[1/2] One", "[2/2] Two", ["[1/2]", "[2/2]"]),
    ("One 1/n", "Two 2/n", ["1/n", "2/n"]),
    ("One 1/?", "Two 2/?", ["1/?", "2/?"]),
    ("One 1/x", "Two 2/x", ["1/x", "2/x"]),
    ("One [1 of 2]", "Two [2 of 2]", ["[1 of 2]", "[2 of 2]"]),
    ("🧵/1 One", "🧵/2 Two", ["🧵/1", "🧵/2"]),
    ("One 1/🧵", "Two 2/", ["1/🧵", "2/"]),
    ("One MEANS.1/20", "Two 2/20", ["1/20", "2/20"]),
    ("1/ One", "2/ Two", ["1/", "2/"]),
    # Seen on real pages (the real-pages issue): a space for the total, glued to a word or an
    # emoji, a number in parentheses closing a post, a colon after a leading number.
    ("One (1/ )", "Two (2/ )", ["(1/ )", "(2/ )"]),
    ("One word(1/2)", "Two(2/2)", ["(1/2)", "(2/2)"]),
    ("One 🧵1/", "Two 2/", ["🧵1/", "2/"]),  # (the 🧵 glued to it is the marker's, as in "🧵2/5")
    ("🧵1/ One", "2/ Two", ["🧵1/", "2/"]),
    ("One (1)", "Two (2)", ["(1)", "(2)"]),
    ("[1/n] One", "[2/n] Two", ["[1/n]", "[2/n]"]),
    ("One 1 / 2", "Two 2 / 2", ["1 / 2", "2 / 2"]),
    ("1\ufe0f\u20e3 One", "2\ufe0f\u20e3 Two", ["1\ufe0f\u20e3", "2\ufe0f\u20e3"]),
    ("1/7 🧵 One", "2/7 Two", ["1/7 🧵", "2/7"]),  # (the thread emoji after a space, too)
    ("One\n1/7 🧵", "Two\n2/7", ["1/7 🧵", "2/7"]),
    ("One (1/2).", "Two (2/2)", ["(1/2)", "(2/2)"]),  # (the sentence's stop after it)
    ("One (1/2", "Two (2/2", ["(1/2", "(2/2"]),  # (its bracket left open)
]


def test_a_marker_with_hashtags_on_a_line_of_its_own_closes_the_post_above() -> None:
    """ "(1/3) #Tag" under each post's text: the line ends the post above, as a lone marker
    would, and its hashtags stay in that post."""
    thread = unroll.parse("Intro line\nmore of it\n(1/3) #Tag\nSecond\n(2/3) #Tag #More\n"
                          "Third\n(3/3) #Tag\n", site="twtext")
    assert [p.marker for p in thread.posts] == ["(1/3)", "(2/3)", "(3/3)"]
    assert [p.text for p in thread.posts] == [
        "Intro line\nmore of it\n#Tag", "Second\n#Tag #More", "Third\n#Tag"]


def test_a_thread_that_opens_with_a_marker_and_hashtags_leads() -> None:
    thread = unroll.parse("1/3 #Tag\nFirst\n2/3 #Tag\nSecond\n3/3 #Tag\nThird\n", site="twtext")
    assert [p.marker for p in thread.posts] == ["1/3", "2/3", "3/3"]
    assert [p.text for p in thread.posts] == ["#Tag\nFirst", "#Tag\nSecond", "#Tag\nThird"]


def test_two_lone_markers_one_under_the_other_close_post_1_and_open_post_2() -> None:
    """No trailing reading gives a post between "1/3" and "2/3" on adjacent lines: the first
    closes the text above it, every later one opens the text below."""
    thread = unroll.parse("Housing is in trouble.\n1/3\n2/3\nThe payments.\n3/3\nThe prices.\n",
                          site="twtext")
    assert [(p.n, p.marker, p.text) for p in thread.posts] == [
        (1, "1/3", "Housing is in trouble."), (2, "2/3", "The payments."),
        (3, "3/3", "The prices.")]


@pytest.mark.parametrize("number", [lambda n: f"#{n}", lambda n: "# " + "".join(
    f"{d}\u20e3" for d in str(n))], ids=["#3", "# 3-keycap"])
def test_a_countdown_numbered_with_a_hash_on_lines_of_its_own(
        number: Callable[[int], str]) -> None:
    """ "# 3" (or keycaps) alone on a line above each item, counting down, in a Scrolly copy
    that lost its blank lines: the list numbers the posts below the intro, as they come, and
    the copy parts its posts at single newlines (known before the markers are chosen)."""
    items = [(n, f"Moment number {n}, told at some length so that the posts fill out. " * 2)
             for n in (3, 2, 1)]
    text = "A countdown of great moments.\n" + "".join(
        f"{number(n)}\n{body}\n" for n, body in items)
    thread = unroll.parse(text, site="threadreaderapp-scrolly")
    assert [(p.n, p.marker) for p in thread.posts] == [
        (1, None), (2, number(3)), (3, number(2)), (4, number(1))]
    assert thread.posts[1].text == items[0][1].strip()


def test_a_thread_emoji_opening_a_line_below_the_first_ends_post_1() -> None:
    thread = unroll.parse("Pirates were the scourge of the seas.\nThis is his story\n"
                          "🧵 (Thread)\nHe was born in 1682.\nHe went to sea young.\n",
                          site="threadreaderapp")
    assert [(p.n, p.marker) for p in thread.posts][:2] == [(1, "🧵"), (2, None)]
    assert thread.posts[0].text == "Pirates were the scourge of the seas.\nThis is his story\n" \
        "(Thread)"
    first = unroll.parse("🧵 Pirates, a thread.\nHe was born in 1682.\n", site="threadreaderapp")
    assert [(p.n, p.marker, p.text) for p in first.posts] == [
        (1, "🧵", "Pirates, a thread."), (2, None, "He was born in 1682.")]


def test_the_stop_after_a_bracketed_marker_stays_with_its_sentence() -> None:
    thread = unroll.parse("Ceres was found (1/2).\nThen Vesta [2/2]. https://t.co/x\n",
                          site="twtext")
    assert [(p.marker, p.text) for p in thread.posts] == [
        ("(1/2)", "Ceres was found."), ("[2/2]", "Then Vesta. https://t.co/x")]
    # (a colon too, spaced as the author spaced it)
    colon = unroll.parse("Here is why (1/n):\nVoici pourquoi (2/n) :\nThe end (3/n)\n",
                         site="twtext")
    assert [(p.marker, p.text) for p in colon.posts] == [
        ("(1/n)", "Here is why:"), ("(2/n)", "Voici pourquoi :"), ("(3/n)", "The end")]


@pytest.mark.parametrize(("first", "second", "markers"), STYLES, ids=[s[2][0] for s in STYLES])
def test_marker_styles(first: str, second: str, markers: list[str]) -> None:
    thread = unroll.parse(f"{first}\n{second}\n", site="twtext")
    assert [p.marker for p in thread.posts] == markers
    assert [p.n for p in thread.posts] == [1, 2]
    assert thread.posts[1].text == "Two"


def test_points_and_sub_points_number_the_posts_as_they_come() -> None:
    """ "1/", "1.1/", "1.2/", "2/", "2.1/", "3/": a run that climbs through points and their
    sub-points numbers every post, in order, the markers as written; with fewer than three
    sub-points they are text of the posts the points number."""
    marks = ["1/", "1.1/", "1.2/", "2/", "2.1/", "2.2/", "3/"]
    thread = unroll.parse("A summary of a book, in a thread.\n"
                          + "".join(f"{m} Point {m} of the book.\n" for m in marks),
                          site="threadreaderapp")
    assert [(p.n, p.marker) for p in thread.posts] == [(1, None), *(
        (k, m) for k, m in enumerate(marks, 2))]
    assert [w.code for w in thread.warnings] == []
    few = unroll.parse("1/ The lamp.\n1.1/ Its oil.\n2/ The keeper.\n3/ The storm.\n",
                       site="threadreaderapp")
    assert [p.marker for p in few.posts] == ["1/", "2/", "3/"]
    assert few.posts[0].text == "The lamp.\n1.1/ Its oil."


@pytest.mark.parametrize("sep", [".", ")"])
def test_list_style_markers_number_blank_separated_posts(sep: str) -> None:
    thread = unroll.parse(f"1{sep} One\n\n2{sep} Two\n\n3{sep} Three\n", site="generic")
    assert [(p.n, p.marker, p.text) for p in thread.posts] == [
        (1, f"1{sep}", "One"), (2, f"2{sep}", "Two"), (3, f"3{sep}", "Three")]


def test_a_thread_emoji_alone_marks_the_first_post() -> None:
    thread = unroll.parse("A thread about tides 🧵\nSecond post.\n", site="twtext")
    assert [(p.marker, p.text) for p in thread.posts] == [
        ("🧵", "A thread about tides"), (None, "Second post.")]


@pytest.mark.parametrize("lone", ["2/?", "2/n", "(2/x)"])
def test_a_lone_marker_with_its_total_left_open_numbers_its_post(lone: str) -> None:
    """A total written as a letter or "?" is no date, fraction or score: the one marker of a
    thread that stands where its post can be is the author's numbering."""
    thread = unroll.parse(f"First post on tides.\nSecond post on storms. {lone}\n"
                          "Third post on bells.\n", site="twtext")
    assert [(p.n, p.marker, p.text) for p in thread.posts] == [
        (1, None, "First post on tides."), (2, lone, "Second post on storms."),
        (3, None, "Third post on bells.")]


@pytest.mark.parametrize("lone", ["2/3", "2/5", "5/?"])
def test_a_lone_marker_with_a_number_or_out_of_reach_stays_text(lone: str) -> None:
    """"2/3" alone may be a fraction; "5/?" on the second line cannot number post 5."""
    thread = unroll.parse(f"First post on tides.\nSecond post, add {lone}\n"
                          "Third post on bells.\n", site="twtext")
    assert [p.marker for p in thread.posts] == [None, None, None]
    assert thread.posts[1].text.endswith(lone)


def test_a_number_alone_on_its_line_fills_the_one_the_markers_skip() -> None:
    """"/1", "/2", "3", "/4": the author left the slash off once. A number alone that no
    gap in the markers asks for ("12" below) is the post's text."""
    lines = ["Tides rise twice a day", "/1", "The moon pulls the sea", "/2",
             "Storms push it further", "3", "Bells warn the ships", "12", "/4"]
    thread = unroll.parse("\n".join(lines) + "\n", site="generic")
    assert [(p.n, p.marker, p.text) for p in thread.posts] == [
        (1, "/1", "Tides rise twice a day"), (2, "/2", "The moon pulls the sea"),
        (3, "3", "Storms push it further"), (4, "/4", "Bells warn the ships\n12")]


def test_of_two_lines_with_the_skipped_number_the_first_fills_it() -> None:
    lines = ["Tides rise", "/1", "Moon pulls", "/2", "Storms push", "3", "3", "Bells ring", "/4"]
    thread = unroll.parse("\n".join(lines) + "\n", site="generic")
    assert [(p.n, p.marker) for p in thread.posts] == [(1, "/1"), (2, "/2"), (3, "3"), (4, "/4")]
    assert thread.posts[3].text == "3\nBells ring"


def test_a_number_alone_fills_a_run_of_markers_that_open_their_posts() -> None:
    lines = ["1/", "One post", "2/", "Two posts", "3", "Three posts", "4/", "Four posts"]
    thread = unroll.parse("\n".join(lines) + "\n", site="generic")
    assert [(p.n, p.marker, p.text) for p in thread.posts] == [
        (1, "1/", "One post"), (2, "2/", "Two posts"), (3, "3", "Three posts"),
        (4, "4/", "Four posts")]


@pytest.mark.parametrize("lone", ["2/n:", "2/?.", "(2/n)"])
def test_a_lone_open_total_may_end_as_a_leading_marker_does(lone: str) -> None:
    thread = unroll.parse(f"First post on tides.\n{lone} Second post on storms.\n"
                          "Third post on bells.\n", site="twtext")
    assert [p.marker for p in thread.posts] == [None, lone, None]


@pytest.mark.parametrize("where", ["lead", "trail"])
def test_a_number_written_twice_leaves_both_posts_apart(where: str) -> None:
    """1, 2, 3, 3, 5: the second "3/" stands where "4/" should, so it is post 4's marker,
    the author's slip for the number the run skips (as the labelled real pages read it); the
    two posts are not joined, and no post is missing."""
    texts = ["Tides rise", "Moon pulls", "Storms push", "Bells ring", "Ships wait"]
    numbers = [1, 2, 3, 3, 5]
    lines = [f"{n}/ {t}" if where == "lead" else f"{t} {n}/"
             for n, t in zip(numbers, texts, strict=True)]
    thread = unroll.parse("\n".join(lines) + "\n", site="twtext")
    assert [(p.n, p.marker) for p in thread.posts] == [
        (1, "1/"), (2, "2/"), (3, "3/"), (4, "3/"), (5, "5/")]
    assert thread.posts[3].text == texts[3]
    assert not [w for w in thread.warnings if w.code == "numbering-gap"]


def test_a_number_written_twice_then_counted_on_shifts_the_rest() -> None:
    """1, 2, 3, 3, 4: the author miscounted and went on from the repeat, so each post from
    there is one more than its number, where the repeat stands after the gap that parts
    posts (_repeats_counted); a repeat that the next number skips past is not so."""
    texts = ["Tides rise", "Moon pulls", "Storms push", "Bells ring", "Ships wait"]
    lines = [f"{t} {n}/" for n, t in zip([1, 2, 3, 3, 4], texts, strict=True)]
    thread = unroll.parse("\n\n".join(lines) + "\n", site="threadreaderapp-scrolly")
    assert [(p.n, p.marker) for p in thread.posts] == [
        (1, "1/"), (2, "2/"), (3, "3/"), (4, "3/"), (5, "4/")]


def test_numbers_that_run_backwards_stay_text() -> None:
    thread = unroll.parse("Three 3/\nTwo 2/\nOne 1/\n", site="twtext")
    assert [p.n for p in thread.posts] == [1, 2, 3]
    assert sum(p.marker is not None for p in thread.posts) <= 1
    kept = " ".join(p.text + " " + (p.marker or "") for p in thread.posts).split()
    assert sorted(kept) == sorted(["Three", "3/", "Two", "2/", "One", "1/"])


def _line(example: str, where: str, glue: str = " ") -> str:
    return {"lead": f"{example}{glue}Words here", "trail": f"Words here{glue}{example}",
            "own": example, "inside": f"Words{glue}{example}{glue}here"}[where]


_PLACED = [(style, example, where) for style in markers.STYLES for example in style.examples
           for where in sorted(style.places)]


@pytest.mark.parametrize(("style", "example", "where"), _PLACED,
                         ids=[f"{s.name}-{e}-{w}" for s, e, w in _PLACED])
def test_every_style_is_found_where_it_may_stand(style: markers.Style, example: str,
                                                 where: str) -> None:
    """The table is the one source: each row's examples are found in each of its places,
    with the row's family and the line's text left over."""
    found = markers.candidates(0, _line(example, where))
    numbers = "trail" if where == "inside" else where  # it numbers its line's post
    assert [(f.text, f.where, f.family, f.rest) for f in found if f.where == numbers] == [
        (example, numbers, style.family, "" if where == "own" else "Words here")]


_TRAILING = [(s, e) for s in markers.STYLES for e in s.examples if "trail" in s.places]


@pytest.mark.parametrize(("style", "example"), _TRAILING)
def test_only_a_bracketed_marker_may_be_glued_to_a_word(style: markers.Style,
                                                        example: str) -> None:
    line = _line(example, "trail", glue="")
    found = [f for f in markers.candidates(0, line) if f.where == "trail"]
    if style.glued:
        assert [(f.text, f.rest) for f in found] == [(example, "Words here")]
    else:  # (a glued style inside it may still be found: "here1/🧵" ends in a 🧵)
        assert [f for f in found if f.text == example] == []


def _another_may_stand(style: markers.Style, example: str, where: str) -> bool:
    """Whether a style that may stand at `where` writes `example` too ("2/6" is a slash
    marker at a line's start, whatever the style that may only stand inside a line)."""
    return any(other is not style and where in other.places
               and re.fullmatch(other.pattern, example) for other in markers.STYLES)


@pytest.mark.parametrize(("style", "example", "where"),
                         [(s, e, w) for s in markers.STYLES for e in s.examples
                          for w in ("lead", "trail") if w not in s.places
                          and not _another_may_stand(s, e, w)])
def test_a_style_is_not_found_where_it_may_not_stand(style: markers.Style, example: str,
                                                    where: str) -> None:
    found = markers.candidates(0, _line(example, where))
    assert all((f.text, f.where, f.family) != (example, where, style.family) for f in found)


_NOT_MARKERS = ["a7/12", "x 7/12/3", "open 24/7", "12:30 meeting", "see 3/2 cup", "7//",
                "price 1.", "It was 1871.", "(a) aside", "[a] aside", "/a slash"]


@pytest.mark.parametrize("line", _NOT_MARKERS)
def test_numbers_that_cannot_be_markers_are_not_found(line: str) -> None:
    assert [f.text for f in markers.candidates(0, line) if f.where != "lead" or
            f.family != "list"] == []


@given(st.text(st.sampled_from(list("ab 0123456789/()[]?nNxX🧵.,:\t")), min_size=1,
               max_size=30))
@settings(max_examples=2000, deadline=None)
def test_a_found_marker_and_its_rest_are_the_line(text: str) -> None:
    """Whatever a line holds, what is found of it is a marker written on it, and the rest is
    the line without it: nothing is lost or invented."""
    line = text.strip()
    for f in markers.candidates(0, line):
        assert f.number >= 1 and (f.total is None or 1 <= f.total >= f.number - 1)
        assert f.text in line
        assert sorted((f.text + f.rest).replace(" ", "").replace("\t", "")) == sorted(
            line.replace(" ", "").replace("\t", ""))


@given(st.lists(st.integers(1, 9), max_size=12))
def test_the_longest_increasing_run_is_longest_and_increasing(numbers: list[int]) -> None:
    """longest_increasing, against the quadratic search it stands for (the shortcut for a
    run already in order included)."""
    items = [markers.Found(f"{n}/", n, None, "strong", i, "trail", "") for i, n in
             enumerate(numbers)]
    run = markers.longest_increasing(items)
    best = [1] * len(numbers)  # best[i]: longest increasing run ending at i
    for i in range(len(numbers)):
        for j in range(i):
            if numbers[j] < numbers[i]:
                best[i] = max(best[i], best[j] + 1)
    assert len(run) == max(best, default=0)
    assert all(a.number < b.number and a.line < b.line for a, b in itertools.pairwise(run))
    assert all(item in items for item in run)


@pytest.mark.parametrize(("line", "marker", "rest"), [
    ("Why it matters🧵Image", "🧵", "Why it mattersImage"),
    ("2/n Image", "2/n", "Image"),
    ("The rest of it 3/n ImageImage", "3/n", "The rest of it ImageImage"),
    ("See the report 4/n example.gov.uk/reports/a-long-na…", "4/n",
     "See the report example.gov.uk/reports/a-long-na…"),
])
def test_a_marker_before_a_picture_or_a_link_is_still_trailing(line: str, marker: str,
                                                               rest: str) -> None:
    """Thread Reader prints 'Image' where a picture was, and links without their scheme."""
    found = [f for f in markers.candidates(0, line) if f.where == "trail"]
    assert [(f.text, f.rest) for f in found] == [(marker, rest)]


def test_a_thread_emoji_anywhere_post_1_can_reach_marks_it() -> None:
    """Seen on real Thread Reader pages: 🧵 opening the thread glued to its first word, or
    closing a first post of several lines."""
    opened = unroll.parse("🧵Harbour lights, a history.\nThe first was lit in 1871.\n",
                          site="twtext")
    assert (opened.posts[0].marker, opened.posts[0].text) == ("🧵", "Harbour lights, a history.")
    closed = unroll.parse("Harbour lights.\n\nA history of them.\n\nThe lamps, the keepers."
                          "\n\nWhy they went dark🧵\nThe first was lit in 1871.\n",
                          site="twtext")
    assert closed.posts[0].marker == "🧵" and closed.posts[1].text == "The first was lit in 1871."


@pytest.mark.parametrize(("line", "marker", "number"), [
    ("The thread ends here 7/end", "7/end", 7), ("The thread ends here /6/end", "/6/end", 6),
    ("An author who miscounted 5/4", "5/4", 5), ("A link after it 1/6 t.co/abc", "1/6", 1)])
def test_end_words_a_miscount_and_a_short_link(line: str, marker: str, number: int) -> None:
    found = [f for f in markers.candidates(0, line) if f.where == "trail"]
    assert [(f.text, f.number) for f in found] == [(marker, number)]


@pytest.mark.parametrize("line", ["Open 24/7", "A ratio of 3/1", "Nothing 1/0"])
def test_numbers_past_their_total_are_not_markers(line: str) -> None:
    assert [f for f in markers.candidates(0, line) if f.where == "trail"] == []


@pytest.mark.parametrize(("line", "marker", "number"), [
    ('/6/end">https://news.example/masks/a-guide', "/6/end", 6),
    ('The last one. 7/7">https://news.example/masks/a-guide', "7/7", 7),
])
def test_a_marker_with_an_old_crawls_debris_glued_on(line: str, marker: str,
                                                     number: int) -> None:
    """Old twtext crawls glued a link's markup ('">https://...') to the marker itself."""
    found = [f for f in markers.candidates(0, line) if f.where == "trail"]
    assert [(f.text, f.number) for f in found] == [(marker, number)]


@pytest.mark.parametrize(("line", "markers_found"), [
    ("A quick 🧵 on the harbour's lights", []), ("Read the 🧵about the lamps below", []),
    ("Why these 🧵s run long", []), ("Here is a thread 🧵", ["🧵"]), ("🧵Harbour lights", ["🧵"]),
    ("The lamps went dark 🧵Image", ["🧵"])])
def test_a_thread_emoji_the_sentence_needs_is_a_word(line: str,
                                                     markers_found: list[str]) -> None:
    """After an article or a possessive, or glued to the word after it mid-line, a 🧵 is a
    noun; at the start, or closing the line (before a picture), it marks the first post."""
    assert [f.text for f in markers.candidates(0, line) if f.family == "thread"] == markers_found


@pytest.mark.parametrize(("line", "found"), [
    ("1/Normal times", ("1/", 1, None, "Normal times")),
    ("2/normal times", ("2/", 2, None, "normal times")),  # not "2/n" with "ormal" left
    ("3/n more", ("3/n", 3, None, "more")),
    ("4/Ωmega", ("4/", 4, None, "Ωmega")),
])
def test_a_slash_marker_may_run_into_the_first_word(line: str,
                                                    found: tuple[str, int, None, str]) -> None:
    """Thread Reader copies often lose the space after a leading "1/"."""
    assert [(f.text, f.number, f.total, f.rest) for f in markers.candidates(0, line)
            if f.where == "lead"] == [found]


@pytest.mark.parametrize("line", ["24/7Words", "1/2cup", "and/or 3/Words", "a1/Word"])
def test_only_a_slash_opening_the_line_runs_into_a_word(line: str) -> None:
    assert [f.text for f in markers.candidates(0, line) if f.where == "lead"] == []


@pytest.mark.parametrize(("lines", "site", "rest"), [
    # a leading "1/" after the opener's hashtags, the later ones leading their lines
    (["#Lighthouses#Thread 1/ The north light was lit in 1871.", "2/ It was automated in 1958.",
      "3/ The keepers left that spring."], "twtext",
     "#Lighthouses#Thread The north light was lit in 1871."),
    # a trailing "1/" with a picture's caption after it, the later ones closing their lines
    (["The north light was lit in 1871 1/. A lamp in its tower", "It was automated in 1958. 2/",
      "The keepers left that spring. 3/"], "twtext",
     "The north light was lit in 1871. A lamp in its tower"),
])
def test_post_1s_marker_inside_its_line(lines: list[str], site: str, rest: str) -> None:
    """The markers number from 2, and the same style's 1 stands inside a line of post 1,
    text after it: it is post 1's marker."""
    thread = unroll.parse("\n".join(lines) + "\n", site=site)
    assert [(p.n, p.marker) for p in thread.posts] == [(1, "1/"), (2, "2/"), (3, "3/")]
    assert thread.posts[0].text == rest


def test_a_1_inside_a_line_far_above_the_2_is_text() -> None:
    """A trailing "1/" whose lines below it up to the "2/" cannot be one post: not post 1's
    end (a fraction, a score), so it stays text."""
    lines = ["The score was 1/ at best, they said.", "The north light was lit. " * 8,
             "It was automated in 1958, and the keepers left. " * 4 + "2/",
             "The museum keeps the logbooks. 3/"]
    thread = unroll.parse("\n".join(lines) + "\n", site="twtext")
    assert "1/" in thread.posts[0].text
