"""The shapes a user can ask of the documents, and the terminal view."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from rich.console import Console
from support import ROOT, html_posts, input_chars, markdown_posts, output_chars

import unroll
from unroll import Options
from unroll.cli import cli
from unroll.writers.show import STYLES, view

SAMPLE = ROOT / "samples" / "river-report-response.txt"
ASIDES = [s.text for p in unroll.parse(SAMPLE).posts for s in p.segments
          if s.kind == "commentary"]


def md(**options: object) -> str:
    return unroll.convert(SAMPLE, to="md", options=Options(**options))  # type: ignore[arg-type]


def test_front_matter_is_yaml_that_note_apps_read() -> None:
    document = md(front_matter=True)
    tokens = MarkdownIt("commonmark").use(front_matter_plugin).parse(document)
    assert tokens[0].type == "front_matter"
    fields = dict(line.split(": ", 1) for line in tokens[0].content.splitlines()
                  if ": " in line and not line.startswith("  "))
    assert json.loads(fields["title"]) == ("Last year the county's Environment Scrutiny "
                                           "Committee spent eight months…")
    assert json.loads(fields["author"]) == "@WendWatch"
    assert json.loads(fields["posts"]) == 13
    assert "converted" in fields
    rest = document.split("---\n", 2)[2]
    assert markdown_posts(rest) == markdown_posts(md())


def test_hashtags_become_tags() -> None:
    document = unroll.convert("Tides #Sailing and #tides. 1/\nMore #opensource 2/\n",
                              to="md", options=Options(front_matter=True))
    assert 'tags:\n  - "opensource"\n  - "sailing"\n  - "tides"\n---' in document


def test_commentary_as_quotes_under_the_post() -> None:
    tokens = MarkdownIt("commonmark").parse(md(commentary="quote"))
    quoted, in_quote = [], False
    for token in tokens:
        in_quote = {"blockquote_open": True, "blockquote_close": False}.get(token.type,
                                                                           in_quote)
        if in_quote and token.type == "inline":
            quoted.append(token.content)
    assert [q.replace("\\", "") for q in quoted] == [a.strip() for a in ASIDES]


def test_commentary_as_footnotes() -> None:
    tokens = MarkdownIt("commonmark").use(footnote_plugin).parse(md(commentary="footnote"))
    refs = [c for t in tokens if t.type == "inline" for c in t.children or []
            if c.type == "footnote_ref"]
    assert len(refs) == len(ASIDES)
    notes = [t.content for t in tokens if t.type == "inline" and t.level >= 2]
    assert [n.replace("\\", "") for n in notes] == [a.strip() for a in ASIDES]


def test_strip_moves_asides_to_removed_and_loses_nothing() -> None:
    data = json.loads(unroll.convert(SAMPLE, to="json", options=Options(commentary="strip")))
    stripped = [r["text"] for r in data["removed"] if r["rule"] == "author.commentary"]
    # "Everything in [square brackets] is my own comment": the sentence needs that one, so it
    # stays (issue 16); every other aside goes.
    assert sorted(stripped) == sorted(f"[{a}]" for a in ASIDES if a != "square brackets")
    assert [s["text"] for p in data["posts"] for s in p["segments"]
            if s["kind"] == "commentary"] == ["square brackets"]
    thread = unroll.parse(SAMPLE)
    from unroll.annotate.strip import strip_commentary

    assert output_chars(strip_commentary(thread)) == input_chars(SAMPLE.read_bytes())
    assert "So, no." not in md(commentary="strip")


def test_no_numbers_reads_as_an_article() -> None:
    document = md(numbers=False)
    assert "\n## " not in document
    page = BeautifulSoup(unroll.convert(SAMPLE, to="html", options=Options(numbers=False)),
                         "html.parser")
    assert page.select("a.n") == []


def test_fragment_is_only_the_thread() -> None:
    fragment = unroll.convert(SAMPLE, to="html", options=Options(fragment=True))
    assert fragment.startswith('<section class="unroll-thread" lang=')
    assert "<html" not in fragment and "<style" not in fragment and "<head>" not in fragment
    assert html_posts(fragment) == html_posts(unroll.convert(SAMPLE, to="html"))


def test_long_threads_get_a_table_of_contents() -> None:
    long = "".join(f"Post number {i} says something. {i}/\n" for i in range(1, 26))
    page = BeautifulSoup(unroll.convert(long, to="html"), "html.parser")
    assert [a["href"] for a in page.select("nav.toc a")] == [f"#post-{i}" for i in range(1, 26)]
    short = BeautifulSoup(unroll.convert(SAMPLE, to="html"), "html.parser")
    assert short.select("nav.toc") == []


def test_dialogue_turns_are_laid_out_as_dialogue() -> None:
    page = BeautifulSoup(unroll.convert(SAMPLE, to="html"), "html.parser")
    turns = page.select("p.turn")
    assert [t.select_one("b.speaker").get_text() for t in turns[:3]] == [
        "Committee:", "Wendwater:", "Committee:"]


def test_cli_options_reach_the_writers(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["convert", str(SAMPLE), "--commentary", "footnote",
                                      "--front-matter", "--no-numbers"])
    assert result.exit_code == 0
    assert result.stdout.startswith("---\ntitle:") and "[^1]" in result.stdout
    assert "\n## " not in result.stdout
    result = CliRunner().invoke(cli, ["convert", str(SAMPLE), "-t", "html", "--fragment"])
    assert result.stdout.startswith("<section")
    assert "strip (left out of the document, listed in the JSON's removed)" in " ".join(
        CliRunner().invoke(cli, ["convert", "--help"]).stdout.split())


def test_show_prints_plain_text_when_not_a_terminal() -> None:
    result = CliRunner().invoke(cli, ["show", str(SAMPLE)])
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert "[So, no.]" in result.stdout  # rich would eat it as markup if given a string
    assert "Committee: Publish the full list" in result.stdout
    assert result.stdout.index("Last year the county") < result.stdout.index("By @WendWatch") \
        < result.stdout.index("13")


def test_show_sets_asides_and_speakers_apart() -> None:
    console = Console(record=True, force_terminal=True, color_system="truecolor", width=100)
    console.print(view(unroll.parse(SAMPLE)))
    styles = Counter()
    for segment in console._record_buffer:
        if segment.style is not None:
            styles[(segment.text.strip()[:9], str(segment.style))] += 1
    assert any(text.startswith("[So, no") and "italic" in style for text, style in styles)
    assert any(text.startswith("Committee") and "bold" in style for text, style in styles)
    assert STYLES["aside"] != STYLES["speaker"]


def test_show_warns_at_the_end_and_fails_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["show", "-"], input=b"One. 1/\nTwo. 2/\nFour. 4/\n")
    assert result.stdout.rstrip().splitlines()[-1].startswith("warning: post 3 is missing")
    bad = CliRunner().invoke(cli, ["show", "-"], input=b"\x00\x01")
    assert bad.exit_code == 1 and bad.stderr.startswith("unroll: error: -: not text")


def test_every_command_shows_examples() -> None:
    for command in ("convert", "show", "sites"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        assert "Examples:" in result.stdout or "unroll " in result.stdout.split("Options")[-1]


def _show_on_a_terminal(tmp_path: Path, *args: str, **env_extra: str) -> str | None:
    """Run the installed CLI on a pseudo-terminal 10 rows high; return what the pager got."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    paged = tmp_path / "paged.txt"
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 10, 80, 0, 0))
    env = {**os.environ, "PAGER": f"cat > '{paged}'", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    env.update(env_extra)
    subprocess.run([sys.executable, "-m", "unroll", "show", str(SAMPLE), *args],
                   stdout=follower, stderr=follower, stdin=follower, env=env, timeout=60,
                   check=False)
    os.close(follower)
    os.close(leader)
    return paged.read_text(encoding="utf-8") if paged.exists() else None


def test_show_pages_a_long_thread_on_a_terminal(tmp_path: Path) -> None:
    paged = _show_on_a_terminal(tmp_path)
    assert paged is not None and "Committee" in paged and "\x1b[" in paged  # colour kept
    (tmp_path / "no").mkdir()
    assert _show_on_a_terminal(tmp_path / "no", "--no-pager") is None


def test_show_respects_no_color(tmp_path: Path) -> None:
    paged = _show_on_a_terminal(tmp_path, NO_COLOR="1")
    assert paged is not None and "Committee" in paged
    colours = re.findall(r"\x1b\[[0-9;]*m", paged)
    assert not [c for c in colours if re.search(r"\b(3[0-9]|9[0-7]|38;)", c)], set(colours)


@pytest.mark.parametrize(("flag", "to", "formats"), [
    ("--front-matter", "html", "md"), ("--fragment", "md", "html"),
    ("--remote-images", "md", "html"), ("--remote-images", "json", "html"),
])
def test_an_option_that_would_do_nothing_is_refused(flag: str, to: str, formats: str) -> None:
    """An option that shapes some formats only is a usage error with another, naming where
    it works, rather than ignored."""
    result = CliRunner().invoke(cli, ["convert", str(SAMPLE), "-t", to, flag])
    assert result.exit_code == 2
    assert f"{flag} is for {formats} output, not {to}" in result.output


PICTURED = (b"1/ The quay at dawn ![The quay at dawn, boats moored](https://pbs.twimg.com/media/q.jpg)"
            b"\n\n2/ And at noon.\n")


def test_remote_images_show_pictures_inline_and_the_policy_allows_them(tmp_path: Path) -> None:
    """By default a picture is a link with its alt text and the page loads nothing; with
    --remote-images it is an <img> from its host, and the page's policy says so."""
    clip = tmp_path / "quay.md"
    clip.write_bytes(PICTURED)
    pages = {}
    for flags in ([], ["--remote-images"]):
        result = CliRunner().invoke(cli, ["convert", str(clip), "-t", "html", *flags])
        assert result.exit_code == 0, result.output
        pages[bool(flags)] = BeautifulSoup(result.output, "html.parser")
    plain, remote = pages[False], pages[True]
    assert plain.find("img") is None
    assert [a.get_text() for a in plain.select("p.image a")] == \
        ["Image: The quay at dawn, boats moored"]
    assert "https:" not in str(plain.find("meta", attrs={"http-equiv": True})["content"])
    images = [(i["src"], i["alt"]) for i in remote.select("article img")]
    assert images == [("https://pbs.twimg.com/media/q.jpg", "The quay at dawn, boats moored")]
    policy = str(remote.find("meta", attrs={"http-equiv": True})["content"])
    assert policy.endswith("img-src data: https:")


def test_a_footnote_for_an_aside_on_its_own_line_follows_the_text_before_it() -> None:
    """--commentary footnote: an aside alone on its line is no orphan "[^1]" line; its
    reference ends the text before it, in its paragraph or the one before."""
    text = ("The council met on Tuesday. 1/\nThey voted for the plan.\n"
            "[This is my note on the vote]\nThe plan starts in May.\n\n"
            "[A note on its own paragraph]\nNext. 2/\n")
    document = unroll.convert(text.encode(), to="md",
                              options=Options(commentary="footnote"))
    assert "They voted for the plan.[^1]\\\nThe plan starts in May.[^2]\n\nNext." in document
    assert not [line for line in document.splitlines() if re.fullmatch(r"(\[\^\d+\])+\\?", line)]
    tokens = MarkdownIt("commonmark").use(footnote_plugin).parse(document)
    refs = [c for t in tokens if t.type == "inline" for c in t.children or []
            if c.type == "footnote_ref"]
    assert len(refs) == 2


PARTED = (b"The council met on Tuesday [it was late] and voted. 1/\nThey voted for the plan.\n"
          b"[This is my note on the vote]\nThe plan starts in May. 2/\n")


def _post_of(document: str, n: int) -> Tag:
    soup = BeautifulSoup(document, "html.parser").select_one(f"article#post-{n} div.post")
    assert soup is not None
    return soup


def test_html_quote_mode_puts_the_asides_under_their_post() -> None:
    """--commentary quote in HTML: each aside a blockquote under its post, in order, and the
    post's text without it (no longer the same page as inline)."""
    page = unroll.convert(PARTED, to="html", options=Options(commentary="quote"))
    assert page != unroll.convert(PARTED, to="html")
    first, second = _post_of(page, 1), _post_of(page, 2)
    assert [p.get_text() for p in first.find_all("p")] == ["The council met on Tuesday  and voted."]
    assert [q.get_text() for q in first.select("blockquote.aside")] == ["it was late"]
    assert [q.get_text() for q in second.select("blockquote.aside")] == \
        ["This is my note on the vote"]
    assert "[" not in second.get_text()


def test_html_footnote_mode_numbers_the_asides_and_links_both_ways() -> None:
    """--commentary footnote in HTML: a numbered reference where each aside stood (an aside
    alone on its line ends the line before), its note in the post's footnotes, each linking
    to the other."""
    page = unroll.convert(PARTED, to="html", options=Options(commentary="footnote"))
    soup = BeautifulSoup(page, "html.parser")
    first, second = (soup.select_one(f"article#post-{n} div.post") for n in (1, 2))
    assert first is not None and second is not None
    assert second.find("p").get_text() == "They voted for the plan.1\nThe plan starts in May."
    for post in (first, second):
        refs = post.select("sup.fn a")
        notes = post.select("ol.footnotes li")
        assert len(refs) == len(notes) == 1
        target = soup.find(id=str(refs[0]["href"]).removeprefix("#"))
        assert target is notes[0]
        back = notes[0].find("a")
        assert soup.find(id=str(back["href"]).removeprefix("#")) is refs[0]
    assert [li.get_text(" ", strip=True).removesuffix(" ↩") for li in soup.select("li")] == \
        ["it was late", "This is my note on the vote"]
