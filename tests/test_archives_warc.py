"""Web archives as inputs: WARC (gzipped or not) and WACZ files written here with warcio's own
writer, holding captures of the project's fixture pages, then converted as a user would."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import validate
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from unroll import parse
from unroll.archives import Reading, expand, kind_of, threads
from unroll.archives.warc import _stored_start, charset_of, thread_of
from unroll.cli import cli
from unroll.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "sites"
TRA = (FIXTURES / "tra-page-lifeboat.html").read_bytes()
TWTEXT = (FIXTURES / "twtext-page-bees.html").read_bytes()
GENERIC = (FIXTURES / "generic-page-canal.html").read_bytes()

TRA_URL = "https://threadreaderapp.com/thread/1808000000000000001.html"
TWTEXT_URL = "https://twtext.com/article/1700000000000000042"


def record(uri: str, body: bytes = b"", *, status: str = "200 OK",
           content_type: str = "text/html; charset=utf-8", date: str = "2024-07-04T10:00:00Z",
           kind: str = "response", extra: dict[str, str] | None = None,
           gzipped: bool = True) -> bytes:
    """One WARC record, as warcio writes it (its own gzip member when gzipped)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    headers = [("Content-Type", content_type), *(extra or {}).items()]
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": date}
    if kind == "revisit":
        made = writer.create_revisit_record(uri, "sha1:AAAA", uri, "2024-07-01T00:00:00Z",
                                            http_headers=http, warc_headers_dict=warc_headers)
    else:
        made = writer.create_warc_record(uri, kind, payload=io.BytesIO(body),
                                         http_headers=http if kind == "response" else None,
                                         warc_headers_dict=warc_headers)
    writer.write_record(made)
    return out.getvalue()


def crawl() -> list[bytes]:
    """The captures of a small crawl: two of one thread (the second newer), another site's
    thread, a page of no unroll site, an image, a revisit, a redirect, a 404."""
    return [
        record("https://threadreaderapp.com/", b"<html><body>home</body></html>"),
        record(TRA_URL, TRA.replace(b"Busy night", b"Old capture"), date="2024-07-04T10:00:00Z"),
        record(TWTEXT_URL, TWTEXT, content_type="text/html"),
        record("https://example.org/canal", GENERIC),
        record("https://pbs.twimg.com/media/Lifeboat01.jpg", b"\x89PNG....",
               content_type="image/jpeg"),
        record(TRA_URL, TRA, date="2024-07-05T08:30:00Z"),  # the same address, newer
        record(TRA_URL.removesuffix(".html") + "?refreshed=yes", TRA,
               date="2024-07-03T00:00:00Z"),  # the same thread at another address, older
        record(TRA_URL, kind="revisit", date="2024-07-06T00:00:00Z"),
        record("https://threadreaderapp.com/thread/1808000000000000009.html", b"",
               status="301 Moved Permanently",
               extra={"Location": "https://threadreaderapp.com/thread/18.html"}),
        record("https://twtext.com/article/1700000000000000404", b"gone", status="404 Not Found"),
    ]


def write(path: Path, members: list[bytes]) -> Path:
    path.write_bytes(b"".join(members))
    return path


def corrupted(member: bytes) -> bytes:
    """A gzip member whose compressed data is broken in the middle (its header intact)."""
    middle = len(member) // 2
    return member[:middle] + bytes(b ^ 0x5A for b in member[middle:middle + 40]) \
        + member[middle + 40:]


def convert(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["convert", *args])
    return result.exit_code, result.stdout, result.stderr


def test_thread_addresses_are_known_by_the_site_profiles() -> None:
    assert thread_of(TRA_URL) == ("threadreaderapp", "1808000000000000001")
    assert thread_of(TRA_URL + "?refreshed=yes#top") == ("threadreaderapp", "1808000000000000001")
    assert thread_of("https://threadreaderapp.com/scrolly/12") == ("threadreaderapp-scrolly", "12")
    assert thread_of("https://www.twunroll.com/article/77") == ("twtext", "77")
    assert thread_of("https://threader.app/thread/5") == ("threader", "5")
    assert thread_of("https://threadreaderapp.com/") is None
    assert thread_of("https://example.org/thread/1.html") is None


