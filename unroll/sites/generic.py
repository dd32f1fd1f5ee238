"""Any other text: nothing is boilerplate, and the input itself says how posts are delimited."""

from __future__ import annotations

from .profile import SiteProfile

PROFILE = SiteProfile(
    name="generic",
    summary="any other text: nothing removed; posts found from markers, blank lines and the limit",
    convention="auto",
)
