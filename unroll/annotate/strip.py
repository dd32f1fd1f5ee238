"""--commentary strip: the author's asides leave the posts and are listed in `removed`.

Done on the Thread, not in a writer, so every format agrees and nothing is lost: each aside
is in `removed` with the rule "author.commentary", and the JSON says so.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..annotate import annotate
from ..model import Post, Removed, Thread
from ..text.brackets import asides

_SPACES = re.compile(r"[ \t]{2,}")


def strip_commentary(thread: Thread) -> Thread:
    """A copy of the thread without its asides."""
    removed = list(thread.removed)
    posts = []
    for post in thread.posts:
        lines = []
        for line in post.text.split("\n"):
            pairs = asides(line)
            for start, end in reversed(pairs):
                removed.append(Removed(line[start:end + 1], "author.commentary"))
                line = line[:start] + line[end + 1:]
            lines.append(_SPACES.sub(" ", line).strip() if pairs else line)
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
        posts.append(Post(n=post.n, text=text, marker=post.marker, id=post.id, url=post.url,
                          images=post.images, links=post.links, quoted=post.quoted))
    annotate(posts)
    return replace(thread, posts=posts, removed=removed)
