"""Stripping asides (--commentary strip, parse(strip=True)): the author's asides leave the
posts and are listed in `removed`, so every format agrees and nothing is lost: each aside is
in `removed` with the rule "author.commentary", and the JSON says so.

An aside the sentence cannot stand without stays ("Everything in [square brackets] is my own
comment"): taking it out would leave "Everything in  is my own comment", which says nothing.
`needed` is that rule; --commentary's --help (cli.py) says it in words, kept there so that
the CLI's start-up loads no stage.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..annotate import annotate
from ..model import Post, Removed, Thread
from ..text.brackets import asides

_SPACES = re.compile(r"[ \t]{2,}")
_WORD_BEFORE = re.compile(r"(?:^|\s)(\w+)\s+$")
_WORD_AFTER = re.compile(r"\s*(\w+)")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PREPOSITIONS = _words(
    "about above across after against along among around as at before behind below beneath "
    "beside between beyond by despite during except for from in inside into like near of off "
    "on onto out outside over past per since than through throughout to toward towards under "
    "unlike until unto upon via with within without")
"""Words that take a noun after them: an aside right after one is that noun."""
WANTS_A_WORD = _words(
    "a an the this that these those my your his her its our their some any no every each "
    "is are was were be been being am and or nor")
"""Words that want a word after them, which an aside may be or only interrupt ("it was [sic]
wrong"): the word after the aside says which."""
VERBS = _words(
    "is are was were be been am has have had do does did will would can could shall should may "
    "might must says said say means meant mean shows showed show makes made make gives gave "
    "goes went seems seemed looks looked")
"""Verbs and auxiliaries that carry a clause on: after an aside that opens a sentence, the
aside is that clause's subject; after a word of WANTS_A_WORD, the aside was its word."""


def needed(line: str, start: int, end: int) -> bool:
    """Whether the aside line[start:end + 1] is part of its sentence's grammar: right after
    a preposition; after a word of WANTS_A_WORD when only a verb, punctuation or the line's
    end follows; or opening a sentence that goes on with a verb."""
    before, after = line[:start], line[end + 1:]
    if before and not before[-1].isspace():
        return False  # inside a word ("new[ish]"): the word stands without it
    word = _WORD_BEFORE.search(before)
    following = _WORD_AFTER.match(after)
    next_word = following.group(1).lower() if following else None
    if word is not None:
        previous = word.group(1).lower()
        if previous in PREPOSITIONS:
            return True
        return previous in WANTS_A_WORD and (next_word is None or next_word in VERBS)
    opens_sentence = not before.strip() or before.rstrip()[-1] in ".!?:"
    return opens_sentence and next_word in VERBS and after[:1].isspace()


def stripped_text(text: str, removed: list[Removed]) -> str:
    """The post's text without its asides (each appended to `removed`), but those it needs."""
    lines = []
    for line in text.split("\n"):
        pairs = [pair for pair in asides(line) if not needed(line, *pair)]
        for start, end in reversed(pairs):
            removed.append(Removed(line[start:end + 1], "author.commentary"))
            line = line[:start] + line[end + 1:]
        lines.append(_SPACES.sub(" ", line).strip() if pairs else line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def strip_posts(posts: list[Post], removed: list[Removed]) -> None:
    """Take the asides out of the posts' text, before the annotate stage reads it."""
    for post in posts:
        post.text = stripped_text(post.text, removed)


def strip_commentary(thread: Thread) -> Thread:
    """A copy of a thread parsed without strip, stripped: what parse(strip=True) gives (a
    thread read back from a database, say)."""
    if thread.asides_stripped:
        return thread
    removed = list(thread.removed)
    posts = [replace(post, segments=()) for post in thread.posts]
    strip_posts(posts, removed)
    annotate(posts)
    return replace(thread, posts=posts, removed=removed, asides_stripped=True)
