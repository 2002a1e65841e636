"""Addresses that are not pages: a build's or part's former names, and whatever a reader mistypes.

A renamed build (`formerly:` in its file) or catalog part (`formerly:` in its entry) keeps its old address: the
render step writes a small static page there that sends the reader on, keeping the #anchor, which both engines
copy as it is. The 404 page suggests the closest pages from `PAGES`, a list of every build and part with its
title, also written here.
"""

from __future__ import annotations

import json
from html import escape

from .catalog import Catalog
from .view import BuildView

PAGES = "downloads/site/pages.json"  # under the docs folder; read by docs/assets/notfound.js


def redirect_page(folder: str, new: str, title: str, base: str) -> str:
    """The page at `<folder>/<old>/`, sending readers to `<folder>/<new>/`. Ids and slugs are [a-z0-9-] only (the
    models check them), so they go into the URL and the script as they are; the title is contributor text."""
    target = f"../{new}/"
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Moved: {escape(title)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(base)}{folder}/{new}/">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<script>location.replace("{target}" + location.hash)</script>\n'
        "</head>\n<body>\n"
        f'<p>This page has moved to <a href="{target}">{escape(title)}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def build_redirects(v: BuildView, base: str) -> dict[str, str]:
    """Docs-relative path -> page, for each of the build's former names."""
    return {
        f"builds/{old}/index.html": redirect_page("builds", v.slug, v.build.title, base) for old in v.build.formerly
    }


def part_redirects(catalog: Catalog, base: str) -> dict[str, str]:
    pages = {}
    for old, new in sorted(catalog.renamed.items()):
        pages[f"parts/{old}/index.html"] = redirect_page("parts", new, catalog.parts[new].name, base)
    return pages


def page_list(views: list[BuildView], catalog: Catalog) -> str:
    """Every build and part page, `{"builds": [[slug, title], …], "parts": [[id, name], …]}`, for the 404 page."""
    builds = [[v.slug, v.build.title] for v in views]
    parts = [[part_id, part.name] for part_id, part in sorted(catalog.parts.items())]
    return json.dumps({"builds": builds, "parts": parts}, ensure_ascii=False, separators=(",", ":")) + "\n"
