"""The builds as an Atom feed, the most recently changed first: what a feed reader needs to notice a new build,
or an old one revised (any commit to its file counts, a typo fix too: Git cannot tell them apart).

Atom wants absolute links, so the feed uses the site's address from mkdocs.yml (the Pages workflow writes the
real one there before it builds). An entry is updated when its file last changed (`history`), or on the build's
date where the history cannot say; it is published on the build's date. Never the clock: the same commit always
makes the same bytes. A build added today about a machine from 2019 heads the feed, as it is new to readers.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .view import BuildView

# At the root of the docs folder: Material's instant navigation fetches sitemap.xml from the folder of every
# rel=alternate link, and only the root has one.
PATH = "feed.xml"
TITLE = "PC Build Guides: new and updated builds"
MAX_ENTRIES = 50  # what is new; the builds index lists the rest


def site_url(root: Path) -> str:
    found = re.search(r"^site_url:\s*(\S+)", (root / "mkdocs.yml").read_text("utf-8"), re.MULTILINE)
    url = found.group(1).strip("'\"") if found else "https://example.invalid/"  # .ci/site-url.py quotes it
    return url if url.endswith("/") else url + "/"


def _updated(v: BuildView) -> dt.date:
    return max(v.build.date, v.last_changed) if v.last_changed else v.build.date


def _time(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _entry(v: BuildView, base: str) -> str:
    link = f"{base}builds/{v.slug}/"
    return (
        "<entry>"
        f"<title>{escape(v.build.title)}</title>"
        f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>'
        f"<id>{escape(link)}</id>"
        f"<updated>{_time(_updated(v))}</updated><published>{_time(v.build.date)}</published>"
        f"<author><name>{escape(v.build.author)}</name></author>"
        f'<summary type="text">{escape(v.description)}</summary>'
        "</entry>"
    )


def atom(views: list[BuildView], base: str) -> str:
    """The feed of the MAX_ENTRIES builds updated last, most recent first; `views` are newest first, which keeps
    builds updated on the same day in the builds index's order."""
    latest = sorted(views, key=_updated, reverse=True)[:MAX_ENTRIES]
    updated = _time(_updated(latest[0])) if latest else "1970-01-01T00:00:00Z"
    entries = "\n".join(_entry(v, base) for v in latest)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(TITLE)}</title>"
        f'<link rel="self" type="application/atom+xml" href={quoteattr(base + PATH)}/>'
        f'<link rel="alternate" type="text/html" href={quoteattr(base)}/>'
        f"<id>{escape(base + PATH)}</id><updated>{updated}</updated>\n{entries}\n</feed>\n"
    )
