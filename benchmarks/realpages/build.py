"""Build a score.py corpus from saved real-page excerpts and the labels beside this file.

    python benchmarks/realpages/build.py --pages DIR --out DIR [--check]

The labels point into the excerpts by line and column (README.md beside this file); the
excerpts themselves are third-party text and live outside the repository, in --pages.
--check validates the labels against the pages and writes nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

LABELS = Path(__file__).with_name("labels")

# A marker span must look like a marker: digits, a thread emoji or an end word.
_MARKERISH = re.compile(r"(?i).*(\d|🧵|end|fin).*", re.S)


_STOPS = (".", ":")
"""The stops that stay with the sentence where a marker stands before them, as unroll writes
them (its markers._STOPS)."""


class LabelError(ValueError):
    """A label that does not fit its page."""


def _start(start: int | list[int]) -> tuple[int, int]:
    return (start, 0) if isinstance(start, int) else (start[0], start[1])


def check(label: dict[str, Any], text: str) -> list[str]:
    """The excerpt's lines, after checking that every number in the label fits them."""
    lid = label["id"]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest != label["sha256"]:
        raise LabelError(f"{lid}: sha256 {digest[:12]} is not the label's {label['sha256'][:12]}")
    lines = text.split("\n")
    if label.get("lines") not in (None, len(lines)):
        raise LabelError(f"{lid}: {len(lines)} lines, label says {label['lines']}")

    def line(n: int, what: str) -> str:
        if not 1 <= n <= len(lines):
            raise LabelError(f"{lid}: {what} line {n} is outside 1..{len(lines)}")
        return lines[n - 1]

    boilerplate = set(label.get("boilerplate", []))
    for n in boilerplate:
        if not line(n, "boilerplate").strip():
            raise LabelError(f"{lid}: boilerplate line {n} is blank")
    starts = [_start(s) for s in label["post_starts"]]
    if starts != sorted(starts) or len(set(starts)) != len(starts):
        raise LabelError(f"{lid}: post_starts are not in order")
    for n, col in starts:
        if n in boilerplate or not line(n, "post start")[col:].strip():
            raise LabelError(f"{lid}: post start {n}:{col} is boilerplate or blank")
    for m in label.get("markers", []):
        span = line(m["line"], "marker")[m["start"]:m["end"]]
        if not span.strip() or not _MARKERISH.fullmatch(span):
            raise LabelError(f"{lid}: marker {m} is {span!r}")
    for c in label.get("commentary", []):
        row = line(c["line"], "commentary")
        if c["start"] < 1 or row[c["start"] - 1] != "[" or row[c["end"]:c["end"] + 1] != "]":
            raise LabelError(f"{lid}: commentary {c} is not inside brackets")
    return lines


def gold(label: dict[str, Any], lines: list[str]) -> dict[str, Any]:
    """The score.py gold for one labelled page."""
    boilerplate = set(label.get("boilerplate", []))
    cuts: dict[int, list[tuple[int, int]]] = {}
    for m in label.get("markers", []):
        row, start = lines[m["line"] - 1], m["start"]
        # (the space that joined a marker goes with it where a stop follows it, which stays
        # with the sentence: "keepers (4/5)." is "keepers.")
        if start > 0 and row[start - 1] == " " and row[m["end"]:m["end"] + 1] in _STOPS:
            start -= 1
        cuts.setdefault(m["line"], []).append((start, m["end"]))
    starts = {_start(s) for s in label["post_starts"]}
    posts: list[list[str]] = []
    for number, row in enumerate(lines, 1):
        if number in boilerplate:
            continue
        # the line's characters outside marker spans, each with its column
        kept = [(col, ch) for col, ch in enumerate(row)
                if not any(a <= col < b for a, b in cuts.get(number, []))]
        for start in sorted(col for n, col in starts if n == number):
            before = "".join(ch for col, ch in kept if col < start)
            if before.strip() and posts:
                posts[-1].append(before)
            posts.append([])
            kept = [(col, ch) for col, ch in kept if col >= start]
        rest = "".join(ch for _, ch in kept)
        if not posts:
            if not rest.strip():
                continue
            posts.append([])  # text above the first labelled start: a post cut at its start
        posts[-1].append(rest)
    texts = [_paragraphs(p) for p in posts]
    out: dict[str, Any] = {"input": f"{label['id']}.txt", "kind": "text", "site": label["site"],
                           "notes": label.get("notes", "")}
    certain = label.get("certain")
    if certain is None or certain >= len(texts):
        out["posts"] = texts
    elif certain > 0:  # with none certain, the split is not scored at all
        out["posts_prefix"] = texts[:certain]
    if label.get("markers"):
        out["markers"] = {str(m["n"]): lines[m["line"] - 1][m["start"]:m["end"]]
                          for m in label["markers"]}
    out["commentary"] = [lines[c["line"] - 1][c["start"]:c["end"]]
                         for c in label.get("commentary", [])]
    out["boilerplate"] = [lines[n - 1].strip() for n in sorted(boilerplate)]
    # A site's line that repeats a post's line (a crawl's or a reader's second copy of it) is
    # found in the posts once for each time the posts hold it (score.py's `duplicates`).
    own = {text.strip() for n, text in enumerate(lines, 1) if n not in boilerplate}
    repeats = [text for text in out["boilerplate"] if text in own]
    if repeats:
        out["duplicates"] = repeats
    if label.get("author"):
        out["author"] = label["author"]
    return out


def _paragraphs(rows: list[str]) -> str:
    paragraphs, current = [], []
    for row in rows:
        if row.strip():
            current.append(row.strip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, required=True, help="folder of saved excerpts, ID.txt")
    ap.add_argument("--out", type=Path, help="corpus folder to write")
    ap.add_argument("--check", action="store_true", help="validate only; write nothing")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--only", default="", help="only the labels whose id starts with this")
    ap.add_argument("--set", default="dev", choices=["dev", "holdout", "all"],
                    help="the pages rules are written from (dev), those kept out (holdout)")
    ap.add_argument("--shape", default="thread", choices=["thread", "listing", "all"],
                    help="one thread's page, or a feed or listing of many (label field shape)")
    a = ap.parse_args()
    if not a.check and a.out is None:
        ap.error("--out is required unless --check")
    bad = missing = built = 0
    sites: dict[str, int] = {}
    for path in sorted(a.labels.glob(f"{a.only}*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        if a.set != "all" and label.get("set", "dev") != a.set:
            continue
        if a.shape != "all" and label.get("shape", "thread") != a.shape:
            continue
        page = a.pages / f"{label['id']}.txt"
        if not page.exists():
            print(f"missing page: {page}", file=sys.stderr)
            missing += 1
            continue
        text = page.read_bytes().decode("utf-8")
        try:
            lines = check(label, text)
            case = gold(label, lines)
        except (LabelError, KeyError, IndexError, TypeError) as e:
            print(f"bad label {path.name}: {e}", file=sys.stderr)
            bad += 1
            continue
        built += 1
        sites[label["site"]] = sites.get(label["site"], 0) + 1
        if not a.check:
            a.out.mkdir(parents=True, exist_ok=True)
            (a.out / case["input"]).write_bytes(text.encode("utf-8"))
            (a.out / f"{label['id']}.gold.json").write_text(
                json.dumps(case, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{built} pages ({', '.join(f'{k} {v}' for k, v in sorted(sites.items()))});"
          f" {bad} bad labels, {missing} pages missing", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
