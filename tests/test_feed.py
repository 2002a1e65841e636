"""The Atom feed: valid XML, one entry per build, newest first, with absolute links and escaped text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from buildguide import feed as atom_feed
from buildguide.render import render

from .conftest import SEED

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_has_an_entry_per_build_newest_first(repo: Path) -> None:
    site = render(repo)
    feed = ET.fromstring((repo / "docs" / "feed.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    newest_first = sorted(site.views.values(), key=lambda v: (v.build.date, v.slug), reverse=True)
    assert [e.findtext(f"{ATOM}title") for e in entries] == [v.build.title for v in newest_first]
    seed = next(e for e in entries if e.find(f"{ATOM}link").get("href").endswith(f"/builds/{SEED}/"))
    assert seed.find(f"{ATOM}link").get("href") == f"https://example.invalid/builds/{SEED}/"
    assert seed.findtext(f"{ATOM}updated") == "2020-08-09T00:00:00Z"
    assert seed.findtext(f"{ATOM}summary").startswith("Deep learning and data science: $7,981.34 USD")
    assert feed.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")


def test_the_feed_uses_the_site_address_and_escapes_titles(repo: Path) -> None:
    config = repo / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("site_url: https://example.invalid/", "site_url: https://me.example/g")
    )
    seed = repo / "builds" / f"{SEED}.yaml"
    text = seed.read_text()
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    seed.write_text(text.replace(title, "title: 'Dual <b>&</b> ]]> Titan RTX deep-learning workstation (2020)'", 1))
    render(repo)
    feed = ET.fromstring((repo / "docs" / "feed.xml").read_bytes())
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert "Dual <b>&</b> ]]> Titan RTX deep-learning workstation (2020)" in titles
    assert feed.find(f"{ATOM}link").get("href") == "https://me.example/g/feed.xml"


def test_the_feed_holds_the_builds_updated_last_only(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 1,000 builds the feed stays small: a reader wants what is new, the builds index has the rest."""
    monkeypatch.setattr(atom_feed, "MAX_ENTRIES", 2)
    site = render(repo)
    feed = ET.fromstring((repo / "docs" / "feed.xml").read_bytes())
    newest = sorted(site.views.values(), key=lambda v: (v.build.date, v.slug), reverse=True)[:2]
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [v.build.title for v in newest]
