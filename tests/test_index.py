"""The batch index (--index, issue 16): every thread once, with its title, excerpt, author,
date, posts and folder, grouped by folder newest first and in three other orders, links that
find the files, the archive's language, no script. Read with BeautifulSoup; what each row
should say is worked out from each input's own JSON, never written down here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner
from support import sample_archive

import unroll
from unroll.cli import cli
from unroll.writers.html import CSP
from unroll.writers.index import EXCERPT_MAX, TOP, excerpt, page_language

FRENCH = ("Le conseil a voté hier soir pour le nouveau port. 1/\n"
          "Les travaux sont pour le printemps, et nous avons les plans. 2/\n")


Built = tuple[Path, Path, list[Path]]
"""The archive, the output folder, the inputs."""


def build(tmp_path: Path, to: str) -> Built:
    """An archive (the samples, generated pages, a French thread) converted with --index."""
    archive = tmp_path / "archive"
    inputs = sample_archive().write_archive(archive, 14)
    french = archive / "2022" / "port.txt"
    french.parent.mkdir(parents=True, exist_ok=True)
    french.write_text(FRENCH, encoding="utf-8")
    inputs.append(french)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["convert", str(archive), "-o", f"{out}/", "-t", to,
                                      "--index", "-q", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    return archive, out, inputs


@pytest.fixture(scope="module")
def html_index(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The archive's HTML index, made once for the tests that only read it."""
    return build(tmp_path_factory.mktemp("html"), "html")


def expected(archive: Path, out: Path, inputs: list[Path], suffix: str) -> dict[str, Any]:
    """For each output (its path below `out`), what its row must show, from the JSON."""
    rows = {}
    for path in inputs:
        data = json.loads(unroll.convert(path, to="json"))
        relative = path.relative_to(archive).with_suffix(suffix)
        folder = relative.parent.as_posix()
        rows[relative.as_posix()] = {
            "title": data["title"], "author": (data["author"] or {}).get("handle") or "",
            "date": (data["date"] or "")[:10], "posts": len(data["posts"]),
            "folder": TOP if folder == "." else folder + "/",
            "words": " ".join(" ".join(p["text"] for p in data["posts"]).split()),
        }
    return rows


def _cells(row: Tag) -> dict[str, str]:
    return {cell["class"][0]: cell for cell in row.find_all("td")}  # type: ignore[index,misc]


