"""Platform exports as inputs: an X/Twitter archive and a Mastodon archive, each built here in
the layout the platform writes, converted as a user would (ZIP and unpacked folder)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from support import validate

from unroll.archives import Reading, expand, kind_of
from unroll.archives.exports import items
from unroll.archives.selfthreads import chains
from unroll.cli import cli

OWNER, OTHER = "1111", "2222"
BASE = 1_700_000_000_000_000_000


def tweet(n: int, text: str, *, reply_to: int | None = None, user: str = OWNER,
          entities: dict[str, Any] | None = None, media: list[dict[str, Any]] | None = None,
          shown_from: int = 0) -> dict[str, Any]:
    """One item of tweets.js, as X writes it (ids and numbers as strings)."""
    body: dict[str, Any] = {
        "id_str": str(BASE + n), "id": str(BASE + n), "full_text": text,
        "created_at": f"Wed Jan 03 10:{n // 60 % 60:02d}:{n % 60:02d} +0000 2024",
        "display_text_range": [str(shown_from), str(len(text))],
        "entities": entities or {"urls": [], "user_mentions": [], "hashtags": []},
    }
    if reply_to is not None:
        body.update(in_reply_to_status_id_str=str(BASE + reply_to),
                    in_reply_to_user_id_str=user, in_reply_to_screen_name="ada")
    if media:
        body["extended_entities"] = {"media": media}
    return {"tweet": body}


def tweets() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """tweets.js and tweets-part1.js: a thread of 5; a thread broken by a reply to someone
    else; one with media, t.co links and a quoted post; one whose middle post was deleted;
    a post on its own."""
    five = [tweet(1, "Five things about the ferry 🧵 1/5")] + [
        tweet(n, f"Point {n} of the ferry story, with [my note] here. {n}/5", reply_to=n - 1)
        for n in range(2, 6)]
    broken = [tweet(10, "A thread on tides 1/"), tweet(11, "Tides again 2/", reply_to=10),
              tweet(12, "@bob yes, quite", reply_to=9999, user=OTHER),
              tweet(13, "and more for bob", reply_to=12)]
    photo = {"url": "https://t.co/PIC", "media_url_https": "https://pbs.twimg.com/media/FxA.jpg",
             "type": "photo", "ext_alt_text": "The quay at dawn"}
    video = {"url": "https://t.co/PIC", "media_url_https": "https://pbs.twimg.com/t/Vid.jpg",
             "type": "video", "video_info": {"variants": [
                 {"content_type": "video/mp4", "bitrate": "832000",
                  "url": "https://video.twimg.com/v/low.mp4?tag=1"},
                 {"content_type": "video/mp4", "bitrate": "2176000",
                  "url": "https://video.twimg.com/v/high.mp4?tag=1"}]}}
    links = {"urls": [{"url": "https://t.co/LINK", "expanded_url": "https://harbour.example/tides",
                       "display_url": "harbour.example/tides"}]}
    quote = {"urls": [{"url": "https://t.co/QUOTE",
                       "expanded_url": "https://twitter.com/bob/status/42"}]}
    media = [tweet(20, "The quay &amp; the boats https://t.co/LINK https://t.co/PIC",
                   entities=links,
                   media=[photo, {**photo, "media_url_https": "https://x/B.png",
                                  "ext_alt_text": None}]),
             tweet(21, "@ada A film of it https://t.co/PIC", reply_to=20, media=[video],
                   shown_from=5),
             tweet(22, "Bob said it best https://t.co/QUOTE", reply_to=21, entities=quote)]
    deleted = [tweet(30, "Thirty"), tweet(31, "Thirty-one", reply_to=30),
               tweet(33, "Thirty-three", reply_to=32), tweet(34, "Thirty-four", reply_to=33)]
    alone = [tweet(40, "Just one post")]
    part0 = five[:4] + broken + media + deleted + alone
    return list(reversed(part0)), [five[4]]  # newest first, as X writes them


def js(name: str, data: list[dict[str, Any]]) -> str:
    return f"window.YTD.{name}.part0 = " + json.dumps(data, indent=2, ensure_ascii=False)


def x_archive(path: Path) -> Path:
    """The ZIP of "Download an archive of your data"."""
    part0, part1 = tweets()
    account = [{"account": {"accountId": OWNER, "username": "ada", "accountDisplayName": "Ada L"}}]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("Your archive.html", "<html></html>")
        bundle.writestr("data/account.js", js("account", account))
        bundle.writestr("data/tweets.js", js("tweets", part0))
        bundle.writestr("data/tweets-part1.js", js("tweets", part1))
        bundle.writestr(f"data/tweets_media/{BASE + 20}-FxA.jpg", b"\xff\xd8\xff")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["convert", *args])
    return result.exit_code, result.stdout, result.stderr


def threads_of(path: Path, *args: str) -> dict[str, dict[str, Any]]:
    code, out, err = run(str(path), "-t", "jsonl", *args)
    assert code == 0, err
    found = [validate(line) for line in out.splitlines()]
    return {t["posts"][0]["id"]: t for t in found}


def test_an_x_archive_gives_every_self_thread_of_its_owner(tmp_path: Path) -> None:
    archive = x_archive(tmp_path / "twitter-2024-01-01.zip")
    assert kind_of(str(archive)) == "x"
    threads = threads_of(archive)
    assert sorted(int(i) - BASE for i in threads) == [1, 10, 12, 20, 30, 33]
    five = threads[str(BASE + 1)]
    assert [p["marker"] for p in five["posts"]] == ["1/5", "2/5", "3/5", "4/5", "5/5"]
    assert [p["n"] for p in five["posts"]] == [1, 2, 3, 4, 5]
    assert five["posts"][1]["text"] == "Point 2 of the ferry story, with [my note] here."
    assert [s["kind"] for s in five["posts"][1]["segments"]] == ["source", "commentary", "source"]
    assert five["author"] == {"handle": "@ada", "name": "Ada L"}
    assert five["source"]["kind"] == "x-archive"
    assert five["source"]["name"] == f"{archive}#{BASE + 1}"
    assert five["source"]["url"] == f"https://x.com/ada/status/{BASE + 1}"
    assert five["date"] == "2024-01-03T10:00:01+00:00"
    assert [p["date"] for p in five["posts"]][-1] == "2024-01-03T10:00:05+00:00"
    assert [p["id"] for p in five["posts"]] == [str(BASE + n) for n in range(1, 6)]


def test_a_reply_to_someone_else_breaks_the_thread(tmp_path: Path) -> None:
    threads = threads_of(x_archive(tmp_path / "x.zip"))
    assert [p["text"] for p in threads[str(BASE + 10)]["posts"]] == ["A thread on tides",
                                                                    "Tides again"]
    # The reply to someone else starts a thread of the owner's own, kept as written.
    assert [p["text"] for p in threads[str(BASE + 12)]["posts"]] == ["@bob yes, quite",
                                                                    "and more for bob"]


def test_media_links_and_quotes_are_what_they_are(tmp_path: Path) -> None:
    posts = threads_of(x_archive(tmp_path / "x.zip"))[str(BASE + 20)]["posts"]
    assert posts[0]["text"] == "The quay & the boats https://harbour.example/tides"
    assert posts[0]["links"] == [{"url": "https://harbour.example/tides",
                                  "text": "https://harbour.example/tides"}]
    assert posts[0]["images"] == [
        {"url": f"data/tweets_media/{BASE + 20}-FxA.jpg", "alt": "The quay at dawn"},
        {"url": f"data/tweets_media/{BASE + 20}-B.png", "alt": None}]
    assert posts[1]["text"] == "A film of it"  # the self-reply's own "@ada " is not text
    assert posts[1]["images"] == [{"url": f"data/tweets_media/{BASE + 21}-high.mp4",
                                   "alt": None}]
    assert posts[2]["text"] == "Bob said it best"
    assert posts[2]["quoted"] == ["https://twitter.com/bob/status/42"]


def test_a_deleted_middle_post_splits_the_thread_and_says_so(tmp_path: Path) -> None:
    threads = threads_of(x_archive(tmp_path / "x.zip"))
    assert [p["text"] for p in threads[str(BASE + 30)]["posts"]] == ["Thirty", "Thirty-one"]
    after = threads[str(BASE + 33)]
    assert [p["text"] for p in after["posts"]] == ["Thirty-three", "Thirty-four"]
    assert [w["code"] for w in after["warnings"]] == ["missing-post"]
    assert str(BASE + 32) in after["warnings"][0]["message"]


def test_min_posts_and_the_unpacked_folder(tmp_path: Path) -> None:
    archive = x_archive(tmp_path / "x.zip")
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(folder)
    assert kind_of(str(folder)) == "x"
    assert sorted(int(i) - BASE for i in threads_of(folder, "--min-posts", "3")) == [1, 20]
    assert len(threads_of(folder, "--min-posts", "1")) == 7  # "Just one post" too


def test_an_x_archive_writes_a_file_per_thread_and_lists_them(tmp_path: Path) -> None:
    archive = x_archive(tmp_path / "x.zip")
    code, out, err = run(str(archive), "--list")
    assert code == 0, err
    assert out.splitlines()[0] == f"{archive}#{BASE + 1}"
    assert len(out.splitlines()) == 6
    code, _, err = run(str(archive), "-o", f"{tmp_path / 'out'}/", "-t", "html")
    assert code == 0, err
    assert len(list((tmp_path / "out" / "x").glob("*.html"))) == 6
    assert "unroll: 6 converted, 0 skipped, 0 failed" in err


def test_a_broken_export_is_one_line_naming_it(tmp_path: Path) -> None:
    archive = tmp_path / "x.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("data/account.js", js("account", [{"account": {
            "accountId": OWNER, "username": "ada"}}]))
        bundle.writestr("data/tweets.js", "window.YTD.tweets.part0 = [ {\"tweet\": {\"id_")
    code, _, err = run(str(archive), "-o", f"{tmp_path / 'out'}/")
    assert code == 1
    assert f"{archive}: data/tweets.js: not valid JSON (Unterminated string" in err
    assert "Traceback" not in err


def mastodon_archive(path: Path) -> Path:
    """The ZIP Mastodon's "Request your archive" gives: outbox.json, actor.json, media."""
    actor = "https://social.example/users/ada"

    def note(n: int, html: str, reply: str | None = None, **more: Any) -> dict[str, Any]:
        status = f"{actor}/statuses/{100 + n}"
        return {"id": f"{status}/activity", "type": "Create", "actor": actor,
                "published": f"2024-02-01T10:00:{n:02d}Z",
                "object": {"id": status, "type": "Note", "url": f"https://social.example/@ada/"
                           f"{100 + n}", "published": f"2024-02-01T10:00:{n:02d}Z",
                           "attributedTo": actor, "content": html, "inReplyTo": reply,
                           "summary": None, **more}}

    own = f"{actor}/statuses/"
    ordered = [
        note(1, "<p>Harbour news 1/3</p>"),
        note(2, "<p>The <a href=\"https://harbour.example/\">new quay</a> opens.<br>Soon.</p>"
                "<p>Second paragraph 2/3</p>", f"{own}101", summary="harbour politics",
             attachment=[{"type": "Document", "mediaType": "image/png",
                          "url": "/media_attachments/files/1/original/quay.png",
                          "name": "The quay"}]),
        note(3, "<p>End 3/3</p>", f"{own}102"),
        {"id": "x", "type": "Announce", "actor": actor, "object": "https://elsewhere/1"},
        note(4, "<p>Reply to bob</p>", "https://other.example/users/bob/statuses/9"),
        note(5, "<p>More to bob</p>", f"{own}104"),
        note(6, "<p>After a deleted post</p>", f"{own}199"),
        note(7, "<p>And on</p>", f"{own}106"),
        note(8, "<p>Alone</p>"),
    ]
    outbox = {"@context": ["https://www.w3.org/ns/activitystreams", {"x": ["y"]}],
              "id": "outbox.json", "type": "OrderedCollection", "totalItems": len(ordered),
              "orderedItems": ordered}
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("outbox.json", json.dumps(outbox, indent=1))
        bundle.writestr("actor.json", json.dumps({"id": actor, "preferredUsername": "ada"}))
    return path


