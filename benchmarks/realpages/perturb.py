"""Build corpora of the labelled pages with their site's lines as other copies have them.

    python benchmarks/realpages/perturb.py --corpus DIR --out DIR [--seed N]

A corpus built by build.py (--corpus) holds each page as saved and its gold. For each page,
this writes the page again with the lines the site added, and only those, changed as copies
of the same site change them (the real-pages issue, "exact strings" and "cut copies"):

- `joined`: two neighbouring site lines joined into one line (the newline lost);
- `broken`: one site line broken in two at a space;
- `cut`: the copy stopped inside one of the first three footer lines (nothing after it);
- `restyled`: the author's numbering markers written in another common style ("3/", "3/9",
  "(3/9)", "[3/9]", "3/n"; a list's "3." as "3)" and back), each in its place and with its
  own number: the site's lines are
  the page's, and a drop is a marker rule that holds only for the style it was written from.

The posts, markers and author of each page are the page's own, so the gold is the page's with
the site's lines as changed (and no author where the cut took the only line that named
them): score.py scores each variant corpus as it scores the pages (OUT/joined, OUT/broken,
OUT/cut), and a drop against the pages as saved is a rule that only holds for the layout it
was written from. The page text stays outside the repository, as
the pages do.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from build import LABELS

KINDS = ("joined", "broken", "cut", "restyled")

RESTYLES = ("{n}/", "{n}/{t}", "({n}/{t})", "[{n}/{t}]", "{n}/n")
"""The marker styles a `restyled` page is written in: ones score.py's MARKER_TOKEN knows, so
bound_f1 counts the posts' words as it does on the pages."""
LIST_RESTYLES = ("{n}.", "{n})")
"""The styles of a page numbered as a list ("3." or "3)" only): a list number may number
items, which a slash never does, so a list stays a list."""
_LIST = re.compile(r"\d{1,3}[.)]")
_SUB = re.compile(r"\d\.\d{1,2}/")
_NUMBER = re.compile(r"\d{1,3}")


def restyled(label: dict[str, Any], lines: list[str],
             rng: random.Random) -> tuple[list[str], dict[str, str]] | None:
    """The page with each numbered marker of the label written in one style the page does
    not use, and the gold's markers as written now; None where fewer than two markers carry a
    number. The number written is the author's (the first in the marker), the total the
    highest of them, so an intro or a list one below the posts keeps its shape. Markers inside
    a line, text on both sides, are written with a total ("... 2/6 Photograph"): a bare "2/"
    there reads as a fraction or a date to anyone. A marker glued
    to a word ("word(3/9)") is spaced from it, as "word3/" would be no marker."""
    numbered = [m for m in label.get("markers", [])
                if _NUMBER.search(lines[m["line"] - 1][m["start"]:m["end"]])]
    spans = {id(m): lines[m["line"] - 1][m["start"]:m["end"]] for m in numbered}
    if len(numbered) < 2 or any(_SUB.search(span) for span in spans.values()):
        return None  # (sub-points, "1.2/", have no other style)
    inside = any(lines[m["line"] - 1][:m["start"]].strip() and lines[m["line"] - 1][m["end"]:]
                 .strip() for m in numbered)
    numbers = {id(m): int(_NUMBER.findall(spans[id(m)])[0]) for m in numbered}
    total = max(numbers.values())
    listed = all(_LIST.fullmatch(spans[id(m)]) for m in numbered)
    styles = [st for st in (LIST_RESTYLES if listed else RESTYLES)
              if (not inside or "{t}" in st)
              and not any(st.format(n=numbers[id(m)], t=total) == spans[id(m)] for m in numbered)]
    if not styles:
        return None
    style = rng.choice(styles)
    page = list(lines)
    markers = {str(m["n"]): lines[m["line"] - 1][m["start"]:m["end"]]
               for m in label.get("markers", [])}
    for m in sorted(numbered, key=lambda m: (m["line"], -m["start"])):
        written = style.format(n=numbers[id(m)], t=total)
        line = page[m["line"] - 1]
        before, after = line[:m["start"]], line[m["end"]:]
        # (a marker glued to a word, "word(3/9)", is spaced: "word3/" would be no marker)
        page[m["line"] - 1] = (before + " " * before[-1:].isalnum() + written
                               + " " * after[:1].isalnum() + after)
        markers[str(m["n"])] = written
    return page, markers



