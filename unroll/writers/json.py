"""JSON, version 2 of the contract in DESIGN.md (schema: unroll/schema/thread-v2.json).

Keys come out in a fixed order so that the same thread always gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..model import Post, Segment, Thread
from .options import Options

VERSION = 2
"""The contract's version, the documents' "unroll" field. 2: `speaker` is on every segment
of a turn, where 1 set it on the turn's first only (issue 16); the fields are those of 1."""


def _post(post: Post) -> dict[str, Any]:
    return {
        "n": post.n,
        "marker": post.marker,
        "text": post.text,
        "segments": [
            {"kind": s.kind, "text": s.text, "speaker": s.speaker, "paragraph": s.paragraph}
            for s in post.segments
        ],
        "id": post.id,
        "url": post.url,
        # Most posts have none of these: an empty list costs less than an empty loop.
        "images": [{"url": i.url, "alt": i.alt} for i in post.images] if post.images else [],
        "links": [{"url": k.url, "text": k.text} for k in post.links] if post.links else [],
        "quoted": list(post.quoted),
        # Only where the input says (a platform export): other threads' bytes stay as they were.
        **({"date": post.date} if post.date is not None else {}),
    }


def _head(thread: Thread) -> dict[str, Any]:
    """Everything before the posts."""
    return {
        "unroll": VERSION,
        "source": {
            "name": thread.source.name,
            "kind": thread.source.kind,
            "site": thread.site,
            "url": thread.url,
            "encoding": thread.source.encoding,
            # Only for a page read from a web archive (its WARC-Date).
            **({"captured": thread.source.captured} if thread.source.captured else {}),
        },
        "title": thread.title,
        "title_source": thread.title_source,
        "date": thread.date,
        "author": (
            {"handle": thread.author.handle, "name": thread.author.name}
            if thread.author
            else None
        ),
    }


def _removed(thread: Thread) -> Iterator[dict[str, Any]]:
    return ({"text": r.text, "rule": r.rule} for r in thread.removed)


def _warnings(thread: Thread) -> Iterator[dict[str, Any]]:
    return ({"code": w.code, "message": w.message, "post": w.post} for w in thread.warnings)


def to_dict(thread: Thread) -> dict[str, Any]:
    """The thread as the plain data of the JSON contract: for Python callers, and the
    reference the tests hold the writers below to, byte for byte."""
    return _head(thread) | {"posts": [_post(post) for post in thread.posts],
                            "removed": list(_removed(thread)),
                            "warnings": list(_warnings(thread))}


_compact = json.JSONEncoder(ensure_ascii=False, allow_nan=False, check_circular=False).encode
"""The C encoder: json's indenting encoder is pure Python, ten times slower and larger. The
data is built fresh from the Thread and has no cycles, so the encoder is spared tracking
every container it enters (benchmarks/README.md, "Figures that were in docstrings")."""


_string = json.encoder.encode_basestring
"""json's own C function for a str value (quotes and escapes, ensure_ascii off): the one the
encoder above calls for every string, so text written with it is the encoder's, byte for byte."""


def _nullable(value: str | None) -> str:
    return "null" if value is None else _string(value)


def _segment_text(segment: Segment, text: str | None = None) -> str:
    """A segment's object; `text` is its text already encoded, where the caller has it."""
    speaker = segment.speaker
    return (f'{{"kind": {_string(segment.kind)}, "text": {text or _string(segment.text)}, '
            f'"speaker": {"null" if speaker is None else _string(speaker)}, '
            f'"paragraph": {segment.paragraph:d}}}')