def test_a_mastodon_archive_gives_every_self_thread(tmp_path: Path) -> None:
    archive = mastodon_archive(tmp_path / "archive-20240201.zip")
    assert kind_of(str(archive)) == "mastodon"
    threads = threads_of(archive)
    assert sorted(threads) == ["101", "104", "106"]
    harbour = threads["101"]
    assert [p["marker"] for p in harbour["posts"]] == ["1/3", "2/3", "3/3"]
    second = harbour["posts"][1]
    assert second["text"] == ("CW: harbour politics\n\nThe new quay opens.\nSoon.\n\n"
                              "Second paragraph")
    assert second["links"] == [{"url": "https://harbour.example/", "text": "new quay"}]
    assert second["images"] == [{"url": "media_attachments/files/1/original/quay.png",
                                 "alt": "The quay"}]
    assert second["date"] == "2024-02-01T10:00:02Z"
    assert harbour["author"]["handle"] == "@ada@social.example"
    assert harbour["source"]["kind"] == "mastodon-archive"
    assert [w["code"] for w in threads["106"]["warnings"]] == ["missing-post"]
    assert [p["text"] for p in threads["104"]["posts"]] == ["Reply to bob", "More to bob"]
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(folder)
    assert sorted(threads_of(folder / "outbox.json")) == ["101", "104", "106"]


