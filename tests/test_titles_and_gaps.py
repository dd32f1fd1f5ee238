"""Titles (the page's own, else the first post's opening words, else the file name), `-t
markdown` as another name for `md`, and gaps in the author's numbering: the warning's grammar,
and a line in every document where the posts are missing. Markdown is read back with
markdown-it-py, HTML with BeautifulSoup, the CLI run through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin
from support import ROOT, html_posts, markdown_posts, validate

import unroll
from unroll.cli import cli
from unroll.model import TITLE_MAX, TITLE_MIN, Post, Segment, Source, Thread, make_title
from unroll.model import Warning as Note
from unroll.writers import ALIASES, FORMATS, render
from unroll.writers.options import Options

SAMPLE = ROOT / "samples" / "river-report-response.txt"
SAMPLE_TITLE = "Last year the county's Environment Scrutiny Committee spent eight months…"
SITES = ROOT / "tests" / "fixtures" / "sites"


def md_title(document: str) -> str:
    """The text of the Markdown document's one `#` heading, as a reader sees it."""
    tokens = MarkdownIt("commonmark", {"html": False}).use(front_matter_plugin).parse(document)
    opened = [k for k, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"]
    assert len(opened) == 1
    inline = tokens[opened[0] + 1]
    return "".join(c.content for c in inline.children or [] if c.type == "text")


def html_titles(document: str) -> tuple[str, str]:
    """The page's <title> and its <h1>."""
    soup = BeautifulSoup(document, "html.parser")
    head, heading = soup.find("title"), soup.find("h1")
    assert head is not None and heading is not None
    return head.get_text(), heading.get_text()


def shown_titles(source: Path | str, **kwargs: object) -> set[str]:
    """Every title the formats show for one input: JSON, JSON Lines, Markdown (heading and
    front matter), HTML (<title> and <h1>), the HTML fragment and `unroll show`."""
    thread = unroll.parse(source, **kwargs)  # type: ignore[arg-type]
    data = validate(render(thread, "json"))
    line = json.loads(render(thread, "jsonl"))
    document = render(thread, "md", Options(front_matter=True))
    front = document.split("---\n", 2)[1]
    fields = dict(row.split(": ", 1) for row in front.splitlines() if ": " in row)
    page_title, h1 = html_titles(render(thread, "html"))
    fragment = BeautifulSoup(render(thread, "html", Options(fragment=True)), "html.parser")
    from rich.console import Console

    from unroll.writers.show import view

    console = Console(record=True, width=200, color_system=None)
    console.print(view(thread))
    first_line = console.export_text().splitlines()[0]
    return {data["title"], line["title"], md_title(document), json.loads(fields["title"]),
            page_title, h1, fragment.h1.get_text() if fragment.h1 else "", first_line}


# --- 1. titles ------------------------------------------------------------------------------

def test_a_text_thread_is_titled_by_its_first_posts_opening_words() -> None:
    data = validate(unroll.convert(SAMPLE, to="json"))
    assert (data["title"], data["title_source"]) == (SAMPLE_TITLE, "first-post")
    assert 60 <= len(data["title"]) <= 80
    assert shown_titles(SAMPLE) == {SAMPLE_TITLE}


def test_the_author_stays_in_the_facts_under_the_title() -> None:
    document = unroll.convert(SAMPLE, to="md")
    assert document.startswith(f"# {SAMPLE_TITLE}\n\nBy @WendWatch · twtext · 13 posts\n")
    soup = BeautifulSoup(unroll.convert(SAMPLE, to="html"), "html.parser")
    meta = soup.select_one("header p.meta")
    assert meta is not None and meta.get_text().startswith("By @WendWatch · ")


LONG_OPENINGS = [
    "The council published its budget tonight and there is a lot in it for the buses, the "
    "libraries and the parks, so here goes.",
    "Nobody expected the river to rise so quickly, but by six o'clock on Tuesday evening, the "
    "water had reached the bridge.",
    "Point Carrow lighthouse was lit for the first time on 1 November 1871. For 112 years a "
    "keeper climbed its stairs.",
    "Antidisestablishmentarianism notwithstanding, the committee's recommendations on the "
    "incomprehensibilities of procurement were accepted.",
]


@pytest.mark.parametrize("opening", LONG_OPENINGS)
def test_a_long_opening_is_cut_at_a_word_boundary(opening: str) -> None:
    thread = unroll.parse(f"{opening} 1/\nThe second post. 2/\n")
    title = thread.title
    assert title is not None and thread.title_source == "first-post"
    assert TITLE_MIN <= len(title) <= TITLE_MAX and title.endswith("…")
    words = title[:-1]
    assert opening.startswith(words) and opening[len(words)] in " .,;:"  # a word boundary
    assert words[-1].isalnum() or words[-1] in ")]\"'"  # nothing left dangling before "…"


def test_a_cut_ends_after_a_sentence_where_one_ends_in_the_window() -> None:
    title = unroll.parse(f"{LONG_OPENINGS[2]} 1/\nMore. 2/\n").title
    assert title == "Point Carrow lighthouse was lit for the first time on 1 November 1871…"


def test_no_punctuation_or_small_word_dangles_before_the_ellipsis() -> None:
    opening = ("Everything we learned from running the night shelter for three winters, for "
               "anyone starting one")
    title = unroll.parse(f"{opening} 1/\nMore. 2/\n").title
    assert title == "Everything we learned from running the night shelter for three winters…"


def test_a_short_first_post_is_the_whole_title_without_a_dangling_colon() -> None:
    thread = unroll.parse("Here is what happened at the meeting: 1/\nIt was long. 2/\n")
    assert thread.title == "Here is what happened at the meeting"
    assert unroll.parse("Is the bridge safe? 1/\nYes. 2/\n").title == "Is the bridge safe?"


def test_a_first_line_before_more_text_is_the_title_and_says_it_goes_on() -> None:
    thread = unroll.parse("What happened at the meeting\n\nIt was long. 1/\nMore 2/\n")
    assert thread.title == "What happened at the meeting…"


@pytest.mark.parametrize(("text", "title"), [
    ("🧵 The council has published its bus plan 1/\nMore. 2/\n",
     "The council has published its bus plan"),
    ("[THREAD] The council has published its bus plan 1/\nMore. 2/\n",
     "The council has published its bus plan"),
    ("THREAD: the council has published its bus plan 🧵👇 1/\nMore. 2/\n",
     "the council has published its bus plan"),
    ("1/ The council has published its bus plan (1/5)\n2/ More. (2/5)\n",
     "The council has published its bus plan"),
    ("Thread safety in Rust is easier than you think 1/\nMore. 2/\n",
     "Thread safety in Rust is easier than you think"),
    ("1/4 of the budget went on roads 1/\nMore. 2/\n", "1/4 of the budget went on roads"),
])
def test_markers_and_thread_announcements_are_not_words_of_the_title(text: str,
                                                                      title: str) -> None:
    thread = unroll.parse(text)
    assert (thread.title, thread.title_source) == (title, "first-post")


def test_the_authors_brackets_stay_in_the_title_as_written() -> None:
    text = ("Everything in [square brackets] is my own comment, the rest is theirs. 1/\n"
            "More. 2/\n")
    expected = "Everything in [square brackets] is my own comment, the rest is theirs."
    assert unroll.parse(text).title == expected
    assert shown_titles(text) == {expected}  # escaped in Markdown, shown with its brackets


def test_markup_in_a_title_shows_as_written() -> None:
    text = "# <b>Not *bold*</b> & `code` | pipes 1/\nMore. 2/\n"
    assert shown_titles(text) == {"# <b>Not *bold*</b> & `code` | pipes"}


def test_leaked_entities_are_repaired_in_the_title() -> None:
    assert unroll.parse("Here& #39;s the plan 1/\nok 2/\n", site="twtext").title == \
        "Here's the plan"


def test_text_without_spaces_is_cut_between_characters() -> None:
    text = ("这是一个关于城市公交系统改革的长篇讨论，我们将详细说明每一个变化的原因和影响，"
            "以及市民可以期待什么样的服务改进。这些变化将在明年开始实施，届时所有线路都将重新规划。")
    title = unroll.parse(f"{text} 1/\nok 2/\n").title
    assert title is not None and title.endswith("…") and len(title) <= TITLE_MAX
    assert text.startswith(title[:-1]) and title[-2] not in "，。"


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", min_size=1, max_size=14)


@given(st.lists(WORDS, min_size=1, max_size=40), st.sampled_from([" ", "\n", "\n\n"]))
def test_a_title_is_the_first_posts_opening_words(words: list[str], joint: str) -> None:
    text = joint.join(words)
    title, source = make_title(None, [Post(1, text)], "x.txt")
    assert source == "first-post" and len(title) <= TITLE_MAX
    shown = title.removesuffix("…").split()
    assert shown == " ".join(words).split()[:len(shown)]  # whole words, from the start
    assert title.endswith("…") == (len(shown) < len(words))


def test_a_saved_page_is_titled_by_its_own_title() -> None:
    for name, title in [("twtext-page-bees.html", "What I learned in my first year of keeping"
                         " bees…"), ("generic-page-canal.html", "Canal restoration: a thread")]:
        data = validate(unroll.convert(SITES / name, to="json"))
        assert (data["title"], data["title_source"]) == (title, "page")
        assert shown_titles(SITES / name) == {title}


def test_a_clip_is_titled_by_its_front_matter_unless_it_is_the_sites_stock_title(
        tmp_path: Path) -> None:
    clip = tmp_path / "ferry.md"
    clip.write_text('---\ntitle: "Why the island ferry is late | twtext"\n---\n'
                    "The ferry is late again. 1/\n\nHere is why. 2/\n", encoding="utf-8")
    data = validate(unroll.convert(clip, to="json"))
    assert (data["title"], data["title_source"]) == ("Why the island ferry is late", "page")
    stock = validate(unroll.convert(SITES / "tra-clip-orchard.md", to="json"))  # "Thread by @"
    assert stock["title_source"] == "first-post"
    assert stock["title"].startswith("We planted a community orchard")


def test_a_thread_with_no_post_text_is_titled_by_its_file_name(tmp_path: Path) -> None:
    empty = tmp_path / "only-chrome.txt"
    empty.write_text("You can follow @someone.\n", encoding="utf-8")
    data = validate(unroll.convert(empty, to="json"))
    assert (data["title"], data["title_source"]) == ("only-chrome", "file")
    assert shown_titles(empty) == {"only-chrome"}
    result = CliRunner().invoke(cli, ["convert", "-", "-t", "json", "-q"],
                                input=b"You can follow @someone.\n")
    assert json.loads(result.stdout)["title"] == "Thread"
    assert make_title(None, [Post(1, "  \n "), Post(2, "")], "dir/a.b.txt") == ("a.b", "file")


def test_title_source_is_in_the_published_schema_and_every_json() -> None:
    from unroll.writers.json import schema

    assert schema()["properties"]["title_source"]["enum"] == ["page", "first-post", "file"]
    thread = unroll.parse(SAMPLE)
    for to in ("json", "jsonl"):
        data = validate(render(thread, to))
        assert list(data)[2:4] == ["title", "title_source"]
        assert data["title_source"] == "first-post"


def test_writers_show_the_threads_title_and_do_not_make_their_own() -> None:
    """The title is made once (model.make_title, when the Thread is made); every writer and
    `show` only shows it."""
    post = Post(1, "Opening words that no writer should show as the title.", "1/",
                (Segment("source", "Opening words that no writer should show as the title.",
                         0),))
    thread = Thread(Source("t.txt"), None, [post], title="Chosen", title_source="first-post")
    assert shown_titles_of(thread) == {"Chosen"}
    made = Thread(Source("t.txt"), None, [post])  # made without one: make_title gives it
    assert (made.title, made.title_source) == make_title(None, [post], "t.txt")
    assert made.display_title == made.title


def shown_titles_of(thread: Thread) -> set[str]:
    data = json.loads(render(thread, "json"))
    return {data["title"], md_title(render(thread, "md")), *html_titles(render(thread, "html"))}


def test_the_batch_index_lists_the_real_titles(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "river.txt").write_bytes(SAMPLE.read_bytes())
    (src / "ferry.txt").write_text("The ferry is late again. 1/\nHere is why. 2/\n",
                                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(src), "-o", f"{tmp_path / 'out'}/",
                                      "--index", "-q", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert SAMPLE_TITLE in index and "The ferry is late again" in index
    assert "Thread by @" not in index


# --- 2. -t markdown -------------------------------------------------------------------------

def test_markdown_is_another_name_for_md(tmp_path: Path) -> None:
    expected = unroll.convert(SAMPLE, to="md")
    result = CliRunner().invoke(cli, ["convert", str(SAMPLE), "-t", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected
    assert unroll.convert(SAMPLE, to="markdown") == expected
    out = tmp_path / "thread.md"  # no conflict with the extension's md
    result = CliRunner().invoke(cli, ["convert", str(SAMPLE), "-t", "markdown", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == expected
    folder = tmp_path / "out"
    result = CliRunner().invoke(cli, ["convert", str(SAMPLE), "-t", "markdown", "-o",
                                      f"{folder}/"])
    assert result.exit_code == 0, result.stderr
    assert (folder / f"{SAMPLE.stem}.md").read_text(encoding="utf-8") == expected


def test_the_alias_lives_in_the_writers_tables_and_htm_is_not_one() -> None:
    assert ALIASES == {"markdown": "md"} and set(ALIASES.values()) <= set(FORMATS)
    assert "markdown" not in FORMATS  # an alias, not a second format
    result = CliRunner().invoke(cli, ["convert", "--help"])
    assert "[md|html|json|jsonl|db|markdown]" in result.stdout
    bad = CliRunner().invoke(cli, ["convert", str(SAMPLE), "-t", "htm"])
    assert bad.exit_code == 2 and "htm" in bad.stderr
    with pytest.raises(unroll.UsageError):
        unroll.convert("One. 1/", to="htm")


# --- 3. gaps in the numbering --------------------------------------------------------------

ONE_MISSING = "One. 1/\nTwo. 2/\nFour. 4/\n"
TWO_MISSING = "One. 1/\nTwo. 2/\nFive. 5/\n"


@pytest.mark.parametrize(("text", "message"), [
    (ONE_MISSING, "post 3 is missing: the numbering skips from 2 to 4"),
    (TWO_MISSING, "posts 3-4 are missing: the numbering skips from 2 to 5"),
])
def test_the_gap_warning_is_grammatical(text: str, message: str) -> None:
    thread = unroll.parse(text)
    assert [(w.code, w.message, w.post) for w in thread.warnings] == [
        ("numbering-gap", message, int(message[-1]))]
    result = CliRunner().invoke(cli, ["convert", "-", "-t", "json"], input=text.encode())
    assert f"unroll: warning: -: {message}\n" in result.stderr


def markdown_blocks(document: str) -> list[str]:
    """Each heading and paragraph of the Markdown as a reader sees it, in order; a heading as
    "## N", a paragraph all in emphasis as "*text*"."""
    tokens = MarkdownIt("commonmark", {"html": False}).parse(document)
    out = []
    for k, token in enumerate(tokens):
        if token.type != "inline":
            continue
        children = token.children or []
        text = "".join(c.content for c in children if c.type == "text")
        if tokens[k - 1].type == "heading_open":
            out.append(f"{tokens[k - 1].markup} {text}")
        elif [c.type for c in children] == ["em_open", "text", "em_close"]:
            out.append(f"*{text}*")
        else:
            out.append(text)
    return out


@pytest.mark.parametrize(("text", "line", "before", "after"), [
    (ONE_MISSING, "post 3 is missing from this copy", "2", "4"),
    (TWO_MISSING, "posts 3-4 are missing from this copy", "2", "5"),
    ("Three. 3/\nFour. 4/\n", "posts 1-2 are missing from this copy", None, "3"),
])
def test_a_gap_shows_in_the_markdown_where_the_posts_are_missing(
        text: str, line: str, before: str | None, after: str) -> None:
    document = unroll.convert(text, to="md")
    blocks = markdown_blocks(document)
    at = blocks.index(f"*{line}*")
    assert blocks[at + 1] == f"## {after}"
    if before is not None:
        assert blocks[at - 2:at] == [f"## {before}", blocks[at - 1]]
    thread = unroll.parse(text)
    assert markdown_posts(document) == {p.n: p.text for p in thread.posts}  # not post text
    plain = markdown_blocks(unroll.convert(text, to="md", options=Options(numbers=False)))
    assert f"*{line}*" in plain


@pytest.mark.parametrize("fragment", [False, True])
def test_a_gap_shows_in_the_html_between_the_posts(fragment: bool) -> None:
    page = unroll.convert(TWO_MISSING, to="html", options=Options(fragment=fragment))
    soup = BeautifulSoup(page, "html.parser")
    gap = soup.select_one("p.gap")
    assert gap is not None and gap.get_text() == "posts 3-4 are missing from this copy"
    previous = gap.find_previous_sibling("article")
    following = gap.find_next_sibling("article")
    assert previous is not None and previous["id"] == "post-2"
    assert following is not None and following["id"] == "post-5"
    assert html_posts(page) == {1: "One.", 2: "Two.", 5: "Five."}  # no post holds it


def test_a_gap_shows_in_show_between_the_posts() -> None:
    result = CliRunner().invoke(cli, ["show", "-", "--no-pager"], input=TWO_MISSING.encode())
    assert result.exit_code == 0
    lines = [line.strip("─ ") for line in result.stdout.splitlines()]
    at = lines.index("posts 3-4 are missing from this copy")
    assert lines.index("Two.") < at < lines.index("Five.")
    assert lines[at + 1] == "5"  # the rule that opens post 5
    assert lines[-1].startswith("warning: posts 3-4 are missing: the numbering skips")


def test_a_gap_line_comes_from_the_threads_warnings() -> None:
    posts = [Post(n, f"Post {n}.", f"{n}/", (Segment("source", f"Post {n}.", 0),))
             for n in (1, 4)]
    silent = Thread(Source("t.txt"), None, posts)
    noted = Thread(Source("t.txt"), None, posts,
                   warnings=[Note("numbering-gap", "posts 2-3 are missing", 4)])
    for to in ("md", "html"):
        assert "missing from this copy" not in render(silent, to)
        assert render(noted, to).count("posts 2-3 are missing from this copy") == 1


def test_a_thread_without_gaps_has_no_gap_line() -> None:
    for to in ("md", "html"):
        assert "missing from this copy" not in unroll.convert(SAMPLE, to=to)
    soup = BeautifulSoup(unroll.convert(SAMPLE, to="html"), "html.parser")
    assert soup.select_one(".gap") is None
