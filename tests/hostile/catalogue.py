"""Hostile inputs and what each must give: a document, or one line of error.

Every case is built here from code (nothing large is stored), named for what it attacks.
`expect` is "document", or the text the one-line error must contain.
"""

from __future__ import annotations

import codecs
import gzip
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

FOOTER = ("You can follow @someone.\nTip: mention @twtextapp on a Twitter thread with the"
          " keyword “unroll” to get a link to it.\n\nLatest Threads Unrolled:\n")
THREAD = "The council met tonight. 1/\nThey agreed the budget [at last]. 2/\nMore soon. 3/\n"


def page(body: str, head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}<title>t</title></head>"
            f"<body>{body}</body></html>").encode()


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]
    expect: str = "document"
    filename: str = "thread.txt"
    readback: bool = True
    """Read the Markdown and HTML back and compare each post (off for multi-MB inputs)."""
    check: Callable[[dict[str, Any]], None] | None = None
    """More assertions on the JSON document."""
    options: tuple[str, ...] = field(default_factory=tuple)
    slow: bool = False
    """Big enough to take seconds: left out of the fast subset (pytest -m "not slow")."""


def no_links_but_web(doc: dict[str, Any]) -> None:
    for post in doc["posts"]:
        for link in post["links"]:
            assert link["url"].startswith(("http://", "https://")), link


def posts_are(count: int) -> Callable[[dict[str, Any]], None]:
    def check(doc: dict[str, Any]) -> None:
        assert len(doc["posts"]) == count, len(doc["posts"])
    return check


def warns(code: str) -> Callable[[dict[str, Any]], None]:
    def check(doc: dict[str, Any]) -> None:
        assert code in {w["code"] for w in doc["warnings"]}, doc["warnings"]
    return check


def every_turn_has_a_speaker(doc: dict[str, Any]) -> None:
    turns = [s for post in doc["posts"] for s in post["segments"] if s["text"].strip()]
    assert turns and all(s["speaker"] for s in turns), [s for s in turns if not s["speaker"]][:3]


def decoded_as(encoding: str, first: str) -> Callable[[dict[str, Any]], None]:
    def check(doc: dict[str, Any]) -> None:
        assert doc["source"]["encoding"] == encoding, doc["source"]
        assert doc["posts"][0]["text"] == first, doc["posts"][0]["text"]
    return check


def removed_has(*texts: str) -> Callable[[dict[str, Any]], None]:
    def check(doc: dict[str, Any]) -> None:
        removed = {r["text"] for r in doc["removed"]}
        assert set(texts) <= removed, (set(texts) - removed, doc["removed"])
    return check


def text(value: str) -> Callable[[], bytes]:
    return lambda: value.encode("utf-8")


