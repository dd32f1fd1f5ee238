"""threader.app: a one-line header with the author, blank lines between posts, a footer.

Strings as observed on real pages (the project's sites issue and the real-page labels in
benchmarks/realpages/): older pages say "A thread written by @HANDLE" above the thread; newer
ones print the name, "+ Your Authors", the handle, the bio, the date and "N min read" on one
line (anything above it, such as a health notice, is the site's too), and a footer like
twtext's: "You can follow @HANDLE.", then threader's own tip, then its sign-up line.
"""

from __future__ import annotations

from .profile import SiteProfile, rule

PROFILE = SiteProfile(
    name="threader",
    # threader.app/thread/<id>, as real pages link themselves.
    thread_url=r"https?://(?:www\.)?threader\.app/thread/(?P<id>\d+)/?",
    summary="threader.app text: 'A thread written by @X' or '+ Your Authors' header,"
            " '@threader_app' footer",
    signatures=("@threader_app", "A thread written by @", "Enjoy Threader", "+ Your Authors"),
    convention="blank",
    header=(rule("threader.written-by", r"A thread written by (?P<handle>@\w{1,50})"),),
    header_end=rule("threader.byline", r"(?P<name>\S.{0,80}?) ?\+ Your Authors"
                                       r" (?P<handle>@\w{1,50}) .{0,400}\d{1,3} min read"
                                       r"(?: \+ Your Authors)?"),
    footer=(
        rule("threader.follow", r"You can follow (?P<handle>@\w{1,50})\.", anchor=True),
        rule("threader.tip", r"Tip: mention @threader_app on a Twitter thread with the keyword"
                             r" [“\"]compile[”\"] to get a link to it\.", anchor=True,
             example="Tip: mention @threader_app on a Twitter thread with the keyword"
                     " “compile” to get a link to it."),
        rule("threader.sign-up", r"Enjoy Threader\? Sign up\.", anchor=True,
             example="Enjoy Threader? Sign up."),
    ),
)
