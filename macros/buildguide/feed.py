"""The builds as an Atom feed, newest first: what a feed reader needs to notice a new build.

Atom wants absolute links, so the feed uses the site's address from mkdocs.yml (the Pages workflow writes the
real one there before it builds). Times come from the build dates, never from the clock, so the same builds
always make the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .view import BuildView

# At the root of the docs folder: Material's instant navigation fetches sitemap.xml from the folder of every
# rel=alternate link, and only the root has one.
PATH = "feed.xml"
TITLE = "PC Build Guides: new builds"


def site_url(root: Path) -> str:
    found = re.search(r"^site_url:\s*(\S+)", (root / "mkdocs.yml").read_text("utf-8"), re.MULTILINE)
    url = found.group(1).strip("'\"") if found else "https://example.invalid/"  # .ci/site-url.py quotes it
    return url if url.endswith("/") else url + "/"


def _entry(v: BuildView, base: str) -> str:
    link = f"{base}builds/{v.slug}/"
    when = f"{v.build.date.isoformat()}T00:00:00Z"
    return (
        "<entry>"
        f"<title>{escape(v.build.title)}</title>"
        f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>'
        f"<id>{escape(link)}</id>"
        f"<updated>{when}</updated><published>{when}</published>"
        f"<author><name>{escape(v.build.author)}</name></author>"
        f'<summary type="text">{escape(v.description)}</summary>'
        "</entry>"
    )


def atom(views: list[BuildView], base: str) -> str:
    """The feed for `views`, already newest first."""
    updated = f"{views[0].build.date.isoformat()}T00:00:00Z" if views else "1970-01-01T00:00:00Z"
    entries = "\n".join(_entry(v, base) for v in views)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(TITLE)}</title>"
        f'<link rel="self" type="application/atom+xml" href={quoteattr(base + PATH)}/>'
        f'<link rel="alternate" type="text/html" href={quoteattr(base)}/>'
        f"<id>{escape(base + PATH)}</id><updated>{updated}</updated>\n{entries}\n</feed>\n"
    )
