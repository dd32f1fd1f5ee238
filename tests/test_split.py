"""Post splitting, from the cases in fixtures/split.txt (read them: they are the spec)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unroll
import unroll.split as split_module
from unroll.model import Post
from unroll.model import Warning as Note
from unroll.split import cut, resolve_convention, split, stretches, units_of
from unroll.split.markers import Marker, readings, select
from unroll.split.numbering import Unit, number
from unroll.text.weight import weighted_length

FIXTURES = Path(__file__).parent / "fixtures" / "split.txt"


@dataclass
class Case:
    title: str
    options: dict[str, str]
    text: str
    expected: list[tuple[int, str | None, str]]


def read_cases(path: Path) -> list[Case]:
    """Read the fixture format described at the top of the file."""
    cases: list[Case] = []
    chunks = re.split(r"^### ", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    for chunk in chunks:
        head, _, rest = chunk.partition("\n")
        options = dict(re.findall(r"\[(\w+)=([^\]]+)\]", head))
        title = re.sub(r"\s*\[\w+=[^\]]+\]", "", head).strip()
        text, sep, expected = rest.partition("\n>>>\n")
        assert sep, f"case {title!r} has no >>> line"
        posts = []
        for line in expected.strip().splitlines():
            n, marker, post = line.split("|", 2)
            posts.append((int(n), marker or None, post.replace("\\n", "\n")))
        cases.append(Case(title, options, text + "\n", posts))
    return cases


CASES = read_cases(FIXTURES)


def test_fixture_file_has_cases() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c.title for c in CASES])
def test_split(case: Case) -> None:
    limit = int(case.options["limit"]) if "limit" in case.options else None
    thread = unroll.parse(case.text, site=case.options.get("site"), limit=limit)
    got = [(p.n, p.marker, p.text) for p in thread.posts]
    assert got == case.expected


def test_numbering_gap_is_warned() -> None:
    thread = unroll.parse("One. 1/\nTwo. 2/\nFour. 4/\n", site="twtext")
    assert [(w.code, w.post) for w in thread.warnings] == [("numbering-gap", 4)]
    assert "3" in thread.warnings[0].message


def test_over_limit_is_warned_with_its_reason() -> None:
    long_line = "word " * 80
    thread = unroll.parse(f"{long_line}1/\nShort. 2/\n", site="twtext")
    codes = [(w.code, w.post) for w in thread.warnings]
    assert codes == [("over-limit", 1)]
    assert "one line" in thread.warnings[0].message


MARKERS = st.builds(lambda n, total: Marker(f"{n}/", n, total, "strong"),
                    st.integers(1, 80), st.none() | st.integers(1, 80))


@given(st.lists(st.builds(Unit, st.text(max_size=5), st.integers(0, 600),
                          st.sampled_from(["", "nl", "blank"]), st.none() | MARKERS, MARKERS,
                          st.booleans(), st.booleans()), max_size=12),
       st.sampled_from(["newline", "blank"]), st.sampled_from([280, 500]))
def test_lines_that_all_end_in_markers_are_a_post_each(units: list[Unit], convention: str,
                                                       limit: int) -> None:
    """split() takes this as given when every unit has a trailing marker; the general cut
    must agree, whatever the numbers, leads, gaps and weights."""
    pieces = [p for span in stretches(units, limit, convention)
              for p in cut(units, span, convention, limit)]
    assert pieces == [(i, i + 1) for i in range(len(units))]


def _split_through_build_units(body: list[str], convention: str,
                               limit: int) -> tuple[list[Post], list[Note]]:
    """split() as it was before its early answer for lines that all end in their own
    marker: every line through build_units, then the cut (the reference below); the
    openings of other threads below it are taken off first, as split does."""
    wide: set[int] = set()
    gaps, lines = units_of(list(body), wide)
    weights = [weighted_length(line) for line in lines]
    kept, _ = split_module.without_others(gaps, lines, weights, readings(lines, weights, limit))
    convention = split_module.without_blank_lines(convention, gaps, weights, limit)
    found, where = select(kept, gaps, convention, limit, weights)
    convention = resolve_convention(convention, gaps, lines, weights, limit, found, where)
    units = split_module._units(gaps, lines, weights, found, where, convention, wide)
    if all(unit.trail is not None for unit in units):
        return number(units, None, limit)
    return split_module.cut_and_number(units, convention, limit)


_WORDS = st.just("") | st.lists(st.sampled_from(["a", "b", " ", "[", "]", ":", ".", "/", "1",
                                   "https://x.org/a", "Host: ", "[aside]", "(1/3) "]),
                  min_size=1, max_size=8).map("".join)


@settings(max_examples=400)
@given(st.lists(st.tuples(_WORDS, st.sampled_from([1, 1, 1, 0, 2]), st.none() | st.integers(1, 12),
                          st.sampled_from([" ", "  ", "\t ", "\n"])), min_size=1, max_size=10),
       st.sampled_from(["newline", "blank", "auto"]), st.sampled_from([10, 280]))
def test_lines_that_each_end_in_a_marker_are_cut_as_build_units_cuts_them(
        posts: list[tuple[str, int, int | None, str]], convention: str, limit: int) -> None:
    """split() answers at once when every line ends in its own marker; that answer must be
    build_units's, whatever the words (asides, labels, links), numbers (mostly rising by
    one), totals and blank lines, and whether a marker stands on a line of its own."""
    body: list[str] = []
    n = 0
    for words, step, total, space in posts:
        n += step
        body.extend(f"{words}{space}{n}/{total or ''}".split("\n"))
    assert split(list(body), convention, limit)[:2] == _split_through_build_units(
        body, convention, limit)


def _units_line_by_line(body: list[str]) -> tuple[list[str], list[str]]:
    """units_of as a plain loop over the lines (the reference below)."""
    gaps: list[str] = []
    lines: list[str] = []
    gap = ""
    for line in body:
        if not line.strip():
            gap = "blank" if lines else ""
            continue
        gaps.append(gap)
        lines.append(line.strip())
        gap = "nl"
    return gaps, lines


@given(st.lists(st.sampled_from(["", " ", "\t", "a", " a ", "b\u00a0", "\u3000"]), max_size=8))
def test_lines_and_gaps_are_read_as_a_loop_reads_them(body: list[str]) -> None:
    assert units_of(body) == _units_line_by_line(body)


def test_a_lone_marker_after_the_first_post_closes_it_when_the_next_post_leads() -> None:
    thread = unroll.parse("A thread on harbour lights, and why they went dark.\n1/n\n"
                          "2/ The first lamp was lit in 1871.\n3/ The last went out in 1971.\n",
                          site="twtext")
    assert [(p.n, p.marker, p.text[:12]) for p in thread.posts] == [
        (1, "1/n", "A thread on "), (2, "2/", "The first la"), (3, "3/", "The last wen")]


def test_posts_after_the_author_stops_numbering_are_cut_as_the_site_delimits() -> None:
    long = "word " * 40  # each line is a post of its own: together they exceed the limit
    thread = unroll.parse(f"Intro.\n1/ Opening post.\n2/ Second post.\n{long}one\n"
                          f"{long}two\n", site="twtext")
    assert [(p.n, p.marker) for p in thread.posts] == [
        (1, None), (2, "1/"), (3, "2/"), (4, None), (5, None)]


def test_lines_after_the_last_marker_part_as_the_numbered_posts_did() -> None:
    """Each numbered post holds three lines: in this copy a single newline is a line break
    inside a post, so the four lines after "(2/9)" (the copy stops there) are one post. Where
    the numbered posts are a line each, the lines after them are a post each."""
    held = ["Tides rise twice a day.", "The moon pulls the sea.", "The sun pulls it less. (1/9)",
            "Storms push it further.", "Winds drive it inland.", "Bells warn the ships. (2/9)",
            "Lamps are lit at dusk.", "Keepers climb the stairs.", "Oil burns all night.",
            "Fog comes at dawn."]
    thread = unroll.parse("\n".join(held) + "\n", site="generic")
    assert [(p.marker, p.text.count("\n") + 1) for p in thread.posts] == [
        ("(1/9)", 3), ("(2/9)", 3), (None, 4)]
    single = [held[2], held[5], *held[6:]]
    thread = unroll.parse("\n".join(single) + "\n", site="generic")
    assert [(p.marker, p.text.count("\n") + 1) for p in thread.posts] == [
        ("(1/9)", 1), ("(2/9)", 1), (None, 1), (None, 1), (None, 1), (None, 1)]


def test_a_short_rest_after_the_last_numbered_post_stays_in_it() -> None:
    thread = unroll.parse("1/ Opening post.\n2/ Second post, with a list:\n- one\n- two\n",
                          site="twtext")
    assert [(p.n, p.marker, p.text) for p in thread.posts] == [
        (1, "1/", "Opening post."), (2, "2/", "Second post, with a list:\n- one\n- two")]


def test_an_intro_that_fits_one_post_is_post_1_before_the_one_marked_1() -> None:
    text = ("Harbour lights: a short history.\nWhy they mattered, and why they went dark.\n"
            "Here are the facts (thread)\n1. The first lamp was lit in 1871 and burned whale oil"
            f" {'for years ' * 12}\n2. The last went out in 1971 {'after a storm ' * 10}\n")
    thread = unroll.parse(text, site="threadreaderapp")
    assert [(p.n, p.marker) for p in thread.posts] == [(1, None), (2, "1."), (3, "2.")]
    assert thread.posts[0].text.count("\n") == 2


def test_an_intro_above_a_closing_1_that_cannot_share_its_post_is_a_post_of_its_own() -> None:
    """With no header to count the posts, the lines up to a closing "1/x" that are far more
    than a post (INTRO_OVER) are an unnumbered intro and post 1/x; a little over is one post
    whose links the copy spelt out."""
    long = "The lamp at the point was lit again this week, after years of dark. " * 3
    text = (f"{long}\n\nMy piece, and a thread: example.org/lamps\n{long}\n\n1/x\n"
            f"The second post, closed by its own marker.\n\n2/x\nThe third post.\n\n3/x\n")
    thread = unroll.parse(text)
    assert [(p.n, p.marker) for p in thread.posts] == [(1, None), (2, "1/x"), (3, "2/x"),
                                                      (4, "3/x")]
    short = "The lamp at the point was lit again this week. "
    one = unroll.parse(f"{short * 5}\n\nexample.org/{'lamps/' * 12}\n\n1/x\n"
                       "The second post.\n\n2/x\nThe third post.\n\n3/x\n")
    assert [(p.n, p.marker) for p in one.posts] == [(1, "1/x"), (2, "2/x"), (3, "3/x")]


def test_list_numbers_that_open_paragraphs_number_items_two_a_post() -> None:
    """Where posts part at single newlines, list numbers that stand after a blank line by
    turns open a post's second item: they number items, and the newlines part the posts."""
    posts = ["Ten things the keepers knew.\n\n1. The lamp comes first.",
             *(f"{n}. Item {n} of the list,{' told at length' * 5}\n\n"
               f"{n + 1}. Item {n + 1} of the list,{' told at length' * 5}"
               for n in range(2, 9, 2)), "10. The last item."]
    thread = unroll.parse("\n".join(posts) + "\n", site="twtext")
    assert [(p.marker, p.text) for p in thread.posts] == [(None, text) for text in posts]
    # After single newlines only, they number the posts; and where an item after a blank line
    # and the one above it cannot be one post, they do too.
    numbered = unroll.parse("Intro.\n1. The lamp.\n2. The oil.\n3. The keeper.\n",
                            site="twtext")
    assert [p.marker for p in numbered.posts] == [None, "1.", "2.", "3."]
    long = [f"{n}. Item {n} of the list,{' told at great length' * 8}" for n in range(1, 6)]
    apart = unroll.parse("\n".join(["Intro.", long[0], "", long[1], long[2], "", *long[3:]])
                         + "\n", site="twtext")
    assert [p.marker for p in apart.posts] == [None, "1.", "2.", "3.", "4.", "5."]


