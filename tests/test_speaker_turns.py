"""`speaker` on every segment of a turn (JSON contract version 2, issue 16): selecting a
speaker's segments gets the whole turn, the text after an aside inside it too, while every
document still shows the speaker's label once a turn, byte for byte as version 1 did.

Version 1's shape of a thread (speaker on each turn's first segment only) is made here from
version 2's by model.opens_turn, and the writers must render both alike.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from support import SAMPLES, turn_openings, validate

import unroll
from unroll.annotate import render_segment
from unroll.cli import cli
from unroll.contract import thread_from_dict, turns_of_version_1
from unroll.database.schema import SCHEMA_VERSION
from unroll.model import Segment, Thread, opens_turn
from unroll.writers import render
from unroll.writers.json import VERSION, to_dict
from unroll.writers.options import Options
from unroll.writers.show import view

DIALOGUE = (
    "Host: Where do staff park? [A fair question.] And visitors, for that matter? 1/\n"
    "Okoye: In the multi-storey. [It opens in 2027.] Until then, on the street. 2/\n"
    "Host: So nowhere [for staff], for two years. 3/\n"
    "Okoye: The zones start in June [so, yes] and the bus pass helps. 4/\n"
)
"""Turns with an aside inside them, the text going on after it."""


def version_1(thread: Thread) -> Thread:
    """The thread as version 1 held it: each turn's speaker on its first segment only."""
    posts = []
    for post in thread.posts:
        kept = tuple(replace(s, speaker=s.speaker if opens_turn(s, before) else None)
                     for s, before in zip(post.segments, (None, *post.segments[:-1]),
                                          strict=True))
        posts.append(replace(post, segments=kept))
    return replace(thread, posts=posts)


def said_by(document: dict[str, Any], speaker: str) -> list[tuple[int, str, str]]:
    """`.posts[] | .n as $n | .segments[] | select(.speaker == speaker)`, in Python."""
    return [(post["n"], s["kind"], s["text"]) for post in document["posts"]
            for s in post["segments"] if s["speaker"] == speaker]


def test_select_speaker_gets_the_text_after_an_aside() -> None:
    document = validate(unroll.convert(DIALOGUE, to="json"))
    assert document["unroll"] == VERSION == 2
    for post in document["posts"]:
        # The post's line after its label, as written, is what its speaker's segments hold.
        label, rest = post["text"].split(": ", 1)
        turn = [f"[{t}]" if kind == "commentary" else t
                for n, kind, t in said_by(document, label) if n == post["n"]]
        assert "".join(turn) == rest
        assert len(turn) == 3  # text, aside, text: the text after the aside is the speaker's


LABELS = st.sampled_from(["Host", "Okoye", "Caller"])
WORDS = st.text(st.sampled_from(list("abc d")), min_size=1, max_size=12).filter(str.strip)


@st.composite
def dialogues(draw: st.DrawFn) -> str:
    """Lines of turns, each of words and [asides] in any order, some lines continuing the
    turn before; blank lines between some."""
    lines = []
    for _ in range(draw(st.integers(2, 6))):
        runs = draw(st.lists(st.one_of(WORDS, WORDS.map(lambda w: f"[{w}]")), min_size=1,
                             max_size=4))
        body = " ".join(runs)
        lines.append(body if draw(st.booleans()) and lines else f"{draw(LABELS)}: {body}")
        if draw(st.integers(0, 3)) == 0:
            lines.append("")
    return "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(dialogues())
def test_turns_rebuild_the_text_and_read_back_from_version_1(text: str) -> None:
    """opens_turn is unambiguous: the segments with labels put back where it says rebuild
    each post's text; version 1's shape of them reads back as version 2's; and a turn's
    segments all carry its speaker (none of a turn is left without one)."""
    thread = unroll.parse(text, site="generic")
    for post in thread.posts:
        rebuilt: dict[int, str] = {}
        for segment, before in zip(post.segments, (None, *post.segments[:-1]), strict=True):
            rebuilt[segment.paragraph] = (rebuilt.get(segment.paragraph, "")
                                          + render_segment(segment, before))
        assert "\n\n".join(rebuilt[k] for k in sorted(rebuilt)) == post.text
    current = to_dict(thread)
    old = to_dict(version_1(thread)) | {"unroll": 1}
    assert to_dict(thread_from_dict(old)) == current
    for post in current["posts"]:
        assert not turns_of_version_1(post["segments"])  # version 2 is already whole turns


