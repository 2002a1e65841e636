"""Gives the Pages build its real address, and refuses to deploy a site that still has the placeholder.

    python .ci/site-url.py set URL          rewrites `site_url:` in mkdocs.yml (the checkout's copy) to URL
    python .ci/site-url.py verify SITE URL  fails unless the built sitemap names URL and not the placeholder

mkdocs.yml ships `site_url: https://example.invalid/`, which would otherwise reach canonical links, Open Graph
tags and the sitemap. The Pages workflow takes URL from actions/configure-pages (`base_url`). The file is edited
rather than read through MkDocs' `!ENV` tag: both engines accept that tag, but the tests and benchmarks read
mkdocs.yml with PyYAML's safe loader, which refuses it.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = "https://example.invalid/"
LINE = re.compile(r"^site_url:.*$", re.MULTILINE)


def normalise(url: str) -> str:
    """The address as `https://host/path/`; anything else is an error."""
    url = url.strip()
    parts = urlsplit(url)
    if (
        parts.scheme != "https"
        or not parts.hostname
        or parts.hostname == "example.invalid"
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
        or not re.fullmatch(r"[A-Za-z0-9._~:/%-]+", url[len("https://") :])
    ):
        raise ValueError(f"not a usable Pages address: {url!r}")
    return url if url.endswith("/") else url + "/"


def set_url(config: Path, url: str) -> None:
    text = config.read_text(encoding="utf-8")
    new, count = LINE.subn(f'site_url: "{normalise(url)}"', text)
    if count != 1:
        raise ValueError(f"{config}: expected one site_url line, found {count}")
    config.write_text(new, encoding="utf-8")


def verify(site: Path, url: str) -> None:
    url = normalise(url)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    if not locations or PLACEHOLDER in sitemap or not all(loc.startswith(url) for loc in locations):
        raise ValueError(f"{site}/sitemap.xml does not name {url} throughout")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    set_parser = commands.add_parser("set")
    set_parser.add_argument("url")
    set_parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    verify_parser = commands.add_parser("verify")
    verify_parser.add_argument("site", type=Path)
    verify_parser.add_argument("url")
    args = parser.parse_args(argv)
    try:
        if args.command == "set":
            set_url(args.config, args.url)
        else:
            verify(args.site, args.url)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