def test_list_numbers_with_posts_of_quotes_between_them_number_items() -> None:
    """A news roundup: each story is a list number and a post, then posts of quoted passages,
    one a line. More than two posts' worth between two list numbers is several posts: the
    numbers stay on their posts, and the newlines part the rest."""
    quote = [f'"{n}: ' + "The keepers logged every storm and every ship they saw. " * 4 + '"'
             for n in range(5)]
    lines = ["Three stories about the lamps today. Here goes:",
             "1) @ann on the northern keepers.", *quote[:3],
             "2) @bob on the oil they burned.", *quote[3:]]
    thread = unroll.parse("\n".join(lines) + "\n", site="threadreaderapp")
    assert [(p.n, p.marker) for p in thread.posts] == [
        (1, None), (2, "1)"), (3, None), (4, None), (5, None), (6, "2)"), (7, None), (8, None)]
    # Posts near the limit, as a copy that spells out links has them, stay numbered posts.
    near = [f"{n}. Item {n}, {'told at length ' * 12}\nexample.org/{'a' * 80}" for n in (1, 2, 3)]
    numbered = unroll.parse("Intro.\n" + "\n".join(near) + "\n", site="twtext")
    assert [p.marker for p in numbered.posts] == [None, "1.", "2.", "3."]


def test_one_long_item_leaves_the_others_whole_and_a_header_count_decides() -> None:
    """Review: one item of more than ITEM_OVER posts' worth does not part the short items'
    heading from their text, and where a header states a count, the count decides."""
    body = ("Five lessons. A thread.\n1. Hire slowly.\nMost of my worst mistakes were rushed"
            " hires.\n2. Talk to users.\nEvery week.\n3. Timing.\n" + ("word " * 45 + "\n") * 3
            + "4. Keep costs low.\nCash is oxygen.\n")
    thread = unroll.parse(body)
    whole = {p.marker: p.text for p in thread.posts if p.marker in ("1.", "2.", "4.")}
    assert whole == {"1.": "Hire slowly.\nMost of my worst mistakes were rushed hires.",
                     "2.": "Talk to users.\nEvery week.", "4.": "Keep costs low.\nCash is oxygen."}
    counted = unroll.parse("Ada\nProfile picture\nJun 14, 2023 5 tweets 2 min read\n" + body
                           + "• • •\n")
    assert [p.marker for p in counted.posts] == [None, "1.", "2.", "3.", "4."]


