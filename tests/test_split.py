"""Post splitting, from the cases in fixtures/split.txt (read them: they are the spec)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import unroll
from unroll.markers import Marker
from unroll.numbering import Unit
from unroll.split import cut, stretches

FIXTURES = Path(__file__).parent / "fixtures" / "split.txt"


@dataclass
class Case:
    title: str
    options: dict[str, str]
    text: str
    expected: list[tuple[int, str | None, str]]


def read_cases(path: Path) -> list[Case]:
    """Read the fixture format described at the top of the file."""
    cases: list[Case] = []
    chunks = re.split(r"^### ", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    for chunk in chunks:
        head, _, rest = chunk.partition("\n")
        options = dict(re.findall(r"\[(\w+)=([^\]]+)\]", head))
        title = re.sub(r"\s*\[\w+=[^\]]+\]", "", head).strip()
        text, sep, expected = rest.partition("\n>>>\n")
        assert sep, f"case {title!r} has no >>> line"
        posts = []
        for line in expected.strip().splitlines():
            n, marker, post = line.split("|", 2)
            posts.append((int(n), marker or None, post.replace("\\n", "\n")))
        cases.append(Case(title, options, text + "\n", posts))
    return cases


CASES = read_cases(FIXTURES)


def test_fixture_file_has_cases() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c.title for c in CASES])
def test_split(case: Case) -> None:
    limit = int(case.options["limit"]) if "limit" in case.options else None
    thread = unroll.parse(case.text, site=case.options.get("site"), limit=limit)
    got = [(p.n, p.marker, p.text) for p in thread.posts]
    assert got == case.expected


def test_numbering_gap_is_warned() -> None:
    thread = unroll.parse("One. 1/\nTwo. 2/\nFour. 4/\n", site="twtext")
    assert [(w.code, w.post) for w in thread.warnings] == [("numbering-gap", 4)]
    assert "3" in thread.warnings[0].message


def test_over_limit_is_warned_with_its_reason() -> None:
    long_line = "word " * 80
    thread = unroll.parse(f"{long_line}1/\nShort. 2/\n", site="twtext")
    codes = [(w.code, w.post) for w in thread.warnings]
    assert codes == [("over-limit", 1)]
    assert "one line" in thread.warnings[0].message


MARKERS = st.builds(lambda n, total: Marker(f"{n}/", n, total, "strong"),
                    st.integers(1, 80), st.none() | st.integers(1, 80))


@given(st.lists(st.builds(Unit, st.text(max_size=5), st.integers(0, 600),
                          st.sampled_from(["", "nl", "blank"]), st.none() | MARKERS, MARKERS,
                          st.booleans(), st.booleans()), max_size=12),
       st.sampled_from(["newline", "blank"]), st.sampled_from([280, 500]))
def test_lines_that_all_end_in_markers_are_a_post_each(units: list[Unit], convention: str,
                                                       limit: int) -> None:
    """split() takes this as given when every unit has a trailing marker; the general cut
    must agree, whatever the numbers, leads, gaps and weights."""
    pieces = [p for span in stretches(units) for p in cut(units, span, convention, limit)]
    assert pieces == [(i, i + 1) for i in range(len(units))]
