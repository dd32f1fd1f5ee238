"""Any other text: only the chrome any site adds at the head or tail is removed, and the input
itself says how posts are delimited.

Unroll sites nobody has a profile for still print a header and a footer: a row of links, a
copyright line, a "Comments" or "Share" button, "View Thread", "Get more threads from @x".
These rules recognise the shapes such lines take on every site, not one site's wording, and
like any profile's they apply only to the run of lines at the very top (header) or bottom
(footer) of the input, never in the middle; the pipeline says so in an `unknown-site`
warning. In the middle only a card's furniture goes (_CARD), lines no author writes alone.
Shapes from the real-pages issue and the pages in benchmarks/realpages/.
"""

from __future__ import annotations

from .profile import BYLINE, DATE, SiteProfile, rule

_WORD = r"[\w'’&.+-]"
_ITEM = rf"{_WORD}{{1,20}}(?: {_WORD}{{1,20}}){{0,2}}"

_CHROME = (
    # A row of three or more short links: "Home | About | Terms", "Rollup 2024 · About · Help".
    rule("generic.links", rf"{_ITEM}(?: ?[|·•] ?{_ITEM}){{2,}}"),
    rule("generic.copyright", r"(?:©|\(c\)|(?i:copyright) ?(?:©|\(c\))? ?\d{4}).{0,80}",
         whole=True),
    # The buttons and calls to action of a reader page, alone on their line.
    rule("generic.comments", r"(?i:(?:\d+ )?(?:comments?|replies))[.!]?", heads_comments=True),
    rule("generic.action", r"(?i:(?:share(?: this(?: thread)?)?"
                           r"|read (?:later|more|the thread|on \w+)|view on \w+"
                           r"|subscribe(?: to \S+)?|sign (?:up|in)|log ?in|bookmark"
                           r"|(?:\S{1,4} )?view thread"
                           r"|(?:\S{1,4} )?thread \(\d+ (?:tweets|posts)\))[.!]?)"),
    rule("generic.more-from", r"(?i:(?:get |read )?more threads? (?:from|by) )"
                              r"(?P<handle>@\w{1,50})(?i: on .{1,30})?\.?"),
    # A sign-in form's labels (a Smithereen page's, logged out: 5 of 5 the site's on the dev
    # pages).
    rule("generic.sign-in", r"(?i:forgot (?:your )?password\??|(?:e-?mail|username)"
                            r"(?: or (?:e-?mail|username))?:|password:|remember me|register)"),
    # A post page's one-word heading (Subium's "Post"; 2 of 2 at the head of the dev pages).
    rule("generic.page-heading", r"(?:Post|Conversation)"),
    # A page's link for screen readers, at its very top: "Skip to main content".
    rule("generic.skip-link", r"(?i:skip to (?:main )?(?:content|navigation))"),
    rule("generic.site-action", r"\S.{0,30} · (?i:read later|share|subscribe|sign up)",
         whole=True),
)

_COUNT_LINE = rule("generic.count-line",
                   rf"\d{{1,4}} (?i:tweets|posts)(?: [•·|]?\s?\d[\d,.]*[KkMm]? (?i:reads|views))?"
                   rf"(?: [•·|]?\s?{DATE})?", whole=True)
"""A reader's count of the thread's posts with its reads or its date, under the byline ("14
Tweets 52 reads Mar 3, 2023"), at the head only."""

_MONTH = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|février|mars"
          r"|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero"
          r"|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|januar"
          r"|februar|märz|juni|juli|oktober|dezember)\.?")
_DATE_LINE = rule("generic.date", rf"(?:{_MONTH} \d{{1,2}}|\d{{1,2}}\.? {_MONTH})(?:,? \d{{4}})?",
                  whole=True)
"""A reader's date alone on its line, at the head only, in English or as French, Spanish or
German readers print it ("3 mars", "3. März 2021"): a lone date line was the site's 24
times of 24 on the dev pages (2026-12), Thread Reader's teasers' among them."""

_BYLINE = rule("generic.byline", BYLINE, whole=True)
"""A reader's byline, at the head only (threader's older layout prints it so, with no word of
its own name, where its footer is cut off)."""

_MORE_FROM = rule("generic.more-from-list",
                  r"(?i:more (?:threads? )?(?:from|by)) [A-Z][\w'’&.-]{0,30}"
                  r"(?: [A-Z][\w'’&.-]{0,30})?",
                  anchor=True, opens_list=True, after="generic.other-thread", whole=True)
