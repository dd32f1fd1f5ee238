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
    # Bounded repeats: an unbounded nested one is quadratic on a long "a.a.a.a..." run.
    r"|\b(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,12}/[^\s<>\"]*",
    re.IGNORECASE,
)
"""A link in thread text: a scheme URL, or a bare domain followed by a path."""

EMOJI_START = "\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF"
"""The code points an emoji may begin with, for a character class (flags apart)."""
_EMOJI_EXTEND = "\uFE0F\u20E3\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F"
_EMOJI = re.compile(
    rf"(?:[\U0001F1E6-\U0001F1FF]{{2}}|[{EMOJI_START}])"  # a flag is a pair of indicators
    rf"(?:[{_EMOJI_EXTEND}]|\u200D[{EMOJI_START}])*"
)
"""One emoji sequence: a base, then modifiers, variation selectors, tags or ZWJ + emoji."""
_HEAVY = re.compile("[^" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _LIGHT_RANGES) + "]")
"""A code point outside the light ranges: it weighs 2."""


_ALL_LIGHT = re.compile(
    "[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _LIGHT_RANGES) + "]*"
)
"""Text of light code points only (most European text, curly quotes included)."""


def _text_weight(text: str) -> int:
    if text.isascii() or _ALL_LIGHT.fullmatch(text):
        return len(text)
    rest, emoji = _EMOJI.subn("", text)
    return 2 * emoji + len(rest) + (len(rest) - len(_HEAVY.sub("", rest)))


def weighted_length(text: str) -> int:
    """The length X gives `text`, which its 280 (or a profile's own) limit applies to."""
    if not might_link(text):
        return _text_weight(text)
    total, last = 0, 0
    for match in URL.finditer(text):
        total += _text_weight(text[last:match.start()]) + URL_WEIGHT
        last = match.end()
    return total + _text_weight(text[last:])


JOINED_MAX = 1 << 16
"""Characters up to which weighted_lengths tests the lines joined: a copy of a big thread
would set its peak memory."""


def weighted_lengths(lines: list[str]) -> list[int]:
    """weighted_length of each line. Every line of every thread is weighed, so the tests it
    makes of each line are made once on all of them where that settles it: with no link
    anywhere (neither pattern spans a line break), an ASCII line weighs its length."""
    joined = "\n".join(lines) if sum(map(len, lines)) <= JOINED_MAX else None
    if joined is None or might_link(joined):
        return [weighted_length(line) for line in lines]
    return list(map(len, lines)) if joined.isascii() else list(map(_text_weight, lines))


_BARE_HINT = re.compile(r"\.[a-zA-Z]{2,12}/")


def might_link(text: str) -> bool:
    """A fast test before the URL pattern: every URL has "://" or a ".tld/"."""
    return "://" in text or (("/" in text) and _BARE_HINT.search(text) is not None)


def web_links(text: str) -> list[str]:
    """The http(s) addresses written in `text`, in order."""
    if "://" not in text:
        return []
    return [m.group(0) for m in URL.finditer(text) if m.group(0).lower().startswith("http")]