def test_charset_of_a_content_type() -> None:
    assert charset_of("text/html; charset=ISO-8859-1") == "iso8859-1"
    assert charset_of('text/html; charset="utf-8"') == "utf-8"
    assert charset_of("text/html") is None
    assert charset_of("text/html; charset=no-such-thing") is None


def test_a_warc_converts_every_thread_page_newest_capture_first(tmp_path: Path) -> None:
    archive = write(tmp_path / "crawl.warc.gz", crawl())
    code, _, err = convert(str(archive), "-o", str(tmp_path / "out") + "/", "-t", "json")
    assert code == 0, err
    written = sorted(p.relative_to(tmp_path / "out").as_posix()
                     for p in (tmp_path / "out").rglob("*.json"))
    assert written == ["threadreaderapp/1808000000000000001.json",
                       "twtext/1700000000000000042.json"]
    tra = validate((tmp_path / "out/threadreaderapp/1808000000000000001.json").read_text())
    page = parse(TRA, name="x")
    assert [p["text"] for p in tra["posts"]] == [p.text for p in page.posts]
    assert "Old capture" not in json.dumps(tra)  # the newer capture won
    assert tra["source"]["url"] == TRA_URL
    assert tra["source"]["captured"] == "2024-07-05T08:30:00Z"
    assert tra["source"]["site"] == "threadreaderapp"
    assert tra["source"]["name"] == f"{archive}#{TRA_URL}"
    assert "unroll: 2 converted, 0 skipped, 0 failed" in err
    assert ("8 left out: 3 not unroll thread pages, 1 revisit record, 1 redirect,"
            " 1 error response, 2 older captures") in err


def test_the_listing_names_each_capture_and_each_left_out_one(tmp_path: Path) -> None:
    archive = write(tmp_path / "crawl.warc.gz", crawl())
    code, out, err = convert(str(archive), "--list", "-v")
    assert code == 0, err
    assert out.splitlines() == [f"{archive}#{TRA_URL}", f"{archive}#{TWTEXT_URL}"]
    assert f"{archive}#{TRA_URL}: older capture (captured 2024-07-04T10:00:00Z)" in err
    assert "HTTP 301 to https://threadreaderapp.com/thread/18.html" in err
    assert "twtext.com/article/1700000000000000404: error response (HTTP 404)" in err
    code, out, _ = convert(str(archive), "--list", "-o", str(tmp_path / "out") + "/")
    assert out.splitlines()[1] == (f"{archive}#{TWTEXT_URL}\t"
                                   f"{tmp_path / 'out' / 'twtext' / '1700000000000000042.md'}")
    assert not (tmp_path / "out").exists()


def test_all_captures_keeps_each_named_by_its_date(tmp_path: Path) -> None:
    archive = write(tmp_path / "crawl.warc", crawl())  # not gzipped: the same reading
    out = tmp_path / "out"
    code, _, err = convert(str(archive), "-o", f"{out}/", "--all-captures")
    assert code == 0, err
    assert sorted(p.name for p in (out / "threadreaderapp").iterdir()) == [
        "1808000000000000001-20240703000000.md", "1808000000000000001-20240704100000.md",
        "1808000000000000001-20240705083000.md"]
    assert "Old capture" in (out / "threadreaderapp/1808000000000000001-20240704100000.md"
                             ).read_text()


def test_all_pages_takes_what_a_profile_recognises_by_content(tmp_path: Path) -> None:
    archive = write(tmp_path / "crawl.warc.gz", [
        record("https://mirror.example.net/saved/bees", TWTEXT),
        record("https://example.org/canal", GENERIC),
    ])
    out = tmp_path / "out"
    code, _, err = convert(str(archive), "-o", f"{out}/", "--all-pages", "-v")
    assert code == 0, err
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.md")] == [
        "pages/mirror.example.net/saved_bees.md"]
    assert "1 left out: 1 not a page any site profile recognises" in err
    assert "example.org/canal: not a page any site profile recognises" in err


