"""Stage 1, read: bytes in, the decoded text and a Source describing it out.

Only this module looks at input bytes. The rule, in order:

1. a byte-order mark decides (UTF-8, UTF-16, UTF-32);
2. a known binary signature (PNG, gzip, PDF, ...) is refused by name;
3. NUL bytes mean UTF-16 when they fill every other byte, and binary otherwise;
4. strict UTF-8;
5. otherwise charset-normalizer's best guess (Windows-1252 smart quotes, Cyrillic code
   pages, Shift-JIS ...), reported in `warnings`; no guess means not text.

Nothing is decoded with errors="replace": text is either decoded exactly or refused.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from typing import BinaryIO

from .errors import InputError, shown
from .model import Source, SourceKind

MAX_BYTES = 64 * 1024 * 1024
"""Inputs larger than this are refused: real unroll pages are kilobytes, a few megabytes at most."""

_SNIFF = 4096
"""How far into the text to look for HTML markers."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Checked in this order: a UTF-32 LE mark starts with the UTF-16 LE one."""

SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"), (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip data"), (b"BZh", "bzip2 data"), (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"), (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"), (b"\x00\x00\x01\x00", "an icon"),
)
"""Binary formats people keep beside their threads, refused by name."""

CONTROL_SHARE = 0.01
"""Decoded text with more control characters than this share (and than CONTROL_MIN) is
binary, not text; a stray one in a short paste is only a stray one."""
CONTROL_MIN = 8


_CHUNK = 1 << 20
"""Streams are read a megabyte at a time, so that an endless one stops at the limit."""

_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a folder"))


def read_path(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the regular file at `path` (symbolic links followed), at most MAX_BYTES.

    Anything else (a named pipe, a device such as /dev/zero, a socket) is refused before it
    is opened, as opening or reading it may block or never end. OSError (no such file, no
    permission) is left to the caller.
    """
    mode = os.stat(path).st_mode
    _refuse_special(mode)
    # O_NONBLOCK: should a named pipe take the file's place after the check, opening it
    # does not wait for a writer, and the check below refuses it.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags), "rb", buffering=0) as handle:
        info = os.fstat(handle.fileno())
        _refuse_special(info.st_mode)
        if info.st_size > MAX_BYTES:
            raise InputError(f"too large ({info.st_size:,} bytes; the limit is {MAX_BYTES:,})")
        return read_stream(handle, first=info.st_size + 1)


def read_stream(stream: BinaryIO, *, first: int = _CHUNK) -> bytes:
    """Everything `stream` holds (stdin, an open file), or an InputError as soon as it holds
    more than MAX_BYTES: `yes | unroll convert -` stops at the limit, not when memory runs
    out."""
    parts: list[bytes] = []
    size = 0
    want = min(max(first, 1), MAX_BYTES + 1)
    while chunk := stream.read(want):
        parts.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            raise InputError(f"too large (more than the limit of {MAX_BYTES:,} bytes)")
        want = min(_CHUNK, MAX_BYTES + 1 - size)
    return b"".join(parts)


def _refuse_special(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    what = next((kind for test, kind in _KINDS if test(mode)), "not a file")
    if what == "a folder":
        raise InputError("is a folder, not a file")
    raise InputError(f"not a regular file ({what})")


def decode(data: bytes, name: str) -> tuple[Source, str]:
    """Decode one input, or refuse it with an InputError that says why and where."""
    if len(data) > MAX_BYTES:
        raise InputError(f"too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    encoding = _by_bom(data)
    if encoding is None:
        _refuse_binary(data)
        encoding = _utf16_by_nuls(data)
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as err:
            encoding, text = _guess(data, err)
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise InputError(f"not {encoding.upper()} text (invalid data at byte"
                             f" {err.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if encoding != "utf-8" or _control_bytes(data) > CONTROL_MIN:
        _refuse_controls(text)
    if not text or text.isspace():  # (text.strip() would copy a big input once more)
        raise InputError("empty (no text to convert)")
    reported = "utf-8" if encoding == "utf-8-sig" else encoding
    return Source(name=shown(name), kind=_kind(text), encoding=reported), text


def _by_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _refuse_binary(data: bytes) -> None:
    for signature, what in SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"not text ({what})")


def _utf16_by_nuls(data: bytes) -> str | None:
    """UTF-16 without a mark: text in Latin scripts has a NUL in every other byte."""
    nul = data.find(b"\x00")
    if nul < 0:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if len(data) % 2 == 0 and len(data) >= 16:  # a few bytes prove nothing
        if odd > 0.4 * half and even < 0.05 * half:
            return "utf-16-le"
        if even > 0.4 * half and odd < 0.05 * half:
            return "utf-16-be"
    raise InputError(f"not text (binary data at byte {nul})")


def _guess(data: bytes, err: UnicodeDecodeError) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # only for the rare input that is not UTF-8

    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "utf-8"):
        bad = data[err.start:err.start + 1].hex()
        raise InputError(f"not UTF-8 text (invalid byte 0x{bad} at byte {err.start}),"
                         " and no other encoding fits") from None
    return best.encoding, data.decode(best.encoding)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
"""C0 control characters other than tab, newline, vertical tab, form feed and return."""


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r")


def _control_bytes(data: bytes) -> int:
    """How many control characters UTF-8 `data` holds, counted in C on the bytes (in UTF-8
    each is a byte of its own): when there are few, the text cannot be refused for them and
    the slower count on the decoded text is skipped."""
    step = 1 << 20  # a megabyte at a time: translate copies what it keeps
    chunks = (data[at:at + step] for at in range(0, len(data), step))
    return sum(len(chunk) - len(chunk.translate(None, _CONTROL_BYTES)) for chunk in chunks)


def _refuse_controls(text: str) -> None:
    sample = text[:65536]
    controls = _CONTROL.findall(sample)
    if len(controls) > max(CONTROL_MIN, CONTROL_SHARE * len(sample)):
        first = _CONTROL.search(sample)
        assert first is not None
        raise InputError(f"not text (control characters, the first at character"
                         f" {first.start()})")


def _kind(text: str) -> SourceKind:
    head = text[:_SNIFF].lstrip()
    if "<" not in head:
        return "text"
    head = head.lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "<head" in head):
        return "html"
    return "text"
