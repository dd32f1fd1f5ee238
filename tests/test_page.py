"""unroll.read.page: reading saved pages."""

from __future__ import annotations

import gc
import weakref

from unroll.read.page import discard, load


def test_discard_frees_the_tree_without_the_cycle_collector() -> None:
    """The pipeline parses with the collector paused; a discarded tree must go at once."""
    soup = load("<html><body><div class='t'><p>one<br>two</p></div></body></html>")
    paragraph = soup.find("p")
    assert paragraph is not None
    gone = weakref.ref(paragraph)
    del paragraph
    gc.disable()
    try:
        discard(soup)
        del soup
        assert gone() is None
    finally:
        gc.enable()
