"""Nothing lost, nothing duplicated, nothing turned into markup: proved over generated threads
with hypothesis, and on every sample and every text case of the shared corpus."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import (
    SAMPLES,
    SHARED_INPUTS,
    assert_conserved,
    assert_html_shows,
    markdown_posts,
    validate,
)

import unroll
from unroll.sites import PROFILES
from unroll.text.entities import repair
from unroll.writers import render

WORDS = [
    "the", "council", "said", "no", "SEND", "review", "£92", "café", "🧵", "🎉", "👩🏽‍🏫", "🇫🇷",
    "欢迎", "שלום", "naïve", "e\u0301", "4/10", "24/7", "3/", "/2", "(2/5)", "[1", "of", "7]",
    "1.", "2)", "[aside]", "[nested [inner] aside]", "[", "]", "]]", "[[", "#", "##", ">", "-",
    "*", "+", "=", "---", "```", "~~~", "|", "`code`", "<b>", "<script>alert(1)</script>",
    "&amp;", "&#39;", "& #39;", "& amp;", "& #0;", "& #55296;", "\\", "_x_", "**bold**",
    "[x](javascript:alert(1))",
    "https://example.org/a_b?c=1&d=2", "example.org/path_x", "ESC:", "DfE:", "Ofsted:",
    "Inspections:", "@handle", "#tag", "!", "<!--", "-->", "\u202e", "\u200f",
]
FOOTER = (
    "You can follow @someone.\n"
    "Tip: mention @twtextapp on a Twitter thread with the keyword “unroll” to get a link to it.\n"
    "\nLatest Threads Unrolled:\n"
)
SEPARATORS = ["\n", "\n", "\n", "\n\n", "\n\n", "\n   \n", "\n\n\n"]


@st.composite
def threads(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join),
        min_size=1, max_size=25))
    numbered = draw(st.sampled_from(["none", "trail", "lead", "own"]))
    parts = []
    for i, line in enumerate(lines, 1):
        if numbered == "trail" and draw(st.booleans()):
            line = f"{line} {i}/"
        elif numbered == "lead" and draw(st.booleans()):
            line = f"({i}/{len(lines)}) {line}"
        elif numbered == "own" and draw(st.booleans()):
            line = f"{line}\n{i}/?"
        parts.append(line)
        parts.append(draw(st.sampled_from(SEPARATORS)))
    text = "".join(parts)
    if draw(st.booleans()):
        text += FOOTER
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if draw(st.booleans()) else data


def check_lossless(data: bytes) -> unroll.Thread:
    thread = unroll.parse(data)
    assert_conserved(thread, data)
    return thread


def check_writers(thread: unroll.Thread) -> None:
    texts = {post.n: repair(post.text) for post in thread.posts}
    validate(render(thread, "json"))
    assert markdown_posts(render(thread, "md")) == texts
    assert_html_shows(render(thread, "html"), texts)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(threads())
def test_generated_threads_lose_nothing_and_render_exactly(data: bytes) -> None:
    thread = check_lossless(data)
    check_writers(thread)
    given = Counter(data.decode("utf-8-sig").split())
    kept = Counter(w for p in thread.posts for w in [*p.text.split(), *(p.marker or "").split()])
    kept.update(w for r in thread.removed for w in r.text.split())
    assert not kept - given, "a word appears more often than in the input"
    numbers = [post.n for post in thread.posts]
    assert numbers == sorted(set(numbers)), "post numbers must increase"
    for to in ("md", "html", "json"):
        assert unroll.convert(data, to=to) == render(thread, to), "not deterministic"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_loses_nothing(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        thread = check_lossless(data)
    except unroll.InputError as err:
        # The only refusals: NUL bytes, lone surrogates (invalid UTF-8), no text at all,
        # or enough control characters to call it binary.
        surrogate = any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)
        controls = sum(1 for ch in text if ch < " " and ch not in "\n\r\t\f\v")
        assert "\x00" in text or surrogate or not text.strip() or controls > 8, str(err)
        return
    check_writers(thread)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_samples_lose_nothing(path: Path) -> None:
    check_lossless(path.read_bytes())


@pytest.mark.skipif(not SHARED_INPUTS, reason="../shared/corpus is not beside this checkout")
@pytest.mark.parametrize("path", SHARED_INPUTS, ids=[p.stem for p in SHARED_INPUTS])
def test_shared_corpus_loses_nothing(path: Path) -> None:
    check_writers(check_lossless(path.read_bytes()))


SITE_FIXTURES = sorted(p for p in (Path(__file__).parent / "fixtures" / "sites").iterdir()
                       if not p.name.endswith(".expected.json"))


@pytest.mark.parametrize("site", [p.name for p in PROFILES])
def test_a_wrong_site_loses_nothing(site: str) -> None:
    """Forcing any profile on any input may split it badly, but never drops a character."""
    for path in [*SAMPLES, *SITE_FIXTURES]:
        data = path.read_bytes()
        assert_conserved(unroll.parse(data, name=path.name, site=site), data)
