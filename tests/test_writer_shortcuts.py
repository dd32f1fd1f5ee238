"""The writers' shortcuts for the usual post write what their general paths write, byte for
byte: JSON objects written without json's encoder (writers/json.py, _post_text), one-line
posts rendered without regrouping (layout.single_line), Markdown escaping tested for markup
before it translates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from support import ROOT, SAMPLES, SHARED_INPUTS

import unroll
from unroll.model import Author, Image, Link, Post, Removed, Segment, Source, Thread
from unroll.model import Warning as Note
from unroll.writers import html, markdown, render
from unroll.writers import json as json_writer
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


CLEAN = st.text(st.sampled_from([*"ab .:/7", "\u2019", "\U0001f600"]), min_size=1, max_size=8)
"""Text with nothing to escape."""
DIRTY = ['"', "\\", "\t", "\n", "\x00", "\x7f", "\u00a0", "\u2028"]
"""Characters that _string escapes, or that str.isprintable refuses."""
FAULTS = ["", "", "text", "marker", "speaker", "part", "no-marker", "kind", "paragraph", "id",
          "url", "images", "links", "quoted", "segments"]


@st.composite
def usual_posts(draw: st.DrawFn) -> Post:
    """Posts shaped like the usual one: one source segment that is the text,
    or the text after a speaker's label, nothing to escape; then, mostly, one fault that
    makes it unusual."""
    def dirty(text: str) -> str:
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.sampled_from(DIRTY)) + text[at:]

    fault = draw(st.sampled_from(FAULTS))
    text = draw(CLEAN)
    if fault == "text":
        text = dirty(text)
    speaker = None
    part = text
    if draw(st.booleans()):  # a speaker's turn: "Host: ..."
        speaker, part = text, draw(CLEAN)
        text = f"{speaker}: {part}"
    if fault == "speaker":
        speaker = dirty(speaker or "")
    elif fault == "part":
        part = dirty(part)
    marker = draw(CLEAN)
    post = Post(draw(st.integers(1, 10**6)), text, dirty(marker) if fault == "marker" else (
        None if fault == "no-marker" else marker), (Segment("source", part, 0, speaker),))
    if fault in ("kind", "paragraph"):
        post.segments = (Segment("commentary" if fault == "kind" else "source", part,
                                 1 if fault == "paragraph" else 0, speaker),)
    elif fault in ("id", "url"):
        setattr(post, fault, draw(CLEAN))
    elif fault == "images":
        post.images = (Image(draw(CLEAN)),)
    elif fault == "links":
        post.links = (Link(draw(CLEAN), draw(CLEAN)),)
    elif fault == "quoted":
        post.quoted = (draw(CLEAN),)
    elif fault == "segments":
        post.segments += (Segment("commentary", draw(CLEAN), 0),)
    return post


@given(usual_posts())
@settings(max_examples=1000, deadline=None)
# Each character to escape in each string, whatever the draws find:
@example(Post(1, "a\\b", "1/", (Segment("source", "a\\b", 0),)))
@example(Post(1, 'a"b', "1/", (Segment("source", 'a"b', 0),)))
@example(Post(1, "a\x01b", "1/", (Segment("source", "a\x01b", 0),)))
@example(Post(1, "ab", "1\\/", (Segment("source", "ab", 0),)))
@example(Post(1, "ab", '1"/', (Segment("source", "ab", 0),)))
@example(Post(1, "ab", "1\t/", (Segment("source", "ab", 0),)))
def test_a_usual_post_is_written_as_the_encoder_writes_it(post: Post) -> None:
    assert _post_text(post) == _compact(_post(post))


@given(st.lists(usual_posts() | posts(), max_size=6))
def test_posts_are_written_as_the_encoder_writes_them(posts: list[Post]) -> None:
    assert [_post_text(post) for post in posts] == [_compact(_post(post)) for post in posts]


def test_the_usual_post_takes_the_short_way() -> None:
    """Writing the long way is always right, so the tests above cannot see a short way that
    is never taken: the usual posts take it, the others do not."""
    usual = [Post(1, "Plain \u2019text\u2019 \U0001f600.", "1/2",
                  (Segment("source", "Plain \u2019text\u2019 \U0001f600.", 0),)),
             Post(2, "Host: A turn.", "2/2", (Segment("source", "A turn.", 0, "Host"),)),
             # (issue 15: a thread of unnumbered one-line posts spent a third of its time
             # on the long way.)
             Post(5, "No marker.", None, (Segment("source", "No marker.", 0),))]
    unusual = [Post(3, 'A "quote".', "3/", (Segment("source", 'A "quote".', 0),)),
               Post(4, "A\ttab.", "4/", (Segment("source", "A\ttab.", 0),)),
               Post(6, "A marker to escape.", "6\\",
                    (Segment("source", "A marker to escape.", 0),))]
    assert all(json_writer._usual_segment(post) is not None for post in usual)
    assert all(json_writer._usual_segment(post) is None for post in unusual)


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_documents_are_the_encoders(path: Path) -> None:
    thread = unroll.parse(path)
    assert render(thread, "jsonl") == _compact(to_dict(thread)) + "\n"
    assert json.loads(render(thread, "json")) == to_dict(thread)


@st.composite
def threads(draw: st.DrawFn) -> Thread:
    """Threads with every field of the head, removed lines and warnings drawn."""
    author = draw(st.none() | st.builds(Author, TEXT, MAYBE))
    return Thread(
        Source(draw(TEXT), draw(st.sampled_from(["text", "html"])), draw(TEXT)),
        draw(MAYBE), draw(st.lists(usual_posts() | posts(), max_size=3)),
        removed=draw(st.lists(st.builds(Removed, TEXT, TEXT), max_size=3)),
        warnings=draw(st.lists(st.builds(Note, TEXT, TEXT, st.sampled_from([None, 0, 1, 10**6])),
                               max_size=3)),
        author=author, title=draw(MAYBE), url=draw(MAYBE), date=draw(MAYBE))


@given(threads())
def test_a_thread_is_written_on_one_line_as_the_encoder_writes_it(thread: Thread) -> None:
    assert render(thread, "jsonl") == _compact(to_dict(thread)) + "\n"


def test_a_thread_longer_than_a_chunk_is_written_whole() -> None:
    """stream writes the posts a chunk at a time (json._CHUNK)."""
    posts = [Post(n, f"Post {n}.", f"{n}/", (Segment("source", f"Post {n}.", 0),))
             for n in range(1, 2 * json_writer._CHUNK + 3)]
    thread = Thread(Source("long.txt"), None, posts)
    assert json.loads(render(thread, "json")) == to_dict(thread)
    assert render(thread, "jsonl") == _compact(to_dict(thread)) + "\n"


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
# Found by hypothesis: a segment of line breaks only made an empty paragraph, and HTML's
# paragraph writer failed on it.
@example([Post(1, "\n", None, (Segment("source", "\n", 0),))])
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
