"""The three writers: JSON against its schema, Markdown and HTML read back as a reader sees
them, and golden files for one sample so that any change to the output is seen in review."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import SAMPLES, html_posts, markdown_posts, validate

import unroll
from unroll.writers import render

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "river-report-response.txt"


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_sample_reads_back_exactly(path: Path) -> None:
    thread = unroll.parse(path)
    data = validate(unroll.convert(path, to="json"))
    assert [p["text"] for p in data["posts"]] == [p.text for p in thread.posts]
    texts = {p.n: p.text for p in thread.posts}
    assert markdown_posts(unroll.convert(path, to="md")) == texts
    assert html_posts(unroll.convert(path, to="html")) == texts


@pytest.mark.parametrize("to", ["md", "html", "json"])
def test_golden(to: str) -> None:
    """Regenerate with UNROLL_UPDATE_GOLDEN=1 pytest tests/test_writers.py, then review."""
    got = unroll.convert(GOLDEN_SAMPLE, to=to, name=GOLDEN_SAMPLE.name)
    golden = GOLDEN / f"{GOLDEN_SAMPLE.stem}.{to}"
    if os.environ.get("UNROLL_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


HOSTILE = """\
# of comments affected: 3 1/5
> <img src=x onerror=alert(1)> 2/5
1. not a list

* not a list

- not a list

<script>alert(1)</script> 3/5
```

| a | b |

---
&amp;lt;b&amp;gt; and \\ at the end\\ 4/5
[x](javascript:alert(1)) and __init__ and ~~gone~~ and `code` 5/5
"""


def test_markdown_injection_stays_text() -> None:
    thread = unroll.parse(HOSTILE, site="twtext")
    assert len(thread.posts) == 5
    shown = markdown_posts(unroll.convert(HOSTILE, to="md", site="twtext"))
    assert shown == {p.n: p.text for p in thread.posts}


def test_html_is_escaped_self_contained_and_scriptless() -> None:
    page = unroll.convert(HOSTILE + "See https://example.org/a?b=1&c=2 and javascript:alert(1)\n",
                          to="html", site="twtext")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None
    assert soup.find("img") is None
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is not None and "default-src 'none'" in csp["content"]
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert all(h.startswith(("https://", "http://", "#post-")) for h in hrefs)
    assert "https://example.org/a?b=1&c=2" in hrefs
    assert not soup.find_all(attrs={"onerror": True})
    assert "<link" not in page and "src=" not in page.replace("src=x", "")


def test_html_posts_have_anchors_and_asides_are_marked() -> None:
    page = unroll.convert(GOLDEN_SAMPLE, to="html")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one("#post-13") is not None
    asides = [s.get_text() for s in soup.select("span.aside")]
    assert "[So, no.]" in asides
    assert [b.get_text() for b in soup.select("b.speaker")][:2] == ["Committee:", "Wendwater:"]


def test_markdown_shows_numbers_asides_and_speakers() -> None:
    document = unroll.convert(GOLDEN_SAMPLE, to="md")
    assert "## 13\n" in document
    assert "**Committee:** Publish" in document
    assert "\\[*So, no.*\\]" in document


def test_json_is_deterministic_and_ordered() -> None:
    first = unroll.convert(GOLDEN_SAMPLE, to="json")
    assert first == unroll.convert(GOLDEN_SAMPLE, to="json")
    data = validate(first)
    assert list(data) == [
        "unroll", "source", "title", "title_source", "date", "author", "posts", "removed",
        "warnings"]
    assert data["author"] == {"handle": "@WendWatch", "name": None}
    assert [r["rule"] for r in data["removed"]] == [
        "twtext.follow", "twtext.tip", "twtext.latest", "twtext.cookies"]


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(unroll.UsageError, match="unknown format 'pdf'"):
        unroll.convert("x", to="pdf")


LEAKY = "Here& #39;s the plan &amp; more. 1/\nIt& #39;s done. 2/\n"


def test_leaked_entities_are_repaired_in_documents_and_reported() -> None:
    thread = unroll.parse(LEAKY, site="twtext")
    assert thread.posts[0].text == "Here& #39;s the plan &amp; more."  # JSON: as written
    assert [(w.code, w.post) for w in thread.warnings] == [("entity-repaired", 1),
                                                           ("entity-repaired", 2)]
    shown = {1: "Here's the plan &amp; more.", 2: "It's done."}
    assert markdown_posts(unroll.convert(LEAKY, to="md", site="twtext")) == shown
    assert html_posts(unroll.convert(LEAKY, to="html", site="twtext")) == shown


def _anchors(document: str) -> list[tuple[str, str]]:
    return [(a.get_text(), str(a["href"]))
            for a in BeautifulSoup(document, "html.parser").select("div.post a")]


def test_a_link_is_placed_once_and_links_showing_one_text_take_its_places() -> None:
    """A link is placed where its text first shows, and not again past an aside; two links
    that show the same text go to its first and second places, in order."""
    once = unroll.parse(b"1/ the [aside] [the](https://a.example/x) the\n", name="clip.md")
    assert _anchors(render(once, "html")) == [("the", "https://a.example/x")]
    twice = unroll.parse(b"1/ see [here](https://a.example/1) or [here](https://a.example/2)\n",
                         name="clip.md")
    assert _anchors(render(twice, "html")) == [("here", "https://a.example/1"),
                                                      ("here", "https://a.example/2")]
    markdown = render(twice, "md")
    assert markdown.index("(<https://a.example/1>)") < markdown.index("(<https://a.example/2>)")