"""A reader's heading over other threads' teasers, alone on its line, a topic or a name of
one or two words ("More from Science"): everything below it is the site's list. (Thread
Reader's "More from @x" makes the input Thread Reader's.)"""

BYLINE_ABOVE = 40
"""How long a line above a byline's handle may be: the reader's own lines, a display name
(on the dev pages 2 to 14 characters; above the lone mentions that are no byline, 29 to 202)."""

_CARD = (
    # A reader that prints each post as a card (a Bluesky or X mirror, a Spoutible page) puts
    # these among the posts: where a picture was ("Avatar", a Bluesky reader's "Post image"),
    # the post's time, its counts one a line (a row of them only: a number alone may be the
    # author's, "6" between "5/" and "7/"), the profile's counts. Each such line parts the
    # posts around it, as the card did.
    rule("generic.placeholder", r"(?:[Aa]vatar|Profile banner|Post image)(?: [Aa]vatar)*"),
    # ("Mar 3, 2022 · 9:15 AM UTC", "Jun 2, 2024 09:05", "jun 2, 2024, 9:05 am • 12 3", a
    # Bluesky reader's with its counts, "11:20 PM - Jan 5, 2023", "3 days ago")
    rule("generic.card-time", r"(?:(?i:[a-z]{3} \d{1,2}, \d{4},?(?: ·)? \d{1,2}:\d{2}(?: [ap]m)?"
                              r"(?: utc)?)(?: • [\d.,KkMm ]{0,24}(?: • \w{1,10})?)?"
                              r"|\d{1,2}:\d{2} [AP]M - \w{3} \d{1,2}, \d{4}"
                              r"|(?:\d{1,3}|an?) (?:second|minute|hour|day|week|month|year)s?"
                              r" ago)"),
    rule("generic.count", r"\d[\d.,]*[KkMm]?", in_row=True),
    # What a post answers, above it: "Replying to @ada", "in reply to Ada Harbour" (a
    # Friendica page's, between each post of a self-thread and the next), "In response to
    # Ada." (Spoutible's). 13 times of 13 the site's on the dev pages (2026-12).
    rule("generic.reply-context", r"(?i:in reply to|replying to|in response to) \S.{0,80}",
         whole=True),
    # Whose post a quote card shows, above it: "Reposted from Ada Harbour" (a Bluesky
    # reader's; 3 times of 3 the site's on the dev pages, 2026-12).
    rule("generic.repost", r"(?:Reposted|Retweeted|Boosted|Quoted) (?:from|by) \S.{0,60}",
         whole=True),
    rule("generic.profile-stats", r"[\d.,]+[KkMm]? followers? ?[\d.,]+[KkMm]? following"
                                  r"(?: ?[\d.,]+[KkMm]? (?:posts|tweets|toots))?"),
)


_HANDLE = rule("generic.byline-handle",
               r"(?:(?P<name>[^\W\d_][\w'’.-]{0,30}(?: [^\W\d_a-z][\w'’.-]{0,30}){0,2}) )?"
               r"(?P<handle>@[\w.-]{1,60}\w)", whole=True, short_above=BYLINE_ABOVE)
"""A reader's byline near the top, the author's handle alone on its line or after a display
name of up to three words, each after the first capitalised: it ends the header, whatever the
site printed above it (its name, a banner's caption, initials, the display name, twice),
where all of that is short and no sentence ("Jon Doe" / "@jondoe.bsky.social", "Jon Doe
@jondoe"); a mention alone under a post's lines is a reply's, and a line that ends in a
handle after other words ("Happy birthday Jon Doe @jondoe", "A thread on lamps, with
thanks to @x") a post's. With a name, such a line with only the site's lines above it was the site's
13 times of 13 on the dev pages (2026-12)."""

PROFILE = SiteProfile(
    name="generic",
    summary="anything else (pastes from X, Bluesky, Mastodon; other pages): nothing removed but"
            " a page's nav/header/footer and the chrome any site adds at the head or tail;"
            " a post's own page (a comments heading below it) one post; posts from markers,"
            " blank lines and the limit",
    convention="auto",
    shows_replies=True,
    header=(*_CHROME, _BYLINE, _COUNT_LINE, _DATE_LINE),
    header_end=_HANDLE,
    footer=(*_CHROME, _MORE_FROM),
    amid=_CARD,
)
