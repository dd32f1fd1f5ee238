"""threader.app: "A thread written by @HANDLE" above the thread, blank lines between posts.

Strings as observed on real pages (quoted in the project's sites issue); nothing else of the
page is known, so nothing else is removed.
"""

from __future__ import annotations

from .profile import SiteProfile, rule

PROFILE = SiteProfile(
    name="threader",
    summary="threader.app text: 'A thread written by @X' header, '@threader_app' footer",
    signatures=("@threader_app", "A thread written by @", "Enjoy Threader"),
    convention="blank",
    header=(rule("threader.written-by", r"A thread written by (?P<handle>@\w{1,50})"),),
    footer=(
        rule("threader.tip", r"Tip: mention @threader_app on a Twitter thread with the keyword"
                             r" [“\"]compile[”\"] to get a link to it\.", anchor=True),
        rule("threader.sign-up", r"Enjoy Threader\? Sign up\.", anchor=True),
    ),
)
