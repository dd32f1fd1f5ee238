"""The exceptions the library raises; each message is the one line a user needs."""

from __future__ import annotations


class UnrollError(Exception):
    """Base class: something about one input or request that unroll cannot handle."""


class InputError(UnrollError):
    """The input cannot be read as a thread (binary, undecodable, too large, unreadable)."""


class UsageError(UnrollError):
    """The caller asked for something that does not exist (an unknown format or site)."""
