"""The JSON writer writes posts itself (writers/json.py, _post_text) instead of handing dicts
to json's encoder; what it writes must be the encoder's output, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import ROOT, SAMPLES, SHARED_INPUTS

import unroll
from unroll.model import Image, Link, Post, Segment
from unroll.writers import render
from unroll.writers.json import _compact, _post, _post_text, to_dict

FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures" / "sites").iterdir()
                  if not p.name.endswith(".expected.json"))
INPUTS = [*SAMPLES, *FIXTURES, *SHARED_INPUTS]

# Every code point class that json escapes or passes: quotes, backslashes, controls, lone
# surrogates, non-BMP characters.
TEXT = st.text(st.characters(codec=None, blacklist_categories=()), max_size=40)
MAYBE = st.none() | TEXT


@st.composite
def posts(draw: st.DrawFn) -> Post:
    segments = tuple(Segment(draw(st.sampled_from(["source", "commentary"])), draw(TEXT),
                             draw(st.integers(0, 10)), draw(MAYBE))
                     for _ in range(draw(st.integers(0, 3))))
    return Post(
        n=draw(st.integers(1, 10**6)), text=draw(TEXT), marker=draw(MAYBE), segments=segments,
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
