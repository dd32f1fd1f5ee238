"""Archives as inputs: a web archive (WARC, WACZ) or a platform export (the X/Twitter archive,
Mastodon's) expands into many inputs, each a Member that a batch task carries.

Each reader hands the pipeline what a saved page would: a WARC capture is a saved HTML page
with an address and a capture date (its body goes through unroll.parse like any page); a
platform export's self-thread is a list of posts already delimited (Blocks), which the
pipeline splits and annotates from its "split" stage on. Nothing downstream knows the
difference: every writer, the database and the batch's summary work unchanged.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from ..errors import InputError, shown
from ..model import Thread
from ..model import Warning as Note
from . import warc
from .selfthreads import SelfThread, thread_from_posts

ArchiveKind = Literal["warc", "wacz", "x", "mastodon"]
Member = warc.Capture | SelfThread

NOT_RECOGNISED = "not a page any site profile recognises"
"""Why a page that --all-pages took is left out after all."""

__all__ = ["NOT_RECOGNISED", "ArchiveKind", "Expanded", "Member", "Reading", "expand",
           "kind_of", "parse_member", "threads"]


@dataclass(frozen=True, slots=True)
class Reading:
    """How archives are read (the CLI's --all-pages, --all-captures, --min-posts)."""

    all_pages: bool = False
    """A web archive: also any captured page, whatever its address, that a site profile
    recognises by its content."""
    all_captures: bool = False
    """A web archive: every capture of a thread, each named by its date; else the newest."""
    min_posts: int = 2
    """A platform export: the fewest posts a self-thread has."""


def kind_of(path: str) -> ArchiveKind | None:
    """Which kind of archive `path` is, by its name and (for a ZIP or a folder) what it holds;
    None for anything else (a page, a folder of pages)."""
    lower = path.lower()
    if lower.endswith((".warc", ".warc.gz")):
        return "warc"
    if lower.endswith(".wacz"):
        return "wacz"
    if os.path.isdir(path):
        return _export_kind(set(_listing(path)))
    if lower.endswith(".zip") and os.path.isfile(path):
        try:
            with zipfile.ZipFile(path) as bundle:
                return _export_kind(set(bundle.namelist()))
        except (zipfile.BadZipFile, OSError):
            return None  # the page reader refuses it by name, as any ZIP
    if os.path.basename(lower) == "outbox.json":
        return "mastodon"
    return None


def _listing(folder: str) -> list[str]:
    """The names an export's layout is told by, as a ZIP of it would list them."""
    names = []
    for name in ("data/tweets.js", "data/tweet.js", "outbox.json"):
        if os.path.isfile(os.path.join(folder, name)):
            names.append(name)
    return names


def _export_kind(names: set[str]) -> ArchiveKind | None:
    if names & {"data/tweets.js", "data/tweet.js"}:
        return "x"
    if "outbox.json" in names:
        return "mastodon"
    return None


@dataclass(slots=True)
class Expanded:
    """What one archive holds: its inputs, and what it leaves out or could not read."""

    entries: list[tuple[str, str, Member]] = field(default_factory=list)
    """(output name without extension, the input's name in messages, the member)."""
    left_out: list[tuple[str, str, str]] = field(default_factory=list)
    """(name, reason, detail) of each capture not converted."""
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(name, message) of each record that could not be read."""


def expand(path: str, kind: ArchiveKind, reading: Reading) -> Expanded:
    """Every input archive `path` holds. An archive that cannot be read at all is one
    failure; a corrupt record in it is one failure, and the rest still comes."""
    try:
        if kind in ("warc", "wacz"):
            return _expand_web(path, kind, reading.all_pages, reading.all_captures)
        return _expand_export(path, kind, reading.min_posts)
    except InputError as err:
        return Expanded(failed=[(shown(path), str(err))])
    except OSError as err:
        return Expanded(failed=[(shown(path), f"cannot be read ({err.strerror or err})")])


def _expand_export(path: str, kind: ArchiveKind, min_posts: int) -> Expanded:
    """The self-threads of the platform export at `path`, each an input."""
    from .exports import Bundle

    bundle = Bundle(path)
    try:
        if kind == "x":
            from .xarchive import expand as read
        else:
            from .mastodon import expand as read
        return read(bundle, shown(path), min_posts)
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text (invalid data at byte {err.start})") from None
    finally:
        bundle.close()


def _expand_web(path: str, kind: ArchiveKind, all_pages: bool,
                all_captures: bool) -> Expanded:
    """The thread pages a WARC or WACZ captured: the newest capture of each thread (or each,
    with `all_captures`), named after the site and the thread's id."""
    found = Expanded()
    newest: dict[str, warc.Capture] = {}
    kept: list[warc.Capture] = []
    inners: list[str | None] = list(warc.wacz_members(path)) if kind == "wacz" else [None]
    if kind == "wacz" and not inners:
        raise InputError("a WACZ with no WARC files in its archive/ folder")
    for inner in inners:
        for seen in warc.scan(path, inner, all_pages=all_pages):
            if isinstance(seen, warc.Corrupt):
                found.failed.append((shown(seen.where), seen.message))
            elif isinstance(seen, warc.Skipped):
                found.left_out.append((_named(path, seen.url), seen.reason, seen.detail))
            elif all_captures:
                kept.append(seen)
            else:
                key = f"{seen.site}/{seen.thread}" if seen.site else seen.url
                older = newest.get(key)
                if older is not None and older.captured > seen.captured:
                    older, seen = seen, older
                if older is not None:
                    found.left_out.append((_named(path, older.url), warc.OLDER,
                                           f"captured {older.captured}"))
                newest[key] = seen
    for capture in kept or newest.values():
        label = _named(path, capture.url) + (f" @{capture.captured}" if all_captures else "")
        found.entries.append((_output_name(capture, all_captures), label, capture))
    return found


def _named(path: str, url: str) -> str:
    return f"{shown(path)}#{shown(url)}"


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _output_name(capture: warc.Capture, dated: bool) -> str:
    """site/thread-id; a page --all-pages took: pages/host/path; `dated`: the capture's date
    and time after the name."""
    if capture.site is not None:
        name = f"{capture.site}/{capture.thread}"
    else:
        parts = urlsplit(capture.url)
        page = _UNSAFE.sub("_", (parts.path + ("?" + parts.query if parts.query else ""))
                           .strip("/")).strip("._")[:120] or "index"
        name = f"pages/{_UNSAFE.sub('_', parts.netloc) or 'unknown'}/{page}"
    if dated:
        name += "-" + "".join(c for c in capture.captured if c.isdigit())[:14]
    return name + ".page"  # the batch puts the format's extension in place of this one


def threads(path: str, reading: Reading | None = None, *,
            limit: int | None = None) -> Iterator[Thread]:
    """Every thread the archive at `path` holds, in order, parsed in this process: the
    library's way in (a batch reads the same members in its workers). An archive that is none
    of the kinds kind_of knows, or that cannot be read at all, is an InputError; a record that
    cannot be read, and a page --all-pages took that no profile knows, are passed over (expand
    lists them, with why)."""
    kind = kind_of(path)
    if kind is None:
        raise InputError(f"{shown(path)}: not a web archive (.warc, .warc.gz, .wacz) or an X or"
                         " Mastodon export")
    expanded = expand(path, kind, reading or Reading())
    if expanded.failed and not expanded.entries:
        name, message = expanded.failed[0]
        raise InputError(f"{name}: {message}")
    for _output, name, member in expanded.entries:
        thread = parse_member(member, name=name, limit=limit)
        if thread is not None:
            yield thread


def parse_member(member: Member, *, name: str, site: str | None = None,
                 limit: int | None = None, strip: bool = False) -> Thread | None:
    """The thread of one archive member; None for a page --all-pages took that no site
    profile recognises (the batch leaves it out, saying so). `strip` as for parse."""
    if isinstance(member, SelfThread):
        return thread_from_posts(member, name=name, limit=limit, strip=strip)
    return _parse_capture(member, name=name, site=site, limit=limit, strip=strip)


def _parse_capture(capture: warc.Capture, *, name: str, site: str | None,
                   limit: int | None, strip: bool) -> Thread | None:
    """A captured page, decoded by its Content-Type's charset (else found out as for any
    file), with its address and capture date."""
    from ..api import parse

    body = warc.body_of(capture)
    notes: list[Note] = []
    try:
        thread = parse(body, name=name, site=site, limit=limit, encoding=capture.charset,
                       strip=strip)
    except InputError:
        if capture.charset is None:
            raise
        thread = parse(body, name=name, site=site, limit=limit, strip=strip)
        notes.append(Note("encoding", f"the capture's Content-Type says {capture.charset},"
                                      " which does not decode it: the encoding was found out"
                                      f" instead ({thread.source.encoding})"))
    if capture.site is None and thread.site is None and site is None:
        return None
    thread.source.captured = capture.captured or None
    thread.url = capture.url
    if capture.truncated:
        notes.append(Note("capture-truncated", f"the archive cut this capture short"
                                               f" ({capture.truncated}): the page's end may be"
                                               " missing"))
    thread.warnings.extend(notes)
    return thread
