"""Whether a build's prices are more than a year old, against a reference date that keeps builds reproducible.

The reference date is SOURCE_DATE_EPOCH's day when it is set (the Pages workflow sets it to the commit's time or
the start of the week, whichever is later, so a commit publishes the same bytes all week), else today in UTC.
Pages never print it: they only change when a build crosses the threshold.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from .model import Build


def reference_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.UTC).date()
    wrong = f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, up to the year 9999, not '{epoch}'"
    if not re.fullmatch(r"[0-9]{1,12}", epoch):  # not str.isdigit: it takes '²', which int() refuses
        raise SystemExit(wrong)
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise SystemExit(wrong) from None


def year_before(day: dt.date) -> dt.date:
    # 29 February has no twin a year earlier: the 28th is.
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


@dataclass(frozen=True)
class StalePrices:
    oldest: dt.date
    newest: dt.date
    all_old: bool  # the newest price is more than a year old too

    @property
    def notice(self) -> str:
        span = f"from {self.oldest}" + ("" if self.oldest == self.newest else f" to {self.newest}")
        how_old = "more than a year old" if self.all_old else "and some are more than a year old"
        return f"Prices here are {span}, {how_old}: check current prices before you buy."


def stale_prices(build: Build, today: dt.date) -> StalePrices | None:
    """The span of the build's price dates when the oldest is more than a year before `today`, else None."""
    dates = [item.price_date or build.prices_as_of for _, _, item in build.items()]
    oldest, newest = min(dates), max(dates)
    threshold = year_before(today)
    if oldest >= threshold:
        return None
    return StalePrices(oldest, newest, newest < threshold)
