"""One reader per input kind, each handing the later stages the same Reading."""

from __future__ import annotations

import pytest

import unroll
from unroll import sites
from unroll.model import Source
from unroll.read.kinds import ClipReader, PageReader, Reading, TextReader, reader_for

POSTS = ["The river rose again last night. 1/", "The council met at dawn [finally]. 2/",
         "Nobody was hurt. 3/"]
TEXT = "\n".join(POSTS) + "\n"
PAGE = ("<html lang='en-GB'><head><title>River night</title></head><body>"
        "<nav>Home</nav><main>" + "".join(f"<p>{post}</p>" for post in POSTS)
        + "</main><footer>Share this page</footer></body></html>")
CLIP = ("---\ntitle: \"Thread by @riverwatch on Thread Reader App\"\n"
        "source: https://threadreaderapp.com/thread/1.html\n---\n\n" + "\n\n".join(POSTS) + "\n")


@pytest.mark.parametrize(("name", "text", "kind"), [
    ("thread.txt", TEXT, TextReader), ("thread.html", PAGE, PageReader),
    ("thread.md", CLIP, ClipReader)])
def test_each_kind_has_its_reader_and_every_line_for_the_site(name: str, text: str,
                                                             kind: type) -> None:
    source = Source(name, "html" if name.endswith(".html") else "text")
    reader = reader_for(source, text)
    assert isinstance(reader, kind)
    assert all(any(post in line for line in reader.lines) for post in POSTS)
    reading = reader.reading(sites.GENERIC, ())
    assert isinstance(reading, Reading)
    words = [line for block in reading.blocks for line in block.lines]
    assert all(any(post in line for line in words) for post in POSTS)
    assert not reader.lines  # a reader lets go of the input once it has handed it on


def test_text_is_one_body_for_the_splitter() -> None:
    reading = TextReader(TEXT).reading(sites.GENERIC, ())
    assert not reading.delimited and len(reading.blocks) == 1
    assert reading.blocks[0].lines == TEXT.split("\n")
    assert reading.chrome == [] and reading.removed == []


def test_a_page_says_its_facts_and_leaves_its_chrome_for_the_site_rules() -> None:
    reading = PageReader(PAGE).reading(sites.GENERIC, ())
    assert reading.facts.title == "River night" and reading.facts.lang == "en-GB"
    assert "Home" in reading.chrome and "Share this page" in reading.chrome


def test_a_clip_parts_its_posts_and_its_front_matter_is_removed() -> None:
    reading = ClipReader(CLIP).reading(sites.GENERIC, (" | Thread Reader App",))
    assert reading.delimited and [b.lines for b in reading.blocks] == [[p] for p in POSTS]
    assert {r.rule for r in reading.removed} == {"clip.front-matter"}
    assert reading.facts.handle == "@riverwatch"
    assert reading.facts.url == "https://threadreaderapp.com/thread/1.html"


def test_every_kind_gives_the_same_posts() -> None:
    """The stages after the reader do not ask the kind: the same thread as text, a saved
    page and a clip comes out as the same posts."""
    threads = [unroll.parse(TEXT.encode(), name="t.txt"),
               unroll.parse(PAGE.encode(), name="t.html"),
               unroll.parse(CLIP.encode(), name="t.md")]
    shapes = [[(p.n, p.text, [s.kind for s in p.segments]) for p in t.posts] for t in threads]
    assert shapes[0] == shapes[1] == shapes[2]
    assert [len(shapes[0])] == [3]
    assert threads[1].lang == "en-GB" and threads[1].title == "River night"
    assert threads[2].author is not None and threads[2].author.handle == "@riverwatch"
