"""X's weighted length (twitter-text config v3), which the 280 limit applies to."""

from __future__ import annotations

import pytest

from unroll.weight import weighted_length


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