def test_no_intro_above_a_closing_1_where_the_count_or_the_other_posts_say_otherwise() -> None:
    """Review: a header that counts the author's posts, or other posts as long as the first
    (a platform of long posts), leave the first post whole."""
    posts = ["intro words " * 19 + "\n" + "more words " * 19 + "1/3",
             "second post " * 18 + "\n" + "and more " * 20 + "2/3",
             "third post " * 18 + "\n" + "the end " * 20 + "3/3"]
    counted = unroll.parse("Ada\nProfile picture\nJun 14, 2023 3 tweets 2 min read\n"
                           + "\n\n".join(posts) + "\n\n• • •\n")
    assert [p.marker for p in counted.posts] == ["1/3", "2/3", "3/3"]
    assert [p.marker for p in unroll.parse("\n\n".join(posts) + "\n").posts] == [
        "1/3", "2/3", "3/3"]


def test_a_fraction_run_into_an_emoji_is_no_marker() -> None:
    thread = unroll.parse("Our recipe.\n\n1/2🍕 of the dough goes in the fridge.\n\n"
                          "The rest you bake.\n")
    assert [p.marker for p in thread.posts] == [None, None, None]


def test_a_leading_marker_may_run_into_an_emoji() -> None:
    thread = unroll.parse("1/3. A thread.\n2/3.❓ Why so?\n3/3.🤱🏼Because.\n", site="twtext")
    assert [(p.marker, p.text) for p in thread.posts] == [
        ("1/3.", "A thread."), ("2/3.", "❓ Why so?"), ("3/3.", "🤱🏼Because.")]