def test_every_thread_once_with_all_it_shows(html_index: Built) -> None:
    archive, out, inputs = html_index
    page = (out / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    want = expected(archive, out, inputs, ".html")
    seen: Counter[str] = Counter()
    for section in soup.select("main > section"):
        heading = section.h2.contents[0].strip()  # type: ignore[union-attr]
        for row in section.select("tbody tr"):
            cells = _cells(row)
            link = cells["title"].a  # type: ignore[attr-defined]
            key = unquote(link["href"])
            seen[key] += 1
            facts = want[key]
            assert link.get_text() == facts["title"]
            assert heading == facts["folder"]
            assert cells["by"].get_text() == facts["author"]  # type: ignore[attr-defined]
            assert cells["date"].get_text() == facts["date"]  # type: ignore[attr-defined]
            posts = cells["posts"].get_text()  # type: ignore[attr-defined]
            assert re.fullmatch(rf"{facts['posts']} posts?", posts)
            said = cells["title"].select_one(".excerpt")  # type: ignore[attr-defined]
            if facts["posts"] > 1:  # an excerpt: the thread's own words, one line's worth
                text = said.get_text()
                assert 0 < len(text) <= EXCERPT_MAX
                assert text.strip("…").rstrip(",;:-–—") in facts["words"]
    assert seen == Counter(want.keys())  # every thread, once


def test_the_other_orders_list_every_thread_once_in_order(html_index: Built) -> None:
    archive, out, inputs = html_index
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    want = expected(archive, out, inputs, ".html")
    folders = {s["id"]: s.h2.contents[0].strip()  # type: ignore[union-attr]
               for s in soup.select("main > section")}
    orders = {d["id"]: d for d in soup.select("details.order")}
    assert set(orders) == {"by-date", "by-author", "by-title"}
    for key, details in orders.items():
        rows = [_cells(row) for row in details.select("tbody tr")]
        paths = [unquote(r["title"].a["href"]) for r in rows]  # type: ignore[attr-defined]
        assert sorted(paths) == sorted(want)
        for cells, path in zip(rows, paths, strict=True):
            target = cells["folder"].a["href"].lstrip("#")  # type: ignore[attr-defined]
            assert folders[target] == want[path]["folder"] == cells["folder"].get_text()
        facts = [want[p] for p in paths]
        if key == "by-date":
            dates = [f["date"] for f in facts if f["date"]]
            assert dates == sorted(dates, reverse=True)
            assert all(not f["date"] for f in facts[len(dates):])  # the undated after
        elif key == "by-title":
            titles = [f["title"].casefold() for f in facts]
            assert titles == sorted(titles)
        else:
            authors = [f["author"].casefold() for f in facts if f["author"]]
            assert authors == sorted(authors)


def test_folders_newest_first_and_links_find_files(html_index: Built) -> None:
    _, out, _ = html_index
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    newest = []
    for section in soup.select("main > section"):
        dates = [d.get_text() for d in section.select("td.date") if d.get_text()]
        assert dates == sorted(dates, reverse=True)  # a folder's newest first
        newest.append(dates[0] if dates else "")
    dated = [d for d in newest if d]
    assert dated == sorted(dated, reverse=True) and newest[:len(dated)] == dated
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    for link in soup.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#"):
            assert href[1:] in ids, href
        else:
            assert (out / unquote(href)).is_file(), href


def test_the_page_is_in_the_archives_language_and_loads_nothing(html_index: Built) -> None:
    _, out, _ = html_index
    page = (out / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.html["lang"] == "en"  # type: ignore[index]
    french = [row for row in soup.select("main > section tbody tr")
              if "port.html" in row.a["href"]]  # type: ignore[index]
    assert [row.get("lang") for row in french] == ["fr"]  # its own, where it differs
    assert f'content="{CSP}"' in page and "<script" not in page.lower()
    assert "Thread by @" not in page


def test_page_language_is_und_only_without_any() -> None:
    assert page_language([{"lang": "und"}, {}]) == "und"
    assert page_language([{"lang": "fr"}, {"lang": "en"}, {"lang": "fr"}, {"lang": "und"}]) \
        == "fr"


def test_the_excerpt_goes_on_after_the_title() -> None:
    thread = unroll.parse("Why the harbour wall is closed, and what the council plans to do"
                          " about it over the next two winters at least. 1/\n"
                          "The engineers found cracks in the east arm. 2/\n")
    assert thread.title and thread.title.endswith("…")
    said = excerpt(thread)
    assert said.startswith("…") and "The engineers found cracks" in said
    words = thread.title.removesuffix("…").split()
    assert " ".join(words[-2:]) not in said  # not the title again


def test_the_markdown_index_groups_the_same_threads(tmp_path: Path) -> None:
    archive, out, inputs = build(tmp_path, "md")
    text = (out / "index.md").read_text(encoding="utf-8")
    want = expected(archive, out, inputs, ".md")
    links = re.findall(r"\]\(<([^>]+)>\)", text)
    assert Counter(map(unquote, links)) == Counter(want.keys())
    assert all((out / unquote(link)).is_file() for link in links)
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert sorted(headings) == sorted({f["folder"] for f in want.values()})


def test_an_excerpt_is_one_line_whatever_its_words() -> None:
    thread = unroll.parse("Read this first. 1/\nhttps://example.org/" + "a" * 300 + " 2/\n")
    said = excerpt(thread)
    assert len(said) == EXCERPT_MAX and said.endswith("…") and "example.org" in said


@pytest.mark.parametrize("count", [0, 1])
def test_tiny_archives(tmp_path: Path, count: int) -> None:
    """An index of one thread, and a thread with no text (titled by its file name)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Only post. 1/\n" if count else "[]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(src), "-o", f"{tmp_path / 'out'}/", "-t",
                                      "html", "--index", "-q", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "out" / "index.html").read_text("utf-8"), "html.parser")
    assert len(soup.select("main > section tbody tr")) == 1
