"""Mastodon's export (Preferences > Import and export > Request your archive): the owner's
self-threads.

Its layout, as Mastodon writes it: outbox.json is an ActivityPub OrderedCollection whose
orderedItems are activities; a "Create" activity's object is one of the owner's posts, a
"Note" with id, url, published, content (HTML), summary (the content warning, or null),
inReplyTo (the address of the post it replies to, or null) and attachment (media, their url a
path inside the export: media_attachments/files/...). "Announce" activities are boosts of
other people's posts. The owner is each activity's actor; the owner's own posts live under
<actor>/statuses/, which tells a reply to a deleted own post from a reply to someone else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Author, Block, Image, Link
from .exports import Bundle, items
from .selfthreads import chains, gathered, self_thread

if TYPE_CHECKING:
    from . import Expanded

_OUTBOX = "outbox.json"


def expand(bundle: Bundle, shown_path: str, min_posts: int) -> Expanded:
    """Every self-thread of the export's owner of at least `min_posts` posts."""
    from . import Expanded

    replies: dict[str, str | None] = {}
    published: dict[str, str] = {}
    actor = ""
    for note, by in _notes(bundle):
        actor = actor or by
        replies[note["id"]] = note.get("inReplyTo") or None
        published[note["id"]] = str(note.get("published") or "")
    own = f"{actor}/statuses/"
    parents = {post: parent if parent and (parent in replies or parent.startswith(own))
               else None for post, parent in replies.items()}
    del replies
    found = chains(parents, lambda post: published.get(post, ""), min_posts)
    expanded = Expanded()
    author = _author(actor)
    posts = ((str(note["id"]), note) for note, _by in _notes(bundle))
    for chain, notes in gathered(found, posts):
        number = chain.ids[0].rstrip("/").rsplit("/", 1)[-1]
        thread = self_thread("mastodon-archive", chain, notes, author, "Mastodon")
        expanded.entries.append((f"mastodon/{number}.page", f"{shown_path}#{number}", thread))
    expanded.entries.sort(key=lambda entry: entry[0])
    return expanded


def _notes(bundle: Bundle) -> Any:
    """(Note, actor) for each post the owner created, one at a time."""
    with bundle.open(_OUTBOX) as stream:
        for activity in items(stream, _OUTBOX, after='"orderedItems"'):
            if not isinstance(activity, dict) or activity.get("type") != "Create":
                continue
            note = activity.get("object")
            if isinstance(note, dict) and note.get("type") == "Note" and note.get("id"):
                yield note, str(activity.get("actor") or note.get("attributedTo") or "")


def _author(actor: str) -> Author | None:
    """@user@host from the actor's address (https://host/users/user)."""
    host, _, rest = actor.partition("://")[2].partition("/")
    user = rest.rsplit("/", 1)[-1]
    return Author(f"@{user}@{host}") if user and host else None


def block(note: dict[str, Any], _owner: str = "") -> Block:
    """One Note as a delimited post: its HTML as text (a line per <br>, a blank line between
    paragraphs), its links, its media; a content warning is the post's first paragraph,
    "CW: ..."."""
    from ..read import page

    soup = page.load(f"<body>{note.get('content') or ''}</body>")
    lines: list[str] = []
    summary = " ".join(str(note.get("summary") or "").split())
    if summary:
        lines += [f"CW: {summary}", ""]
    for block in page.blocks(soup):
        lines += [*block, ""]
    links = [Link(str(a["href"]), a.get_text(" ", strip=True)) for a in soup.find_all("a")
             if str(a.get("href", "")).startswith(("http://", "https://"))]
    images = [Image(str(item["url"]).lstrip("/"), item.get("name") or None)
              for item in note.get("attachment") or () if isinstance(item, dict)
              and item.get("url")]
    page.discard(soup)
    while lines and not lines[-1]:
        lines.pop()
    status = str(note["id"]).rstrip("/").rsplit("/", 1)[-1]
    return Block(lines, status, str(note.get("url") or note["id"]), images, links, [],
                 str(note.get("published") or "") or None)