def test_a_list_after_a_colon_stays_in_its_post_on_a_newline_site() -> None:
    """Fitted on the labelled real pages: a bullet line, a lone link and the line after a
    colon go on the post before them, where a single newline usually ends one."""
    thread = unroll.parse("The plan has three parts:\n- the lamps\n- the keepers\n"
                          "example.org/plan\nThe second post.\n", site="twtext")
    assert [p.text for p in thread.posts] == [
        "The plan has three parts:\n- the lamps\n- the keepers\nexample.org/plan",
        "The second post."]


def test_a_line_opening_with_a_glued_hyphen_goes_on_the_post_above() -> None:
    """ "-Nope, it won't": a bullet or an answer typed without its space, fitted on the
    labelled real pages as the spaced bullet is; a hyphen before a number is no such line."""
    thread = unroll.parse("Is it going to make me a mutant?\n-Nope, it won't.\n"
                          "Why is there fat in here?\n-The fat keeps it safe.\n", site="twtext")
    assert [p.text for p in thread.posts] == [
        "Is it going to make me a mutant?\n-Nope, it won't.",
        "Why is there fat in here?\n-The fat keeps it safe."]
    cold = unroll.parse("It was cold last night.\n-5 degrees at dawn, they say.\n",
                        site="twtext")
    assert len(cold.posts) == 2


