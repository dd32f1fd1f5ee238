"""unroll: turn an unrolled social-media thread into a clean document.

    >>> import unroll
    >>> thread = unroll.parse("Hello there 1/\\nAnd goodbye 2/")
    >>> [p.n for p in thread.posts]
    [1, 2]
    >>> markdown = unroll.convert("Hello there 1/\\nAnd goodbye 2/", to="md")
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import convert, parse
    from .errors import InputError, UnrollError, UsageError
    from .model import Author, Post, Removed, Segment, Source, Thread
    from .writers import FORMATS
    from .writers.options import Options

_HOMES = {
    "convert": ".api", "parse": ".api",
    "InputError": ".errors", "UnrollError": ".errors", "UsageError": ".errors",
    "Author": ".model", "Post": ".model", "Removed": ".model", "Segment": ".model",
    "Source": ".model", "Thread": ".model",
    "FORMATS": ".writers", "Options": ".writers.options",
}
"""Where each public name lives. They are imported on first use (PEP 562), so that `unroll
--help` and `unroll sites` do not load the whole pipeline (start-up, benchmarks/run.py)."""


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'unroll' has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


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
