"""How long a post is as X counts it: the 280-character limit is a weighted count.

Per twitter-text's configuration v3 (https://github.com/twitter/twitter-text, config/v3.json):
code points in the ranges below weigh 1, every other code point weighs 2, an emoji sequence
(ZWJ sequences, skin tones, flags, keycaps) weighs 2 as a whole, and a URL weighs 23.
"""

from __future__ import annotations

import re

URL_WEIGHT = 23

_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))

URL = re.compile(
    r"https?://[^\s<>\"]+"
    # Bare addresses as Thread Reader and twtext show them: "nature.com/articles/d4158…".
    r"|\b(?:[a-z0-9-]+\.)+[a-z]{2,12}/[^\s<>\"]*",
    re.IGNORECASE,
)
"""A link in thread text: a scheme URL, or a bare domain followed by a path."""

# Code points that start an emoji presentation sequence, and those that extend one.
_EMOJI_START = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x2300, 0x23FF))
_EMOJI_EXTEND = {0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))
_ZWJ = 0x200D
_REGIONAL = (0x1F1E6, 0x1F1FF)


def _in(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def _text_weight(text: str) -> int:
    total = 0
    i, end = 0, len(text)
    while i < end:
        cp = ord(text[i])
        if _in(cp, _EMOJI_START):
            i += 1
            regional = _REGIONAL[0] <= cp <= _REGIONAL[1]
            if regional and i < end and _REGIONAL[0] <= ord(text[i]) <= _REGIONAL[1]:
                i += 1  # a flag is a pair of regional indicators
            while i < end:
                nxt = ord(text[i])
                if nxt in _EMOJI_EXTEND:
                    i += 1
                elif nxt == _ZWJ and i + 1 < end:
                    i += 2
                else:
                    break
            total += 2
            continue
        total += 1 if _in(cp, _LIGHT_RANGES) else 2
        i += 1
    return total


def weighted_length(text: str) -> int:
    """The length X gives `text`, which its 280 (or a profile's own) limit applies to."""
    total, last = 0, 0
    for match in URL.finditer(text):
        total += _text_weight(text[last:match.start()]) + URL_WEIGHT
        last = match.end()
    return total + _text_weight(text[last:])
