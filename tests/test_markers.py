"""Every marker style the converter promises to recognise, where authors put them."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unroll
from unroll import markers

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
]


@pytest.mark.parametrize(("first", "second", "markers"), STYLES, ids=[s[2][0] for s in STYLES])
def test_marker_styles(first: str, second: str, markers: list[str]) -> None:
    thread = unroll.parse(f"{first}\n{second}\n", site="twtext")
    assert [p.marker for p in thread.posts] == markers
    assert [p.n for p in thread.posts] == [1, 2]
    assert thread.posts[1].text == "Two"


@pytest.mark.parametrize("sep", [".", ")"])
def test_list_style_markers_number_blank_separated_posts(sep: str) -> None:
    thread = unroll.parse(f"1{sep} One\n\n2{sep} Two\n\n3{sep} Three\n", site="generic")
    assert [(p.n, p.marker, p.text) for p in thread.posts] == [
        (1, f"1{sep}", "One"), (2, f"2{sep}", "Two"), (3, f"3{sep}", "Three")]


def test_a_thread_emoji_alone_marks_the_first_post() -> None:
    thread = unroll.parse("A thread about tides 🧵\nSecond post.\n", site="twtext")
    assert [(p.marker, p.text) for p in thread.posts] == [
        ("🧵", "A thread about tides"), (None, "Second post.")]


def test_numbers_that_run_backwards_stay_text() -> None:
    thread = unroll.parse("Three 3/\nTwo 2/\nOne 1/\n", site="twtext")
    assert [p.n for p in thread.posts] == [1, 2, 3]
    assert sum(p.marker is not None for p in thread.posts) <= 1
    kept = " ".join(p.text + " " + (p.marker or "") for p in thread.posts).split()
    assert sorted(kept) == sorted(["Three", "3/", "Two", "2/", "One", "1/"])


_LINE_ENDS = st.one_of(
    # Shaped like markers: brackets, numbers of any length, "/", "of", totals, spaces.
    st.from_regex(r"[a. \t]{0,3}[ (\[🧵]?[0-9]{0,8} ?(/|of| of )? ?([0-9]{1,8}|[nNxX?]|🧵)?"
                  r"[)\]]?", fullmatch=True),
    st.text(st.sampled_from(list("0123456789/ ()[]?nNxX🧵.,:\t")), min_size=1, max_size=24),
)


@given(st.text("ab ", max_size=10), _LINE_ENDS)
@settings(max_examples=3000, deadline=None)
def test_plain_trailing_word_finds_what_the_full_search_finds(head: str, tail: str) -> None:
    """markers._trailing tries the plain "7/12" last word before _TRAIL's search: a shortcut,
    so it must find the very match the search finds on any line end."""
    body = (head + tail).strip()
    if not body or body[-1] not in markers._CLOSES:
        return
    found = [markers._trailing(body),
             markers._TRAIL.search(body, max(0, len(body) - markers._TAIL))]
    fast, full = [(m.start(), m.group(), markers._marker(m)) if m else None
                  for m in found]
    assert fast == full


_OPENERS = ["", "", "a", "٣. ", "1. ", "2) ", "(1/3) ", "[2/3] ", "🧵 ", "/2 ", "٣/ ", "7/ ",
            "[a] ", "(a) ", "[", "(", "/", "/a ", "[ 2/3] ", "(²/3) ", "[٣/3] ", "[1 of 3] ",
            "(1 of 3) ", "/٣ "]
_MIDDLES = ["", "", " https://x.org/a ", " x.org/a ", " 🧵", " ٣. "]
_PLAIN_ENDS = [" 7/", " 7/12", " 7/345", " 0/3", " 4/3", " 5/3", " 12/3", " 7/n", " 7/?",
               " 7/🧵", "\t7/", ".7/", "  7/", " \t 7/", "\u00a07/", " 1234567/",
               " 7/ https://x.org/s", " ٣/", "7/", " ²/3", " 7/²", " ７/１２", "\u20097/",
               " 7/12/3", " a7/12", " 7//", " /7", " 7/1234567", " 1234567/8", "  \u00a0 7/",
               " 1000/1200", " 7/1000", " 007/012", " 999/999"]


@given(st.sampled_from(_OPENERS), st.text("ab .,:\t", max_size=8), st.sampled_from(_MIDDLES),
       st.sampled_from(_PLAIN_ENDS) | _LINE_ENDS)
@settings(max_examples=3000, deadline=None)
def test_the_plain_line_shortcut_finds_what_every_rule_finds(opener: str, words: str,
                                                             middle: str, end: str) -> None:
    """markers.candidates reads a line that can only end in a plain "7/12" with one match;
    every rule (_all_candidates) must find the very same candidates there."""
    line = opener + words + middle + end
    if line.strip():
        assert markers.candidates(3, line.strip()) == markers._all_candidates(3, line.strip())


@pytest.mark.parametrize("line", ["It was lit in 1871. 1/43", "Host: Where? 12/n",
                                  "\u201cQuoted\u201d \t 7/?", "A curly \u2019 here 3/"])
def test_the_usual_numbered_line_is_read_without_the_full_search(
        line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut is taken where it should be: falling back to _all_candidates is always
    right, so the equality test above cannot see a shortcut that is never taken."""
    def full_search(index: int, text: str) -> list[markers.Found]:
        raise AssertionError(f"{text!r} went to _all_candidates")

    monkeypatch.setattr(markers, "_all_candidates", full_search)
    found = markers.candidates(0, line)
    assert [(f.text, f.where, f.rest) for f in found] == [
        (line.rsplit(" ", 1)[1], "trail", line.rsplit(" ", 1)[0].rstrip())]


def _marker_by_trying_each_style(match: re.Match[str]) -> tuple[str, int, int | None] | None:
    """markers._marker as it read every style's groups in turn, before it read the style
    off the match's last group: the reference for the test below."""
    styles = (("ln", None),) if "ln" in match.re.groupindex else markers._STYLES
    for num, tot in styles:
        digits = match.group(num)
        if digits:
            number = int(digits)
            raw_total = match.group(tot) if tot else None
            total = int(raw_total) if raw_total and raw_total.isdigit() else None
            if number < 1 or (total is not None and number > total):
                return None
            return match.group().strip(), number, total
    return None


@given(_LINE_ENDS, _LINE_ENDS)
@settings(max_examples=2000, deadline=None)
def test_a_marker_is_read_by_the_style_that_matched(head: str, tail: str) -> None:
    """_marker takes the style from the match's last group, for every pattern it reads."""
    text = head + " " + tail
    patterns = (markers._LEAD, markers._TRAIL, markers._PLAIN_TRAIL, markers._LIST)
    for pattern in patterns:
        for start in range(len(text)):
            for found in (pattern.match(text, start), pattern.fullmatch(text, start)):
                if found is not None:
                    assert markers._marker(found) == _marker_by_trying_each_style(found)


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