def _site_lines(label: dict[str, Any], lines: list[str]) -> tuple[list[int], list[int]]:
    """The line numbers of the site's non-blank lines above the thread and below it."""
    boilerplate = set(label.get("boilerplate", []))
    starts = [s if isinstance(s, int) else s[0] for s in label["post_starts"]]
    thread = [n for n in range(1, len(lines) + 1) if n not in boilerplate and lines[n - 1].strip()]
    if not starts or not thread:
        return [], []
    head = [n for n in sorted(boilerplate) if n < min(starts) and lines[n - 1].strip()]
    foot = [n for n in sorted(boilerplate) if n > thread[-1] and lines[n - 1].strip()]
    return head, foot


def variant(kind: str, label: dict[str, Any], lines: list[str], rng: random.Random,
            posts: str = "") -> tuple[list[str], list[str]] | None:
    """The page's lines changed by `kind`, and its site's lines as changed (the gold's
    boilerplate); None where the page has no site line the change could touch.

    A piece of a broken or cut line is never one that the thread's `posts` (their words
    joined by single spaces) hold: score.py counts a site's line found in a post as leaked,
    so a piece such as "You" would score as missed however it was read."""
    def apart(piece: str) -> bool:
        return " ".join(piece.split()) not in posts
    head, foot = _site_lines(label, lines)
    boilerplate = [n for n in sorted(set(label.get("boilerplate", []))) if lines[n - 1].strip()]
    text = {n: lines[n - 1] for n in boilerplate}
    if kind == "joined":
        pairs = [n for n in head + foot if n + 1 in text]
        if not pairs:
            return None
        n = rng.choice(pairs)
        joined = f"{lines[n - 1].rstrip()} {lines[n].strip()}"
        return ([*lines[:n - 1], joined, *lines[n + 1:]],
                [text[k].strip() for k in boilerplate if k not in (n, n + 1)] + [joined.strip()])
    if kind == "broken":
        seams = {n: [m.start() for m in re.finditer(" ", line)
                     if apart(line[:m.start()]) and apart(line[m.start() + 1:])]
                 for n in head + foot if " " in (line := lines[n - 1].strip())}
        spaced = [n for n, cuts in seams.items() if cuts]
        if not spaced:
            return None
        n = rng.choice(spaced)
        line = lines[n - 1].strip()
        cut = rng.choice(seams[n])
        return ([*lines[:n - 1], line[:cut], line[cut + 1:], *lines[n:]],
                [text[k].strip() for k in boilerplate if k != n] + [line[:cut], line[cut + 1:]])
    if kind == "cut":
        ends = {n: [k for k in range(3, len(lines[n - 1].rstrip()) - 2)
                    if apart(lines[n - 1][:k])]
                for n in foot[:3] if len(lines[n - 1].strip()) >= 8}
        long_enough = [n for n, cuts in ends.items() if cuts]
        if not long_enough:
            return None
        n = rng.choice(long_enough)
        kept = lines[n - 1][:rng.choice(ends[n])]
        return ([*lines[:n - 1], kept],
                [text[k].strip() for k in boilerplate if k < n] + [kept.strip()])
    raise ValueError(kind)


def _still_named(gold: dict[str, Any], text: str) -> str | None:
    """The gold's author where the changed page still names them: a copy cut inside "You can
    follow @" or "Keep Current with Fer" no longer does, and no converter could tell who
    wrote it (score.py leaves a page whose gold has no author out of that metric)."""
    author = gold.get("author")
    return author if author and author.lstrip("@").lower() in text.lower() else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="a corpus build.py wrote")
    ap.add_argument("--out", type=Path, required=True, help="folder for the variant corpora")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    for kind in KINDS:
        rng = random.Random(f"{a.seed}-{kind}")
        out = a.out / kind
        out.mkdir(parents=True, exist_ok=True)
        written = 0
        for gold_path in sorted(a.corpus.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            label = json.loads((a.labels / f"{gold_path.name[:-len('.gold.json')]}.json")
                               .read_text(encoding="utf-8"))
            lines = (a.corpus / gold["input"]).read_bytes().decode("utf-8").split("\n")
            posts = " ".join(" ".join(gold.get("posts") or gold.get("posts_prefix") or [])
                             .split())
            if kind == "restyled":
                again = restyled(label, lines, rng)
                if again is None:
                    continue
                page, new_gold = again[0], {**gold, "markers": again[1]}
            else:
                changed = variant(kind, label, lines, rng, posts)
                if changed is None:
                    continue
                page, boilerplate = changed
                new_gold = {**gold, "boilerplate": boilerplate,
                            "author": _still_named(gold, "\n".join(page))}
            (out / gold["input"]).write_bytes("\n".join(page).encode("utf-8"))
            (out / gold_path.name).write_text(json.dumps(new_gold, ensure_ascii=False, indent=1),
                                              encoding="utf-8")
            written += 1
        print(f"{kind}: {written} pages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
