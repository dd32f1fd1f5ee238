"""The X/Twitter archive ("Download an archive of your data"): the owner's self-threads.

Its layout, as X writes it: data/account.js names the owner (accountId, username,
accountDisplayName); data/tweets.js, then data/tweets-part1.js, ... (data/tweet.js in older
archives) hold `window.YTD.tweets.part0 = [{"tweet": {...}}, ...]`, each tweet with id_str,
full_text (HTML-escaped: &amp;, &lt;, &gt;), created_at, in_reply_to_status_id_str,
in_reply_to_user_id_str, entities (urls: t.co address, expanded_url; media) and
extended_entities (every photo or video); a post's media are saved as
data/tweets_media/<tweet id>-<file name of its media_url>.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..model import Author, Block, Image, Link
from .exports import Bundle, items
from .selfthreads import chains, gathered, self_thread

if TYPE_CHECKING:
    from . import Expanded

_TWEETS = re.compile(r"data/tweets?(?:-part(\d+))?\.js")
_STATUS = re.compile(r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status(?:es)?/\d+\S*")
"""The address of a post: a link to one is a quoted post, not a link of the text."""
_MEDIA = "data/tweets_media"


def expand(bundle: Bundle, shown_path: str, min_posts: int) -> Expanded:
    """Every self-thread of the archive's owner of at least `min_posts` posts."""
    from . import Expanded

    owner, handle, name = _account(bundle)
    files = sorted((n for n in bundle.names() if _TWEETS.fullmatch(n)), key=_part)
    parents: dict[str, str | None] = {}
    for tweet in _tweets(bundle, files):
        replied = tweet.get("in_reply_to_status_id_str")
        own = tweet.get("in_reply_to_user_id_str") == owner
        parents[str(tweet["id_str"])] = str(replied) if replied and own else None
    found = chains(parents, lambda post: int(post) if post.isdigit() else 0, min_posts)
    del parents
    expanded = Expanded()
    author = Author(f"@{handle}", name)
    posts = ((str(tweet["id_str"]), tweet) for tweet in _tweets(bundle, files))
    for chain, tweets in gathered(found, posts):
        thread = self_thread("x-archive", chain, tweets, author, "X", handle)
        expanded.entries.append((f"x/{chain.ids[0]}.page", f"{shown_path}#{chain.ids[0]}",
                                 thread))
    expanded.entries.sort(key=lambda entry: entry[0])
    return expanded


def _part(name: str) -> int:
    """The part number of a tweets file (tweets.js is part 0)."""
    found = _TWEETS.fullmatch(name)
    return int(found.group(1) or 0) if found else 0


def _account(bundle: Bundle) -> tuple[str, str, str | None]:
    """The owner's account id, username and display name, from data/account.js."""
    if not bundle.has("data/account.js"):
        raise InputError("an X archive without data/account.js: its owner is not known")
    with bundle.open("data/account.js") as stream:
        for item in items(stream, "data/account.js"):
            account = item.get("account", item) if isinstance(item, dict) else {}
            if account.get("accountId") and account.get("username"):
                return (str(account["accountId"]), str(account["username"]),
                        account.get("accountDisplayName"))
    raise InputError("data/account.js names no account")


def _tweets(bundle: Bundle, files: list[str]) -> Any:
    """Every tweet of the archive, file by file, one at a time."""
    for name in files:
        with bundle.open(name) as stream:
            for item in items(stream, name):
                tweet = item.get("tweet", item) if isinstance(item, dict) else None
                if isinstance(tweet, dict) and tweet.get("id_str"):
                    yield tweet


def block(tweet: dict[str, Any], handle: str) -> Block:
    """One tweet as a delimited post: t.co addresses expanded from its entities, its media
    as images of the archive's own files, a linked post as a quoted one."""
    text = _own_mentions_cut(str(tweet.get("full_text") or tweet.get("text") or ""), handle,
                             tweet.get("display_text_range"))
    text = html.unescape(text)
    entities = tweet.get("entities") or {}
    links: list[Link] = []
    quoted: list[str] = []
    for entity in entities.get("urls") or ():
        short, full = entity.get("url") or "", entity.get("expanded_url") or entity.get("url")
        if not short or not full:
            continue
        if _STATUS.fullmatch(full):
            quoted.append(full)
            text = text.replace(short, "")
        else:
            text = text.replace(short, full)
            links.append(Link(full, full))
    images = []
    media = (tweet.get("extended_entities") or entities).get("media") or ()
    for item in media:
        text = text.replace(item.get("url") or "\0", "")
        images.append(Image(f"{_MEDIA}/{tweet['id_str']}-{_media_file(item)}",
                            item.get("ext_alt_text") or None))
    status = str(tweet["id_str"])
    return Block(text.strip().split("\n"), status, f"https://x.com/{handle}/status/{status}",
                 images, links, quoted, _date(tweet.get("created_at")))


def _own_mentions_cut(text: str, handle: str, shown: Any) -> str:
    """The tweet's text without the "@owner " that a self-reply opened with (outside its
    display_text_range); any other leading mention is the author's text and stays."""
    try:
        start = int(shown[0]) if shown else 0
    except (TypeError, ValueError, IndexError):
        start = 0
    head = text[:start]
    if start and re.fullmatch(rf"(?:@{re.escape(handle)}\s+)+", head, re.IGNORECASE):
        return text[start:]
    return text


def _media_file(item: dict[str, Any]) -> str:
    """The file name X saves one photo or video under (after "<tweet id>-")."""
    variants = (item.get("video_info") or {}).get("variants") or ()
    videos = [v for v in variants if v.get("content_type") == "video/mp4" and v.get("url")]
    if videos:
        best = max(videos, key=lambda v: int(v.get("bitrate") or 0))
        return str(best["url"]).split("?")[0].rsplit("/", 1)[-1]
    return str(item.get("media_url_https") or item.get("media_url") or "").rsplit("/", 1)[-1]


def _date(created: Any) -> str | None:
    """created_at ("Wed Oct 10 20:19:24 +0000 2018") in ISO 8601."""
    try:
        return datetime.strptime(str(created), "%a %b %d %H:%M:%S %z %Y").isoformat()
    except ValueError:
        return None
