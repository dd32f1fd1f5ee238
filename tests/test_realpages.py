"""The real-page check's gold builder (benchmarks/realpages/build.py), on a made-up page."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("realpages_build",
                                               ROOT / "benchmarks" / "realpages" / "build.py")
assert _spec and _spec.loader
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

PAGE = "\n".join([
    "Site header line",
    "First post opens here 1/3",
    "Second post [an aside] goes on",
    "",
    "still the second post. 2/3",
    "Third post starts. Fourth post glued on",
    "Footer of the site.",
])


def _label(**changes: object) -> dict[str, object]:
    label: dict[str, object] = {
        "id": "made-up-1", "site": "made-up", "url": "https://example.org/1", "query": "q",
        "sha256": hashlib.sha256(PAGE.encode()).hexdigest(), "chars": len(PAGE), "lines": 7,
        "boilerplate": [1, 7], "post_starts": [2, 3, 6, [6, 19]],
        "markers": [{"line": 2, "start": 22, "end": 25, "n": 1},
                    {"line": 5, "start": 23, "end": 26, "n": 2}],
        "commentary": [{"line": 3, "start": 13, "end": 21}], "author": "@someone",
    }
    label.update(changes)
    return label


def test_gold_posts_markers_and_boilerplate_come_from_the_label() -> None:
    label = _label()
    gold = build.gold(label, build.check(label, PAGE))
    assert gold["posts"] == ["First post opens here",
                             "Second post [an aside] goes on\n\nstill the second post.",
                             "Third post starts.", "Fourth post glued on"]
    assert gold["markers"] == {"1": "1/3", "2": "2/3"}
    assert gold["commentary"] == ["an aside"]
    assert gold["boilerplate"] == ["Site header line", "Footer of the site."]
    assert gold["author"] == "@someone"


def test_only_the_certain_posts_are_scored() -> None:
    label = _label(certain=2)
    gold = build.gold(label, build.check(label, PAGE))
    assert "posts" not in gold and len(gold["posts_prefix"]) == 2
    none = _label(certain=0)
    assert "posts" not in build.gold(none, PAGE.split("\n"))
    assert "posts_prefix" not in build.gold(none, PAGE.split("\n"))


@pytest.mark.parametrize(("changes", "why"), [
    ({"sha256": "0" * 64}, "sha256"),
    ({"boilerplate": [4]}, "blank"),
    ({"post_starts": [3, 2]}, "order"),
    ({"markers": [{"line": 2, "start": 0, "end": 5, "n": 1}]}, "marker"),
    ({"commentary": [{"line": 3, "start": 12, "end": 21}]}, "brackets"),
    ({"post_starts": [9]}, "outside"),
])
def test_a_label_that_does_not_fit_its_page_is_refused(changes: dict[str, object],
                                                       why: str) -> None:
    with pytest.raises(build.LabelError, match=why):
        build.check(_label(**changes), PAGE)


def test_the_labels_hold_numbers_and_our_own_words_only() -> None:
    """Page text is third-party: a label holds where things are, never what they say."""
    allowed = {"id", "site", "url", "query", "sha256", "chars", "lines", "boilerplate",
               "post_starts", "certain", "markers", "commentary", "author", "cut", "notes",
               "set", "shape"}
    labels = sorted((ROOT / "benchmarks" / "realpages" / "labels").glob("*.json"))
    assert len(labels) >= 80
    for path in labels:
        label = json.loads(path.read_text(encoding="utf-8"))
        assert set(label) <= allowed, path.name
        assert path.name == f"{label['id']}.json"
        assert len(label.get("notes", "")) <= 600 and len(label["query"]) <= 200, path.name
        assert all(isinstance(n, int) for n in label.get("boilerplate", [])), path.name
        assert label.get("set", "dev") in ("dev", "holdout"), path.name
        assert label.get("shape", "thread") in ("thread", "listing"), path.name


SCORE = ROOT.parent / "shared" / "eval" / "score.py"


@pytest.mark.skipif(not SCORE.is_file(), reason="../shared/eval/score.py is not here")
def test_bounds_counts_a_marker_style_score_py_does_not_know_both_ways(tmp_path: Path) -> None:
    """"1:" is no marker token to score.py: with it counted as a word every boundary is one
    word off; counted as the labels count (posts without their markers) they are right."""
    (tmp_path / "made-up-2.txt").write_text("1: First post here.\n2: Second post here.\n")
    (tmp_path / "made-up-2.gold.json").write_text(json.dumps(
        {"input": "made-up-2.txt", "posts": ["First post here.", "Second post here."]}))
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "realpages" / "bounds.py"),
                           str(tmp_path), "--score", str(SCORE)],
                          capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        "made-up-2: 0.000 as score.py counts, 1.000 without markers",
        "1 pages: bound_f1 0.000 as score.py counts, 1.000 with the posts' words counted"
        " without their markers"]
