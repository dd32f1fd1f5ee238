"""unroll: turn an unrolled social-media thread into a clean document.

    >>> import unroll
    >>> thread = unroll.parse("Hello there 1/\\nAnd goodbye 2/")
    >>> [p.n for p in thread.posts]
    [1, 2]
    >>> markdown = unroll.convert("Hello there 1/\\nAnd goodbye 2/", to="md")
"""

from __future__ import annotations

from .api import convert, parse
from .errors import InputError, UnrollError, UsageError
from .model import Author, Post, Removed, Segment, Source, Thread
from .writers import FORMATS
from .writers.options import Options

__all__ = [
    "FORMATS",
    "Author",
    "InputError",
    "Options",
    "Post",
    "Removed",
    "Segment",
    "Source",
    "Thread",
    "UnrollError",
    "UsageError",
    "convert",
    "parse",
]