CASES = [
    # --- not text, or nothing in it
    Case("empty file", lambda: b"", "empty (no text to convert)"),
    Case("whitespace only", text(" \n\t\n   \n"), "empty (no text to convert)"),
    Case("only boilerplate", text(FOOTER), check=warns("no-posts")),
    Case("a NUL byte", lambda: b"Hello\x00world, a thread. 1/\n", "not text (binary data"),
    Case("PNG image", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
         "not text (a PNG image)"),
    Case("gzip data", lambda: gzip.compress(b"hello " * 100), "not text (gzip data)"),
    Case("random binary", lambda: bytes((i * 7919) % 256 for i in range(4096)), "not text"),
    Case("control-character soup", lambda: bytes(range(1, 32)) * 20, "not text (control"),
    # --- encodings
    Case("invalid UTF-8 (Latin-1)", lambda: "Caf\xe9 cr\xe8me, na\xefve. 1/\n".encode("latin-1")
         * 3, check=warns("encoding")),
    Case("UTF-16 LE with BOM", lambda: codecs.BOM_UTF16_LE + THREAD.encode("utf-16-le"),
         check=warns("encoding")),
    Case("UTF-16 BE with BOM", lambda: codecs.BOM_UTF16_BE + THREAD.encode("utf-16-be"),
         check=warns("encoding")),
    Case("UTF-16 LE without BOM", lambda: THREAD.encode("utf-16-le"), check=warns("encoding")),
    Case("UTF-8 BOM and CRLF", lambda: codecs.BOM_UTF8 + THREAD.replace("\n", "\r\n").encode(),
         check=posts_are(3)),
    Case("cp1252 smart quotes", lambda: ("“Quoted” – it’s here. 1/\nNext… 2/\n" * 3)
         .encode("cp1252"), check=warns("encoding")),
    Case("short Latin-1 text (was read as cp775)", lambda: "Naïve résumé 1/\n".encode("latin-1"),
         check=decoded_as("cp1252", "Naïve résumé")),
    Case("Latin-1 'Caf\\xe9 cr\\xe8me' (was read as cp1006)", lambda: b"Caf\xe9 cr\xe8me",
         check=decoded_as("cp1252", "Café crème")),
    Case("one byte \\xe9 (was read as EBCDIC)", lambda: b"\xe9", check=decoded_as("cp1252", "é")),
    Case("Latin-1 'crème à la mode' (was read as cp1250)",
         lambda: "crème à la mode 1/\n".encode("latin-1"),
         check=decoded_as("cp1252", "crème à la mode")),
    Case("--encoding forces cp1251", lambda: "Привет мир 1/\nЕщё 2/\n".encode("cp1251"),
         options=("--encoding", "cp1251"), check=decoded_as("cp1251", "Привет мир")),
    Case("mixed CRLF, LF and CR", lambda: b"One. 1/\r\nTwo. 2/\nThree. 3/\rFour. 4/\n",
         check=posts_are(4)),
    # --- sizes and shapes that break naive code
    Case("a 10 MB single line", lambda: ("word " * 2_000_000).encode(), readback=False,
         check=warns("over-limit"), slow=True),
    Case("100,000 blank lines", lambda: b"First post.\n" + b"\n" * 100_000 + b"Last post.\n"),
    Case("50,000 [ with no ]", lambda: b"[" * 50_000 + b" tail\n", readback=False),
    Case("50,000 ]", lambda: b"]" * 50_000 + b"\n", readback=False),
    Case("[[[...]]] 10,000 deep", lambda: b"[" * 10_000 + b"deep" + b"]" * 10_000 + b"\n",
         readback=False),
    Case("100,000 markers on their own lines",
         lambda: "".join(f"Post {i} {i}/\n" for i in range(1, 100_001)).encode(),
         readback=False, check=posts_are(100_000), slow=True),
    Case("100,000 markers on one line",
         lambda: " ".join(f"{i}/" for i in range(1, 100_001)).encode(), readback=False),
    Case("30,000 one-off speakers inside one dialogue",  # each one-off looked at the whole run
         lambda: ("Host: welcome\n" + "".join(f"Caller {i}: my point {i}\n" for i in range(30_000))
                  + "Host: thank you all\n").encode(), readback=False,
         check=every_turn_has_a_speaker, slow=True),
    Case("a saved page whose first post has 50,000 lines",  # each line re-copied the post
         lambda: page('<div class="thread-info">2 tweets · 1 min read</div>'
                      '<div class="content-tweet" data-tweet="1">'
                      + "<br />".join(f"line {i} of one long post" for i in range(50_000))
                      + '</div><div class="content-tweet" data-tweet="2">second</div>',
                      "<title>Thread by @x on Thread Reader App</title>"),
         filename="page.html", readback=False, check=posts_are(2), slow=True),
    # Each line starting like the site's end line and full of mentions was read as the site's
    # lines joined at every seam from every place (the review of the joined-line reading).
    Case("1,000 end lines full of mentions",
         lambda: ("Jane Doe @jane\nJun 14 5 tweets 1 min read\n"
                  + "\n".join(["• • • " + " ".join(["@b"] * 195) + " zz"] * 1000)
                  + "\n• • •\n").encode(), readback=False, slow=True),
    Case("300 mention lines after the end line",
         lambda: ("Jane Doe @jane\nJun 14 5 tweets 1 min read\nOne post.\nTwo post.\n• • •\n"
                  + "\n".join([" ".join(["@b"] * 195) + " zz"] * 300) + "\n").encode(),
         readback=False, check=posts_are(2), slow=True),
    Case("numbers that run backwards", text("Three 3/\nTwo 2/\nOne 1/\n")),
    Case("numbers that repeat", text("Same 1/\nSame 1/\nSame 1/\nSame 1/\n")),
    Case("numbers far apart", text("Start 1/\nJump 999999/\n"), check=warns("numbering-gap")),
    Case("a 5,000-character paragraph", text("Long " * 1000 + "1/\nShort 2/\n"),
         check=warns("over-limit")),
    # --- Unicode
    Case("emoji ZWJ sequences and skin tones",
         text("👩🏽‍🏫 👨🏻‍💻 🧑🏿‍🍳 👩‍👩‍👧 🏳️‍🌈 🇫🇷🇯🇵 1/\n👍🏽👍🏿 2/\n")),
    Case("RTL and bidi overrides", text("שלום \u202eevil\u202c עולם 1/\n\u2067isolate\u2069"
                                        " مرحبا 2/\n")),
    Case("combining marks", text("Z\u0351\u0352\u0353a\u0354\u0355l\u0356\u0357g\u0358o " * 200
                                 + "1/\nok 2/\n")),
    Case("zero-width and line separators", text("a\u200bb\u200dc\u2028d\u2029e 1/\nf\x0bg\x0ch"
                                                " 2/\n")),
    # --- Markdown and HTML injection in text
    Case("Markdown headings, quotes and lists", text("# heading 1/\n> quote 2/\n1. item 3/\n"
                                                     "- item 4/\n* item 5/\n+ item 6/\n")),
    Case("thematic breaks and setext", text("Title\n===\n---\n***\n___\n")),
    Case("code fences", text("```\ncode 1/\n```\n~~~\nmore 2/\n~~~\n    indented 3/\n")),
    Case("tables", text("| a | b |\n|---|---|\n| 1 | 2 |\n")),
    Case("links and images in text", text("[x](javascript:alert(1)) 1/\n![i](http://x/i.png)"
                                          " 2/\n<https://auto.link> 3/\n")),
    Case("raw HTML in text", text("<script>alert(1)</script> 1/\n<img src=x onerror=alert(1)>"
                                  " 2/\n<svg onload=alert(1)> 3/\n<details><summary>x</summary>"
                                  " 4/\n<!-- comment --> 5/\n")),
    Case("entities and escapes in text", text("&amp;lt;b&amp;gt; &copy; &#x41; 1/\nback\\\n"
                                              "slash \\ 2/\n*emph* _u_ ~~s~~ `c` 3/\n")),
    Case("emphasis traps in asides", text("A new[*] thing [ spaced ] and [**] 1/\n[_] [`] 2/\n")),
    Case("attribute-breaking quotes in URLs",
         text('See https://x.org/"onmouseover="alert(1) and https://x.org/\'><script> 1/\n')),
    Case("javascript: written in text", text("javascript:alert(1) JaVaScRiPt:alert(1)"
                                             " data:text/html,<script> 1/\n")),
    Case("speaker labels with markup", text("<b>ESC</b>: hi 1/\nESC: **bold** [x] 2/\n"
                                            "ESC: # not a heading 3/\n")),
    # --- saved pages
    Case("HTML 20,000 elements deep", lambda: page("<div>" * 20_000 + "deep text" +
                                                    "</div>" * 20_000), filename="page.html",
         readback=False, slow=True),
    Case("unclosed <script>", lambda: page("<p>Visible. 1/</p><script>alert(1)"),
         filename="page.html"),
    Case("<!-- with no end", lambda: page("<p>Before. 1/</p><!-- never closed <p>hidden"),
         filename="page.html"),
    Case("1 MB of &amp;amp; entities", lambda: page("<p>" + "&amp;amp;" * 100_000 + "</p>"),
         filename="page.html", readback=False, slow=True),
    Case("javascript:, data: and vbscript: links",
         lambda: page('<article class="thread"><p class="tweet" data-tweet-id="1">'
                      '<a href="javascript:alert(1)">a</a> <a href=" JaVaScRiPt:alert(1)">b</a>'
                      ' <a href="data:text/html,x">c</a> <a href="vbscript:msgbox">d</a>'
                      ' <a href="https://ok.example/">e</a></p></article>'),
         filename="page.html", check=no_links_but_web),
    Case("img onerror and svg onload in a page",
         lambda: page('<article class="thread"><p class="tweet" data-tweet-id="1">Hi'
                      '<img src="https://x.example/a.png" onerror="alert(1)">'
                      '<svg onload="alert(1)"><text>svg</text></svg></p></article>'),
         filename="page.html"),
    Case("lone surrogates as HTML entities", lambda: page("<p>a &#xD800; b &#55296; c</p>"),
         filename="page.html"),
    Case("meta refresh and base href", lambda: page("<p>Text. 1/</p>",
                                                    head='<meta http-equiv="refresh" content='
                                                    '"0;url=javascript:alert(1)"><base href='
                                                    '"javascript:alert(1)//">'),
         filename="page.html"),
    Case("form fields and media fallbacks in a page",
         lambda: page("<main><p>Post one. 1/</p><select><option>English</option><option>"
                      "Cymraeg</option></select><textarea>typed</textarea><video>No video"
                      " support</video><iframe>fallback</iframe></main>"),
         filename="page.html"),
    Case("a page of only chrome", lambda: page("<nav>Home</nav><footer>© 2024</footer>"),
         filename="page.html", check=warns("no-posts")),
    Case("attributes breaking out in a page",
         lambda: page('<article class="thread"><p class="tweet" data-tweet-id=\'1"><script>'
                      'alert(1)</script>\'>Text <img data-src="https://x.example/a.png&quot;'
                      ' onerror=&quot;alert(1)" alt="&quot;><script>alert(1)</script>"></p>'
                      '</article>'), filename="page.html"),
    Case("Thread Reader words inside embeds, image cards and permalinks",  # were dropped
         lambda: page('<div class="thread-info">2 tweets · 1 min read</div>'
                      '<div class="content-tweet" data-tweet="1">First post. 1/2<span'
                      ' class="entity-embed"><blockquote class="twitter-tweet"><p>Quoted'
                      ' words</p><a href="https://twitter.com/x/status/9">link words</a>'
                      '</blockquote></span> <sup class="tw-permalink">permalink words</sup>'
                      '</div><div class="content-tweet" data-tweet="2">Second post. 2/2<span'
                      ' class="entity-image"><span class="entity-embed">nested words</span>'
                      ' card words</span></div>',
                      "<title>Thread by @x on Thread Reader App</title>"),
         filename="page.html", check=removed_has("Quoted words", "link words",
                                                  "permalink words", "nested words card words")),
    Case("every spelling of a URL scheme in a Thread Reader page",
         lambda: page('<div class="thread-info">1 tweet · 1 min read</div>'
                      '<div class="content-tweet" data-tweet="1">Links:'
                      ' <a href="HTTP://ok.example/a">a</a> <a href=" HtTpS://ok.example/b">b</a>'
                      ' <a href="java&#9;script:alert(1)">c</a> <a href="//ok.example/c">d</a>'
                      ' <a href="https:ok.example">e</a><img src="HTTPS://ok.example/i.png">'
                      '</div>', "<title>Thread by @x on Thread Reader App</title>"),
         filename="page.html", check=no_links_but_web),
    # --- clips
    Case("a clip with raw HTML", text("---\ntitle: \"t\"\n---\n<script>alert(1)</script>\n\n"
                                      "Post <img src=x onerror=alert(1)> one.\n"),
         filename="clip.md"),
    Case("a clip with unterminated front matter", text("---\ntitle: x\nNo end here.\n"),
         filename="clip.md"),
    # --- file names
    Case("a file name with spaces", text(THREAD), filename="my thread (copy).txt"),
    Case("a file name with a newline", text(THREAD), filename="two\nlines.txt"),
    Case("a non-ASCII file name", text(THREAD), filename="fil \u00e9 \u4e2d\u6587 🧵.txt"),
]