def test_a_corrupt_record_is_reported_and_the_rest_converts(tmp_path: Path) -> None:
    members = crawl()
    members[2] = corrupted(members[2])  # the twtext capture
    with pytest.raises((OSError, EOFError, zlib.error)):  # the member really is broken
        gzip.decompress(members[2])
    archive = write(tmp_path / "crawl.warc.gz", members)
    code, _, err = convert(str(archive), "-o", f"{tmp_path / 'out'}/")
    assert code == 1
    assert (tmp_path / "out/threadreaderapp/1808000000000000001.md").exists()
    assert "unroll: 1 converted, 0 skipped, 1 failed" in err
    offset = sum(map(len, members[:2]))
    assert f"{archive} at byte {offset}: a corrupt or cut-short record, left out" in err


def test_a_file_cut_short_keeps_what_came_before(tmp_path: Path) -> None:
    whole = b"".join(crawl()[:3])
    archive = tmp_path / "cut.warc.gz"
    archive.write_bytes(whole[:-30])
    code, _, err = convert(str(archive), "-o", f"{tmp_path / 'out'}/")
    assert code == 1
    assert (tmp_path / "out/threadreaderapp/1808000000000000001.md").exists()
    assert "cut.warc.gz at byte" in err
    assert "a record cut short (its last" in err


def test_not_a_warc_is_one_line_naming_the_file(tmp_path: Path) -> None:
    archive = tmp_path / "notes.warc.gz"
    archive.write_bytes(gzip.compress(b"just some notes\n"))
    code, _, err = convert(str(archive), "-o", f"{tmp_path / 'out'}/")
    assert code == 1
    assert f"{archive} at byte 0: a corrupt or cut-short record" in err
    assert "Traceback" not in err


def test_the_content_type_charset_decodes_the_page(tmp_path: Path) -> None:
    page = ("<html><head><title>x</title></head><body><p>Caf\u00e9 cr\u00e8me 1/2</p>"
            "<p>Suite 2/2</p></body></html>").encode("cp1252")
    archive = write(tmp_path / "c.warc.gz", [
        record("https://twtext.com/article/9", page,
               content_type="text/html; charset=windows-1252"),
        record("https://twtext.com/article/10", page, content_type="text/html; charset=utf-8"),
    ])
    code, _, err = convert(str(archive), "-o", f"{tmp_path / 'out'}/", "-t", "json")
    assert code == 0, err
    declared = json.loads((tmp_path / "out/twtext/9.json").read_text())
    assert declared["source"]["encoding"] == "cp1252"
    assert "Café crème" in declared["posts"][0]["text"]
    wrong = json.loads((tmp_path / "out/twtext/10.json").read_text())  # says UTF-8; is not
    assert "Café crème" in wrong["posts"][0]["text"]
    assert [w["code"] for w in wrong["warnings"]][:1] == ["encoding"]


def test_a_truncated_capture_converts_with_a_warning(tmp_path: Path) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    made = writer.create_warc_record(
        TWTEXT_URL, "response", payload=io.BytesIO(TWTEXT),
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1"),
        warc_headers_dict={"WARC-Date": "2024-01-01T00:00:00Z", "WARC-Truncated": "length"})
    writer.write_record(made)
    archive = write(tmp_path / "t.warc.gz", [out.getvalue()])
    code, _, err = convert(str(archive), "-o", f"{tmp_path / 'out'}/", "-t", "json")
    assert code == 0, err
    data = json.loads((tmp_path / "out/twtext/1700000000000000042.json").read_text())
    assert "capture-truncated" in [w["code"] for w in data["warnings"]]


