"""X's weighted length (twitter-text config v3), which the 280 limit applies to."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unroll.text.weight import JOINED_MAX, weighted_length, weighted_lengths


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("hello world", 11),
        ("café £92 “quoted” – dash", 24),  # Latin-1, general punctuation in the light ranges
        ("欢迎", 4),  # CJK weighs 2
        ("間違えても", 10),
        ("…", 2),  # U+2026 is outside the light ranges
        ("🎉", 2),
        ("👩🏽‍🏫", 2),  # ZWJ sequence with a skin tone: one emoji
        ("👩‍👩‍👧", 2),
        ("🏳️‍🌈", 2),
        ("🇫🇷🇪🇸", 4),  # two flags
        ("❤️", 2),
        ("see https://example.org/a/very/long/path/indeed?x=1 now", 4 + 23 + 4),
        ("at statecourts.org/opinions/2024/… worth", 3 + 23 + 6),
        ("a\nb", 3),
    ],
)
def test_weighted_length(text: str, expected: int) -> None:
    assert weighted_length(text) == expected


_PIECES = ["a", " ", "/", ".", "7/12", "://", "http://x.org/a", "x.com/b", "e.co", "é", "“",
           "日", "🧵", "👍🏽", "\u200d", "https://t.co/x"]


@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), max_size=6))
def test_lines_weigh_together_what_they_weigh_one_by_one(lines: list[str]) -> None:
    """weighted_lengths settles a thread with no link at once; each line must weigh what
    weighted_length gives it, links, emoji and heavy code points included."""
    assert weighted_lengths(lines) == [weighted_length(line) for line in lines]


def test_a_big_thread_is_weighed_line_by_line_without_a_copy() -> None:
    lines = ["“Quoted” words and a 7/12", "x.org/a 3/", "plain"] * 10_000
    assert sum(map(len, lines)) > JOINED_MAX
    assert weighted_lengths(lines) == [weighted_length(line) for line in lines]