def test_a_line_of_hashtags_goes_on_the_post_above() -> None:
    """The author's tags on a line of their own below a post's text, fitted on the labelled
    real pages (9 times of 9); a line that opens with a hashtag and goes on is a post."""
    lines = ["The north light was lit in 1871.", "#lighthouses #history",
             "#Keepers lived in the tower until 1958.",
             "The museum keeps their logbooks."]
    thread = unroll.parse("\n".join(lines) + "\n", site="twtext")
    assert [p.text for p in thread.posts] == ["\n".join(lines[:2]), lines[2], lines[3]]


def test_a_line_ending_in_a_picture_closes_its_post() -> None:
    thread = unroll.parse("1/ The first lamp was lit in 1871. Image\nThe second post opens here"
                          "\nand goes on here\n3/ The third post.\n", site="threadreaderapp")
    assert [(p.n, p.marker, p.text) for p in thread.posts] == [
        (1, "1/", "The first lamp was lit in 1871. Image"),
        (2, None, "The second post opens here\nand goes on here"), (3, "3/", "The third post.")]


def test_a_split_on_weak_evidence_is_said_to_be_a_guess() -> None:
    """After a line ending in ':' a single newline is about as often a break as not (the
    fitted odds): the post that begins or ends there is named."""
    thread = unroll.parse("What follows is the plan:\nThe lamps come first.\n", site="twtext")
    notes = [w for w in thread.warnings if w.code == "low-confidence"]
    assert len(notes) == 1 and notes[0].post == thread.posts[0].n
    sure = unroll.parse("The lamps came first.\nThe keepers came next.\n", site="twtext")
    assert [w.code for w in sure.warnings] == []


def test_an_intro_parted_from_post_1_as_the_posts_are_is_a_post_of_its_own() -> None:
    """Where every later post ends at a single newline and holds paragraphs parted by blank
    lines, the one single newline in the lines up to a closing "1/" parts an unnumbered
    intro from post 1, however little over a post they are; with blank lines only there,
    they are one post."""
    post = ("The lamp at the point burned oil.\n\nThe keeper trimmed it each night.\n\n"
            "Ships steered by it.\n\n{}/")
    later = "\n".join(post.format(n) for n in range(2, 5))
    intro = "Why the old lamps mattered, in a short thread.\n\nRead on.\n\n" + "words " * 20
    first = "The first lamp was lit in 1871.\n\n" + "more words " * 8 + "\n\n1/"
    parted = unroll.parse(f"{intro}\n{first}\n{later}\n")
    assert [(p.n, p.marker) for p in parted.posts] == [(1, None), (2, "1/"), (3, "2/"),
                                                      (4, "3/"), (5, "4/")]
    assert parted.posts[0].text == intro.strip()
    one = unroll.parse(f"{intro}\n\n{first}\n{later}\n")
    assert [(p.n, p.marker) for p in one.posts] == [(1, "1/"), (2, "2/"), (3, "3/"), (4, "4/")]


def test_list_numbers_whose_items_cannot_share_a_post_number_posts_below_a_long_intro() -> None:
    """An intro of several posts, then a list whose neighbouring items never fit in one post
    together: each item is a post, numbered where it stands; a short list below stays in its
    post."""
    intro = [f"Intro post {k}: {'what I tried this year and why ' * 7}" for k in range(1, 5)]
    items = [f"{n}. Habit {n}: {'what it took, and what it gave back ' * 6}" for n in range(1, 6)]
    thread = unroll.parse("\n".join([*intro, *items, "Key lessons (1/3)", "1. Start small.",
                                     "2. Keep going."]) + "\n", site="threadreaderapp")
    marked = [(p.n, p.marker) for p in thread.posts if p.marker is not None]
    assert marked[:5] == [(5, "1."), (6, "2."), (7, "3."), (8, "4."), (9, "5.")]
    # Items that fit in a post together, below a long intro, are one post's list.
    short = unroll.parse("\n".join([*intro, "My list:", "1. Tea.", "2. Walks.", "3. Sleep."])
                         + "\n", site="threadreaderapp")
    assert all(p.marker is None for p in short.posts)


