"""Stage 1, read: bytes in, a decoded Source out.

Only this module looks at input bytes. It refuses what is not text with an InputError that says
why and where, so no later stage has to guess about encodings or line endings.
"""

from __future__ import annotations

import codecs

from .errors import InputError
from .model import Source, SourceKind

MAX_BYTES = 64 * 1024 * 1024
"""Inputs larger than this are refused: real unroll pages are kilobytes, a few megabytes at most."""

_SNIFF = 4096
"""How far into the text to look for HTML markers."""


def decode(data: bytes, name: str) -> Source:
    """Decode one input: UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is refused."""
    if len(data) > MAX_BYTES:
        raise InputError(f"too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    if encoding == "utf-8":
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(f"not text (binary data at byte {nul})")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        bad = data[err.start:err.start + 1].hex()
        raise InputError(
            f"not {encoding.upper()} text (invalid byte 0x{bad} at byte {err.start})"
        ) from None
    if encoding == "utf-16":
        text = text.lstrip("\ufeff")
        if "\x00" in text:
            raise InputError("not text (NUL character in UTF-16 data)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty (no text to convert)")
    return Source(text=text, name=name, kind=_kind(text), encoding=encoding)


def _kind(text: str) -> SourceKind:
    head = text[:_SNIFF].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "<head" in head):
        return "html"
    return "text"
