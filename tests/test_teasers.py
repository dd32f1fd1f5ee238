"""Other threads copied below a thread (Thread Reader's "more from this author"), told apart by
the numbering starting over; and the numbered lists and restarts that must stay posts."""

from __future__ import annotations

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


def test_lists_inside_posts_are_not_other_threads() -> None:
    text = ("1/ Three walks, each with two things to see.\n"
            "2/ The first walk:\n1. the mill\n2. the weir\n"
            "3/ The second walk:\n1. the church\n2. the yews\n"
            "4/ The third walk:\n1. the harbour\n2. the wall\n")
    thread = parse(text)
    assert [p.marker for p in thread.posts] == ["1/", "2/", "3/", "4/"]
    assert not thread.removed


def test_a_restart_the_thread_carries_on_after_is_kept() -> None:
    text = ("The survey of the river came back today. /1\n"
            "It counted the fish at six places along its length. /2\n"
            "1/20 of the places had fewer fish than the year before, the rest more. /3\n"
            "The full report is in the library. /4\n")
    thread = parse(text)
    assert [p.marker for p in thread.posts] == ["/1", "/2", "/3", "/4"]
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
