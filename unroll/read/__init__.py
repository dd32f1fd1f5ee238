"""Stage 1, read: bytes in, the decoded text and a Source describing it out.

Only this module looks at input bytes. The rule, in order:

1. a byte-order mark decides (UTF-8, UTF-16, UTF-32);
2. a known binary signature (PNG, gzip, PDF, ...) is refused by name;
3. NUL bytes mean UTF-16 when they fill every other byte, and binary otherwise;
4. strict UTF-8;
5. otherwise a guess (guess_encoding): charset-normalizer's candidates, of which the Western
   one (Windows-1252; Latin-1 where it cannot decode) wins unless another is plainly better,
   an encoding browsers know comes before an exotic code page, and a few non-ASCII bytes never
   choose an exotic one; reported in `warnings` (and said to be a guess where the evidence
   was thin). No candidate means not text.

An encoding the caller names (`encoding=`, `--encoding`) replaces all of this but the
refusal of known binary formats. Nothing is decoded with errors="replace": text is either
decoded exactly or refused.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from typing import Any, BinaryIO

from ..errors import InputError, UsageError, shown
from ..model import Source, SourceKind

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


def encoding_name(name: str) -> str:
    """The codec `name` stands for ("latin-1" is "iso8859-1", "windows-1251" is "cp1251");
    a UsageError for a name Python knows no text encoding by ("rot13", "nonsense")."""
    try:
        b"a".decode(name)  # LookupError too for a codec that is not a text encoding
    except UnicodeError:
        pass  # a text encoding ("utf-16": one byte is truncated data)
    except LookupError:
        raise UsageError(f"unknown encoding {name!r} (give a name Python knows, such as "
                         "utf-8, cp1252, latin-1, cp1251, shift_jis)") from None
    try:
        return codecs.lookup(name).name
    except LookupError:  # (not reached: decode looked it up)
        raise UsageError(f"unknown encoding {name!r} (give a name Python knows, such as "
                         "utf-8, cp1252, latin-1, cp1251, shift_jis)") from None


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[Source, str]:
    """Decode one input, or refuse it with an InputError that says why and where.

    `encoding`, where the caller names one, is used as it is, BOM aside: nothing is guessed.
    """
    if len(data) > MAX_BYTES:
        raise InputError(f"too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    if encoding is not None:
        return _decode_as(data, name, encoding_name(encoding))
    guess = None
    encoding = _by_bom(data)
    if encoding is None:
        _refuse_binary(data)
        encoding = _utf16_by_nuls(data)
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as err:
            encoding, text, guess = guess_encoding(data, err)
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise InputError(f"not {encoding.upper()} text (invalid data at byte"
                             f" {err.start})") from None
    return _source(data, name, text, "utf-8" if encoding == "utf-8-sig" else encoding, guess)


def _source(data: bytes, name: str, text: str, encoding: str,
            guess: str | None) -> tuple[Source, str]:
    """The decoded text's lines ended one way, checked for being text at all."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if encoding != "utf-8" or _control_bytes(data) > CONTROL_MIN:
        _refuse_controls(text)
    if not text or text.isspace():  # (text.strip() would copy a big input once more)
        raise InputError("empty (no text to convert)")
    return Source(name=shown(name), kind=_kind(text), encoding=encoding,
                  encoding_note=guess), text


def _decode_as(data: bytes, name: str, encoding: str) -> tuple[Source, str]:
    """The input in the encoding the caller named; a byte-order mark is not text."""
    _refuse_binary(data)
    try:
        text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeError as err:  # (punycode and idna raise UnicodeError itself)
        where = f" at byte {err.start}" if isinstance(err, UnicodeDecodeError) else ""
        raise InputError(f"not {encoding} text, as the encoding given says (invalid"
                         f" data{where})") from None
    return _source(data, name, text.removeprefix("\ufeff"), encoding, None)


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


WEB_ENCODINGS = frozenset(codecs.lookup(label).name for label in (
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "cp874", "cp866", "latin-1", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5",
    "iso8859-6", "iso8859-7", "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14",
    "iso8859-15", "iso8859-16", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "gbk",
    "gb2312", "gb18030", "big5", "big5hkscs", "cp950", "euc_jp", "iso2022_jp", "shift_jis",
    "cp932", "euc_kr", "cp949", "utf-16-le", "utf-16-be", "utf-32",
))
"""The encodings web browsers decode (the WHATWG Encoding Standard's, by Python's names):
text saved from a page or a Windows program is in one of them. The rest (EBCDIC, DOS and
other vendors' code pages) are exotic, and chosen only on plenty of evidence."""

THIN_EVIDENCE = 32
"""Fewer non-ASCII bytes than this are too few to tell one 8-bit encoding from another: any
of dozens decodes them without a mess, and the detector's language scores are noise (sixteen
accents in French words score as Polish in Baltic cp1257)."""
FEW_BYTES = 4
"""Fewer non-ASCII bytes than this are a word's accents at most: they are read as Western
whatever else could decode them (one byte and a letter make a Big5 character)."""

_ASCII = bytes(range(128))