def test_the_stream_reader_takes_items_across_chunk_bounds(tmp_path: Path) -> None:
    big = [{"tweet": {"id_str": str(n), "full_text": "é" * (n % 700)}} for n in range(3000)]
    path = tmp_path / "tweets.js"
    path.write_text(js("tweets", big), encoding="utf-8")
    with path.open("rb") as stream:
        assert list(items(stream, "t")) == big


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=1, max_size=30))
def test_every_post_is_in_at_most_one_chain_in_order(links: list[int]) -> None:
    parents = {str(n): (str(links[n]) if links[n] < n else None) for n in range(len(links))}
    found = chains(parents, int, 1)
    seen = [post for chain in found for post in chain.ids]
    assert sorted(seen, key=int) == sorted(parents, key=int)  # each post once
    for chain in found:
        for before, after in zip(chain.ids, chain.ids[1:], strict=False):
            assert parents[after] == before


@pytest.mark.parametrize("reading", [Reading(min_posts=2)])
def test_expand_reports_an_unreadable_zip(tmp_path: Path, reading: Reading) -> None:
    path = tmp_path / "twitter.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    assert kind_of(str(path)) is None  # then read as a page, and refused as a ZIP
    assert expand(str(tmp_path / "nothing.warc"), "warc", reading).failed