def _documents(thread: Thread) -> list[str]:
    """Every document a thread gives: Markdown and HTML in each commentary mode (strip
    re-annotates, so it is given the stripped thread's own version 1 shape), and show."""
    out = []
    for mode in ("inline", "quote", "footnote"):
        for to in ("md", "html"):
            out.append(render(thread, to, Options(commentary=mode)))
    console = Console(width=100, record=True, color_system="truecolor", file=io.StringIO())
    console.print(view(thread))
    out.append(console.export_text(styles=True))
    return out


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_documents_show_each_label_once_a_turn_as_version_1_did(sample: Path) -> None:
    thread = unroll.parse(sample)
    assert _documents(thread) == _documents(version_1(thread))


def test_the_dialogue_shows_each_label_once_a_turn() -> None:
    thread = unroll.parse(DIALOGUE)
    markdown = render(thread, "md")
    assert markdown.count("**Host:**") == 2 and markdown.count("**Okoye:**") == 2
    assert len(turn_openings(thread)) == 4
    assert _documents(thread) == _documents(version_1(thread))


def _downgraded(db: Path) -> int:
    """Make the database at `db` what version 1 wrote: speakers on turns' first segments
    only (the full-text index in step), meta saying 1. How many segments lost their speaker."""
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        rows = conn.execute("select id, post_id, kind, text, speaker, paragraph from segments"
                            " order by post_id, position").fetchall()
        cleared = []
        for (id_, post, *_), before, now in zip(rows, [None, *rows[:-1]], rows, strict=True):
            same = before is not None and before[1] == post
            if now[4] is not None and same and not opens_turn(_segment(now), _segment(before)):
                cleared.append((id_,))
        conn.executemany("insert into segments_fts (segments_fts, rowid, text, speaker)"
                         " select 'delete', id, text, speaker from segments where id = ?",
                         cleared)
        conn.executemany("update segments set speaker = null where id = ?", cleared)
        conn.executemany("insert into segments_fts (rowid, text, speaker)"
                         " select id, text, speaker from segments where id = ?", cleared)
        conn.execute("update meta set value = '1' where key in ('schema_version',"
                     " 'json_contract')")
    return len(cleared)


def _segment(row: Any) -> Segment:
    return Segment(row[2], row[3], row[5], row[4])


def test_a_version_1_database_is_upgraded_when_first_opened(tmp_path: Path) -> None:
    pytest.importorskip("sqlite_utils")
    db = tmp_path / "threads.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["convert", *map(str, SAMPLES), "-o", str(db), "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert _downgraded(db) >= 3  # the samples' turns that go on after an aside
    found = runner.invoke(cli, ["search", str(db), "zones OR lot", "--speaker", "okoye",
                                "--jsonl"])
    assert found.exit_code == 0, found.stderr
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    expected = [(sample, n, kind) for sample in SAMPLES
                for n, kind, text in said_by(json.loads(unroll.convert(sample, to="json")),
                                             "Okoye")
                if re.search(r"\b(zones|lot)\b", text, re.IGNORECASE)]
    assert {"commentary"} <= {kind for *_, kind in expected}  # asides inside Okoye's turns
    assert sorted((h["post"], h["kind"]) for h in hits) == sorted((n, k) for _, n, k in expected)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        meta = dict(conn.execute("select key, value from meta"))
    assert meta["schema_version"] == str(SCHEMA_VERSION) and meta["json_contract"] == "2"
    back = runner.invoke(cli, ["convert", str(db), "-t", "jsonl"])
    assert back.exit_code == 0, back.stderr
    again = {json.loads(line)["source"]["name"]: json.loads(line)
             for line in back.stdout.splitlines()}
    for sample in SAMPLES:
        assert again[str(sample)] == json.loads(unroll.convert(sample, to="json",
                                                               name=str(sample)))


def test_the_one_liners_speakers_exist_in_the_samples() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "json.md").read_text("utf-8")
    named = set(re.findall(r'\.speaker == "([^"]+)"', doc))
    assert named
    speakers = {s.speaker for sample in SAMPLES for s in turn_openings(unroll.parse(sample))}
    assert named <= speakers


def test_post_segments_without_a_turn_keep_a_null_speaker() -> None:
    thread = unroll.parse("Inspections: they say it is stronger. [It is not.]\n")
    assert [s.kind for s in thread.posts[0].segments] == ["source", "commentary"]
    assert all(s.speaker is None for p in thread.posts for s in p.segments)