def guess_encoding(data: bytes, err: UnicodeDecodeError) -> tuple[str, str, str | None]:
    """(encoding, text, note) for bytes that are not UTF-8; the note says why the choice is
    only a guess, where the evidence is thin.

    charset-normalizer's candidates, best first, each with the encodings that decode the
    bytes to the same text. The Western encoding (Windows-1252, or Latin-1 where that cannot
    decode the bytes) is taken
    - for fewer than FEW_BYTES non-ASCII bytes, whatever else could decode them;
    - for fewer than THIN_EVIDENCE that sit in Latin words ("déjà"): on so little text the
      detector's mess and language scores are noise ("crème" reads as Slovak "crčme" to it,
      and "déjà" as messier than Baltic "déją");
    - wherever it is a candidate and no other is plainly better (no more mess, no less
      coherent text, and strictly better in one of them), or, for accents in Latin words,
      no other's text is more coherent;
    - where only exotic code pages are sure of fewer than THIN_EVIDENCE non-ASCII bytes,
      or no candidate at all is.
    Else the best candidate that browsers know; an exotic code page only on more evidence.
    """
    results = _detected(data)
    western = "cp1252" if _decodes(data, "cp1252") else codecs.lookup("latin-1").name
    high = len(data.translate(None, _ASCII))  # the bytes left once ASCII is taken out
    thin = high < THIN_EVIDENCE
    if (not results and not thin) or (results and _name(results[0].encoding) == "utf-8"):
        bad = data[err.start:err.start + 1].hex()
        raise InputError(f"not UTF-8 text (invalid byte 0x{bad} at byte {err.start}),"
                         " and no other encoding fits") from None
    chosen = _chosen(data, results, western, high)
    return chosen, data.decode(chosen), _thin_note(high, chosen, western) if thin else None


def _detected(data: bytes) -> list[Any]:
    """charset-normalizer's candidates, best first, but the wide encodings."""
    from charset_normalizer import from_bytes  # only for the rare input that is not UTF-8

    # UTF-16 and UTF-32 text is told by its BOM or its NUL bytes (_by_bom, _utf16_by_nuls):
    # without them, a detector's wide-encoding guess is noise ("café à à à" as UTF-16-BE).
    return [m for m in from_bytes(data)
            if b"\x00" in data or not _name(m.encoding).startswith(("utf-16", "utf-32"))]


def _chosen(data: bytes, results: list[Any], western: str, high: int) -> str:
    """The encoding guess_encoding's rule picks among the candidates, for `high` non-ASCII
    bytes."""
    thin = high < THIN_EVIDENCE
    web = next((m for m in results if WEB_ENCODINGS.intersection(_names(m))), None)
    latin = _in_latin_words(data)
    if (not results or high < FEW_BYTES or (thin and latin)
            or _western_holds(data, western, results, web, latin)):
        return western
    if thin and (web is None or web is not results[0]):
        return western  # only an exotic code page is sure of a few bytes: any would be
    if web is not None:
        return next(name for name in _names(web) if name in WEB_ENCODINGS)
    return _name(results[0].encoding)


def _thin_note(high: int, chosen: str, western: str) -> str:
    """Why a guess on `high` non-ASCII bytes is only that."""
    count = "one non-ASCII byte is" if high == 1 else f"{high} non-ASCII bytes are"
    note = f"a guess: {count} too few to tell the encoding"
    note += f", so the most common one, {western}" if chosen == western else ""
    return note + "; if the text looks wrong, give it with --encoding NAME"


def _western_holds(data: bytes, western: str, results: list[Any], web: Any,
                   latin: bool) -> bool:
    """Whether the Western encoding is a candidate that no encoding browsers know beats: by
    being plainly better, or, for accents in Latin words, by more coherent text alone (the
    mess detector finds "déjà" or "piñata" messier than the Baltic "déją", "piżata")."""
    from charset_normalizer import from_bytes

    west = next((m for m in results if western in _names(m)), None)
    if west is None:  # the search stops early once multi-byte candidates fit: ask directly
        west = from_bytes(data, cp_isolation=[western]).best()
    if west is None or web is None:
        return west is not None
    if latin:
        return bool(web.coherence <= west.coherence)
    return not _better(_score(web), _score(west))


_IN_WORD = re.compile(rb"(?<=[A-Za-z])[\x80-\xff]|[\x80-\xff](?=[A-Za-z])"
                      rb"|(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")
"""A non-ASCII byte beside an ASCII letter, or alone: an accent in a Latin word ("caf\xe9"),
or a one-letter word ("\xe0"). Cyrillic, Greek or CJK text in an 8-bit or multi-byte
encoding makes whole runs of them instead."""


def _in_latin_words(data: bytes) -> bool:
    """Whether most of the non-ASCII bytes (of the first 64 KiB) stand beside ASCII letters."""
    sample = data[:65536]
    high = len(sample.translate(None, _ASCII))
    return 2 * sum(1 for _ in _IN_WORD.finditer(sample)) >= high > 0


def _name(encoding: str) -> str:
    return codecs.lookup(encoding).name


def _names(match: Any) -> list[str]:
    """A candidate's encoding and those that decode the bytes alike, by Python's names."""
    return [_name(name) for name in (match.encoding, *match.could_be_from_charset)]


def _score(match: Any) -> tuple[float, float]:
    return match.chaos, match.coherence


def _better(one: tuple[float, float], other: tuple[float, float]) -> bool:
    """Whether (mess, coherence) `one` is plainly better than `other`: no more mess and no
    less coherent text, and strictly better in one."""
    return one[0] <= other[0] and one[1] >= other[1] and one != other


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


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