def wacz(path: Path, warcs: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> Path:
    """A WACZ as the spec lays it out: the WARCs under archive/ (stored, as the spec asks,
    unless told otherwise), and its manifest."""
    with zipfile.ZipFile(path, "w", compression) as bundle:
        for name, data in warcs.items():
            bundle.writestr(f"archive/{name}", data)
        bundle.writestr("datapackage.json", json.dumps({"profile": "data-package"}))
        bundle.writestr("pages/pages.jsonl", "")
    return path


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_a_wacz_reads_every_warc_inside_it(tmp_path: Path, compression: int) -> None:
    first, second = crawl()[:3], crawl()[5:]
    archive = wacz(tmp_path / "collection.wacz",
                   {"data-1.warc.gz": b"".join(first), "data-2.warc.gz": b"".join(second)},
                   compression)
    assert kind_of(str(archive)) == "wacz"
    found = expand(str(archive), "wacz", Reading())
    assert [entry[0] for entry in found.entries] == [
        "threadreaderapp/1808000000000000001.page", "twtext/1700000000000000042.page"]
    assert found.entries[0][2].captured == "2024-07-05T08:30:00Z"  # from the second WARC
    start = _stored_start(str(archive), "archive/data-2.warc.gz")  # read straight from the ZIP
    assert (start is not None) == (compression == zipfile.ZIP_STORED)
    out = tmp_path / "threads.jsonl"
    code, _, err = convert(str(archive), "-o", str(out))
    assert code == 0, err
    lines = [validate(line) for line in out.read_text().splitlines()]
    assert [line["source"]["site"] for line in lines] == ["threadreaderapp", "twtext"]
    assert lines[0]["source"]["name"].startswith(f"{archive}#")


def test_a_wacz_without_warcs_fails_naming_it(tmp_path: Path) -> None:
    archive = wacz(tmp_path / "empty.wacz", {})
    code, _, err = convert(str(archive), "-o", f"{tmp_path / 'out'}/")
    assert code == 1
    assert f"{archive}: a WACZ with no WARC files in its archive/ folder" in err


def test_update_leaves_threads_converted_since_the_archive_changed(tmp_path: Path) -> None:
    archive = write(tmp_path / "crawl.warc.gz", crawl())
    out = f"{tmp_path / 'out'}/"
    assert convert(str(archive), "-o", out)[0] == 0
    code, _, err = convert(str(archive), "-o", out, "--update")
    assert code == 0
    assert "unroll: 0 converted, 2 skipped, 0 failed" in err


def test_the_command_converts_a_warc_in_worker_processes(tmp_path: Path) -> None:
    archive = write(tmp_path / "crawl.warc.gz", crawl())
    done = subprocess.run([sys.executable, "-m", "unroll", "convert", str(archive), "-o",
                           str(tmp_path / "out"), "-j", "2", "-t", "html"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").rglob("*.html")) == [
        "1700000000000000042.html", "1808000000000000001.html"]


def test_the_help_and_the_readme_show_each_archive_input() -> None:
    shown = CliRunner().invoke(cli, ["convert", "--help"]).stdout
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for example in ("unroll convert crawl.warc.gz -o out/", "unroll convert collection.wacz",
                    "unroll convert twitter-2024-01-01.zip -o out/",
                    "unroll convert mastodon-archive.zip -o out/",
                    "unroll convert crawl.warc.gz --list"):
        assert example in shown
        assert example in readme


def test_the_library_reads_an_archive_thread_by_thread(tmp_path: Path) -> None:
    archive = write(tmp_path / "crawl.warc.gz", crawl())
    found = list(threads(str(archive)))
    assert [(t.site, t.url, t.source.captured) for t in found] == [
        ("threadreaderapp", TRA_URL, "2024-07-05T08:30:00Z"),
        ("twtext", TWTEXT_URL, "2024-07-04T10:00:00Z")]
    assert [p.text for p in found[0].posts] == [p.text for p in parse(TRA, name="x").posts]
    with pytest.raises(InputError, match="not a web archive"):
        list(threads(str(FIXTURES / "tra-page-lifeboat.html")))
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"\x1f\x8b\x08 not gzip at all")
    with pytest.raises(InputError, match=r"broken\.warc\.gz at byte 0"):
        list(threads(str(broken)))
