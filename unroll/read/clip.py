"""Markdown clips: unroll pages saved by web clippers (Obsidian Web Clipper, MarkDownload).

A Thread Reader App clip has YAML front matter (title: "Thread by @HANDLE on Thread Reader
App", source: URL), a blank line between posts, the posts' own paragraph breaks as hard line
breaks, images as ![Image](https://pbs.twimg.com/...), and the footer rendered as Markdown
("• • •", "**Keep Current with ...**", "## More from @HANDLE"). The Markdown is read through
markdown-it-py's token stream, so emphasis, links and images come out as what a reader sees.
Imported only for Markdown input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import Block, Image, Link, web_address

_FRONT = re.compile(r"---[ \t]*\n(?:(?P<body>.*?)\n)??---[ \t]*(?:\n|$)", re.DOTALL)
"""Front matter: between two "---" lines, perhaps with nothing between them."""
_FIELD = re.compile(r"(?P<key>[A-Za-z_][\w-]*):[ \t]*(?P<value>.*)")
_HANDLE = re.compile(r"Thread by (?P<handle>@\w{1,50})")
_EXTENSIONS = (".md", ".markdown")


@dataclass(slots=True)
class Clip:
    """What a clip holds: its front matter and its blocks, in order."""

    front: dict[str, str] = field(default_factory=dict)
    front_lines: list[str] = field(default_factory=list)
    """The front matter as written: the clipper's, listed in `removed`."""
    blocks: list[Block] = field(default_factory=list)

    @property
    def handle(self) -> str | None:
        found = _HANDLE.search(self.front.get("title", ""))
        return found.group("handle") if found else None

    def title(self, suffixes: tuple[str, ...] = ()) -> str | None:
        """The clipped page's own title (front matter `title:`), without a site's suffix
        (one of `suffixes`, "| twtext"); None where there is none, or it is the site's stock
        "Thread by @HANDLE", which names no thread."""
        text = " ".join(self.front.get("title", "").split())
        for suffix in suffixes:
            if text.endswith(suffix):
                text = text[: -len(suffix)].rstrip()
        return None if not text or _HANDLE.match(text) else text

    @property
    def url(self) -> str | None:
        for key in ("source", "url", "link"):
            value = web_address(self.front.get(key))
            if value:
                return value
        return None


def is_clip(text: str, name: str) -> bool:
    """Whether the input is a Markdown clip: a .md name, or front matter with a title."""
    if name.lower().endswith(_EXTENSIONS):
        return True
    front = _FRONT.match(text)
    return bool(front and re.search(r"^title:", front.group("body") or "", re.MULTILINE))


def front_matter(text: str) -> tuple[dict[str, str], list[str], str]:
    """The simple "key: value" front matter, its lines, and the Markdown after it (no YAML
    library: clippers write flat string fields)."""
    found = _FRONT.match(text)
    if not found:
        return {}, [], text
    fields: dict[str, str] = {}
    for line in (found.group("body") or "").splitlines():
        item = _FIELD.fullmatch(line.strip())
        if item:
            fields[item.group("key").lower()] = item.group("value").strip().strip("\"'")
    lines = [line.strip() for line in found.group(0).splitlines() if line.strip()]
    return fields, lines, text[found.end():]


def read(text: str) -> Clip:
    """Read a clip into blocks: one per paragraph, heading, list item or code block."""
    fields, lines, body = front_matter(text)
    tokens = MarkdownIt("commonmark", {"html": False}).parse(body)
    clip = Clip(front=fields, front_lines=lines)
    prefix: list[str] = []  # list markers of the items we are in
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            prefix.append("-" if token.type == "bullet_list_open" else "1.")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            prefix.pop()
        elif token.type == "list_item_open" and prefix:
            prefix[-1] = f"{token.info}{token.markup}" if token.info else token.markup or "-"
        elif token.type == "inline":
            block = _inline(token.children or [])
            if not block.lines and clip.blocks:
                # An image on its own below a post's text: the post's attachment.
                clip.blocks[-1].images.extend(block.images)
                clip.blocks[-1].links.extend(block.links)
                continue
            if prefix and block.lines:
                block.lines[0] = f"{prefix[-1]} {block.lines[0]}"
            clip.blocks.append(block)
        elif token.type in ("fence", "code_block"):
            clip.blocks.append(Block(lines=token.content.rstrip("\n").split("\n")))
    return clip


def _inline(children: list[Token]) -> Block:
    block = Block(lines=[""])
    link: str | None = None
    shown: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            block.lines[-1] += child.content
            if link is not None:
                shown.append(child.content)
        elif child.type == "softbreak":
            block.lines.append("")
        elif child.type == "hardbreak":
            block.lines += ["", ""]  # a hard break is a paragraph break inside the post
        elif child.type == "image":
            url = web_address(str(child.attrs.get("src", "")))
            if url:
                block.images.append(Image(url, child.content or None))
        elif child.type == "link_open":
            link, shown = web_address(str(child.attrs.get("href", ""))), []
        elif child.type == "link_close":
            text = "".join(shown).strip()
            if link and text:
                block.links.append(Link(link, text))
            link = None
    block.lines = [line.strip() for line in block.lines]
    while block.lines and not block.lines[-1]:
        block.lines.pop()
    return block
