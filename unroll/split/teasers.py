"""Other threads copied after the thread: where the author's numbering starts over.

Thread Reader lists more of the author's threads below a thread, and a copy of the page often
keeps their opening posts with no heading between (the heading is page chrome). Their text is
the author's own, so no boilerplate rule can tell them from posts; only the numbering shows
where the thread ended: it runs up once, then starts over at 1 or 2 and runs up again. A
numbered list inside a post starts over too, so lists take more evidence (two restarts, or one
below a line that opens a thread in words, "... a thread 🧵", apart from the list above), and a
thread whose own numbering carries on after the restart is never cut.
"""

from __future__ import annotations

import itertools
import re

from .markers import Found, Readings

_OPENS_THREAD = re.compile(r"(?:🧵|(?i:\bthread\b) ?👇)[\s👇🧵]*$")
"""How a line that opens a thread ends ("... how the keepers lived - thread 🧵", "A thread
👇"); not "thread:" alone, with which a post may open the next part of its own thread. (The
marker readings take a 🧵 only where post 1 can reach it: this one is far below.)"""


def thread_end(found: Readings, lines: list[str]) -> int | None:
    """The first of the non-blank lines that open the other threads, or None when the
    numbering does not start over as a list of other threads does. `found`: the candidates
    of the non-blank `lines` (markers.readings)."""
    by_line = {f.line: f for f in found.trailing if f.family != "thread"}
    by_line.update((f.line, f) for f in found.leading if f.family != "thread")
    author = [by_line[line] for line in sorted(by_line)]
    every = [*found.trailing, *found.leading, *found.listed]
    cut = _restart(author, 1, every)
    if cut is None:
        cut = _restart(found.listed, 2, every)
        once = _restart(found.listed, 1, every) if cut is None else None
        if once is not None:
            cut = _opener(lines, found.listed, once)
        if cut is not None and any(f.line >= cut for f in author):
            return None  # the author's own numbering goes on below: lists in its posts
    return cut


def _opener(lines: list[str], listed: list[Found], restart: int) -> int | None:
    """The line that opens another thread in words, where the list starts over once at line
    `restart`: it or the line above it ends in "... thread 🧵", carries no list number, and
    stands apart from the list above, after a line of the thread's own (its closing posts: a
    thread's "Part two 🧵" right after its third item, or a list of threads, each "... 🧵",
    are the thread's)."""
    numbered = {f.line for f in listed}
    for k in (restart, restart - 1):
        if k > 0 and k not in numbered and _OPENS_THREAD.search(lines[k]):
            above = max((line for line in numbered if line < k), default=None)
            return k if above is not None and k - above >= 2 else None
    return None


def _runs(stream: list[Found]) -> list[list[Found]]:
    """The stream cut where a number is not above the one before it."""
    runs: list[list[Found]] = []
    for item in stream:
        if runs and item.number > runs[-1][-1].number:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _restart(stream: list[Found], restarts: int, every: list[Found]) -> int | None:
    """Where the other threads begin, if the stream (a candidate a line) runs up (at least
    two numbers), then starts over at 1 or 2 at least `restarts` times, every later run
    starting at 1 or 2, the first of them at least two long; and no candidate below, in the
    style of the thread's last marker, goes on from it."""
    runs = _runs(stream)
    if len(runs) < 1 + restarts or len(runs[0]) < 2 or len(runs[1]) < 2:
        return None
    if any(run[0].number > 2 for run in runs[1:]):
        return None
    last, first = runs[0][-1], runs[1][0]
    if first.number == last.number:
        return None  # a number written twice, not a new start
    if any(f.line > last.line and f.number > last.number and _shape(f) == _shape(last)
           for f in every):
        return None  # the thread's own numbering goes on after the restart
    if last.where != "lead":
        return last.line + 1  # the thread's last post ends at its marker
    if first.number == 1 or first.where == "trail" or first.line - last.line <= _span(runs[0]):
        return first.line  # (the lines between are as many as a post of the thread holds)
    return first.line - 1  # a "2." whose unnumbered first post is the line before


def _span(run: list[Found]) -> int:
    """How many lines a post of the thread takes, from its leading markers: the smallest
    step between two of them (1 where each post is a line)."""
    return min(b.line - a.line for a, b in itertools.pairwise(run))


def _shape(found: Found) -> str:
    """The marker as written with its numbers blanked: "/5" and "/4" are one style, "3/" and
    "2/4" are two."""
    return re.sub(r"\d+", "#", found.text)
