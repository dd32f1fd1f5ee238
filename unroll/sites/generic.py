"""Any other text: nothing is boilerplate, and the input itself says how posts are delimited."""

from __future__ import annotations

from .profile import SiteProfile

PROFILE = SiteProfile(
    name="generic",
    summary="anything else (pastes from X, Bluesky, Mastodon; other pages): nothing removed but"
            " a page's nav/header/footer; posts from markers, blank lines and the limit",
    convention="auto",
)
