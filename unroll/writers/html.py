"""HTML: one standalone page, self-contained, that reads well on a phone and in print.

No script and no remote asset: the styles are inline and a Content-Security-Policy forbids
everything else. Every piece of thread text is escaped; only http(s) links become anchors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape

from ..model import Link, Post, Thread
from ..text.entities import repair
from .lang import thread_language
from .layout import Line, Piece, asides_onto_text, gaps, meta, paragraphs, single_line, spans
from .options import Options

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
REMOTE_CSP = CSP + " https:"
"""With --remote-images: pictures load from their hosts, and nothing else does."""
"""Nothing is loaded from elsewhere: images are links (_extras), styles inline."""

BASE_STYLE = """
:root { color-scheme: light dark; --ink: #1d1d1f; --paper: #fffefb; --muted: #6b6b70;
  --rule: #e4e1d8; --aside: #7a4d00; --aside-bg: #fbf3e2; }
@media (prefers-color-scheme: dark) { :root { --ink: #ecebe6; --paper: #17171a;
  --muted: #a0a0a8; --rule: #34343a; --aside: #f3c77a; --aside-bg: #2a2418; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 1.0625rem/1.6 Charter, "Iowan Old Style", Georgia, serif; }
main { max-width: 38rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
header h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .25rem; }
.meta { color: var(--muted); font: .9rem/1.4 system-ui, sans-serif; margin: 0 0 2rem; }
""".strip()
"""The look every page shares, a thread's and the batch index's (index.py): the paper and
ink in light and dark, the type, the column, the heading and the facts under it."""

STYLE = BASE_STYLE + "\n" + """
article { display: grid; grid-template-columns: 2.5rem 1fr; gap: 0 .5rem;
  padding: .75rem 0; border-top: 1px solid var(--rule); break-inside: avoid; }
.n { color: var(--muted); font: .85rem/1.9 system-ui, sans-serif; text-decoration: none;
  text-align: right; }
.post p { margin: 0 0 .6rem; overflow-wrap: anywhere; }
.post p:last-child { margin-bottom: 0; }
.aside { color: var(--aside); background: var(--aside-bg); font-style: italic;
  border-radius: .2rem; padding: 0 .15rem; }
blockquote.aside { margin: .6rem 0 0; padding: .3rem .6rem; border-left: .2rem solid
  var(--muted); overflow-wrap: anywhere; }
.footnotes { margin: .6rem 0 0; padding-left: 1.4rem; font-size: .9em; color: var(--muted);
  overflow-wrap: anywhere; } .fn a { text-decoration: none; }
.speaker { font-family: system-ui, sans-serif; font-size: .9em; }
.turn { display: grid; grid-template-columns: 7.5rem 1fr; gap: 0 .75rem; }
.turn .speaker { text-align: right; color: var(--muted); overflow-wrap: anywhere; }
.toc { margin: 0 0 2rem; font: .9rem/1.5 system-ui, sans-serif; }
.toc h2 { font-size: 1rem; }
.toc ol { list-style: none; padding-left: 0; columns: 2 16rem; column-gap: 2rem; }
.toc li { break-inside: avoid; } .toc a { display: flex; gap: .5rem; }
.toc .num { flex: none; min-width: 2.5ch; text-align: right; color: var(--muted);
  font-variant-numeric: tabular-nums; }
body.plain article { grid-template-columns: 1fr; border-top: 0; padding: .4rem 0; }
.gap { margin: 0; padding: .6rem 0 .6rem 3rem; border-top: 1px dashed var(--rule);
  color: var(--muted); font: italic .9rem/1.4 system-ui, sans-serif; }
body.plain .gap { padding-left: 0; }
@media (max-width: 30rem) { article { grid-template-columns: 1.8rem 1fr; }
  .gap { padding-left: 2.3rem; } body.plain .gap { padding-left: 0; }
  .turn { grid-template-columns: 1fr; } .turn .speaker { text-align: left; } }
a { color: inherit; }
.extras { grid-column: 2; } .extras img { max-width: 100%; height: auto; margin: .5rem 0; }
.quoted { margin: .5rem 0; padding-left: .75rem; border-left: 3px solid var(--rule);
  color: var(--muted); font-size: .9em; overflow-wrap: anywhere; }
@media print { body { background: #fff; color: #000; font-size: 11pt; } .toc { display: none; }
  .aside { background: none; color: #000; } .n, .meta { color: #444; }
  .turn .speaker { color: #000; } article { border-color: #bbb; } }
""".strip()


def _text(text: str, links: tuple[Link, ...] = ()) -> str:
    """Escape thread text; the runs that show a link become anchors (http(s) only)."""
    if not links and "://" not in text:
        return escape(repair(text))  # most lines: nothing to link
    out: list[str] = []
    for run, url in spans(repair(text), list(links)):
        if url is None:
            out.append(escape(run))
        else:
            out.append(f'<a href="{escape(url, quote=True)}" rel="nofollow noopener">'
                       f"{escape(run)}</a>")
    return "".join(out)


@dataclass(slots=True)
class _Apart:
    """The asides of one post that --commentary quote or footnote shows apart from its text."""

    mode: str
    post: int
    asides: list[Piece] = field(default_factory=list)

    def reference(self, piece: Piece) -> str:
        """Keep the aside; what stands in its place in the text (a footnote's number)."""
        self.asides.append(piece)
        if self.mode != "footnote":
            return ""
        k = len(self.asides)
        return (f'<sup class="fn"><a href="#fn-{self.post}-{k}" id="fnref-{self.post}-{k}">'
                f"{k}</a></sup>")

    def html(self) -> str:
        """The asides under the post: quoted, or as its footnotes."""
        if not self.asides:
            return ""
        if self.mode != "footnote":
            return "".join(f'<blockquote class="aside">{_text(p.text, p.links)}</blockquote>'
                           for p in self.asides)
        items = "".join(f'<li id="fn-{self.post}-{k}">{_text(p.text, p.links)} <a href='
                        f'"#fnref-{self.post}-{k}" aria-label="back to the text">↩</a></li>'
                        for k, p in enumerate(self.asides, 1))
        return f'<ol class="footnotes">{items}</ol>'


def _piece(piece: Piece, apart: _Apart | None = None) -> str:
    out = f'<b class="speaker">{escape(piece.speaker)}:</b> ' if piece.speaker else ""
    if piece.kind == "commentary":
        if apart is not None:
            return out + apart.reference(piece)
        return out + f'<span class="aside">[{_text(piece.text, piece.links)}]</span>'
    return out + _text(piece.text, piece.links)


def _line(line: Line, apart: _Apart | None = None) -> str:
    return _piece(line[0], apart) if len(line) == 1 else "".join(_piece(p, apart) for p in line)


def _extras(post: Post, remote_images: bool = False) -> str:
    """Images and quoted posts, outside the post's text (only http(s) addresses get here)."""
    parts = []
    for image in post.images if remote_images else ():
        alt = escape(image.alt or "Image", quote=True)
        parts.append(f'<p class="image"><img src="{escape(image.url, quote=True)}" alt="{alt}"'
                     ' loading="lazy" referrerpolicy="no-referrer"></p>')
    for image in () if remote_images else post.images:
        # A link, not an <img>: the page loads nothing from elsewhere, so opening it tells
        # no image host who reads the thread (issue 16); the alt text says what it shows.
        alt = escape(image.alt or "Image")
        parts.append(f'<p class="image"><a href="{escape(image.url, quote=True)}"'
                     f' rel="nofollow noopener">Image: {alt}</a></p>')
    for url in post.quoted:
        parts.append(f'<blockquote class="quoted">Quoted post: <a href="{escape(url, quote=True)}"'
                     f' rel="nofollow noopener">{escape(url)}</a></blockquote>')
    return f'<div class="extras">{"".join(parts)}</div>' if parts else ""


TOC_AFTER = 20
"""Threads longer than this get a table of contents."""


def _paragraph(paragraph: list[Line], apart: _Apart | None = None) -> str:
    """A paragraph; one that opens a speaker's turn is laid out as a line of dialogue."""
    first = paragraph[0]
    if not (first and first[0].speaker):
        rows = [text for line in paragraph if (text := _line(line, apart))]
        return "<p>" + "<br>\n".join(rows) + "</p>" if rows else ""
    speaker = _piece(Piece("source", "", first[0].speaker))
    rest = [[Piece(first[0].kind, first[0].text, None, first[0].links), *first[1:]],
            *paragraph[1:]]
    said = "<br>\n".join(_line(line, apart) for line in rest)
    return f'<p class="turn">{speaker}<span class="said">{said}</span></p>'


def _toc(thread: Thread) -> str:
    items = "".join(
        f'<li><a href="#post-{post.n}"><span class="num">{post.n}</span>'
        f" <span>{escape(_opening(post.text))}</span></a></li>"
        for post in thread.posts)  # the post's own number, in the item's box (issue 16)
    return f'<nav class="toc"><h2>Posts</h2><ol>{items}</ol></nav>'


def _opening(text: str, words: int = 8) -> str:
    head = text.split(maxsplit=words)
    return " ".join(head[:words]) + ("…" if len(head) > words else "")


def _body(thread: Thread, options: Options) -> Iterator[str]:
    title = escape(repair(thread.display_title))
    yield (f'<header><h1>{title}</h1><p class="meta">{escape(" · ".join(meta(thread)))}'
           + (f' · <a href="{escape(thread.url)}">{escape(thread.url)}</a>' if thread.url else "")
           + "</p></header>\n")
    if options.numbers and len(thread.posts) > TOC_AFTER:
        yield _toc(thread) + "\n"
    missing = gaps(thread)
    for post in thread.posts:
        if missing and post.n in missing:  # where the numbering skips, between the posts
            yield f'<p class="gap" role="note">{escape(missing[post.n])}</p>\n'
        line = single_line(post)
        apart = _Apart(options.commentary, post.n) \
            if options.commentary in ("quote", "footnote") else None
        shaped = [] if line is not None else paragraphs(post)
        if apart is not None and apart.mode == "footnote":
            shaped = asides_onto_text(shaped)
        body = (f"<p>{_text(line, post.links)}</p>" if line is not None
                else "".join(_paragraph(paragraph, apart) for paragraph in shaped)
                + (apart.html() if apart else ""))
        number = f'<a class="n" href="#post-{post.n}">{post.n}</a>' if options.numbers else ""
        yield (f'<article id="post-{post.n}">{number}<div class="post" dir="auto">{body}'
               f"</div>{_extras(post, options.remote_images)}</article>\n")


def stream(thread: Thread, options: Options | None = None) -> Iterator[str]:
    """The page a post at a time."""
    options = options or Options()
    lang = escape(thread_language(thread.lang, (post.text for post in thread.posts)))
    if options.fragment:
        yield f'<section class="unroll-thread" lang="{lang}">\n'
        yield from _body(thread, options)
        yield "</section>\n"
        return
    yield "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        *(["<!-- --remote-images: the pictures load from their hosts (img-src https:) -->"]
          if options.remote_images else []),
        f'<meta http-equiv="Content-Security-Policy"'
        f' content="{REMOTE_CSP if options.remote_images else CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(repair(thread.display_title))}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        f'<body{"" if options.numbers else " class=plain"}>',
        "<main>",
    ]) + "\n"
    yield from _body(thread, options)
    yield "</main>\n</body>\n</html>\n"
