"""Web archives (WARC, gzipped or not, and WACZ): which captures are unroll thread pages, and
the page of one capture.

warcio, the webrecorder project's library, reads the records. A scan goes through the file
once, reading each record's headers and skipping its body, and keeps a few strings a
capture; a worker then reopens the file at its capture's offset and reads that record alone,
so a big archive is streamed, never held. A WACZ is a ZIP of such files (archive/*.warc.gz):
each is read the same way, from inside the ZIP.

A record that cannot be read (a corrupt gzip member, a record cut short) is reported, and the
scan goes on from the next record start found after it: the rest of the file converts.
"""

from __future__ import annotations

import codecs
import re
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import IO, Any
from urllib.parse import urlsplit

from ..errors import InputError
from ..read import MAX_BYTES
from ..sites import PROFILES

# Why a record is not converted, as the batch summary groups them.
REVISIT = "revisit record"
REDIRECT = "redirect"
ERROR_STATUS = "error response"
OLDER = "older capture"
NOT_THREAD = "not an unroll thread page"
REASONS = (NOT_THREAD, REVISIT, REDIRECT, ERROR_STATUS, OLDER)
PLURALS = {REVISIT: "revisit records", REDIRECT: "redirects", ERROR_STATUS: "error responses",
           OLDER: "older captures", NOT_THREAD: "not unroll thread pages"}

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
"""Content types of the pages unroll reads; a capture of anything else is no thread page."""

_STARTS = {True: b"\x1f\x8b\x08", False: b"WARC/1."}
"""What the next record starts with, in a gzipped WARC (a gzip member) and in a plain one."""
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Capture:
    """One captured page: where its record is, and what its headers say."""

    archive: str
    """The .warc, .warc.gz or .wacz file."""
    inner: str | None
    """The WARC inside a WACZ that holds the record (None: `archive` is the WARC)."""
    offset: int
    """Where the record starts, in the (uncompressed) WARC file."""
    url: str
    """The capture's target address (WARC-Target-URI)."""
    captured: str
    """When it was captured (WARC-Date, ISO 8601)."""
    charset: str | None = None
    """The charset its Content-Type names, where Python knows it."""
    truncated: str | None = None
    """Why the archiver cut the record short (WARC-Truncated), if it did."""
    site: str | None = None
    """The site profile whose thread address it is (None: found by --all-pages)."""
    thread: str | None = None
    """The thread's id, from the address."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A capture not converted, and why (one of REASONS)."""

    url: str
    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Corrupt:
    """A record that could not be read."""

    where: str
    """The WARC and the byte the record starts at."""
    message: str


Seen = Capture | Skipped | Corrupt


@cache
def _thread_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((p.name, re.compile(p.thread_url)) for p in PROFILES if p.thread_url)


def thread_of(url: str) -> tuple[str, str] | None:
    """(site, thread id) for the address of a known unroll site's thread page, else None.
    The query and fragment do not count (`?refreshed=yes`)."""
    parts = urlsplit(url)
    bare = f"{parts.scheme}://{parts.netloc}{parts.path}"
    for name, pattern in _thread_patterns():
        found = pattern.fullmatch(bare)
        if found:
            return name, found.group("id")
    return None


def wacz_members(path: str) -> list[str]:
    """The WARC files inside a WACZ (archive/*.warc, archive/*.warc.gz), in order."""
    try:
        with zipfile.ZipFile(path) as bundle:
            names = bundle.namelist()
    except (zipfile.BadZipFile, OSError) as err:
        raise InputError(f"not a readable WACZ (ZIP) file ({err})") from None
    return sorted(n for n in names if n.startswith("archive/")
                  and n.endswith((".warc", ".warc.gz")))


@contextmanager
def opened(archive: str, inner: str | None) -> Iterator[IO[bytes]]:
    """The WARC `archive` (or the WARC `inner` inside the WACZ `archive`), open for reading."""
    if inner is None:
        with open(archive, "rb") as stream:
            yield stream
        return
    with zipfile.ZipFile(archive) as bundle, bundle.open(inner) as stream:
        yield stream


@contextmanager
def opened_at(archive: str, inner: str | None, offset: int) -> Iterator[IO[bytes]]:
    """The WARC, open at byte `offset`. A WARC stored uncompressed in a WACZ (as the spec
    asks) is read straight from the ZIP file: seeking inside a ZIP member reads everything
    before the offset, which for each of many records of a big WARC would read it all."""
    start = _stored_start(archive, inner) if inner is not None else 0
    if start is None:
        with opened(archive, inner) as stream:
            stream.seek(offset)
            yield stream
        return
    with open(archive, "rb") as stream:
        stream.seek(start + offset)
        yield stream


def _stored_start(archive: str, inner: str) -> int | None:
    """Where the data of member `inner` starts in the ZIP file, if it is stored, not
    compressed: after its local header (30 bytes, its name, its extra field)."""
    with zipfile.ZipFile(archive) as bundle:
        info = bundle.getinfo(inner)
        if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1:  # encrypted
            return None
    with open(archive, "rb") as stream:
        stream.seek(info.header_offset)
        header = stream.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return None
    name, extra = struct.unpack("<HH", header[26:30])
    return int(info.header_offset) + 30 + int(name) + int(extra)


