"""Commentary and speakers: which runs are the author's asides, whose turn each line opens."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import turn_openings

import unroll
from unroll.annotate import _line_segments, _lines, annotate, render_segment, speakers
from unroll.model import Post
from unroll.text.brackets import outermost_pairs


def kinds(text: str) -> list[tuple[str, str]]:
    post = unroll.parse(text, site="generic").posts[0]
    return [(s.kind, s.text) for s in post.segments]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("So what now? [Long thread]", [("source", "So what now? "),
                                        ("commentary", "Long thread")]),
        ("A new[ish] board", [("source", "A new"), ("commentary", "ish"),
                              ("source", " board")]),
        ("[citation needed]", [("commentary", "citation needed")]),
        ("see [the index [by Margaret] for more] ok",
         [("source", "see "), ("commentary", "the index [by Margaret] for more"),
          ("source", " ok")]),
        ("lend them [we'll scan them", [("source", "lend them [we'll scan them")]),
        ("Vicar wins] marrow", [("source", "Vicar wins] marrow")]),
        ("[THREAD] Scanning [PDF] done [END]", [("source", "[THREAD] Scanning [PDF] done [END]")]),
        ("a [ [b] c", [("source", "a [ "), ("commentary", "b"), ("source", " c")]),
        ("[] and [  ]", [("source", "[] and [  ]")]),
    ],
)
def test_commentary(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


def test_deep_nesting_is_linear_and_loses_nothing() -> None:
    line = "[" * 10_000 + "x" + "]" * 10_000
    assert outermost_pairs(line) == [(0, len(line) - 1)]
    assert outermost_pairs("[" * 50_000) == []


DIALOGUE = """\
Background: the plan covers 14 streets. 1/
Host: Where will staff park?

Okoye: In the new car park. [It opens in 2027.] 2/
Caller: Is my permit free?

Okoye: The first one is. 3/
Host: That will be unpopular.

Okoye: I understand. 4/
Why it matters: the cabinet decides in April. 5/
"""


def turns(text: str) -> list[tuple[str | None, str]]:
    thread = unroll.parse(text, site="twtext")
    return [(s.speaker, s.text.split()[0]) for s in turn_openings(thread)]


def test_recurring_labels_and_one_offs_inside_the_dialogue_are_speakers() -> None:
    assert turns(DIALOGUE) == [
        ("Host", "Where"), ("Okoye", "In"), ("Caller", "Is"), ("Okoye", "The"),
        ("Host", "That"), ("Okoye", "I"),
    ]


def test_one_off_headings_are_not_speakers() -> None:
    text = ("Inspections: they say it is stronger.\n\n[It is not.]\n\n"
            "Co-production: money for forums.\n\n[Not new.]\n")
    assert turns(text) == []


def test_segments_rebuild_each_paragraph_exactly() -> None:
    thread = unroll.parse(DIALOGUE, site="twtext")
    for post in thread.posts:
        paragraphs: dict[int, str] = {}
        for segment, before in zip(post.segments, (None, *post.segments[:-1]), strict=True):
            paragraphs[segment.paragraph] = paragraphs.get(segment.paragraph, "") + \
                render_segment(segment, before)
        assert "\n\n".join(paragraphs[k] for k in sorted(paragraphs)) == post.text


@given(st.text(st.sampled_from(list("ab [] :E")), max_size=30))
def test_a_one_line_post_gets_the_segments_of_its_line(text: str) -> None:
    """annotate takes a shortcut for one-line posts; it must give what _line_segments gives."""
    post = Post(1, text)
    annotate([post])
    assert post.segments == tuple(s for s in _line_segments(text, 0, None)
                                  if s.text or s.kind == "commentary")


@given(st.lists(st.sampled_from(["Host: a", "Host: [a] b", "ESC: b", "ESC: ", "Q: x [y]",
                                  "a", "[a]", "", "Host:a", "ESC:  c"]), max_size=8))
def test_one_line_posts_get_the_segments_of_their_lines(texts: list[str]) -> None:
    """The shortcut for one-line posts, speakers' turns among them, gives what _line_segments
    gives each line."""
    posts = [Post(n=i + 1, text=text) for i, text in enumerate(texts)]
    who = speakers(_lines(posts))
    annotate(posts)
    for post, speaker in zip(posts, who, strict=True):
        assert post.segments == tuple(s for s in _line_segments(post.text, 0, speaker)
                                      if s.text or s.kind == "commentary")


_ONE_LINE = st.lists(st.sampled_from(["a", " ", "[", "]", ":", "Host: ", "ESC: ", "x.org/a"]),
                     max_size=8).map("".join)


@given(st.lists(_ONE_LINE, max_size=8))
def test_one_line_posts_get_the_columns_the_line_loop_gives(texts: list[str]) -> None:
    """_lines builds the columns whole when no post has a line break; a post with one sends
    it through the loop, whose columns for the one-line posts before it must be the same."""
    posts = [Post(n=i + 1, text=text) for i, text in enumerate(texts)]
    whole = _lines(posts)
    looped = _lines([*posts, Post(n=len(posts) + 1, text="a\nb")])
    count = len(posts)
    assert (whole.post, whole.paragraph, whole.text, whole.label, whole.opens) == (
        looped.post[:count], looped.paragraph[:count], looped.text[:count],
        looped.label[:count], looped.opens[:count])
