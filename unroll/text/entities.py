"""HTML entities that old crawls leaked into text with a space inside ("Here& #39;s").

Only that broken form is repaired: no author types "& #39;", while "&amp;" in a text file may
be exactly what they meant (a post about escaping). The JSON keeps the text as written; the
Markdown and HTML writers show the repair, and every repair is reported as a warning.
"""

from __future__ import annotations

import html
import re

LEAKED = re.compile(r"& #(?:\d{1,7}|[xX][0-9a-fA-F]{1,6});|& (?:amp|quot|lt|gt|apos|nbsp);")


def _decode(match: re.Match[str]) -> str:
    decoded = html.unescape(match.group(0).replace(" ", "", 1))
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in decoded) or "\x00" in decoded:
        return match.group(0)  # not a character we may show: keep it as written
    return decoded


def repair(text: str) -> str:
    """The text as a reader should see it: leaked entities decoded."""
    return LEAKED.sub(_decode, text) if "& " in text else text


def leaked(text: str) -> list[str]:
    """The leaked entities in `text`, as written."""
    return LEAKED.findall(text) if "& " in text else []