def scan(archive: str, inner: str | None, *, all_pages: bool = False) -> Iterator[Seen]:
    """Every response and revisit record of one WARC, as a Capture (a page to convert), a
    Skipped (and why) or a Corrupt (a record that could not be read); other records (requests,
    metadata, DNS lookups) are not captures of pages and pass unsaid."""
    ArchiveIterator = _iterator()
    where = f"{archive}:{inner}" if inner else archive
    with opened(archive, inner) as stream:
        gzipped = stream.read(2) == b"\x1f\x8b"
        position: int | None = 0
        while position is not None:
            stream.seek(position)
            records = ArchiveIterator(stream)
            try:
                for record in records:
                    if record.format != "warc":  # warcio reads what it cannot place as ARC
                        raise ValueError("not a WARC record")
                    seen = _seen(record, archive, inner, all_pages)
                    offset = records.get_record_offset()  # reads the rest of the record
                    missing = getattr(record.raw_stream, "limit", 0)
                    if missing > 0 and seen is not None:  # the file ended inside it
                        yield Corrupt(f"{where} at byte {offset}", f"a record cut short (its"
                                      f" last {missing:,} bytes are missing), left out")
                        continue
                    if isinstance(seen, Capture):
                        seen = _at(seen, offset)
                    if seen is not None:
                        yield seen
                return
            except Exception as err:  # any failure to read a record is that record's
                start = records.offset
                yield Corrupt(f"{where} at byte {start}", _problem(err))
                position = _next_start(stream, start + 1, gzipped)


def _iterator() -> Any:
    """warcio's record reader (the archives extra), loaded for web archives only."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise InputError("reading web archives needs warcio: pip install 'unroll[archives]'"
                         ) from None
    return ArchiveIterator


def _at(capture: Capture, offset: int) -> Capture:
    return Capture(capture.archive, capture.inner, offset, capture.url, capture.captured,
                   capture.charset, capture.truncated, capture.site, capture.thread)


def _problem(err: Exception) -> str:
    text = " ".join(str(err).split())[:160] or type(err).__name__
    return f"a corrupt or cut-short record, left out ({text})"


def _next_start(stream: IO[bytes], position: int, gzipped: bool) -> int | None:
    """Where the next record (gzip member) starts at or after `position`, if anywhere."""
    mark = _STARTS[gzipped]
    stream.seek(position)
    carried = b""
    base = position
    while chunk := stream.read(_CHUNK):
        data = carried + chunk
        found = data.find(mark)
        if found >= 0:
            return base + found
        carried = data[-(len(mark) - 1):]
        base += len(data) - len(carried)
    return None


def _seen(record: Any, archive: str, inner: str | None, all_pages: bool) -> Seen | None:
    """What one record is, from its headers alone."""
    if record.rec_type not in ("response", "revisit"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type == "revisit":
        return Skipped(url, REVISIT, record.rec_headers.get_header("WARC-Date") or "")
    http = record.http_headers
    if http is None or not url.startswith(("http://", "https://")):
        return None  # dns: and other records that capture no web page
    kind = (http.get_header("Content-Type") or "").lower()
    known = thread_of(url)
    if known is None and not all_pages:
        return Skipped(url, NOT_THREAD, kind.split(";")[0].strip())
    status = http.get_statuscode() or ""
    if status.startswith("3"):
        return Skipped(url, REDIRECT, f"HTTP {status} to {http.get_header('Location') or '?'}")
    if status != "200":
        return Skipped(url, ERROR_STATUS, f"HTTP {status}")
    if not kind.split(";")[0].strip().startswith(PAGE_TYPES):
        return Skipped(url, NOT_THREAD, kind.split(";")[0].strip() or "no content type")
    site, thread = known if known else (None, None)
    return Capture(archive, inner, 0, url, record.rec_headers.get_header("WARC-Date") or "",
                   charset_of(kind), record.rec_headers.get_header("WARC-Truncated"),
                   site, thread)


def charset_of(content_type: str) -> str | None:
    """The charset a Content-Type names, by Python's name; None when it names none or one
    Python does not know (then the usual detection decides)."""
    found = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    if not found:
        return None
    try:
        return codecs.lookup(found.group(1)).name
    except LookupError:
        return None


def body_of(capture: Capture) -> bytes:
    """The HTTP body of one capture (chunking and content encoding undone), at most
    read.MAX_BYTES."""
    ArchiveIterator = _iterator()
    try:
        with opened_at(capture.archive, capture.inner, capture.offset) as stream:
            record = next(iter(ArchiveIterator(stream)))
            data: bytes = record.content_stream().read(MAX_BYTES + 1)
    except (StopIteration, OSError, zipfile.BadZipFile, KeyError) as err:
        raise InputError(f"its record cannot be read again ({err or 'gone'})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"too large (more than the limit of {MAX_BYTES:,} bytes)")
    return data