def _post_text(post: Post) -> str:
    """The post's object, as _compact(_post(post)) writes it, but without building the dict
    and walking it again (the JSON Lines stage, benchmarks/README.md). Only str values pass
    through _string; every other value is an int or a fixed token. The usual post has one
    segment that is its whole text: that text is encoded once, or, where nothing in it needs
    escaping, only put between quotes."""
    usual = _usual_segment(post)
    if usual is not None:
        return (f'{{"n": {post.n:d}, "marker": "{post.marker}", "text": "{post.text}", '
                f'"segments": [{{"kind": "source", {usual}, "paragraph": 0}}], '
                '"id": null, "url": null, "images": [], "links": [], "quoted": []}')
    text = _string(post.text)
    segments = post.segments
    if len(segments) == 1:
        only = segments[0]
        written = _segment_text(only, text if only.text == post.text else None)
    else:
        written = ", ".join(map(_segment_text, segments))
    marker, id_, url = post.marker, post.id, post.url
    head = (f'{{"n": {post.n:d}, "marker": {"null" if marker is None else _string(marker)}, '
            f'"text": {text}, "segments": [{written}], '
            f'"id": {"null" if id_ is None else _string(id_)}, '
            f'"url": {"null" if url is None else _string(url)}, ')
    dated = "" if post.date is None else f', "date": {_string(post.date)}'
    if not (post.images or post.links or post.quoted):
        return head + f'"images": [], "links": [], "quoted": []{dated}}}'
    images = ", ".join(f'{{"url": {_string(i.url)}, "alt": {_nullable(i.alt)}}}'
                       for i in post.images)
    links = ", ".join(f'{{"url": {_string(k.url)}, "text": {_string(k.text)}}}'
                      for k in post.links)
    quoted = ", ".join(map(_string, post.quoted))
    return head + f'"images": [{images}], "links": [{links}], "quoted": [{quoted}]{dated}}}'


def _usual_segment(post: Post) -> str | None:
    """The segment's text and speaker fields of the usual post, written; None for any other.

    The usual post (_is_usual): a marker, one source segment that is its whole text (or its
    text after a speaker's label), nothing else, and nothing to escape in its text and
    marker. The segment's text and speaker are then parts of the post's text, so they need
    no escaping either."""
    if not _is_usual(post):
        return None
    text, only = post.text, post.segments[0]
    speaker, part = only.speaker, only.text
    if speaker is None and part == text:
        return f'"text": "{text}", "speaker": null'
    if speaker is not None and text.startswith(speaker) and text.endswith(part):
        return f'"text": "{part}", "speaker": "{speaker}"'
    return None


def _is_usual(post: Post) -> bool:
    """Whether the post has a marker, one source segment in its first paragraph, no id, url,
    date, images, links or quotes, and nothing _string would escape in its text or marker:
    no quote or backslash, and printable (str.isprintable is False for every control
    character, the rest of what _string escapes). One expression, not a call a test: every
    post of a JSON Lines run passes here."""
    text, marker, segments = post.text, post.marker, post.segments
    return (len(segments) == 1 and segments[0].kind == "source" and segments[0].paragraph == 0
            and marker is not None and post.id is None and post.url is None
            and post.date is None and not (post.images or post.links or post.quoted)
            and '"' not in text and "\\" not in text and text.isprintable()
            and '"' not in marker and "\\" not in marker and marker.isprintable())


_CHUNK = 256
"""Posts written at a time by stream: a big thread's document is never held whole."""


def _posts_in_chunks(posts: list[Post]) -> Iterator[str]:
    for start in range(0, len(posts), _CHUNK):
        yield from map(_post_text, posts[start:start + _CHUNK])


def stream(thread: Thread, options: Options | None = None) -> Iterator[str]:
    """The document in pieces: the head indented, then each post, removed line and warning
    on a line of its own, so a big thread is never held twice and reads well in a pager."""
    head = json.dumps(_head(thread), ensure_ascii=False, indent=2, allow_nan=False)
    yield head[:-2] + ",\n"  # reopen the object after its last field
    pieces: dict[str, Iterator[str]] = {
        "posts": _posts_in_chunks(thread.posts),
        "removed": map(_compact, _removed(thread)),
        "warnings": map(_compact, _warnings(thread)),
    }
    for index, (key, items) in enumerate(pieces.items()):
        yield f'  "{key}": ['
        first = True
        for item in items:
            yield ("\n    " if first else ",\n    ") + item
            first = False
        yield ("]" if first else "\n  ]") + (",\n" if index < len(pieces) - 1 else "\n")
    yield "}\n"


def stream_line(thread: Thread, options: Options | None = None) -> Iterator[str]:
    """One thread on one line, for JSON Lines: _compact(to_dict(thread)), with each object
    written by the same function as in `stream`."""
    head = _compact(_head(thread))
    yield (f'{head[:-1]}, "posts": [{", ".join(map(_post_text, thread.posts))}], '
           f'"removed": {_compact(list(_removed(thread)))}, '
           f'"warnings": {_compact(list(_warnings(thread)))}}}\n')


def schema() -> dict[str, Any]:
    """The JSON Schema of this contract, as published in the package."""
    from importlib.resources import files

    loaded: dict[str, Any] = json.loads(
        files("unroll").joinpath(f"schema/thread-v{VERSION}.json").read_text(encoding="utf-8")
    )
    return loaded
