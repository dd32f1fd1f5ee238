"""Thread Reader App (threadreaderapp.com): /thread/ pages and /scrolly/ pages, copied as text.

Seen on real pages: an optional header (name + "Profile picture", a "Jun 14 8 tweets 3 min
read" line, "Read on X"), one newline between posts, then "• • •", "Missing some Tweet in this
thread? You can try to" / "force a refresh" and a long footer. On a third of real pages the
footer is followed by teasers of the author's OTHER threads, often with no heading: everything
from the end of the thread on is the site's. Scrolly pages put blank lines between posts.
"""

from __future__ import annotations

from .profile import BULLET, DATE, READ_TIME, SiteProfile, rule

_PROFILE_PICTURE = rule("threadreaderapp.profile", r"(?P<name>\S.{0,80}?) Profile picture",
                        whole=True)

# The footer, in the order the site prints it (wording as seen on real pages).
_FOOTER = (
    rule("threadreaderapp.refresh", r"force a refresh", after="threadreaderapp.other-thread"),
    rule("threadreaderapp.keep-current", r"Keep Current with (?P<name>.{1,80})",
         cut=r"Keep Current with .{0,80}", whole=True),
    _PROFILE_PICTURE,
    rule("threadreaderapp.stay", r"Stay in touch and get notified when new unrolls are"
                                 r" available from this author!",
         example="Stay in touch and get notified when new unrolls are available from this"
                 " author!"),
    rule("threadreaderapp.read-all", r"Read all threads"),
    rule("threadreaderapp.removed", r"This Thread may be Removed Anytime!"),
    rule("threadreaderapp.pdf", r"PDF"),
    rule("threadreaderapp.save", r"Twitter may remove this content at anytime! Save it as"
                                 r" PDF for later use!",
         example="Twitter may remove this content at anytime! Save it as PDF for later use!"),
    rule("threadreaderapp.try", r"Try unrolling a thread yourself!"),
    rule("threadreaderapp.video", r"how to unroll video"),
    rule("threadreaderapp.how", r"(?:\d\.\s*)?(?:Follow @ThreadReaderApp to mention us!|From a"
                                r" Twitter thread mention us with a keyword [\"“]unroll[\"”])"),
    rule("threadreaderapp.how", r"@threadreaderapp unroll"),
    rule("threadreaderapp.practice", r"Practice here first or read more on our help page!",
         example="Practice here first or read more on our help page!"),
    rule("threadreaderapp.more-from", r"More from (?P<handle>@\w{1,50})",
         after="threadreaderapp.other-thread", cut=r"More from @\w{0,50}"),
    rule("threadreaderapp.teaser", r"Read \d{1,4} tweets"),
    rule("threadreaderapp.support", r"Did Thread Reader help you today\?|Support us! We are"
                                    r" indie developers!|Become Premium|Donate via Paypal"
                                    r"|Or Donate anonymously using crypto!"),
    rule("threadreaderapp.links", r"Help \| About \| TOS \| Privacy.*"),
)

_FACTS = rf"(?: {BULLET} |,? )"
"""Between the count line's facts: a space, a comma (older pages), or the page's bullet where
a copy kept it."""

PROFILE = SiteProfile(
    name="threadreaderapp",
    # threadreaderapp.com/thread/<id>.html (or without .html), as real pages link themselves.
    thread_url=r"https?://(?:www\.)?threadreaderapp\.com/thread/(?P<id>\d+)(?:\.html)?/?",
    signatures=("• • •", "•\u2009•", "Missing some Tweet", "Profile picture", "min read",
                "ThreadReaderApp", "threadreaderapp", "Thread Reader", "More from @",
                "Keep Current with", "Read all threads", "My Authors"),
    summary="Thread Reader App /thread/: text with 'N tweets M min read' and '• • •', saved"
            " pages (div.content-tweet[data-tweet]), Markdown clips",
    convention="newline",
    header=(
        _PROFILE_PICTURE,
        rule("threadreaderapp.profile", r"Profile picture"),
        rule("threadreaderapp.read-on", r"(?:Twitter logo )?Read on (?:X|Twitter)"),
        rule("threadreaderapp.nav", r"My Authors|Read all threads"),
    ),
    # The older layout's name line, above the count line: "Name @handle".
    above_header_end=(rule("threadreaderapp.name", r"(?P<name>\S.{0,80}?) (?P<handle>@\w{1,50})",
                           whole=True),),
    # The count line, in every layout seen: with or without a date (with or without its
    # year), a comma before the count (older pages), and "Read on X/Twitter" glued on.
    header_end=rule("threadreaderapp.date",
                    rf"(?:{DATE})?(?:{_FACTS}|,)?(?P<count>\d{{1,4}}) tweets?{_FACTS}{READ_TIME}"
                    rf"(?:{_FACTS}(?:Twitter logo )?Read on (?:X|Twitter))?"),
    end=(
        rule("threadreaderapp.end", rf"{BULLET}\s*{BULLET}\s*{BULLET}"),
        rule("threadreaderapp.missing", r"Missing some Tweets? in this thread\?"
                                        r"(?: You can try to(?: force a refresh)?)?\.?",
             example="Missing some Tweet in this thread? You can try to force a refresh"),
    ),
    footer=_FOOTER,
    footer_below_end=True,
    # Saved pages: tweets are div.content-tweet with data-tweet; the teaser cards of other
    # threads use the same class without data-tweet, so the attribute is what tells them apart.
    post_selector="div.content-tweet[data-tweet]",
    drop_selector="sup.tw-permalink, span.entity-image, span.entity-embed",
    id_attribute="data-tweet",
    handle_selector=".screenName",
    name_selector="h4.twitter_name",
    time_selector="a.time[href]",
    title_suffixes=(" – Thread Reader App", " - Thread Reader App", " on Thread Reader App"),
)

SCROLLY = SiteProfile(
    name="threadreaderapp-scrolly",
    thread_url=r"https?://(?:www\.)?threadreaderapp\.com/scrolly/(?P<id>\d+)/?",
    signatures=("Scrolly Tale", "Profile picture", "Keep scrolling"),
    summary="Thread Reader App /scrolly/ text: name, bio and 'N tweets' header, blank lines"
            " between posts, 'Share this Scrolly Tale' footer",
    convention="blank",
    header=(_PROFILE_PICTURE,),
    header_end=rule("threadreaderapp-scrolly.date",
                    rf"(?:{DATE})?,? ?(?P<count>\d{{1,4}}) tweets?"),
    end=(rule("threadreaderapp-scrolly.share", r"Share this Scrolly Tale with your friends\.",
              example="Share this Scrolly Tale with your friends.", opens_footer=True),),
    footer_below_end=True,
    footer=(
        rule("threadreaderapp-scrolly.about", r"A Scrolly Tale is a new way to read Twitter"
                                              r" threads with a more visually immersive"
                                              r" experience\."),
        rule("threadreaderapp-scrolly.discover", r"Discover more beautiful Scrolly Tales like"
                                                 r" this\."),
        rule("threadreaderapp-scrolly.keep", r"Keep scrolling"),
    ),
)
