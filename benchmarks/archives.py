"""Archives as inputs: a big WARC (pages per second, peak memory) and a big X archive
(seconds, peak memory), each at two sizes, so that memory staying flat shows.

The WARC holds captures of the project's Thread Reader App fixture page, each with its own
thread id and padded with chrome to about --page-bytes (default: 20,000 captures of 25 KB,
about 500 MB), written uncompressed with warcio; the X archive holds --posts posts (default
100,000), four in five of them in self-threads of five. Both are generated
deterministically in a temporary folder, then the installed `unroll` converts them as a user
would. Nothing is asserted: the machines are shared and noisy.

    python benchmarks/archives.py [--captures 20000] [--page-bytes 25000] [--posts 100000]
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "tests" / "fixtures" / "sites" / "tra-page-lifeboat.html").read_bytes()
_PEAK = ("import resource, subprocess, sys, time; t = time.perf_counter();"
         " subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
         " print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def make_warc(path: Path, captures: int, page_bytes: int) -> int:
    """`captures` thread pages in one uncompressed WARC; returns its size in bytes."""
    # Real saved pages are mostly script and style; a few teasers of other threads.
    teasers = b"".join(b"<p><a href='/thread/%d.html'>Another thread, number %d</a></p>\n"
                       % (i, i) for i in range(20))
    script = b"var tracking = {'page': 'thread', 'n': 1};\n" * max(
        0, (page_bytes - len(PAGE) - len(teasers)) // 42)
    filler = teasers + b"<script>" + script + b"</script>"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        for n in range(captures):
            body = PAGE.replace(b"1808000000000000001", b"%d" % (1808000000000000001 + n * 7))
            body = body.replace(b"</body>", filler + b"</body>")
            uri = f"https://threadreaderapp.com/thread/{1808000000000000001 + n * 7}.html"
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": f"2024-07-05T08:{n // 60 % 60:02d}:"
                                                f"{n % 60:02d}Z"}))
    return path.stat().st_size


def make_x_archive(path: Path, posts: int) -> int:
    """An X archive of `posts` posts: runs of five self-replies, and every fifth run singles."""
    base = 1_700_000_000_000_000_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(
            [{"account": {"accountId": "1", "username": "ada", "accountDisplayName": "Ada"}}]))
        with bundle.open("data/tweets.js", "w") as out:
            out.write(b"window.YTD.tweets.part0 = [\n")
            for n in range(posts):
                tweet = {"id_str": str(base + n), "created_at": "Wed Jan 03 10:00:00 +0000 2024",
                         "full_text": f"Post {n % 5 + 1}/5 of a thread about the harbour, with a"
                                      f" link https://t.co/x{n} and [an aside] in it.",
                         "display_text_range": ["0", "90"],
                         "entities": {"urls": [{"url": f"https://t.co/x{n}",
                                                "expanded_url": f"https://harbour.example/{n}"}]}}
                if n % 5 and (n // 5) % 5:
                    tweet.update(in_reply_to_status_id_str=str(base + n - 1),
                                 in_reply_to_user_id_str="1")
                out.write((b",\n" if n else b"") + json.dumps({"tweet": tweet}).encode())
            out.write(b"\n]")
    return path.stat().st_size


def measure(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of the largest process of the command."""
    done = subprocess.run([sys.executable, "-c", _PEAK, *args], capture_output=True, text=True,
                          check=False)
    seconds, peak = done.stdout.split()
    return float(seconds), int(peak) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--captures", type=int, default=20_000)
    parser.add_argument("--page-bytes", type=int, default=25_000)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    unroll = shutil.which("unroll", path=str(Path(sys.executable).parent)) or "unroll"
    with tempfile.TemporaryDirectory() as tmp:
        for count in (options.captures // 10, options.captures):
            warc = Path(tmp) / f"crawl-{count}.warc"
            start = time.perf_counter()
            size = make_warc(warc, count, options.page_bytes)
            print(f"WARC: {count:,} captures, {size / 1e6:,.0f} MB"
                  f" (written in {time.perf_counter() - start:.0f} s)")
            seconds, peak = measure([unroll, "convert", str(warc), "--list"])
            print(f"  scan (--list):        {count / seconds:8,.0f} captures/s"
                  f"  {seconds:6.1f} s  peak RSS {peak:6.1f} MiB")
            seconds, peak = measure([unroll, "convert", str(warc), "-t", "jsonl", "-j",
                                     str(options.jobs)])
            print(f"  convert -t jsonl -j{options.jobs}: {count / seconds:8,.0f} pages/s"
                  f"     {seconds:6.1f} s  peak RSS {peak:6.1f} MiB")
            warc.unlink()
        for count in (options.posts // 10, options.posts):
            archive = Path(tmp) / f"twitter-{count}.zip"
            size = make_x_archive(archive, count)
            seconds, peak = measure([unroll, "convert", str(archive), "-t", "jsonl", "-j",
                                     str(options.jobs)])
            print(f"X archive: {count:,} posts ({size / 1e6:.1f} MB zipped):"
                  f" {seconds:6.1f} s, peak RSS {peak:6.1f} MiB")
            seconds, peak = measure([unroll, "convert", str(archive), "--list"])
            print(f"  reading alone (--list): {seconds:6.1f} s, peak RSS {peak:6.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
