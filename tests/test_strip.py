"""Stripping asides is a parse option, and it keeps an aside the sentence cannot do without."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unroll
from unroll.annotate.strip import strip_commentary
from unroll.errors import UsageError
from unroll.writers import render
from unroll.writers.options import Options

# The sentence needs the aside: taking it out leaves a hole.
KEPT = [
    ("Everything in [square brackets] is my own comment.", "square brackets"),
    ("The notes between [these marks] were added later.", "these marks"),
    ("Their answer was [redacted].", "redacted"),
    ("The council and [the trust] were told on Monday.", "the trust"),
    ("[Square brackets] are mine throughout.", "Square brackets"),
    ("It went on. [The minister] said nothing for an hour.", "The minister"),
    ("What it found: [nothing] was done in time.", "nothing"),
]
# The sentence stands without it.
STRIPPED = [
    ("The report, [which has yet to be published], says so.", "The report, , says so."),
    ("He said it was [sic] wrong.", "He said it was wrong."),
    ("The board met in May [citation needed] and agreed.", "The board met in May and agreed."),
    ("It is new[ish] to us.", "It is new to us."),
    ("[Good point.] The river rose again.", "The river rose again."),
    ("They read the [long] report twice.", "They read the report twice."),
    ("The plan [my emphasis] is late.", "The plan is late."),
]


def _post(text: str, strip: bool = True) -> unroll.Post:
    return unroll.parse(f"{text} 1/\nA second post. 2/\n", strip=strip).posts[0]


@pytest.mark.parametrize(("text", "aside"), KEPT)
def test_an_aside_the_sentence_needs_stays(text: str, aside: str) -> None:
    post = _post(text)
    assert post.text == text
    assert [s.text for s in post.segments if s.kind == "commentary"] == [aside]


@pytest.mark.parametrize(("text", "left"), STRIPPED)
def test_an_aside_the_sentence_stands_without_goes(text: str, left: str) -> None:
    thread = unroll.parse(f"{text} 1/\nA second post. 2/\n", strip=True)
    assert thread.posts[0].text == left
    assert not any(s.kind == "commentary" for s in thread.posts[0].segments)
    gone = [r.text for r in thread.removed if r.rule == "author.commentary"]
    assert len(gone) == 1 and gone[0] in text


def test_without_strip_every_aside_is_commentary() -> None:
    for text, _ in KEPT + STRIPPED:
        assert any(s.kind == "commentary" for s in _post(text, strip=False).segments)


def _letters(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


_WORDS = st.sampled_from(["in", "the", "was", "and", "report", "River", "said", "is", ".",
                          ",", "[x]", "[an aside]", "[sic]", "[1]", "new[ish]", "it"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=12))
def test_strip_at_parse_is_strip_of_the_parsed_thread_and_loses_no_word(words: list[str]) -> None:
    text = " ".join(words)
    data = f"{text} 1/\nSecond post here. 2/\n"
    stripped = unroll.parse(data, strip=True)
    later = strip_commentary(unroll.parse(data))
    assert [p.text for p in stripped.posts] == [p.text for p in later.posts]
    assert stripped.removed == later.removed
    assert [p.segments for p in stripped.posts] == [p.segments for p in later.posts]
    kept = [p.text + (p.marker or "") for p in stripped.posts] + [r.text for r in stripped.removed]
    assert _letters("".join(kept)) == _letters(data)  # every character is somewhere still
    assert strip_commentary(stripped) is stripped  # nothing left to strip


def test_writers_only_show_a_stripped_thread() -> None:
    data = "A point [my aside] made. 1/\nAnother. 2/\n"
    with pytest.raises(UsageError, match="strip=True"):
        render(unroll.parse(data), "md", Options(commentary="strip"))
    document = render(unroll.parse(data, strip=True), "md", Options(commentary="strip"))
    assert "my aside" not in document and "A point made." in document
    shown = json.loads(unroll.convert(data, to="json", options=Options(commentary="strip")))
    assert shown["removed"][-1] == {"text": "[my aside]", "rule": "author.commentary"}


def test_the_cli_strips_and_says_how_it_decides(tmp_path: object) -> None:
    run = [sys.executable, "-m", "unroll", "convert", "-", "--commentary", "strip"]
    done = subprocess.run(run, input="Everything in [square brackets] is mine [really]. 1/\n"
                          "Two. 2/\n", capture_output=True, text=True, check=True)
    assert "square brackets" in done.stdout and "really" not in done.stdout
    helped = subprocess.run([sys.executable, "-m", "unroll", "convert", "--help"],
                            capture_output=True, text=True, check=True)
    words = " ".join(helped.stdout.split())
    assert "keeps an aside its sentence needs" in words and "(in [brackets])" in words
