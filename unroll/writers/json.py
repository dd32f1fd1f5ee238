"""JSON, version 1 of the contract in DESIGN.md (schema: unroll/schema/thread-v1.json).

Keys come out in a fixed order so that the same thread always gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Thread
from .options import Options

VERSION = 1


def to_dict(thread: Thread) -> dict[str, Any]:
    """The thread as the plain data of the JSON contract."""
    return {
        "unroll": VERSION,
        "source": {
            "name": thread.source.name,
            "kind": thread.source.kind,
            "site": thread.site,
            "url": thread.url,
            "encoding": thread.source.encoding,
        },
        "title": thread.title,
        "date": thread.date,
        "author": (
            {"handle": thread.author.handle, "name": thread.author.name}
            if thread.author
            else None
        ),
        "posts": [
            {
                "n": post.n,
                "marker": post.marker,
                "text": post.text,
                "segments": [
                    {
                        "kind": s.kind,
                        "text": s.text,
                        "speaker": s.speaker,
                        "paragraph": s.paragraph,
                    }
                    for s in post.segments
                ],
                "id": post.id,
                "url": post.url,
                "images": [{"url": i.url, "alt": i.alt} for i in post.images],
                "links": [{"url": link.url, "text": link.text} for link in post.links],
                "quoted": list(post.quoted),
            }
            for post in thread.posts
        ],
        "removed": [{"text": r.text, "rule": r.rule} for r in thread.removed],
        "warnings": [
            {"code": w.code, "message": w.message, "post": w.post} for w in thread.warnings
        ],
    }


def render(thread: Thread, options: Options | None = None) -> str:
    return json.dumps(to_dict(thread), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def render_line(thread: Thread, options: Options | None = None) -> str:
    """One thread on one line, for JSON Lines."""
    return json.dumps(to_dict(thread), ensure_ascii=False, allow_nan=False) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema of this contract, as published in the package."""
    from importlib.resources import files

    loaded: dict[str, Any] = json.loads(
        files("unroll").joinpath("schema/thread-v1.json").read_text(encoding="utf-8")
    )
    return loaded
