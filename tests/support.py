"""Helpers the tests share: read our own outputs back as a reader would see them."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from unroll.model import Segment, Thread, opens_turn
from unroll.writers.json import schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
SHARED = ROOT.parent / "shared" / "corpus" / "dev"
SHARED_INPUTS = sorted([*SHARED.glob("*.txt"), *SHARED.glob("*.html")]) if SHARED.is_dir() \
    else []

_VALIDATOR = jsonschema.Draft202012Validator(schema())

# Block tokens a document of ours may contain; a list, quote, code block or raw HTML block
# would mean thread text turned into markup.
ALLOWED_BLOCKS = {"heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline",
                  "blockquote_open", "blockquote_close"}
ALLOWED_INLINE = {"text", "softbreak", "hardbreak", "em_open", "em_close", "strong_open",
                  "strong_close", "link_open", "link_close", "image"}


def sample_archive() -> ModuleType:
    """docs/sample_archive.py, the generator of the archive the index is shown with."""
    spec = importlib.util.spec_from_file_location("sample_archive",
                                                  ROOT / "docs" / "sample_archive.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def turn_openings(thread: Thread) -> list[Segment]:
    """The segments that open a speaker's turn (each turn's first), in order: a turn's
    other segments carry its speaker too."""
    return [segment for post in thread.posts
            for segment, before in zip(post.segments, (None, *post.segments[:-1]), strict=True)
            if opens_turn(segment, before)]


def validate(document: str) -> dict[str, Any]:
    """Parse a JSON document and validate it against the published schema."""
    data: dict[str, Any] = json.loads(document)
    _VALIDATOR.validate(data)
    return data


GAP_NOTE = re.compile(r"posts? \d+(?:-\d+)? (?:is|are) missing from this copy")
"""The line the documents show where the author's numbering skips (not thread text)."""


def is_gap_note(children: list[Any]) -> bool:
    """Whether a Markdown paragraph is the writer's gap line: all of it one emphasis (thread
    text cannot make one: its asterisks are escaped, its asides stand in brackets)."""
    return ([c.type for c in children] == ["em_open", "text", "em_close"]
            and bool(GAP_NOTE.fullmatch(children[1].content)))


def markdown_posts(document: str) -> dict[int, str]:
    """Render our Markdown with markdown-it-py (commonmark, raw HTML on) and return, for each
    `## N` heading, the visible text below it; fails on any markup thread text could make.
    The line that says where posts are missing is not a post's text, and is left out."""
    tokens = MarkdownIt("commonmark").parse(document)
    posts: dict[int, list[str]] = {}
    current: int | None = None
    in_heading = False
    quoted = 0
    for token in tokens:
        assert token.type in ALLOWED_BLOCKS, f"unexpected block {token.type}: {token.map}"
        quoted += {"blockquote_open": 1, "blockquote_close": -1}.get(token.type, 0)
        if token.type == "heading_open":
            in_heading = token.tag == "h2"
            continue
        if token.type != "inline":
            continue
        if in_heading:
            current = int(token.content)
            posts[current] = []
            in_heading = False
            continue
        if current is None:
            continue
        children = token.children or []
        if is_gap_note(children):
            continue
        if quoted:
            # Only a quoted post's link may stand in a quotation.
            assert token.content.startswith("Quoted post: <http"), token.content
            continue
        if any(child.type == "image" for child in children):
            assert all(c.type in ("image", "text") and (c.type == "image" or not c.content.strip())
                       for c in children), "an image paragraph holds only images"
            continue
        text = []
        for child in token.children or []:
            assert child.type in ALLOWED_INLINE, f"unexpected inline {child.type}"
            if child.type == "text":
                text.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                text.append("\n")
        posts[current].append("".join(text))
    return {n: "\n\n".join(parts) for n, parts in posts.items()}


def html_posts(document: str) -> dict[int, str]:
    """Parse our HTML with BeautifulSoup and return each post's visible text by number."""
    soup = BeautifulSoup(document, "html.parser")
    out = {}
    for article in soup.select("article[id^=post-]"):
        n = int(article["id"].removeprefix("post-"))
        body = article.select_one("div.post")
        assert body is not None
        out[n] = "\n\n".join(p.get_text() for p in body.find_all("p", recursive=False))
    return out


def as_a_browser_shows(text: str) -> str:
    """Runs of spaces shown as one, as a browser lays out HTML (and as BeautifulSoup reads a
    run of spaces between two tags), so an HTML post compares with its text."""
    return re.sub(r" {2,}", " ", text)


def assert_html_shows(document: str, texts: dict[int, str]) -> None:
    """Each post of our HTML shows what its text holds, spaces as a browser lays them out."""
    shown = {n: as_a_browser_shows(text) for n, text in html_posts(document).items()}
    assert shown == {n: as_a_browser_shows(text) for n, text in texts.items()}


def chars(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


def output_chars(thread: Thread) -> Counter[str]:
    """Every non-space character the thread kept: posts, markers and removed boilerplate."""
    got: Counter[str] = Counter()
    for post in thread.posts:
        got += chars(post.text)
        got += chars(post.marker or "")
    for removed in thread.removed:
        got += chars(removed.text)
    return got


def input_chars(data: bytes, encoding: str = "utf-8") -> Counter[str]:
    """The input's characters, decoded as the converter reported it decoded them."""
    return chars(data.decode("utf-8-sig" if encoding == "utf-8" else encoding))


def page_chars(data: bytes) -> Counter[str]:
    """What a browser shows of a page, by BeautifulSoup's own get_text (not our walker)."""
    soup = BeautifulSoup(data.decode("utf-8-sig"), "html.parser")
    for hidden in soup.find_all(["script", "style", "template", "noscript", "title", "head"]):
        hidden.decompose()
    return chars(soup.get_text())


LIST_MARKS = set("-*+.)0123456789")


def clip_chars(data: bytes) -> Counter[str]:
    """What a reader sees of a Markdown clip: its front matter as written, and the body as
    markdown-it-py renders it (the reference renderer, not our token walk)."""
    text = data.decode("utf-8-sig")
    front = ""
    end = text.find("\n---", 3) if text.startswith("---") else -1
    if end >= 0:
        front, text = text[: end + 4], text[end + 4:]
    html = MarkdownIt("commonmark", {"html": False}).render(text)
    return chars(front) + chars(BeautifulSoup(html, "html.parser").get_text())


def assert_conserved(thread: Thread, data: bytes) -> None:
    """Nothing of the input lost or duplicated, as a reader of that kind of input sees it."""
    got = output_chars(thread)
    if thread.source.kind == "html":
        assert got == page_chars(data), "page text lost or duplicated"
    elif thread.source.name.endswith(".md"):
        expected = clip_chars(data)
        assert not expected - got, "clip text lost"
        assert set((got - expected).elements()) <= LIST_MARKS, "clip text added"
    else:
        assert got == input_chars(data, thread.source.encoding), "characters lost or duplicated"
