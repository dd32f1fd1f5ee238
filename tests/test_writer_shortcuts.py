"""The writers' shortcuts for the usual post write what their general paths write, byte for
byte: JSON posts written without json's encoder (writers/json.py, _post_text), one-line
posts rendered without regrouping (layout.single_line), Markdown escaping tested for markup
before it translates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import ROOT, SAMPLES, SHARED_INPUTS

import unroll
from unroll.model import Image, Link, Post, Segment, Source, Thread
from unroll.writers import html, markdown, render
from unroll.writers.json import _compact, _post, _post_text, to_dict
from unroll.writers.options import Options

FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures" / "sites").iterdir()
                  if not p.name.endswith(".expected.json"))
INPUTS = [*SAMPLES, *FIXTURES, *SHARED_INPUTS]

# Every code point class that json escapes or passes (quotes, backslashes, controls, lone
# surrogates, non-BMP characters), after openings that are markup at the start of a line.
OPENINGS = ["", "", "# ", "## ", "1. ", "2) ", "> ", "- ", "+ ", "=", "|", "`", "<b>", "&amp;",
            "https://example.org/a_b ", "ESC: "]
TEXT = st.builds(str.__add__, st.sampled_from(OPENINGS),
                 st.text(st.characters(codec=None, blacklist_categories=()), max_size=40))
MAYBE = st.none() | TEXT


@st.composite
def posts(draw: st.DrawFn) -> Post:
    kinds = draw(st.lists(st.sampled_from(["source", "commentary"]), max_size=3))
    # As annotate makes them: a source segment always has text.
    segments = tuple(Segment(kind, draw(TEXT.filter(bool) if kind == "source" else TEXT),
                             draw(st.integers(0, 10)), draw(MAYBE))
                     for kind in kinds)
    # The usual post: one segment that is the whole text (written with the text's encoding).
    whole = len(segments) == 1 and draw(st.booleans())
    return Post(
        n=draw(st.integers(1, 10**6)), text=segments[0].text if whole else draw(TEXT),
        marker=draw(MAYBE), segments=segments,
        id=draw(MAYBE), url=draw(MAYBE),
        images=tuple(Image(draw(TEXT), draw(MAYBE)) for _ in range(draw(st.integers(0, 2)))),
        links=tuple(Link(draw(TEXT), draw(TEXT)) for _ in range(draw(st.integers(0, 2)))),
        quoted=tuple(draw(TEXT) for _ in range(draw(st.integers(0, 2)))),
    )


@given(posts())
def test_a_post_is_written_as_the_encoder_writes_it(post: Post) -> None:
    assert _post_text(post) == _compact(_post(post))


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_documents_are_the_encoders(path: Path) -> None:
    thread = unroll.parse(path)
    assert render(thread, "jsonl") == _compact(to_dict(thread)) + "\n"
    assert json.loads(render(thread, "json")) == to_dict(thread)


def _without_shortcut(thread: Thread, to: str, options: Options,
                      monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(html, "single_line", lambda post: None)
        patch.setattr(markdown, "single_line", lambda post: None)
        return render(thread, to, options)


OPTIONS = [Options(), Options(commentary="footnote", numbers=False), Options(fragment=True)]


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_one_line_posts_render_as_the_general_path_renders_them(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    thread = unroll.parse(path)
    for to in ("md", "html"):
        for options in OPTIONS:
            assert render(thread, to, options) == _without_shortcut(thread, to, options,
                                                                    monkeypatch)


@given(st.lists(posts(), min_size=1, max_size=4))
def test_generated_posts_render_as_the_general_path_renders_them(posts: list[Post]) -> None:
    thread = Thread(Source("generated.txt"), None, posts)
    with pytest.MonkeyPatch.context() as patch:
        for to in ("md", "html"):
            fast = render(thread, to)
            patch.setattr(html, "single_line", lambda post: None)
            patch.setattr(markdown, "single_line", lambda post: None)
            assert fast == render(thread, to)
            patch.undo()


def test_the_markup_test_finds_every_markup_character() -> None:
    for code in range(0x3000):
        char = chr(code)
        assert bool(markdown._HAS_MARKUP.search(char)) == (char in markdown._MARKUP), char
