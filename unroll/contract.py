"""The JSON contract read back into a Thread: the inverse of writers/json.to_dict.

Whatever holds threads as the contract's data (the database, a JSON Lines file) gives them
back to the writers through this, so that a stored thread is rendered by the same writers as
a freshly parsed one and `stored -> json` is byte for byte what converting the input gave.
"""

from __future__ import annotations

import itertools
from typing import Any, cast

from .model import (
    Author,
    Image,
    Link,
    Post,
    Removed,
    Segment,
    SegmentKind,
    Source,
    SourceKind,
    Thread,
    TitleSource,
)
from .model import Warning as Note


def turns_of_version_1(segments: list[dict[str, Any]]) -> bool:
    """Put each turn's speaker on all its segments, in place, in the segments of a post of a
    version 1 document (which set it on a turn's first segment only); whether any changed.

    In version 1 a turn's later segments are those after its first in the same paragraph up
    to a line's end: up to a segment whose text ends a line, or one that starts on the next
    line. Version 2's segments are already so (this changes none of them).
    """
    changed = False
    for before, segment in itertools.pairwise(segments):
        if (segment["speaker"] is None and before["speaker"] is not None
                and before["paragraph"] == segment["paragraph"]
                and not before["text"].endswith("\n") and not segment["text"].startswith("\n")):
            segment["speaker"], changed = before["speaker"], True
    return changed


def _post(data: dict[str, Any], version: object) -> Post:
    if version == 1:
        turns_of_version_1(data["segments"])
    return Post(
        n=data["n"], text=data["text"], marker=data["marker"],
        segments=tuple(Segment(cast(SegmentKind, s["kind"]), s["text"], s["paragraph"],
                               s["speaker"]) for s in data["segments"]),
        id=data.get("id"), url=data.get("url"),
        images=tuple(Image(i["url"], i.get("alt")) for i in data.get("images", ())),
        links=tuple(Link(k["url"], k["text"]) for k in data.get("links", ())),
        quoted=tuple(data.get("quoted", ())), date=data.get("date"),
    )


def thread_from_dict(data: dict[str, Any]) -> Thread:
    """The Thread whose JSON contract is `data` (a dict as json.loads gives it), of this
    version or of version 1 (whose turns are read as this version's)."""
    source, author, version = data["source"], data.get("author"), data.get("unroll")
    return Thread(
        source=Source(source["name"], cast(SourceKind, source["kind"]),
                      source.get("encoding", "utf-8"), captured=source.get("captured")),
        site=source.get("site"),
        posts=[_post(post, version) for post in data["posts"]],
        removed=[Removed(r["text"], r["rule"]) for r in data.get("removed", ())],
        warnings=[Note(w["code"], w["message"], w.get("post")) for w in data.get("warnings", ())],
        author=Author(author["handle"], author.get("name")) if author else None,
        title=data.get("title"), url=source.get("url"), date=data.get("date"),
        title_source=cast(TitleSource, data.get("title_source") or "page"),
    )
