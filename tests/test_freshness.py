"""A build whose prices are more than a year old says so near the top of its page, against a reference date that
SOURCE_DATE_EPOCH pins (so a commit publishes the same bytes all week); the date itself is never printed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from buildguide.freshness import reference_date, year_before
from buildguide.render import render

from .conftest import SEED
from .htmltree import Element, page_tree

OTHER = "rtx-4090-fractal-terra-sff-2023"  # prices from 2022-10-12 to 2023-10-01
# The seed build's prices run from 2018-10-09 to 2020-08-09.


def epoch(day: str) -> str:
    return str(int(dt.datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp()))


def page(root: Path, slug: str) -> Element:
    return page_tree((root / "docs" / "builds" / slug / "index.md").read_text())


def notices(root: Path, slug: str) -> list[str]:
    return [n.text for n in page(root, slug).find_all("div", cls="bg-stale-prices")]


def test_prices_older_than_a_year_get_a_notice_above_the_summary(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2021-09-01"))
    render(repo)
    tree = page(repo, SEED)
    notice = tree.find("div", cls="bg-stale-prices")
    assert {"admonition", "warning"} <= notice.classes and notice.get("role") == "note"
    assert notice.find("p", cls="admonition-title").text == "Old prices"
    text = "Prices here are from 2018-10-09 to 2020-08-09, more than a year old: check current prices before you buy."
    assert notice.find_all("p")[1].text == text
    blocks = [child for child in tree.children if isinstance(child, Element)]
    assert [b.tag for b in blocks[:2]] == ["h1", "div"] and blocks[1] is notice  # right under the title
    assert "2021-09-01" not in (repo / "docs" / "builds" / SEED / "index.md").read_text()
    assert notices(repo, OTHER) == []


def test_a_build_with_some_recent_prices_says_only_some_are_old(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2021-06-01"))
    render(repo)
    assert notices(repo, SEED) == [
        "Old prices Prices here are from 2018-10-09 to 2020-08-09, and some are more than a year old: "
        "check current prices before you buy."
    ]


def test_a_year_to_the_day_is_not_more_than_a_year(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2023-10-12"))  # OTHER's oldest price is from 2022-10-12
    render(repo)
    assert notices(repo, OTHER) == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2023-10-13"))
    render(repo)
    assert notices(repo, OTHER) == [
        "Old prices Prices here are from 2022-10-12 to 2023-10-01, and some are more than a year old: "
        "check current prices before you buy."
    ]


def test_the_reference_date_is_source_date_epoch_or_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert reference_date() == dt.date(2023, 11, 14)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = dt.datetime.now(dt.UTC).date()
    assert before <= reference_date() <= dt.datetime.now(dt.UTC).date()  # a run across midnight is still right
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(SystemExit, match="SOURCE_DATE_EPOCH must be a whole number of seconds since 1970"):
        reference_date()


def test_a_year_before_the_29th_of_february_is_the_28th() -> None:
    assert year_before(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    assert year_before(dt.date(2024, 3, 1)) == dt.date(2023, 3, 1)
