"""Self-threads: the chains of posts an account wrote as replies to its own posts, and the
Thread each one makes.

One rule for every platform export (X/Twitter, Mastodon): a post that replies to another of
the owner's posts held in the export continues that post's thread; anything else (a post, a
reply to someone else, a reply to an own post the export no longer holds) starts one. Where
the owner replied to one post twice, the earlier reply continues the thread and the later
starts a thread of its own. A chain of fewer than `min_posts` posts is no thread.

A task carries its thread's posts as the export holds them (JSON, compressed): a few hundred
bytes a post, where the delimited posts would be kilobytes, so a big export's tasks stay
small; the worker makes the posts (the platform's `block`).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from .. import sites
from ..errors import shown
from ..model import Author, Block, Source, SourceKind, Thread
from ..model import Warning as Note


@dataclass(frozen=True, slots=True)
class SelfThread:
    """One self-thread of an export: what a batch task carries."""

    kind: SourceKind
    payload: bytes
    """Its posts as the export holds them, in order: a JSON list, zlib-compressed."""
    author: Author | None = None
    owner: str = ""
    """The owner's username, where the platform's addresses need it (X)."""
    notes: tuple[Note, ...] = ()
    """What the reader should know about it (a post the export no longer holds)."""

    @property
    def posts(self) -> list[Block]:
        """Its posts, delimited, made by the platform's reader."""
        reader = import_module(f".{_READERS[self.kind]}", __package__)
        items = json.loads(zlib.decompress(self.payload))
        return [reader.block(item, self.owner) for item in items]


_READERS = {"x-archive": "xarchive", "mastodon-archive": "mastodon"}
"""The module that makes the posts of each kind of export (its block(item, owner))."""


@dataclass(frozen=True, slots=True)
class Chain:
    """The ids of one self-thread's posts, in order."""

    ids: tuple[str, ...]
    missing: str | None = None
    """The id of the owner's own post its first post replies to, where the export does not
    hold it (deleted)."""


def chains(parents: dict[str, str | None], rank: Callable[[str], Any],
           min_posts: int = 2) -> list[Chain]:
    """The self-threads among the owner's posts, each in order, ordered by their first post.

    `parents` maps each post's id to the id of the owner's own post it replies to (None: it
    replies to no post of the owner's); `rank` orders posts by when they were posted."""
    children: dict[str, list[str]] = {}
    starts: list[tuple[str, str | None]] = []
    for post, parent in parents.items():
        if parent is not None and parent in parents:
            children.setdefault(parent, []).append(post)
        else:
            starts.append((post, parent))
    found: list[Chain] = []
    starts.sort(key=lambda start: _key(rank, start[0]))
    while starts:
        first, missing = starts.pop(0)
        ids = [first]
        while replies := sorted(children.get(ids[-1], ()), key=lambda p: _key(rank, p)):
            ids.append(replies[0])
            starts.extend((fork, None) for fork in replies[1:])
        if len(ids) >= min_posts:
            found.append(Chain(tuple(ids), missing))
    found.sort(key=lambda chain: _key(rank, chain.ids[0]))
    return found


def _key(rank: Callable[[str], Any], post: str) -> tuple[Any, str]:
    return rank(post), post


def gathered(found: list[Chain],
             posts: Iterable[tuple[str, Any]]) -> Iterator[tuple[Chain, list[Any]]]:
    """Each chain of `found` with its posts' items, as soon as the last of them is read from
    `posts` ((id, item) pairs, in the export's order): only the threads under way are held."""
    where = {post: (k, at) for k, chain in enumerate(found) for at, post in enumerate(chain.ids)}
    pending: dict[int, list[Any]] = {}
    left: dict[int, int] = {}
    for post, item in posts:
        place = where.pop(post, None)  # a post met twice counts once
        if place is None:
            continue
        k, at = place
        items = pending.setdefault(k, [None] * len(found[k].ids))
        items[at] = item
        left[k] = left.get(k, len(items)) - 1
        if not left[k]:
            del pending[k], left[k]
            yield found[k], items


def self_thread(kind: SourceKind, chain: Chain, items: list[Any], author: Author | None,
                platform: str, owner: str = "") -> SelfThread:
    """The SelfThread of one chain, with a warning where its first post replies to an own
    post the export does not hold."""
    notes = () if chain.missing is None else (Note(
        "missing-post", f"post 1 replies to the author's own {platform} post {chain.missing},"
                        " which the archive does not hold (deleted?): the thread may have"
                        " begun before it", 1),)
    # ASCII JSON: a lone surrogate the export escaped ("\ud83d") passes as it came.
    payload = zlib.compress(json.dumps(items, separators=(",", ":")).encode("ascii"))
    return SelfThread(kind, payload, author, owner, notes)


def thread_from_posts(member: SelfThread, *, name: str, limit: int | None = None,
                      strip: bool = False) -> Thread:
    """The Thread of one self-thread: its posts go through the pipeline from the split stage
    on, as a saved page's posts do (markers, commentary and turns found as in any thread)."""
    from ..pipeline import ParseState, run
    from ..read.kinds import Facts, Reading

    state = ParseState(b"", name, limit=limit, strip=strip)
    state.source = Source(name=shown(name), kind=member.kind)
    state.profile = sites.GENERIC
    posts = member.posts
    facts = Facts(url=posts[0].url, date=posts[0].date) if posts else Facts()
    state.reading = Reading(posts, delimited=True, facts=facts)
    if member.author is not None:
        state.author = Author(member.author.handle, member.author.name)
    state.warnings = list(member.notes)
    return run(state, start="split")
