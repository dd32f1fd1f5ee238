"""An archive to look at the batch index with: the samples, and generated Thread Reader App
pages (dated, by a few authors, in year folders) enough to look like years of collecting.

    python docs/sample_archive.py FOLDER [COUNT]

docs/screenshots.sh converts it with --index for the index's screenshots; the index's tests
build a small one with write_archive.
"""

from __future__ import annotations

import random
import shutil
import sys
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

AUTHORS = [("porthmor_rnli", "Porthmor Lifeboat"), ("WendWatch", "Wend Watch"),
           ("HarbourDesk", "Harbour Desk"), ("CarrowMuseum", "Carrow Museum"),
           ("tidewriter", "Mara Quill"), ("ferryfacts", "Ferry Facts")]
SUBJECTS = ["the harbour wall", "the night ferry", "the river survey", "the lifeboat appeal",
            "the town archive", "the sea pool", "the old signal station", "the bus timetable",
            "the winter storms", "the library move", "the fish market", "the coastal path"]
OPENINGS = ["What we found when we looked at {s} again, and why it matters for the town",
            "A short history of {s}, from the first plans to last week's meeting",
            "Everything the council said about {s} last night, with my notes",
            "Three things nobody tells you about {s}",
            "Why {s} closed for a month, and what happens next",
            "I spent a week reading the papers on {s}. Here is what is in them"]
LINES = ["The minutes are online, but they leave out the most interesting part.",
         "It started with a letter from a resident in 1998 [which I have seen].",
         "The engineers' report runs to 140 pages; the summary is two.",
         "Costs went up by a third between the first estimate and the contract.",
         "Nobody disputes the need. The argument is about who pays.",
         "The next public meeting is in the spring, at the town hall.",
         "If you want to read it yourself, ask at the library desk.",
         "That is the short version. The long one has more meetings in it."]


def _page(handle: str, name: str, when: datetime, posts: list[str]) -> str:
    """A saved Thread Reader App page, as tests/fixtures/sites/tra-page-lifeboat.html is."""
    stamp = int(when.timestamp())
    tweets = "\n".join(
        f'<div id="tweet_{k}" class="content-tweet" data-screenname="{handle}"'
        f' data-tweet="{stamp}{k:03d}">{k}/{len(posts)}<br />{escape(text)}'
        ' <sup class="tw-permalink"><i class="fas fa-link"></i></sup></div>'
        for k, text in enumerate(posts, 1))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Thread by @{handle} on Thread Reader App – Thread Reader App</title>
</head>
<body>
<div class="thread-header">
 <h4 class="twitter_name"><a href="/user/{handle}">{escape(name)}</a></h4>
 <div class="screenName"><a href="https://x.com/{handle}">@{handle}</a></div>
 <div class="thread-info"><a class="time" data-time="{stamp}"
  href="https://x.com/{handle}/status/{stamp}">{when:%b} {when.day}, {when:%Y}</a>
  · {len(posts)} tweets · 1 min read</div>
</div>
<div class="t-main">
{tweets}
</div>
<div class="thread-end">• • •</div>
<footer><p>© {when:%Y} Thread Reader App</p></footer>
</body>
</html>
"""


def write_archive(folder: Path, count: int = 60, seed: int = 16) -> list[Path]:
    """The samples (in `folder`/samples) and `count` generated pages (in year folders, a
    few in a subfolder), written into `folder`; the files written."""
    pick = random.Random(seed)
    written = []
    for sample in sorted((ROOT / "samples").glob("*.txt")):
        target = folder / "samples" / sample.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sample, target)
        written.append(target)
    start = datetime(2019, 1, 7, 9, 30, tzinfo=timezone.utc)
    for k in range(count):
        when = start + timedelta(days=pick.randrange(0, 6 * 365), minutes=pick.randrange(600))
        handle, name = pick.choice(AUTHORS)
        subject = pick.choice(SUBJECTS)
        posts = [pick.choice(OPENINGS).format(s=subject) + ".",
                 *pick.sample(LINES, pick.randrange(2, len(LINES)))]
        place = Path(str(when.year)) / ("harbour" if "harbour" in subject else "")
        target = folder / place / f"{when:%m-%d}-{handle}-{k}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(handle, name, when, posts), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    write_archive(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 60)
