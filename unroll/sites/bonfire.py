"""Bonfire (any fediverse server running it): a discussion page, copied as text.

Seen on a real page in benchmarks/realpages/: a header of the page's own words ("Discussion",
"Loading...", "Post", "Log in") and a bulleted menu ("About", "Code of conduct", "Privacy",
"About Bonfire"); then each post in a frame, the author's display name and the line of the
full fediverse handle with its "activity timestamp" above it, three bulleted action links
below it ("Copy link", "Flag this post" or "Flag this comment", "Block"). Posts hold
blank-line paragraphs, so only the frames part them (SiteProfile.frame).
"""

from __future__ import annotations

from .profile import SiteProfile, rule

_HANDLE = r"(?P<handle>@[\w.-]{1,64}@[\w-]+(?:\.[\w-]+)+)"
_BYLINE = rule("bonfire.byline", rf"{_HANDLE}\s+·\s+activity timestamp\b.{{0,40}}",
               example="@ada@lamps.example  ·  activity timestamp 2 days ago")
"""The line above each post: the author's handle and when it was posted."""

PROFILE = SiteProfile(
    name="bonfire",
    summary="Bonfire discussion pages: the menu header, each post framed by the handle's"
            " 'activity timestamp' line and its 'Copy link', 'Flag', 'Block' links",
    # (Not the action links' words, which a thread about moderation may well quote.)
    signatures=("activity timestamp", "About Bonfire"),
    convention="blank",
    limit=500,
    header=(
        rule("bonfire.heading", r"Discussion|Loading\.\.\.|Post|Log in"),
        rule("bonfire.menu", r"• (?:About|Code of conduct|Privacy|About Bonfire)"),
    ),
    # The first post's handle line closes the header: the display name above it is the
    # header's too. Every later post's is a frame line.
    header_end=_BYLINE,
    frame=(_BYLINE, rule("bonfire.action", r"• (?:Copy link|Flag this (?:post|comment)|Block)")),
)
