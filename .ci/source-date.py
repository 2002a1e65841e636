"""The date the Pages build is made as of (SOURCE_DATE_EPOCH): the commit's time, or the start of this week
(Monday 00:00 UTC) when that is later.

    python .ci/source-date.py COMMIT_TIME   prints it, in seconds since 1970 (COMMIT_TIME is `git log -1 --format=%ct`)

Every run of one commit within a week then publishes the same bytes, and the weekly scheduled run of the Pages
workflow shows the notice on builds whose prices turned a year old since the last push.
"""

from __future__ import annotations

import datetime as dt
import sys


def source_date(commit: int, now: dt.datetime) -> int:
    day = now.astimezone(dt.UTC).date()
    monday = dt.datetime.combine(day - dt.timedelta(days=day.weekday()), dt.time(), dt.UTC)
    return max(commit, int(monday.timestamp()))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].isascii() or not argv[0].isdigit():
        print("usage: source-date.py COMMIT_TIME (whole seconds since 1970)", file=sys.stderr)
        return 2
    print(source_date(int(argv[0]), dt.datetime.now(dt.UTC)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
