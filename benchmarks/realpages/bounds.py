"""bound_f1 of a real-page corpus as score.py counts it, and with each post's words counted as
the labels count them, without its marker.

score.py puts each post's marker back before its text and then leaves out the tokens that
read as markers (`MARKER_TOKEN`: "3/", "(2/5)", "1.", "[4 of 9]"). A marker in a style that
list does not know ("1:", "1-", "\\2", "1/10:", a bare "6") then counts as a word of the
converter's post but not of the label's, whose posts never hold their markers, and every
boundary after it is one word off: the page scores near 0 with every post right. This counts
both ways, so that the figures tell such pages from real misses:

    python benchmarks/realpages/bounds.py /tmp/realpages/corpus [--score ../shared/eval/score.py]

Both columns use score.py's own `boundaries` and `f1`; the second passes the post texts
without their markers (what unroll's JSON has in `text`). Pages where the two differ are
listed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import unroll


def _score_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"bounds.py: cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _f1(score: ModuleType, gold: list[str], prefix: bool, posts: list[str]) -> float:
    """score.py's bound_f1 of `posts` against the label's posts (or its scored prefix)."""
    wanted, span = score.boundaries(gold)
    got, _ = score.boundaries(posts)
    if prefix:
        got = {b for b in got if b < span}
    else:
        wanted.discard(span)
    return float(score.f1(len(wanted & got), len(got), len(wanted)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a corpus build.py wrote")
    parser.add_argument("--score", type=Path,
                        default=Path(__file__).resolve().parents[3] / "shared/eval/score.py",
                        help="the shared score.py (default: ../shared/eval/score.py)")
    args = parser.parse_args()
    score = _score_module(args.score)
    rows = []
    for gold_path in sorted(args.corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        posts = gold.get("posts")
        labelled = posts if posts is not None else gold.get("posts_prefix")
        if labelled is None:
            continue
        text = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
        thread = unroll.parse(text.read_bytes(), name=text.name)
        as_scored = [f"{p.marker or ''} {p.text}" for p in thread.posts]
        rows.append((gold_path.name.removesuffix(".gold.json"),
                     _f1(score, labelled, posts is None, as_scored),
                     _f1(score, labelled, posts is None, [p.text for p in thread.posts])))
    if not rows:
        print(f"bounds.py: no labelled posts in {args.corpus}", file=sys.stderr)
        return 1
    for name, scored, plain in rows:
        if abs(scored - plain) > 1e-9:
            print(f"{name}: {scored:.3f} as score.py counts, {plain:.3f} without markers")
    print(f"{len(rows)} pages: bound_f1 {sum(r[1] for r in rows) / len(rows):.3f} as score.py"
          f" counts, {sum(r[2] for r in rows) / len(rows):.3f} with the posts' words counted"
          " without their markers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