def test_list_items_that_hold_paragraphs_number_posts_below_a_long_intro() -> None:
    """Each item a heading and blank-line paragraphs, the next number after a single
    newline: the blank lines are inside the items and the newlines part them, so the numbers
    number posts below an intro of two posts; items one under another stay one post's list."""
    intro = ["I wrote a thread a day for a month. " * 5, "",
             "To start, here is the one that did best, and what it taught me. " * 2]
    items = []
    for n, word in enumerate(["Quality", "Timing", "Arcs", "Images"], 1):
        items += [f"{n}. {word}", "", f"What {word.lower()} did for the threads. " * 5]
    text = "\n".join([*intro, *items]) + "\n"
    thread = unroll.parse(text)
    assert [(p.n, p.marker) for p in thread.posts] == [
        (1, None), (2, None), (3, "1."), (4, "2."), (5, "3."), (6, "4.")]
    assert thread.posts[2].text.startswith("Quality\n\nWhat quality")
    # (with no paragraph inside the items, the same long intro keeps them one post's list)
    tight = unroll.parse("\n".join([*intro, "", "My list:", "1. Tea.", "2. Walks.",
                                     "3. Sleep."]) + "\n")
    assert all(p.marker is None for p in tight.posts)


def test_a_last_number_written_twice_where_every_item_is_a_post_is_a_post() -> None:
    """Items that hold paragraphs, parted by single newlines, the last number written twice:
    the second stands where every item does, so it is a post of its own, numbered as it
    comes, its marker as written."""
    items = []
    for n, word in [(1, "Quality"), (2, "Timing"), (3, "Quotes"), (3, "News")]:
        items += [f"{n}. {word}", "", f"What {word.lower()} did for the threads. " * 5]
    thread = unroll.parse("\n".join(["A month of threads, and what they taught me.", *items])
                          + "\n")
    assert [(p.n, p.marker) for p in thread.posts] == [
        (1, None), (2, "1."), (3, "2."), (4, "3."), (5, "3.")]
    assert thread.posts[4].text.startswith("News")


def test_a_thread_emoji_closing_the_intro_makes_it_one_post_above_a_list() -> None:
    """An intro longer than a post that a 🧵 closes, right above "1.": the 🧵 ends post 1,
    so the intro is one post (over the limit, said so), and the list numbers posts 2 on."""
    intro = ["Some places make the news.", "", "Others outlive it. " * 8, "",
             "Here are the ones that refused to go. 🧵 " + "A picture of a village. " * 6]
    items = []
    for n, place in enumerate(["Ulm", "Meteora", "Civita"], 1):
        items += [f"{n}. {place}", "", f"{place} stood through it all. " * 4]
    thread = unroll.parse("\n".join([*intro, *items]) + "\n", site="threadreaderapp")
    assert [(p.n, p.marker) for p in thread.posts] == [
        (1, "🧵"), (2, "1."), (3, "2."), (4, "3.")]
    assert [w.code for w in thread.warnings if w.post == 1] == ["over-limit"]


def test_a_title_a_line_above_1_opens_post_1_where_blank_lines_part_posts() -> None:
    """Posts parted at blank lines, a title joined to "1." by a single newline: a line break
    inside post 1, not a post of its own (the mirror of a paragraph break above "1." where
    single newlines part posts); and a number written twice after a blank line, as every
    other numbered post stands, is a post of its own, numbered as it comes."""
    text = ("The end of growth.\n1. Users have stopped growing.\n\n2. Attention is full.\n\n"
            "3. Trade turns back.\n\n3. Inequality rises.\n\n4. Costs go up.\n")
    thread = unroll.parse(text)
    assert [(p.n, p.marker, p.text) for p in thread.posts] == [
        (1, "1.", "The end of growth.\nUsers have stopped growing."),
        (2, "2.", "Attention is full."), (3, "3.", "Trade turns back."),
        (4, "3.", "Inequality rises."), (5, "4.", "Costs go up.")]
    # (a title above a paragraph break is a post of its own there)
    apart = unroll.parse(text.replace("growth.\n1.", "growth.\n\n1."))
    assert [(p.n, p.marker) for p in apart.posts][:2] == [(1, None), (2, "1.")]


