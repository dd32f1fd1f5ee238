"""Stage 2, site: which unroll site produced the input, as a profile of data.

Adding a site means adding one module with a PROFILE and listing it in PROFILES.
"""

from __future__ import annotations

import itertools

from ..errors import UsageError
from . import bonfire, generic, mastodon, threader, threadreaderapp, twtext
from .crawl import has_debris
from .profile import (
    JOINED_HEAD,
    JOINED_TAIL,
    SHORT_CUT,
    LineRule,
    SiteProfile,
    cut_parts,
    line_parts,
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
    text = "\n".join(stripped)
    for profile in PROFILES:
        if not profile.rules or not any(s in text for s in profile.signatures):
            continue
        rules = union(profile.rules)
        hits = len(list(filter(None, map(rules.fullmatch, stripped))))
        # Where a copy joined several of the site's lines into one, each counts: only near
        # the ends, where the site puts them, as a thread's lines often start like one of
        # them (a name and a mention).
        # The same for a line broken in two: the two, joined, are one of the site's lines.
        for end in (stripped[:JOINED_HEAD], stripped[JOINED_HEAD:][-JOINED_TAIL:]):
            hits += sum(len(parts) for line in end if not rules.fullmatch(line)
                        and rules.match(line) and (parts := line_parts(line, profile.rules)
                                                   or cut_parts(line, profile.rules, SHORT_CUT)))
            hits += sum(1 for above, below in itertools.pairwise(end)
                        if not rules.fullmatch(above) and not rules.fullmatch(below)
                        and rules.match(above) and line_parts(f"{above} {below}", profile.rules))
        if selects and profile in selects:
            hits += 3
        if hits > best_hits:
            best, best_hits = profile, hits
    if best is GENERIC and has_debris(lines):
        # No footer survived, but only the twtext crawls are known to leave this debris.
        return next(p for p in PROFILES if p.crawl_debris)
    return best
