"""Search hits as the terminal shows them (rich), as plain text when piped, or as JSON.

Thread text goes into rich as Text objects, never as markup: rich reads "[aside]" as markup
and would drop it (DESIGN.md, known traps). rich is imported only for a terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from .search import MARKS, Hit

PLAIN_MARK = "**"
"""Around each match in plain text and JSON: Markdown's bold, which a reader knows."""


def _marked(snippet: str, mark: str) -> str:
    return snippet.replace(MARKS[0], mark).replace(MARKS[1], mark)


def _heading(hit: Hit) -> str:
    facts = [fact for fact in (hit.author, hit.site, hit.date) if fact]
    return (hit.title or hit.path) + (f" — {' · '.join(facts)}" if facts else "")


def _where(hit: Hit) -> str:
    turn = f", {hit.speaker}" if hit.speaker else ""
    kind = f" ({hit.kind}{turn})" if hit.kind else ""
    return f"post {hit.post}{kind}"


def as_json(hit: Hit) -> dict[str, Any]:
    """A hit as --json and --jsonl give it."""
    return hit._asdict() | {"snippet": _marked(hit.snippet, PLAIN_MARK)}


def json_lines(hits: list[Hit]) -> Iterator[str]:
    import json  # here, not above: a search in the terminal has no use for it (start-up)

    for hit in hits:
        yield json.dumps(as_json(hit), ensure_ascii=False) + "\n"


def write_json(hits: list[Hit], out: IO[str]) -> None:
    import json

    json.dump([as_json(hit) for hit in hits], out, ensure_ascii=False, indent=2)
    out.write("\n")


def plain_lines(hits: list[Hit]) -> Iterator[str]:
    """Each hit in two lines and a blank one: title and facts; where, path and snippet."""
    for number, hit in enumerate(hits, 1):
        snippet = " ".join(_marked(hit.snippet, PLAIN_MARK).split())
        yield f"{number}. {_heading(hit)}\n   {_where(hit)} of {hit.path}: {snippet}\n\n"


def show_rich(hits: list[Hit]) -> None:
    """The hits in the terminal: matches highlighted, titles in bold."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    for number, hit in enumerate(hits, 1):
        heading = Text()
        heading.append(f"{number}. ", style="bold cyan")
        heading.append(_heading(hit), style="bold")
        console.print(heading)
        line = Text()
        line.append(f"   {_where(hit)} of {hit.path}: ", style="dim")
        snippet = " ".join(hit.snippet.split())
        for index, part in enumerate(snippet.replace(MARKS[1], MARKS[0]).split(MARKS[0])):
            line.append(part, style="bold yellow" if index % 2 else "")
        console.print(line)
        console.print()


def print_hits(hits: list[Hit], form: str) -> None:
    """Print `hits` on stdout: form "json", "jsonl", else for a reader (rich in a terminal,
    plain text when piped)."""
    import sys

    if form == "json":
        write_json(hits, sys.stdout)
    elif form == "jsonl":
        sys.stdout.writelines(json_lines(hits))
    elif sys.stdout.isatty():
        show_rich(hits)
    else:
        sys.stdout.writelines(plain_lines(hits))
