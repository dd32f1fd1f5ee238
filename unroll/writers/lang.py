"""The language tag of a thread's HTML page: the saved page's own, else its text's script.

`<html lang>` tells a screen reader which voice to read with, a browser how to hyphenate and
which fonts to pick (Han characters are drawn differently in Japanese and Chinese). "und"
gives them nothing. A saved page's declaration is kept where the text agrees with it; unroll
sites declare their own interface's language ("en") whatever the thread's, so where the text
is written in a script that language is not, the script decides. The script is read off the
letters of the first posts only: a language does not change halfway through a thread, and a
page of 70,000 posts must cost no more than one of seven.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable

SAMPLE = 1000
"""Characters of thread text whose letters and words are looked at: three or four posts,
enough for a vote, cheap on any thread."""

# (first code point, last code point, script) for every script whose letters name a
# language, or a few; from the Unicode blocks (https://www.unicode.org/charts/).
_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0000, 0x024F, "Latn"), (0x0370, 0x03FF, "Grek"), (0x0400, 0x052F, "Cyrl"),
    (0x0530, 0x058F, "Armn"), (0x0590, 0x05FF, "Hebr"), (0x0600, 0x06FF, "Arab"),
    (0x0750, 0x077F, "Arab"), (0x0900, 0x097F, "Deva"), (0x0980, 0x09FF, "Beng"),
    (0x0A00, 0x0A7F, "Guru"), (0x0A80, 0x0AFF, "Gujr"), (0x0B80, 0x0BFF, "Taml"),
    (0x0C00, 0x0C7F, "Telu"), (0x0C80, 0x0CFF, "Knda"), (0x0D00, 0x0D7F, "Mlym"),
    (0x0D80, 0x0DFF, "Sinh"), (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Laoo"),
    (0x0F00, 0x0FFF, "Tibt"), (0x1000, 0x109F, "Mymr"), (0x10A0, 0x10FF, "Geor"),
    (0x1100, 0x11FF, "Hang"), (0x1200, 0x139F, "Ethi"), (0x1780, 0x17FF, "Khmr"),
    (0x1E00, 0x1EFF, "Latn"), (0x3040, 0x30FF, "Kana"), (0x3130, 0x318F, "Hang"),
    (0x31F0, 0x31FF, "Kana"), (0x3400, 0x4DBF, "Hani"), (0x4E00, 0x9FFF, "Hani"),
    (0xAC00, 0xD7AF, "Hang"), (0xF900, 0xFAFF, "Hani"), (0xFF66, 0xFF9F, "Kana"),
    (0x20000, 0x2FA1F, "Hani"),
)
_STARTS = [start for start, _, _ in _BLOCKS]

SCRIPT_LANGUAGE = {
    "Grek": "el", "Armn": "hy", "Hebr": "he", "Arab": "ar", "Deva": "hi", "Beng": "bn",
    "Guru": "pa", "Gujr": "gu", "Taml": "ta", "Telu": "te", "Knda": "kn", "Mlym": "ml",
    "Sinh": "si", "Thai": "th", "Laoo": "lo", "Tibt": "bo", "Mymr": "my", "Geor": "ka",
    "Hang": "ko", "Ethi": "am", "Khmr": "km", "Kana": "ja", "Hani": "zh", "Cyrl": "ru",
}
"""The language most written in each script; the letters below tell some others apart."""

_LETTERS: dict[str, tuple[tuple[str, str], ...]] = {
    "Cyrl": (("ў", "be"), ("әғқңөұ", "kk"), ("їєґі", "uk"), ("ђћ", "sr"), ("ѓќѕ", "mk")),
    "Arab": (("ٹڈڑںے", "ur"), ("پچژگ", "fa")),
}
"""Letters that only some languages of a script use, checked in this order."""

_FUNCTION_WORDS = {
    "en": "the and of to is that with for this was are you",
    "fr": "le les et est une pas pour dans qui sur avec nous",
    "es": "el los las y es por con para del pero muy como",
    "de": "der die und das ist nicht mit ein eine ich auf auch",
    "it": "il di che della per non gli sono anche nel questo è",
    "pt": "o os um uma não com em mais são muito também nós",
    "nl": "het een van niet dat op zijn voor ook maar er wij",
}
"""Latin script names no language: the commonest short words of the commonest languages
written in it on X do (each list from the top of that language's word-frequency list)."""
_WORD_LANGUAGES: dict[str, tuple[str, ...]] = {
    word: tuple(language for language, words in _FUNCTION_WORDS.items()
                if word in words.split())
    for word in {word for words in _FUNCTION_WORDS.values() for word in words.split()}}
"""Each of those words, and the languages whose list it is in."""
MIN_WORDS = 3
"""Function words a Latin-script language needs, and twice the next one's, to be named."""

_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
"""A language tag's shape (BCP 47: a primary language subtag, then subtags)."""
_LANGUAGE_SCRIPT = {language: script for script, language in SCRIPT_LANGUAGE.items()} | {
    language: script for script, pairs in _LETTERS.items() for _, language in pairs} | {
    language: "Latn" for language in _FUNCTION_WORDS} | {"bg": "Cyrl", "ja": "Kana"}


def declared(value: str | None) -> str | None:
    """A page's `lang` attribute as a tag, or None where it names no language ("", "und",
    anything not shaped like a tag)."""
    tag = (value or "").strip().replace("_", "-")
    if not _TAG.fullmatch(tag) or tag.lower() == "und":
        return None
    return tag


def script_of(texts: Iterable[str]) -> tuple[str | None, str]:
    """The script most letters of the texts' first SAMPLE characters are written in (None:
    no letters), and those characters."""
    heads: list[str] = []
    room = SAMPLE
    for text in texts:
        heads.append(text[:room])  # a 10 MB post costs what its opening does
        room -= len(heads[-1]) + 1
        if room <= 0:
            break
    head = " ".join(heads)
    # ASCII letters are Latin, counted in C; the others are counted once the ASCII runs are
    # gone (few in most threads), each letter that occurs looked up once.
    counts = Counter(Latn=len(head.encode("ascii", "ignore").translate(None, _NOT_LETTERS)))
    if not head.isascii():
        for char, times in Counter(_ASCII_RUNS.sub("", head)).items():
            if char.isalpha():
                counts[_script(char)] += times
    counts.pop("", None)
    counts = +counts  # (no letters: no script)
    if not counts:
        return None, ""
    if counts["Kana"] and counts["Kana"] * 20 >= counts["Kana"] + counts["Hani"]:
        counts["Kana"] += counts.pop("Hani", 0)  # Japanese is written in both
    return counts.most_common(1)[0][0], head


_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def _script(char: str) -> str:
    code = ord(char)
    start, end, script = _BLOCKS[bisect.bisect_right(_STARTS, code) - 1]
    return script if start <= code <= end else ""


def thread_language(page: str | None, texts: Iterable[str]) -> str:
    """The page's own tag where the text's script agrees with it (or it is a language this
    module does not know), else the tag of the text's language as far as its script says
    (und-Latn: Latin letters, too few of any one language's commonest words)."""
    script, text = script_of(texts)
    own = declared(page)
    if own is not None:
        expected = _LANGUAGE_SCRIPT.get(own.split("-")[0].lower())
        if script is None or expected in (None, script) or (expected, script) == ("Kana",
                                                                                  "Hani"):
            return own
    if script is None:
        return "und"
    if script == "Latn":
        return _latin_language(text)
    for letters, language in _LETTERS.get(script, ()):
        if any(letter in text for letter in letters):
            return language
    return SCRIPT_LANGUAGE[script]


def _latin_language(text: str) -> str:
    table = _WORD_LANGUAGES
    votes = Counter(language for word in text.lower().split() if word in table
                    for language in table[word])  # (a word with a comma after it is missed)
    ranked = [*votes.most_common(2), ("", 0), ("", 0)]
    (best, hits), (_, second) = ranked[0], ranked[1]
    return best if hits >= MIN_WORDS and hits >= 2 * second else "und-Latn"
