"""Mastodon server pages (any server's status page), copied as text.

Seen on the real pages in benchmarks/realpages/: a header of the server's own blurb ("HOST is
one of the many independent Mastodon servers you can use to participate in the fediverse"),
its description, "Administered by:", "Server stats:", a count and "active users", then the
author's display name; blank lines between posts, which may hold 500 characters; below the
posts "Show thread" and "Sign in to participate in the conversation", after which the
server's name and description are the site's too.
"""

from __future__ import annotations

from .profile import SiteProfile, rule

PROFILE = SiteProfile(
    name="mastodon",
    summary="Mastodon server status pages: the server's blurb and stats header, 'Show thread',"
            " 'Sign in to participate in the conversation'",
    signatures=("independent Mastodon servers", "Administered by:", "Server stats:",
                "Sign in to participate in the conversation"),
    convention="blank",
    limit=500,
    shows_replies=True,
    header=(
        rule("mastodon.server", r"\S{1,80} is one of the many independent Mastodon servers you"
                                r" can use to participate in the fediverse\.?",
             example="mstdn.example is one of the many independent Mastodon servers you can"
                     " use to participate in the fediverse."),
        rule("mastodon.admin", r"Administered by:"),
        rule("mastodon.stats", r"Server stats:"),
        # The author's display name, below the stats: capitalised words, as a name is.
        rule("mastodon.name", r"(?P<name>[A-Z][\w'’.-]{0,30}(?: [A-Z][\w'’.-]{0,30}){1,3})",
             whole=True),
    ),
    # The stats end the header: "16K" / "active users"; the blurb and the server's own
    # description above them are the site's.
    header_end=rule("mastodon.active-users", r"active users"),
    above_header_end=(rule("mastodon.count", r"\d[\d.,]*[KkMm]?"),),
    # Below the status the page is about: its time, visibility and client, then its counts
    # of replies, boosts and favourites, each after a "·" ("Jun 2, 2023, 18:01 · · Web · 1 ·
    # 2 · 11"; a copy may lose the time and the visibility's icon).
    amid=(rule("mastodon.status-facts", r"(?:[^·]{0,40}·){2,}\s*(?:\d[\d.,]*[KkMm]?\s*·\s*){2}"
                                        r"\d[\d.,]*[KkMm]?",
               example="Jun 2, 2023, 18:01 · · Web · 1 · 2 · 11"),),
    footer=(rule("mastodon.show-thread", r"Show thread"),),
    end=(rule("mastodon.sign-in", r"Sign in to participate in the conversation",
              example="Sign in to participate in the conversation"),),
)
