"""twtext.com and twunroll.com: the same @twtextapp service under two names.

Seen on real pages (the seed thread among them): no header, one newline between posts and blank
lines inside them; then the footer below, whose strings are reproduced exactly as the site
prints them, with the curly quotes of the Tip line.
"""

from __future__ import annotations

from .profile import SiteProfile, rule

PROFILE = SiteProfile(
    name="twtext",
    # twtext.com/article/<id> and twunroll.com/article/<id>, as real pages link themselves.
    thread_url=r"https?://(?:www\.)?(?:twtext|twunroll)\.com/article/(?P<id>\d+)/?",
    summary="twtext.com / twunroll.com: text with the 'You can follow @X.' footer (old crawls"
            " with padding and repeated posts too), saved pages with .tweet posts",
    signatures=("@twtextapp", "Latest Threads Unrolled", "You can follow @", "Cookie Policy"),
    convention="newline",
    crawl_debris=True,
    post_selector="article.thread .tweet, [data-tweet-id]",
    id_attribute="data-tweet-id",
    title_suffixes=(" | twtext", " | twunroll", " - twtext", " - twunroll"),
    footer=(
        rule("twtext.follow", r"You can follow (?P<handle>@\w{1,50})\.", anchor=True,
             opens_footer=True, cut=r"You can follow @\w{0,50}"),
        rule(
            "twtext.tip",
            r"Tip: mention @twtextapp on a Twitter thread with the keyword [“\"]unroll[”\"]"
            r" to get a link to it\.",
            anchor=True,
            example="Tip: mention @twtextapp on a Twitter thread with the keyword “unroll” to"
                    " get a link to it.",
        ),
        rule("twtext.latest", r"Latest Threads Unrolled:", anchor=True, opens_list=True,
             example="Latest Threads Unrolled:"),
        # twunroll.com, and twtext pages saved with the banner still open.
        rule(
            "twtext.cookies",
            r"By continuing to use the site, you are consenting to the use of cookies as"
            r" explained in our Cookie Policy to improve your experience\.",
            anchor=True,
            example="By continuing to use the site, you are consenting to the use of cookies as"
                    " explained in our Cookie Policy to improve your experience.",
        ),
    ),
)
