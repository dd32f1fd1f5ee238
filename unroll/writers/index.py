"""The index of a batch run: every thread with its title, author, date, posts and a link.

HTML: one self-contained page with no script (the same CSP as a thread page), so instead of a
script-sorted table it gives the list three ways: by title, by author, by date.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from urllib.parse import quote

from .html import CSP
from .markdown import escape as md_escape

Entry = dict[str, object]


def _href(entry: Entry, folder: Path) -> str:
    """The link to an output, from the bytes of its name: a name that is not UTF-8 is
    percent-encoded byte for byte (`b%FF.html`), as a browser finds the file."""
    target = Path(str(entry["output"]))
    return quote(os.fsencode(target.relative_to(folder).as_posix()))


def _sorted(entries: list[Entry], key: str) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.get(key) is None, str(e.get(key) or ""),
                                          str(e["title"])))


def render_markdown(entries: list[Entry], folder: Path) -> str:
    lines = ["# Threads", "", f"{len(entries)} threads", "",
             "| Title | Author | Date | Posts |", "|---|---|---|---|"]
    for entry in _sorted(entries, "title"):
        cells = [f"[{md_escape(str(entry['title']))}](<{_href(entry, folder)}>)",
                 md_escape(str(entry.get("author") or "")),
                 md_escape(str(entry.get("date") or "")[:10]), str(entry["posts"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_html(entries: list[Entry], folder: Path) -> str:
    def table(order: list[Entry]) -> str:
        rows = "".join(
            f'<tr><td><a href="{escape(_href(e, folder), quote=True)}">'
            f"{escape(str(e['title']))}</a></td><td>{escape(str(e.get('author') or ''))}</td>"
            f"<td>{escape(str(e.get('date') or '')[:10])}</td><td>{e['posts']}</td></tr>"
            for e in order)
        return ("<table><thead><tr><th>Title</th><th>Author</th><th>Date</th><th>Posts</th>"
                f"</tr></thead><tbody>{rows}</tbody></table>")

    sections = "".join(
        f"<details{' open' if key == 'title' else ''}><summary>By {key}</summary>"
        f"{table(_sorted(entries, key))}</details>" for key in ("title", "author", "date"))
    return (
        "<!DOCTYPE html>\n<html lang=\"und\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Threads</title>\n<style>\n"
        "body{font:1rem/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem}"
        "table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;"
        "border-bottom:1px solid #ddd;vertical-align:top}summary{cursor:pointer;margin:1rem 0;"
        "font-weight:600}@media (prefers-color-scheme:dark){body{background:#17171a;"
        "color:#ecebe6}a{color:#9cc3ff}}\n</style>\n</head>\n<body>\n"
        f"<h1>Threads</h1><p>{len(entries)} threads</p>{sections}\n</body>\n</html>\n"
    )
