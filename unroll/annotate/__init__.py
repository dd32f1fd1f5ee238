"""Stage 5, annotate: cut each post into source and commentary segments, and find speakers.

The author's [asides] become commentary. A line opening "Label: ..." is a speaker's turn when
the label recurs in the thread, or when a one-off label sits inside a dialogue: between turns
of recurring speakers, or beside one in the same post. One-off topic headings ("Inspections:")
stay plain source text.
"""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from dataclasses import dataclass, field

from ..model import Post, Segment, opens_turn
from ..text.brackets import asides, is_aside_line
from ..text.labels import label_of


@dataclass(slots=True)
class _Lines:
    """Every line of every post, in order, as columns: a big thread has a line for nearly
    every post, and an object a line was the largest thing this stage held."""

    post: list[int] = field(default_factory=list)
    """Index of the post that holds the line."""
    paragraph: list[int] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    label: list[str | None] = field(default_factory=list)
    """The label opening the line, if it looks like a turn or a heading."""
    opens: list[bool] = field(default_factory=list)
    """Whether the line opens its paragraph."""


def _lines(posts: list[Post]) -> _Lines:
    texts = [post.text for post in posts]
    if any(map(operator.contains, texts, itertools.repeat("\n"))):
        lines = _split_lines(texts)
    else:
        # The guard in front of _split_lines: every post is one line, one paragraph (most
        # threads), which is what it would give, here without a split or a call a post.
        lines = _Lines(post=list(range(len(texts))), paragraph=[0] * len(texts), text=texts,
                       opens=[True] * len(texts))
    lines.label = [found[0] if found else None for found in map(label_of, lines.text)]
    return lines


def _split_lines(texts: list[str]) -> _Lines:
    """The posts' lines as columns, each with its post, its paragraph, and whether it opens
    that paragraph (the labels are filled in by _lines)."""
    lines = _Lines()
    owner, paragraphs, rows, opens = lines.post, lines.paragraph, lines.text, lines.opens
    for index, text in enumerate(texts):
        for number, paragraph in enumerate(text.split("\n\n")):
            for row, line in enumerate(paragraph.split("\n")):
                owner.append(index)
                paragraphs.append(number)
                rows.append(line)
                opens.append(row == 0)
    return lines


def speakers(lines: _Lines) -> list[str | None]:
    """For each line, the speaker whose turn it opens, or None."""
    labels, owner = lines.label, lines.post
    counts = Counter(label for label in labels if label)
    result: list[str | None] = [None] * len(labels)
    run: list[int] = []  # indexes of labelled lines in the current dialogue run

    def close_run() -> None:
        # One pass: how many recurring speakers' turns came before each line and how many
        # are still to come (comparing every one-off with the whole run was quadratic).
        recurring = [counts[labels[at] or ""] >= 2 for at in run]
        before, after = 0, sum(recurring)
        for k, at in enumerate(run):
            if recurring[k]:
                result[at] = labels[at]
                before, after = before + 1, after - 1
                continue
            same_post = any(recurring[j] and owner[run[j]] == owner[at]
                            for j in (k - 1, k + 1) if 0 <= j < len(run))
            if (before and after) or same_post:
                result[at] = labels[at]
        run.clear()

    if not counts:
        return result
    for at, label in enumerate(labels):
        if label:
            run.append(at)
        elif is_aside_line(lines.text[at]):
            continue  # the author's aside between two turns does not end the dialogue
        elif lines.opens[at] and run:
            close_run()
    close_run()
    return result


def _line_segments(text: str, paragraph: int, speaker: str | None) -> list[Segment]:
    start = len(speaker) + 2 if speaker else 0
    segments: list[Segment] = []
    pos = start
    for open_at, close_at in asides(text):
        if open_at < start:
            continue
        if open_at > pos:
            segments.append(Segment("source", text[pos:open_at], paragraph))
        segments.append(Segment("commentary", text[open_at + 1:close_at], paragraph))
        pos = close_at + 1
    if pos < len(text) or not segments:
        segments.append(Segment("source", text[pos:], paragraph))
    if speaker is not None:
        for segment in segments:  # the turn runs to the end of its line, asides and all
            segment.speaker = speaker
    return segments


def annotate(posts: list[Post]) -> None:
    """Fill each post's segments, in order; they rebuild its text exactly (see render_segment).

    Posts are done one at a time (their lines are consecutive), so nothing per post is held
    beyond its segments.
    """
    lines = _lines(posts)
    who = speakers(lines)
    owner, paragraphs, texts, opens = lines.post, lines.paragraph, lines.text, lines.opens
    at, count = 0, len(texts)
    for index, post in enumerate(posts):
        text, speaker = texts[at], who[at]
        at += 1
        if "[" not in text and (at == count or owner[at] != index):
            # The guard in front of _line_segments and the joins, for most posts: one line
            # without an aside is one source segment, after its speaker's label if any
            # (benchmarks/README.md, "Readers, strip and one numbering path").
            text = text[len(speaker) + 2:] if speaker else text
            post.segments = (Segment("source", text, 0, speaker),) if text else ()
            continue
        segments = _line_segments(text, paragraphs[at - 1], speaker)
        growing: list[tuple[Segment, list[str]]] = []
        while at < count and owner[at] == index:
            fresh = _line_segments(texts[at], paragraphs[at], who[at])
            if not opens[at]:
                _join_line_break(segments, fresh, growing)
            segments.extend(fresh)
            at += 1
        for segment, parts in growing:
            segment.text = "".join(parts)
        post.segments = tuple(s for s in segments if s.text or s.kind == "commentary")


def _join_line_break(segments: list[Segment], fresh: list[Segment],
                     growing: list[tuple[Segment, list[str]]]) -> None:
    """Keep the newline between two lines of a paragraph in a source segment.

    A line that simply continues the source text of the line before joins its segment, and
    the turn that segment is part of (the rest of the line takes its speaker). That
    segment's text is gathered in `growing` and joined once at the end: adding to it line by
    line would copy the paragraph once per line (quadratic on a post of many lines).
    """
    if segments and segments[-1].kind == "source":
        last = segments[-1]
        if not growing or growing[-1][0] is not last:
            growing.append((last, [last.text]))
        parts = growing[-1][1]
        parts.append("\n")
        if fresh[0].kind == "source" and fresh[0].speaker is None:
            parts.append(fresh.pop(0).text)
            for segment in fresh:  # the line joined the turn's text: the turn runs on
                segment.speaker = last.speaker
    elif fresh[0].kind == "source" and fresh[0].speaker is None:
        fresh[0].text = "\n" + fresh[0].text
    else:
        segments.append(Segment("source", "\n", fresh[0].paragraph))


def render_segment(segment: Segment, before: Segment | None) -> str:
    """The segment as it stands in the post's text, given the segment `before` it in the post
    (None for the first): brackets put back, and the speaker's label where it opens a turn."""
    text = f"[{segment.text}]" if segment.kind == "commentary" else segment.text
    return f"{segment.speaker}: {text}" if opens_turn(segment, before) else text
