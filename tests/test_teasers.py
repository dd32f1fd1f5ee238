"""Other threads copied below a thread (Thread Reader's "more from this author"), told apart by
the numbering starting over; and the numbered lists and restarts that must stay posts."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from support import assert_conserved

import unroll

THREAD = (
    "The harbour wall was rebuilt in 1880 after the great storm took half of it. (1/n)\n"
    "The stone came from the quarry above the town, carted down by hand. (2/n)\n"
    "It has stood through every winter since, and the boats shelter behind it. (3/n)\n"
)
OTHER_THREADS = (
    "Why the lighthouse keeper kept two clocks, and what became of them (1/n)\n"
    "The first clock kept the town's time, the second the tide's. (2/n)\n"
    "The tide clock was sold at auction in 1931 to a collector. (3/n)\n"
    "The ferry timetable of 1902, read line by line.\n"
    "2) It ran four times a day in summer and twice in winter.\n"
    "3) The last boat waited for the train, whatever the weather.\n"
)


def parse(text: str) -> unroll.Thread:
    return unroll.parse(text.encode(), name="thread.txt")


def test_other_threads_after_the_numbering_starts_over_are_removed() -> None:
    thread = parse(THREAD + OTHER_THREADS)
    assert [(p.n, p.marker) for p in thread.posts] == [(1, "(1/n)"), (2, "(2/n)"), (3, "(3/n)")]
    taken = [r.text for r in thread.removed if r.rule.endswith(".other-threads")]
    assert taken == OTHER_THREADS.splitlines()
    assert [w.code for w in thread.warnings if w.code == "other-threads"] == ["other-threads"]
    assert_conserved(thread, (THREAD + OTHER_THREADS).encode())


def test_leading_other_threads_start_at_their_unnumbered_first_post() -> None:
    lead = "".join(f"{n}) " + line.rsplit(" (", 1)[0] + "\n"
                   for n, line in enumerate(THREAD.splitlines(), start=1))
    tail = ("A walk round the old mill race on a Sunday.\n"
            "2) The wheel turned until 1950, grinding oats for the farms.\n"
            "3) The race is dry now, but the stones still show the water line.\n"
            "Notes on the churchyard yews.\n"
            "2) The oldest is said to be a thousand years old.\n")
    thread = parse(lead + tail)
    assert len(thread.posts) == 3
    assert thread.posts[-1].text.startswith("It has stood")
    assert [r.text for r in thread.removed] == tail.splitlines()


KEPT = {
    "lists inside posts": ("1/ Three walks, each with two things to see.\n"
                           "2/ The first walk:\n1. the mill\n2. the weir\n"
                           "3/ The second walk:\n1. the church\n2. the yews\n"
                           "4/ The third walk:\n1. the harbour\n2. the wall\n",
                           ["1/", "2/", "3/", "4/"]),
    "a restart the thread carries on after": (
        "The survey of the river came back today. /1\n"
        "It counted the fish at six places along its length. /2\n"
        "1/20 of the places had fewer fish than the year before, the rest more. /3\n"
        "The full report is in the library. /4\n", ["/1", "/2", "/3", "/4"]),
}


@pytest.mark.parametrize(("text", "markers"), KEPT.values(), ids=KEPT.keys())
def test_numbers_that_start_over_inside_the_thread_are_kept(text: str,
                                                             markers: list[str]) -> None:
    thread = parse(text)
    assert [p.marker for p in thread.posts] == markers
    assert not thread.removed


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=6), st.integers(min_value=2, max_value=6),
       st.sampled_from(["{n}/", "({n}/n)", "{n}/{t}"]))
def test_the_thread_before_a_restart_is_kept_whole(posts: int, others: int, style: str) -> None:
    """Whatever the lengths, the thread's own posts stay posts, and every line is somewhere.
    (Where the other thread runs past the thread's last number in the same style, "1/ 2/"
    then "1/ 2/ 3/", the "3/" could go on from the thread's "2/": nothing is cut.)"""
    assume(others <= posts or style != "{n}/")
    body = "".join(f"Post number {n} of the thread, about the town. "
                   f"{style.format(n=n, t=posts)}\n" for n in range(1, posts + 1))
    tail = "".join(f"Another thread's post {n}, about the sea. {n}/\n"
                   for n in range(1, others + 1))
    thread = parse(body + tail)
    assert [p.n for p in thread.posts] == list(range(1, posts + 1))
    assert len(thread.removed) == others
    assert_conserved(thread, (body + tail).encode())


def test_a_restart_after_posts_of_two_lines_starts_at_its_marker() -> None:
    """Where each post of the thread takes two lines, the line before a restarted "2/" is the
    last post's second line, not an unnumbered first post of the other thread."""
    thread_text = ("The harbour wall was rebuilt in 1880 after the great storm.\n"
                   "The town paid for it with a tax on every barrel.\n"
                   "2/ The stone came from the quarry above the town.\n"
                   "It was carted down by hand over four summers.\n"
                   "3/ It has stood through every winter since.\n"
                   "The boats still shelter behind it.\n")
    others = ("2/ The lighthouse keeper kept two clocks in the lamp room.\n"
              "One kept the town's time, the other the tide's.\n"
              "3/ The tide clock was sold at auction in 1931.\n")
    thread = parse(thread_text + others)
    assert [p.marker for p in thread.posts] == [None, "2/", "3/"]
    assert thread.posts[-1].text.endswith("The boats still shelter behind it.")
    assert [r.text for r in thread.removed] == others.splitlines()


def test_a_list_that_starts_over_below_a_thread_opener_is_another_thread() -> None:
    """One restart of list numbers is enough where the line above it opens a thread in words
    (Thread Reader's other threads, copied with no heading) after the thread's own closing
    post. Not where that line follows the thread's list at once ("Part two 🧵"), is one of
    its items, or says only "thread:": the list stays the thread's."""
    thread = "How the harbour keepers lived, year by year - thread 🧵\n" + "".join(
        f"{n}. The harbour in {1890 + n}\n" for n in range(1, 8)) + "Thanks for reading!\n"
    other = "The lighthouse, year by year - a thread 🧵\n1. The lamp in 1871\n2. The lamp in 1901\n"
    parsed = parse(thread + other)
    assert [p.marker for p in parsed.posts] == ["🧵", *(f"{n}." for n in range(1, 8))]
    assert [r.text for r in parsed.removed] == other.splitlines()
    assert_conserved(parsed, (thread + other).encode())
    restart = "1. The lamp in 1871\n2. The lamp in 1901\n"
    items = "".join(f"{n}. The harbour in {1890 + n}\n" for n in range(1, 4))
    for text in (f"{thread}Now the second part of the thread:\n{restart}",
                 f"Harbour facts 🧵\n{items}Part two: the lighthouses 🧵\n{restart}",
                 f"Harbour facts 🧵\n{items}4. My thread on the keepers 🧵\n{restart}"):
        assert parse(text).removed == [], text
