"""The reviewers' summary of a pull request: for each build file it changes, the verdict, the core total and what
could not be checked, as Markdown for the job summary ($GITHUB_STEP_SUMMARY).

    git diff -z --name-only "$BASE_SHA" HEAD | python .ci/pr-summary.py -z >> "$GITHUB_STEP_SUMMARY"

The changed paths come on standard input (NUL-separated with -z, else one a line). The figures come from the JSON
download the render step writes for each build, `docs/downloads/<slug>.json`, so run a build first; a build with
no download did not pass `buildguide check`, whose annotations on the diff say why.

Everything shown comes from the pull request (paths, titles, part names, messages), so every piece of it is
escaped: it reads as plain text and cannot add Markdown, links or HTML to the summary.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BUILD = re.compile(r"builds/([^/]+)\.yaml")
CATALOG = re.compile(r"builds/parts/[^/]+\.yaml")

MAX_BUILDS = 50  # a pull request is one build; this bounds the summary whatever arrives
MAX_ITEMS = 30  # findings or missing figures listed per build
MAX_TEXT = 400  # characters kept of one message
MAX_JSON_BYTES = 5_000_000

# CommonMark lets a backslash escape any ASCII punctuation; escaped, none of it can start emphasis, code, a
# link, a table cell, a heading or an autolink. `&`, `<` and `>` become entities, so no HTML tag or entity
# can form either.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_PUNCTUATION = frozenset("!\"#$%'()*+,-./:;=?@[\\]^_`{|}~")


def escape(value: object, limit: int = MAX_TEXT) -> str:
    """Contributor text as inert Markdown on one line: controls and line breaks become spaces."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    out = []
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(" ")  # newlines, tabs, escapes, bidirectional overrides, zero-width characters
        elif char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif char in _PUNCTUATION:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out).strip()


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL byte
        return False


def _load(path: Path) -> dict[str, Any] | None:
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, unreadable, not JSON
        return None
    return data if isinstance(data, dict) else None


def _items(values: list[str]) -> list[str]:
    shown = [f"  - {value}" for value in values[:MAX_ITEMS]]
    if len(values) > MAX_ITEMS:
        shown.append(f"  - …and {len(values) - MAX_ITEMS} more")
    return shown


def _build(path: str, slug: str, root: Path, downloads: Path) -> list[str]:
    lines = [f"### {escape(path)}", ""]
    if not _is_file(root / path):
        return [*lines, "Removed by this pull request.", ""]
    data = _load(downloads / f"{slug}.json")
    if data is None:
        return [*lines, "**Not rendered**: `buildguide check` found problems, marked on the diff where they are.", ""]
    compatibility = data.get("compatibility") or {}
    totals = data.get("totals") or {}
    findings = [
        f"{escape(x.get('severity', ''))} · {escape(x.get('rule', ''))}: {escape(x.get('message', ''))}"
        + (" (acknowledged by the builder)" if x.get("acknowledged") else "")
        for x in compatibility.get("findings") or []
        if isinstance(x, dict)
    ]
    missing = [
        f"{escape(x.get('rule', ''))}: {escape(x.get('missing', ''))}"
        for x in compatibility.get("not_checked") or []
        if isinstance(x, dict)
    ]
    lines += [
        f"**{escape(data.get('title', slug))}**",
        "",
        f"- Verdict: **{escape(compatibility.get('verdict', 'unknown'))}**",
        f"- Core total: {escape(totals.get('core_display', '?'))} ({escape(data.get('currency', '?'))})",
    ]
    lines.append(f"- Findings: {len(findings)}" if findings else "- Findings: none")
    lines += _items(findings)
    if missing:
        lines.append(f"- Not checked, figures missing from the catalog: {len(missing)}")
        lines += _items(missing)
    else:
        lines.append("- Not checked: nothing, every rule had its figures")
    return [*lines, ""]


def summary(changed: list[str], root: Path = ROOT, downloads: Path | None = None) -> str:
    downloads = downloads if downloads is not None else root / "docs" / "downloads"
    builds: dict[str, str] = {}
    catalog: list[str] = []
    for path in changed:
        if match := BUILD.fullmatch(path):
            builds.setdefault(path, match.group(1))
        elif CATALOG.fullmatch(path):
            catalog.append(path)
    lines = ["## Build files in this pull request", ""]
    if not builds:
        lines += ["No build file (`builds/<slug>.yaml`) changed.", ""]
    for path in sorted(builds)[:MAX_BUILDS]:
        lines += _build(path, builds[path], root, downloads)
    if len(builds) > MAX_BUILDS:
        lines += [f"…and {len(builds) - MAX_BUILDS} more build files.", ""]
    if catalog:
        shown = ", ".join(escape(path) for path in sorted(catalog)[:MAX_ITEMS])
        more = f" and {len(catalog) - MAX_ITEMS} more" if len(catalog) > MAX_ITEMS else ""
        lines += [f"Catalog files changed: {shown}{more}. `buildguide check` checked every build against them.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-z", action="store_true", help="paths on standard input are NUL-separated")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout (default: this repository)")
    args = parser.parse_args(argv)
    data = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    changed = [path for path in data.split("\0" if args.z else "\n") if path]
    sys.stdout.write(summary(changed, args.root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