def test_a_copy_cut_inside_the_list_keeps_its_numbers_from_its_first_line() -> None:
    """A copy whose first line is "3." (the items above it were cut off) is the author's
    list all the same: the numbers number the posts, a line without one joins the post
    above, and the posts the copy lost are said to be missing."""
    thread = unroll.parse("3. Salar de Uyuni, Bolivia\n4. Mont Saint-Michel, France\n"
                          "5. Studlagil Canyon, Iceland\nIts basalt pillars are very old.\n"
                          "6. Meteora, Greece\n", site="threadreaderapp")
    assert [(p.n, p.marker) for p in thread.posts] == [(3, "3."), (4, "4."), (5, "5."), (6, "6.")]
    assert thread.posts[2].text == "Studlagil Canyon, Iceland\nIts basalt pillars are very old."
    assert [w.code for w in thread.warnings] == ["numbering-gap"]
    # (two such numbers are too few to tell a cut list from two lines that begin so)
    two = unroll.parse("3. Salar de Uyuni, Bolivia\n4. Mont Saint-Michel, France\n",
                       site="threadreaderapp")
    assert [p.marker for p in two.posts] == [None, None]


def test_a_marker_with_an_open_total_may_run_into_an_emoji() -> None:
    thread = unroll.parse("1/n A thread.\n2/n❓ Why so?\n3/n🤱🏼Because.\n", site="twtext")
    assert [(p.marker, p.text) for p in thread.posts] == [
        ("1/n", "A thread."), ("2/n", "❓ Why so?"), ("3/n", "🤱🏼Because.")]


def test_an_intro_above_1_of_n_under_a_header_count_is_read_as_with_no_count() -> None:
    """A header's count says whether an intro stands above "1/12" only by the author's total;
    with "1/n" there is none to compare, and the lines decide as where no header counts."""
    long = "The lamp at the point was lit again this week, after years of dark. " * 3
    posts = [f"{long}\n\nMy piece, and a thread: example.org/lamps\n{long}\n\n1/n",
             "The second post, closed by its own marker.\n\n2/n", "The third post.\n\n3/n"]
    thread = unroll.parse("Ada\nProfile picture\nJun 14, 2023 4 tweets 2 min read\n"
                          + "\n".join(posts) + "\n• • •\n")
    assert [(p.n, p.marker) for p in thread.posts] == [(1, None), (2, "1/n"), (3, "2/n"),
                                                      (4, "3/n")]


def test_a_list_item_over_the_limit_ends_a_post_at_its_own_link() -> None:
    """One item of a list that numbers posts runs past the limit, and a line inside it ends
    in a link: on X that is a post's own link (its picture's), so the item is two posts, the
    second an unnumbered one (a sponsor's), and the list numbers the posts after it by their
    place."""
    intro = "Why the north light went dark, and what it says about us 🧵:"
    items = []
    for n, topic in enumerate(["The lamp", "The keepers", "The storms"], 1):
        items += [f"{n}. {topic}", f"{topic} changed the light. " * 3,
                  f"More on {topic.lower()} below. https://t.co/abc{n}"]
        if n == 2:
            items += ["A word from the museum that keeps the logbooks.",
                      "Its shop sells the keepers' maps. " * 3, "https://t.co/shop"]
    thread = unroll.parse("\n".join([intro, *items]) + "\n", site="threadreaderapp")
    assert [(p.n, p.marker) for p in thread.posts] == [
        (1, "🧵"), (2, "1."), (3, "2."), (4, None), (5, "3.")]
    assert thread.posts[3].text.startswith("A word from the museum")


