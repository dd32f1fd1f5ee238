"""Stage 2, site: which unroll site produced the input, as a profile of data.

Adding a site means adding one module with a PROFILE and listing it in PROFILES.
"""

from __future__ import annotations

import re

from ..errors import UsageError
from . import bonfire, generic, mastodon, threader, threadreaderapp, twtext
from .crawl import has_debris
from .profile import (
    JOINED_HEAD,
    JOINED_TAIL,
    SHORT_CUT,
    LineRule,
    SiteProfile,
    closing_in,
    cut_openings,
    cut_parts,
    joinable,
    line_parts,
    stopped_inside,
    stopped_mid_word,
    union,
)

PROFILES: tuple[SiteProfile, ...] = (
    twtext.PROFILE,
    threadreaderapp.PROFILE,
    threadreaderapp.SCROLLY,
    threader.PROFILE,
    mastodon.PROFILE,
    bonfire.PROFILE,
    generic.PROFILE,
)
"""Every profile, most specific first; "generic" is the fallback and must stay last."""

GENERIC = generic.PROFILE

__all__ = ["GENERIC", "PROFILES", "LineRule", "SiteProfile", "detect", "get"]


def _joined_hits(stripped: list[str], whole: list[re.Match[str] | None],
                 profile: SiteProfile) -> int:
    """How many of the site's lines a copy joined into one line or broke in two, or stopped
    inside, the non-blank lines `stripped` hold (`whole`: each one's whole match). Looked for
    only near the ends, where the site puts its lines, and only where a line (or a line and
    the next) starts like one of the site's: a thread's lines rarely do, and each that does
    costs a reading (line_parts)."""
    rules = profile.rules
    pattern = union(rules)
    count = len(stripped)
    hits = 0
    for lo, hi in ((0, min(JOINED_HEAD, count)), (max(JOINED_HEAD, count - JOINED_TAIL), count)):
        for i in range(lo, hi):
            if whole[i] is not None:
                continue
            line = stripped[i]
            if pattern.match(line) is not None:
                parts = line_parts(line, rules) or cut_parts(line, rules, SHORT_CUT)
                if parts is not None:
                    hits += len(parts)
                    continue
                if lo == 0 and profile.header_end is not None \
                        and closing_in(line, profile.header_end) is not None:
                    hits += 1  # (the header's closing line, the header's lines joined before)
                    continue
            if i + 1 < hi and whole[i + 1] is None:
                # (Its first half need not start like one; below the head, only the rules
                # whose lines may be parts read it, as clean's walks do.)
                pair = f"{line} {stripped[i + 1]}"
                if pattern.match(pair) is not None \
                        and line_parts(pair, rules if lo == 0 else joinable(rules)) is not None:
                    hits += 1
    if stripped and whole[-1] is None and stopped_inside(stripped[-1], rules) is not None:
        hits += 1  # (a copy that stopped inside the site's line: "You can follow @Dea")
    return hits


def get(name: str) -> SiteProfile:
    """The profile called `name`, for --site."""
    for profile in PROFILES:
        if profile.name == name:
            return profile
    names = ", ".join(p.name for p in PROFILES)
    raise UsageError(f"unknown site {name!r} (known: {names})")


def detect(lines: list[str], selects: list[SiteProfile] | None = None) -> SiteProfile:
    """The profile whose own lines the input carries most of; generic when none match.

    `selects` are the profiles whose post selector finds posts in a saved page: that
    structure counts as much as a few of the site's lines.
    """
    if len(lines) > 400:
        lines = lines[:100] + lines[-300:]
    best, best_hits = GENERIC, 0
    # Every line of every input passes here: the loops over lines are map and filter, which
    # run in C, not Python loops.
    stripped = list(filter(None, map(str.strip, lines)))
    text = " ".join(stripped)  # (a signature may run across a line the copy broke in two)
    last = stripped[-1] if stripped else ""
    for profile in PROFILES:
        # (Or the copy stopped inside a word of one of its fixed lines, CUT_MINIMUM characters
        # in, or early in its footer's first: "Sign in to participate in th", "You ca".)
        signed = any(s in text for s in profile.signatures) \
            or (last.startswith(cut_openings(profile.rules))
                and stopped_mid_word(last, profile.rules))
        if not profile.rules or not signed:
            continue
        rules = union(profile.rules)
        whole = list(map(rules.fullmatch, stripped))
        hits = len(whole) - whole.count(None)
        hits += _joined_hits(stripped, whole, profile)
        if selects and profile in selects:
            hits += 3
        if hits > best_hits:
            best, best_hits = profile, hits
    if best is GENERIC and has_debris(lines):
        # No footer survived, but only the twtext crawls are known to leave this debris.
        return next(p for p in PROFILES if p.crawl_debris)
    return best
