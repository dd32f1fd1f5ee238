"""Accuracy on the shared gold corpus where this issue promises it (skipped without it).

The full table comes from `python ../shared/eval/score.py ../shared/corpus/dev`; these tests
pin the cases the converter must get exactly right, so a regression fails CI.
"""

from __future__ import annotations

import json

import pytest
from support import SHARED, turn_openings

import unroll

EXACT = sorted(p.name.removesuffix(".gold.json") for p in SHARED.glob("*.gold.json"))

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not here")


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("case", EXACT)
def test_posts_markers_commentary_speakers(case: str) -> None:
    gold = json.loads((SHARED / f"{case}.gold.json").read_text(encoding="utf-8"))
    thread = unroll.parse(SHARED / gold["input"])
    expected = gold.get("posts") or gold["posts_prefix"]
    got = [" ".join(words(p.text)) for p in thread.posts][: len(expected)]
    assert got == [" ".join(words(t)) for t in expected]
    if gold.get("posts"):
        assert len(thread.posts) == len(expected)
    for n, marker in gold.get("markers", {}).items():
        assert any(p.n == int(n) and p.marker == marker for p in thread.posts), (n, marker)
    comments = [s.text for p in thread.posts for s in p.segments if s.kind == "commentary"]
    assert comments == gold["commentary"]
    turns = [(s.speaker, " ".join(words(s.text)[:5])) for s in turn_openings(thread)]
    assert turns == [(a, " ".join(words(b)[:5])) for a, b in gold["speakers"]]
    handle = thread.author.handle if thread.author else None
    assert handle == gold.get("author")
    removed = [r.text for r in thread.removed if r.text.strip()]  # padding is whitespace
    assert removed == gold["boilerplate"]
