"""The few CSS selectors the site profiles use, matched on a BeautifulSoup tree.

soupsieve, bs4's selector engine, compiles some 500 regular expressions the first time any
selector is used, which costs more than the rest of converting a saved page
(benchmarks/README.md, "Figures that were in docstrings"). The profiles need only a subset:
comma lists, descendant chains, and compounds of a tag name, classes and attributes ([name]
or [name=value]); anything else is a ValueError. tests/test_css.py parses every profile's
selectors and holds the answers equal to soupsieve's on every page the tests have.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4.element import Tag

_COMPOUND = re.compile(r"([a-zA-Z][\w-]*)?((?:\.[\w-]+|\[[\w-]+(?:=[\w-]+)?\])*)")
_PART = re.compile(r"\.([\w-]+)|\[([\w-]+)(?:=([\w-]+))?\]")


@dataclass(frozen=True, slots=True)
class Compound:
    """One step of a chain: what a single element must be ("div.content-tweet[data-tweet]")."""

    tag: str | None
    classes: frozenset[str]
    attributes: tuple[tuple[str, str | None], ...]
    """(name, value) pairs; value None for [name] alone."""


Chain = tuple[Compound, ...]
"""Compounds separated by spaces: each one a descendant of the one before."""


@cache
def parse(selector: str) -> tuple[Chain, ...]:
    """The chains of a comma-separated selector; ValueError for what this subset lacks."""
    chains = []
    for alternative in selector.split(","):
        chain = []
        for word in alternative.split():
            match = _COMPOUND.fullmatch(word)
            if match is None:
                raise ValueError(f"selector {selector!r}: {word!r} is not supported")
            parts = list(_PART.finditer(match.group(2)))
            chain.append(Compound(
                match.group(1).lower() if match.group(1) else None,
                frozenset(p.group(1) for p in parts if p.group(1)),
                tuple((p.group(2).lower(), p.group(3)) for p in parts if p.group(2)),
            ))
        if not chain:
            raise ValueError(f"selector {selector!r}: an empty alternative")
        chains.append(tuple(chain))
    return tuple(chains)


def _is(element: Tag, compound: Compound) -> bool:
    if compound.tag is not None and element.name != compound.tag:
        return False
    if compound.classes and not compound.classes <= set(element.get_attribute_list("class")):
        return False
    for name, value in compound.attributes:
        found = element.get(name)
        if found is None:
            return False
        if value is not None and (" ".join(found) if isinstance(found, list) else found) != value:
            return False
    return True


def _matches(element: Tag, chain: Chain) -> bool:
    """Whether `element` is the chain's last compound with the others among its ancestors
    (taking the nearest ancestor that fits each one is right for descendant chains)."""
    if not _is(element, chain[-1]):
        return False
    wanted = len(chain) - 2
    parent = element.parent
    while wanted >= 0 and parent is not None:
        if _is(parent, chain[wanted]):
            wanted -= 1
        parent = parent.parent
    return wanted < 0


def matches(element: Tag, selector: str) -> bool:
    """Whether `element` matches `selector`."""
    return any(_matches(element, chain) for chain in parse(selector))


def elements(root: Tag) -> Iterator[Tag]:
    """The elements under `root`, in document order. (bs4's find_all(True) builds a filter
    at every call: 25 us, a third of the time a saved page took, called for every post.)"""
    from bs4.element import Tag

    return (node for node in root.descendants if isinstance(node, Tag))


def _candidates(root: Tag, chains: tuple[Chain, ...]) -> Iterator[Tag]:
    """The elements under `root` that may match one of `chains`, in document order.

    A guard in front of _matches: a compound is never empty, so an element with no
    attributes can only match a last compound by its tag name, and most of a big page's
    elements (its <p>, <br>, <span>) have none and match nothing."""
    from bs4.element import Tag

    tags = frozenset(chain[-1].tag for chain in chains)
    return (node for node in root.descendants
            if isinstance(node, Tag) and (node.attrs or node.name in tags))


def select(root: Tag, selector: str) -> list[Tag]:
    """The elements under `root` that match `selector`, in document order."""
    chains = parse(selector)
    return [element for element in _candidates(root, chains)
            if any(_matches(element, chain) for chain in chains)]


def select_one(root: Tag, selector: str) -> Tag | None:
    """The first element under `root` that matches `selector`, or None."""
    chains = parse(selector)
    return next((element for element in _candidates(root, chains)
                 if any(_matches(element, chain) for chain in chains)), None)
