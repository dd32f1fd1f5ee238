"""threader.app: a one-line header with the author, blank lines between posts, a footer.

Strings as observed on real pages (the project's sites issue and the real-page labels in
benchmarks/realpages/): older pages say "A thread written by @HANDLE" above the thread, or
print the name, the handle, the bio, the date and "N min read" on one line; newer ones put
"+ Your Authors" after the name in that line (anything above it, such as a health notice, is
the site's too), and a footer like twtext's: "You can follow @HANDLE.", then threader's own
tip, then its sign-up line and, on some pages, a plea for support (clean.FOOTER_RUN: below
the footer's lines). The layout after Twitter bought it puts the name on its own line, runs
"+ Your Authors" into the next word, names the bot @threader and ends on "Follow Threader".
"""

from __future__ import annotations

from .profile import BYLINE, READ_TIME, SiteProfile, rule

PROFILE = SiteProfile(
    name="threader",
    # threader.app/thread/<id>, as real pages link themselves.
    thread_url=r"https?://(?:www\.)?threader\.app/thread/(?P<id>\d+)/?",
    summary="threader.app text: 'A thread written by @X' or '+ Your Authors' header,"
            " '@threader_app' footer",
    signatures=("@threader", "A thread written by @", "Enjoy Threader", "+ Your Authors",
                "Follow Threader"),
    convention="blank",
    header=(rule("threader.written-by", r"A thread written by (?P<handle>@\w{1,50})"),
            rule("threader.older-byline", BYLINE, whole=True)),
    # The name may stand on its own line above, and "+ Your Authors" run into the next
    # widget's word ("+ Your AuthorsArchive @x ...", the layout after Twitter bought it). The
    # older layout has no "+ Your Authors" ("NAME @handle BIO DATE N min read"): a header line
    # at the top, where a post's line is not.
    header_end=rule("threader.byline", r"(?:(?P<name>\S.{0,80}?) ?)?\+ Your Authors ?"
                                       r"(?:Archive )?(?P<handle>@\w{1,50}) .{0,400}"
                                       rf"{READ_TIME}(?: \+ Your Authors)?", whole=True),
    footer=(
        rule("threader.follow", r"You can follow (?P<handle>@\w{1,50})\.", anchor=True,
             opens_footer=True, cut=r"You can follow @\w{0,50}"),
        rule("threader.tip", r"Tip: mention @threader(?:_app)? on a Twitter thread with the"
                             r" keyword [“\"]compile[”\"] to get a link to it\.", anchor=True,
             example="Tip: mention @threader_app on a Twitter thread with the keyword"
                     " “compile” to get a link to it."),
        rule("threader.sign-up", r"Enjoy Threader\? Sign up\.|Follow Threader", anchor=True,
             example="Enjoy Threader? Sign up."),
    ),
)