def test_a_line_pointing_on_ends_its_post_and_parts_a_list_intro() -> None:
    """">>>" or "👇" at a line's end points to the next post (16 times of 17 on the labelled
    real pages): above a list, the intro it ends is two posts, not the one post an intro
    that fits is, and the list numbers sit two below the posts."""
    lines = ["Six winters at the north light taught me a few things >>>",
             "For the record: I logged every storm from 1952 to 1958.",
             "1. The lamp comes first", "Oil, wick and lens before breakfast, every day.",
             "2. The sea keeps time", "Tides set the hours of the supply boat.",
             "3. Gulls are good company", "After a month alone you greet them by name."]
    thread = unroll.parse("\n".join(lines) + "\n", site="threadreaderapp")
    assert [(p.n, p.marker, p.text.split("\n")[0]) for p in thread.posts] == [
        (1, None, lines[0]), (2, None, lines[1]), (3, "1.", "The lamp comes first"),
        (4, "2.", "The sea keeps time"), (5, "3.", "Gulls are good company")]
    plain = unroll.parse("\n".join([lines[0][:-4] + ":", *lines[1:]]) + "\n",
                         site="threadreaderapp")
    assert [(p.n, p.marker) for p in plain.posts][:2] == [(1, None), (2, "1.")]


def test_a_link_card_below_a_trailing_marker_is_its_posts() -> None:
    """Thread Reader prints a post's link card under its text and marker, after a blank line
    (4 times of 4 on the labelled real pages): the post the marker closes ends below the
    card. "1/Thread" closes post 1 as "1/🧵" does."""
    text = ("A lighthouse tour of the east coast, in three stops.\n\nFirst, the north light,"
            " lit in 1871. 1/Thread\n\nharbours.example/lights/2018/…\nThen the south pier lamp,"
            " now a museum. /2\n\nlighthouses.example/pier…\nLast, the rock light. /3\n")
    thread = unroll.parse(text, site="threadreaderapp")
    assert [(p.n, p.marker, p.text.split("\n")[-1]) for p in thread.posts] == [
        (1, "1/Thread", "harbours.example/lights/2018/…"),
        (2, "/2", "lighthouses.example/pier…"), (3, "/3", "Last, the rock light.")]


def test_a_list_number_alone_on_its_line_opens_the_post_below() -> None:
    """"3." alone on its line, a blank line and the post's bullets below it: the number is
    the post's, as "2. ..." opening a line is."""
    text = ("The harbour board votes on the old lamp next week.\n\n(more below)\n"
            "2. Who decides\n\n- The board of nine\n- The town council has a say too\n"
            "3.\n\n- The lamp is from 1871\n- The keepers left in 1958\n"
            "4. So write to the board before Friday.\n")
    thread = unroll.parse(text, site="twtext")
    assert [(p.n, p.marker, p.text.split("\n")[0]) for p in thread.posts] == [
        (1, None, "The harbour board votes on the old lamp next week."),
        (2, "2.", "Who decides"), (3, "3.", "- The lamp is from 1871"),
        (4, "4.", "So write to the board before Friday.")]


def test_a_bracketed_marker_may_name_the_thread() -> None:
    """"[thread: 2/3]" alone on its line under a post's text, as a status page reposting a
    thread from X shows it: the post's marker."""
    text = ("The north light was lit in 1871.\n[thread: 1/3]\nIt was automated in 1958.\n"
            "[thread: 2/3]\nThe logbooks are in the museum now.\n[thread: 3/3]\n")
    thread = unroll.parse(text, site="generic")
    assert [(p.n, p.marker) for p in thread.posts] == [
        (1, "[thread: 1/3]"), (2, "[thread: 2/3]"), (3, "[thread: 3/3]")]


def test_where_two_blank_lines_part_the_posts_one_blank_line_is_a_paragraph() -> None:
    """A status page that parts its posts with two or more blank lines (18 times of 20 on
    the labelled real pages where at least two gaps are so wide): a single blank line there
    is a paragraph's (it ended a post 9 times of 29)."""
    posts = [["The north light was lit in 1871.", "", "Its lens came from Paris by ship.", "",
              "Two keepers shared the tower."],
             ["The light was automated in 1958.", "", "The keepers moved to the town."],
             ["Today the tower is a museum.", "", "The logbooks are on show upstairs."]]
    text = "\n\n\n".join("\n".join(post) for post in posts)
    thread = unroll.parse(text + "\n", site="generic")
    assert [p.text for p in thread.posts] == ["\n".join(post) for post in posts]
    one = unroll.parse(text.replace("\n\n\n", "\n\n", 1) + "\n", site="generic")
    assert len(one.posts) == 7  # (one wide gap: the blank lines part the posts as before)
    wide: set[int] = set()
    assert units_of(["a", "", "", "b", "", "c"], wide) == (["", "blank", "blank"], ["a", "b", "c"])
    assert wide == {1}
