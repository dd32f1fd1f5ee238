"""The marker closing a thread ("/end", "/fin", "END", "/🧵") is a marker of the last post,
not its text, and renumbers nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import unroll
from unroll.cli import cli
from unroll.split import markers

CLOSINGS = [example for style in markers.STYLES if style.family == "end"
            for example in style.examples]
FIXTURES = Path(__file__).parent / "fixtures" / "sites"


def _posts(text: str, site: str = "twtext") -> list[tuple[int, str | None, str]]:
    return [(p.n, p.marker, p.text) for p in unroll.parse(text, site=site).posts]


@pytest.mark.parametrize("closing", CLOSINGS)
@pytest.mark.parametrize("own_line", [False, True], ids=["after-text", "own-line"])
def test_a_closing_marker_closes_the_last_post(closing: str, own_line: bool) -> None:
    body = "Harbour lights, a history.\nThe first was lit in 1871.\nThanks for reading."
    closed = f"{body}\n{closing}\n" if own_line else f"{body} {closing}\n"
    without = _posts(body + "\n")
    got = _posts(closed)
    assert [n for n, _, _ in got] == [n for n, _, _ in without]  # nothing renumbered
    assert [text for _, _, text in got] == [text for _, _, text in without]
    assert got[-1][1] == closing and all(closing not in text for _, _, text in got)


@pytest.mark.parametrize("closing", CLOSINGS)
@pytest.mark.parametrize("numbered", ["One 1/\nTwo 2/\nThree 3/", "1/ One\n2/ Two\n3/ Three"])
def test_it_follows_the_number_marker_of_a_numbered_last_post(closing: str,
                                                               numbered: str) -> None:
    got = _posts(f"{numbered} {closing}\n")
    assert got == [(n, marker, text) for (n, marker, text) in _posts(numbered + "\n")[:2]] + [
        (3, f"3/ {closing}", "Three")]


@pytest.mark.parametrize("text", [
    "The road goes on /end of the road\nSecond post.\n",  # inside a line: text
    "First post /end\nSecond post.\n",  # not on the last line: text
    "A thread about endings.\nTHIS IS NOT THE END\n",  # a capitalised sentence's last word
    "/end\n",  # nothing else: the thread is that word
])
def test_anything_else_stays_text(text: str) -> None:
    words = " ".join(t for _, _, t in _posts(text)).split()
    assert words == text.split() and all(m is None for _, m, _ in _posts(text))


def test_a_saved_pages_last_post_closes_with_it(tmp_path: Path) -> None:
    page = (FIXTURES / "tra-page-lifeboat.html").read_text(encoding="utf-8")
    closed = page.replace("safety/sailing</a>", "safety/sailing</a> /end")
    assert closed != page
    path = tmp_path / "lifeboat.html"
    path.write_text(closed, encoding="utf-8")
    before = unroll.parse(FIXTURES / "tra-page-lifeboat.html").posts
    after = unroll.parse(path).posts
    assert [p.n for p in after] == [p.n for p in before]
    assert [p.text for p in after] == [p.text for p in before]
    assert after[-1].marker == f"{before[-1].marker} /end"


def test_the_json_carries_it_as_the_last_posts_marker(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("One 1/\nTwo 2/\nThat's all. /fin\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(path), "-t", "json"])
    assert result.exit_code == 0, result.stderr
    posts = json.loads(result.stdout)["posts"]
    assert [(p["n"], p["marker"], p["text"]) for p in posts] == [
        (1, "1/", "One"), (2, "2/", "Two"), (3, "/fin", "That's all.")]
