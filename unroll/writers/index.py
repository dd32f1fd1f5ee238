"""The index of a batch run: the page people open first for an archive of threads.

Every thread once, with its title (a link to its page), a one-line excerpt, author, date,
posts and folder. The HTML page has the thread pages' look (their html.BASE_STYLE) and no
script (the same CSP), so instead of a table sorted by a script it groups the threads by
folder, each folder's newest first, and gives the other orders (by date, author, title) as
tables of their own in closed <details> below. Its tables become cards on a phone: the
title, the excerpt, then author, date, posts and folder on one line. The Markdown index has
the same groups, a table a folder.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from html import escape
from pathlib import Path
from urllib.parse import quote

from ..model import Thread
from ..text.entities import repair
from .html import BASE_STYLE, CSP
from .lang import thread_language
from .markdown import escape as md_escape

Entry = dict[str, object]
"""What the batch keeps of a converted thread for the index: title, author, date, posts,
output (its path), and the facts() below."""

EXCERPT_MAX = 160
"""Characters of an excerpt at most, its "…" included: a line at a desktop's width; a
phone shows what fits and an ellipsis (CSS)."""
_EXCERPT_READ = 400
"""Characters of the opening posts read for an excerpt: enough past any title."""
TOP = "(top folder)"
"""How the index names the folder it stands in."""


def facts(thread: Thread) -> Entry:
    """What the index needs of a thread beyond the batch's own facts: its excerpt and the
    language its page declares (the index takes the archive's commonest)."""
    return {"excerpt": excerpt(thread),
            "lang": thread_language(thread.lang, (post.text for post in thread.posts))}


def excerpt(thread: Thread) -> str:
    """The thread's opening words that its title does not show already, cut at a word
    boundary to EXCERPT_MAX characters with "…": after a title made of the first post's
    opening words, the words that follow them; after a page's own title, the first post's."""
    words: list[str] = []
    for post in thread.posts:
        words.extend(repair(post.text).split())
        if sum(map(len, words)) >= _EXCERPT_READ:
            break
    out = ""
    if thread.title_source == "first-post" and thread.title:
        shown = _covered(words, thread.title)
        words = words[shown:]
        if shown and thread.title.endswith("…") and words:
            out = "…"  # the title was cut: the excerpt goes on from where it stops
    for word in words:
        if len(out) + len(word) + 1 > EXCERPT_MAX - 1:
            if out in ("", "…"):  # one word longer than the line (an address): cut in it
                return (out + word)[:EXCERPT_MAX - 1] + "…"
            return out.rstrip(",;:-–—") + "…"
        out = f"{out} {word}" if out and out != "…" else out + word
    return out


def _covered(words: list[str], title: str) -> int:
    """How many of `words` the title shows: the title's words, found among the first few
    (an announcement or marker the title left out may come before them), its last word
    perhaps cut of its punctuation. 0 where they are not found."""
    shown = title.removesuffix("…").split()
    if not shown:
        return 0
    for start in range(min(len(words), 8)):
        end = start + len(shown)
        if words[start:end - 1] == shown[:-1] and end <= len(words) \
                and words[end - 1].startswith(shown[-1]):
            return end
    return 0


def _href(entry: Entry, folder: Path) -> str:
    """The link to an output, from the bytes of its name: a name that is not UTF-8 is
    percent-encoded byte for byte (`b%FF.html`), as a browser finds the file."""
    target = Path(str(entry["output"]))
    return quote(os.fsencode(target.relative_to(folder).as_posix()))


def _folder(entry: Entry, folder: Path) -> str:
    """The folder of an entry's output below the index's, as "2021/archive/"; TOP for the
    index's own."""
    below = Path(str(entry["output"])).parent.relative_to(folder).as_posix()
    return TOP if below == "." else below + "/"


def _text(entry: Entry, key: str) -> str:
    return str(entry.get(key) or "")


def _newest_first(entries: list[Entry]) -> list[Entry]:
    """Dated threads newest first, then the undated; ties and the undated by title."""
    by_title = sorted(entries, key=lambda e: _text(e, "title").casefold())
    dated = sorted((e for e in by_title if e.get("date")), key=lambda e: _text(e, "date"),
                   reverse=True)  # (stable: a day's threads stay in title order)
    return dated + [e for e in by_title if not e.get("date")]


ORDERS: dict[str, tuple[str, Callable[[list[Entry]], list[Entry]]]] = {
    "by-date": ("By date, newest first", _newest_first),
    "by-author": ("By author", lambda es: sorted(
        _newest_first(es), key=lambda e: (not e.get("author"), _text(e, "author").casefold()))),
    "by-title": ("By title", lambda es: sorted(es, key=lambda e: _text(e, "title").casefold())),
}
"""The orders besides the folders', each a table of its own: id, heading, order."""


def groups(entries: list[Entry], folder: Path) -> list[tuple[str, list[Entry]]]:
    """(folder, its entries newest first) for each folder, the folder with the newest
    thread first (folders of undated threads after, by name)."""
    found: dict[str, list[Entry]] = {}
    for entry in _newest_first(entries):
        found.setdefault(_folder(entry, folder), []).append(entry)
    by_name = sorted(found.items())
    dated = sorted((g for g in by_name if g[1][0].get("date")),
                   key=lambda g: _text(g[1][0], "date"), reverse=True)
    return dated + [g for g in by_name if not g[1][0].get("date")]


def page_language(entries: list[Entry]) -> str:
    """The archive's commonest language among its threads' pages; "und" only where no
    thread's language is known."""
    counts = Counter(lang for e in entries if (lang := _text(e, "lang")) not in ("", "und"))
    return counts.most_common(1)[0][0] if counts else "und"


def render_markdown(entries: list[Entry], folder: Path) -> str:
    """index.md in `folder`: a section a folder (groups), a table row a thread."""
    lines = ["# Threads", "", _summary(entries), ""]
    for name, members in groups(entries, folder):
        lines += [f"## {md_escape(name)}", "", "| Title | Author | Date | Posts |",
                  "|---|---|---|---|"]
        for entry in members:
            title = f"[{md_escape(repair(_text(entry, 'title')))}](<{_href(entry, folder)}>)"
            said = _text(entry, "excerpt")
            cells = [title + (f" — {md_escape(said)}" if said else ""),
                     md_escape(_text(entry, "author")), md_escape(_text(entry, "date")[:10]),
                     str(entry["posts"])]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _summary(entries: list[Entry]) -> str:
    """"3,200 threads · 41,000 posts · 12 authors · 2019-02-01 to 2024-06-30"."""
    count = len(entries)
    posts = sum(int(str(e["posts"])) for e in entries)
    authors = len({e["author"] for e in entries if e.get("author")})
    dates = sorted(_text(e, "date")[:10] for e in entries if e.get("date"))
    parts = [f"{count:,} thread{'s' if count != 1 else ''}",
             f"{posts:,} post{'s' if posts != 1 else ''}"]
    if authors:
        parts.append(f"{authors:,} author{'s' if authors != 1 else ''}")
    if dates:
        parts.append(dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}")
    return " · ".join(parts)


INDEX_STYLE = BASE_STYLE + "\n" + """
main { max-width: 64rem; }
a { color: inherit; }
.orders, .folders { font: .9rem/1.5 system-ui, sans-serif; margin: 0 0 1.5rem; }
.orders a { margin-right: 1rem; white-space: nowrap; }
.folders ol { list-style: none; padding: 0; margin: .25rem 0 0; columns: 3 12rem; }
.folders li { break-inside: avoid; overflow-wrap: anywhere; }
.count { color: var(--muted); font: .85rem/1.4 system-ui, sans-serif; }
h2 { font-size: 1.2rem; line-height: 1.3; margin: 2rem 0 .5rem; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th { text-align: left; font: 600 .8rem/1.4 system-ui, sans-serif; color: var(--muted);
  padding: .3rem .5rem; border-bottom: 1px solid var(--rule); }
td { vertical-align: top; padding: .55rem .5rem; border-top: 1px solid var(--rule);
  color: var(--muted); font: .9rem/1.45 system-ui, sans-serif; overflow-wrap: anywhere; }
th.by { width: 11rem; } th.date { width: 6.5rem; } th.posts { width: 4.5rem; }
th.folder { width: 10rem; } th.posts, td.posts { text-align: right; }
td.title { color: var(--ink); font: 1rem/1.4 Charter, "Iowan Old Style", Georgia, serif; }
td.title a { font-weight: 600; text-decoration: none; }
td.title a:hover, td.title a:focus { text-decoration: underline; }
.excerpt { display: block; margin-top: .1rem; color: var(--muted); font-size: .9rem;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.unit { display: none; }
details.order { margin-top: 2.5rem; border-top: 1px solid var(--rule); }
details.order summary { cursor: pointer; padding: .75rem 0; font: 600 1rem/1.4 system-ui,
  sans-serif; }
@media (max-width: 40rem) {
  table, tbody, tr, td { display: block; width: auto; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); }
  tr { border-top: 1px solid var(--rule); padding: .6rem 0; }
  td { border: 0; padding: 0; }
  td.by, td.date, td.posts, td.folder { display: inline; text-align: left; }
  td.date::before, td.posts::before, td.folder::before { content: " · "; }
  td.by:empty, td.date:empty { display: none; }
  td.by:empty + td.date::before, td.by:empty + td.date:empty + td.posts::before
    { content: none; }
  .unit { display: inline; } }
@media print { body { background: #fff; color: #000; font-size: 11pt; }
  nav, details.order { display: none; } td, .count, .meta { color: #444; } }
""".strip()
"""The index's own rules, after the look it shares with the thread pages."""


def _row(entry: Entry, folder: Path, ids: dict[str, str], lang: str, *,
         with_excerpt: bool) -> str:
    """A thread's row: title and excerpt, author, date, posts, and (outside its folder's
    own table, `ids` given) its folder, linked to that table."""
    own = _text(entry, "lang")
    marked = f' lang="{escape(own, quote=True)}"' if own and own not in ("und", lang) else ""
    said = _text(entry, "excerpt") if with_excerpt else ""
    date = _text(entry, "date")[:10]
    posts = int(str(entry["posts"]))
    cells = [
        f'<td class="title"><a href="{escape(_href(entry, folder), quote=True)}">'
        f"{escape(repair(_text(entry, 'title')))}</a>"
        + (f'<span class="excerpt">{escape(said)}</span>' if said else "") + "</td>",
        f'<td class="by">{escape(_text(entry, "author"))}</td>',
        '<td class="date">' + (f'<time datetime="{escape(date, quote=True)}">'
                                f"{escape(date)}</time>" if date else "") + "</td>",
        f'<td class="posts">{posts:,}<span class="unit"> post{"s" if posts != 1 else ""}'
        "</span></td>"]
    if ids:
        name = _folder(entry, folder)
        cells.append(f'<td class="folder"><a href="#{ids[name]}">{escape(name)}</a></td>')
    return f"<tr{marked}>{''.join(cells)}</tr>"


def _table(rows: list[str], *, with_folder: bool) -> str:
    heads = ['<th class="title">Title</th>', '<th class="by">Author</th>',
             '<th class="date">Date</th>', '<th class="posts">Posts</th>']
    if with_folder:
        heads.append('<th class="folder">Folder</th>')
    return (f"<table><thead><tr>{''.join(heads)}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _sections(grouped: list[tuple[str, list[Entry]]], ids: dict[str, str], folder: Path,
              lang: str) -> str:
    """The threads by folder, each folder a section with its own table."""
    return "".join(
        f'<section id="{ids[name]}"><h2>{escape(name)} <span class="count">'
        f"{len(members):,} thread{'s' if len(members) != 1 else ''}</span></h2>"
        + _table([_row(e, folder, {}, lang, with_excerpt=True) for e in members],
                 with_folder=False) + "</section>\n"
        for name, members in grouped)


def _nav(grouped: list[tuple[str, list[Entry]]], ids: dict[str, str]) -> str:
    orders = "".join(f'<a href="#{key}">{escape(label)}</a>'
                     for key, (label, _) in ORDERS.items())
    nav = f'<nav class="orders" aria-label="Orders">Other orders: {orders}</nav>\n'
    if len(grouped) > 1:
        items = "".join(f'<li><a href="#{ids[name]}">{escape(name)}</a> <span class="count">'
                        f"{len(members):,}</span></li>" for name, members in grouped)
        nav += f'<nav class="folders" aria-label="Folders">Folders<ol>{items}</ol></nav>\n'
    return nav


def render_html(entries: list[Entry], folder: Path) -> str:
    """index.html in `folder`: the folders' tables, then the other ORDERS in <details>."""
    lang = page_language(entries)
    grouped = groups(entries, folder)
    ids = {name: f"folder-{k}" for k, (name, _) in enumerate(grouped, 1)}
    others = "".join(
        f'<details class="order" id="{key}"><summary>{escape(label)}</summary>'
        + _table([_row(e, folder, ids, lang, with_excerpt=False) for e in order(entries)],
                 with_folder=True) + "</details>\n"
        for key, (label, order) in ORDERS.items())
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{escape(lang, quote=True)}">', "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Threads</title>", f"<style>\n{INDEX_STYLE}\n</style>", "</head>",
        "<body>", "<main>",
        f'<header><h1>Threads</h1><p class="meta">{escape(_summary(entries))}</p></header>',
        _nav(grouped, ids) + _sections(grouped, ids, folder, lang) + others
        + "</main>", "</body>", "</html>", ""])
