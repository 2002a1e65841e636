"""Synthetic build files for the benchmark: variations on the real builds, so every one passes `buildguide check`.

Each synthetic build keeps a real build's parts (so the compatibility rules see combinations that exist) and is
brought to the size the issue describes: about a dozen line items, a paragraph of rationale on each, prices, two
alternatives and one Markdown link, the way contributors write them.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

# What a contributor's checkout holds. The render step's output (docs/builds/<slug>/, docs/downloads/, …) is
# git-ignored and left out, so the copy starts from sources alone, as a fresh clone does.
SOURCES = ("mkdocs.yml", "docs", "overrides", "macros", "builds/parts", "builds/images")
RENDERED = ("docs/downloads", "docs/assets/builds", "docs/catalog", "docs/parts")
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info")

ITEMS = 12  # line items per build
ALTERNATIVES = 2  # per build

_FILLER = (
    "Chosen for build {n} after comparing it with the two nearest options at the same price. It does its job "
    "without drawing attention: it fits the case with room to spare, it stays quiet under the load this machine "
    "sees for hours at a time, and its maker documents every figure the compatibility checks rely on."
)
_EXTRAS = ("Cable management kit", "Thermal paste", "Anti-static wrist strap", "USB 3.2 front-panel hub")


def _seeds(root: Path) -> list[dict[str, Any]]:
    return [yaml.load(f.read_text("utf-8"), Loader=yaml.CSafeLoader) for f in sorted((root / "builds").glob("*.yaml"))]


def _catalog(root: Path) -> dict[str, dict[str, Any]]:
    parts: dict[str, dict[str, Any]] = {}
    for file in sorted((root / "builds" / "parts").glob("*.yaml")):
        parts |= yaml.load(file.read_text("utf-8"), Loader=yaml.CSafeLoader)
    return parts


def _items(build: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in build["sections"] for item in section["items"]]


def _pad(build: dict[str, Any]) -> None:
    """Bring the build to ITEMS line items with free-form accessories in an optional section."""
    missing = ITEMS - len(_items(build))
    if missing <= 0:
        return
    extras = [
        {
            "role": "accessory",
            "name": f"{_EXTRAS[k % len(_EXTRAS)]} ({k + 1})",
            "unit_price": 9.99 + k,
            "price_basis": "estimate",
            "retailer": "Estimate (synthetic benchmark build)",
        }
        for k in range(missing)
    ]
    build["sections"].append({"id": "bench-extras", "title": "Small extras", "optional": True, "items": extras})


def _alternatives(build: dict[str, Any], catalog: dict[str, dict[str, Any]]) -> None:
    """Exactly ALTERNATIVES per build: keep the first real ones, then suggest other catalog parts of the same role."""
    kept = 0
    for item in _items(build):
        alternatives = item.get("alternatives", [])[: ALTERNATIVES - kept]
        item["alternatives"] = alternatives
        kept += len(alternatives)
        if not item["alternatives"]:
            del item["alternatives"]
    for item in _items(build):
        if kept >= ALTERNATIVES or "part" not in item or item.get("alternatives"):
            continue
        other = next((pid for pid, p in catalog.items() if p["category"] == item["role"] and pid != item["part"]), None)
        if other:
            why = f"Considered as well; {catalog[other]['maker']}'s figures fit, but it cost more for no gain here."
            item["alternatives"] = [{"part": other, "why_not": why}]
            kept += 1


def _link(build: dict[str, Any], catalog: dict[str, dict[str, Any]]) -> None:
    """One Markdown link per build, to a maker's page, so the link checks have something to check."""
    item = next(i for i in _items(build) if "part" in i)
    source = catalog[item["part"]]["sources"][0]["url"]
    item["rationale"] = f"{item['rationale'].rstrip()} The [maker's page]({source}) lists the figures used here.\n"


def synthetic(seed: dict[str, Any], n: int, catalog: dict[str, dict[str, Any]]) -> dict[str, Any]:
    build = copy.deepcopy(seed)
    build["title"] = f"{build['title'][:150]} (synthetic {n})"
    build["summary"] = f"Synthetic build {n} for the benchmark. {build['summary']}"
    _pad(build)
    for item in _items(build):
        if not item.get("rationale"):
            item["rationale"] = _FILLER.format(n=n)
    _alternatives(build, catalog)
    _link(build, catalog)
    return build


def write_builds(source: Path, dest: Path, count: int) -> list[str]:
    """Write `count` synthetic builds into dest/builds/ and return their slugs."""
    seeds, catalog = _seeds(source), _catalog(source)
    names = [f.stem for f in sorted((source / "builds").glob("*.yaml"))]
    slugs = []
    for n in range(count):
        slug = f"{names[n % len(names)]}-{n:05d}"
        text = yaml.dump(synthetic(seeds[n % len(seeds)], n, catalog), Dumper=yaml.CSafeDumper, sort_keys=False)
        (dest / "builds" / f"{slug}.yaml").write_text(text, encoding="utf-8")
        slugs.append(slug)
    return slugs


def project_tree(source: Path, dest: Path, count: int) -> list[str]:
    """A copy of the project with `count` synthetic builds in place of the real ones; their slugs."""
    (dest / "builds").mkdir(parents=True)
    for name in SOURCES:
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name, ignore=IGNORED)
        else:
            shutil.copy(source / name, dest / name)
    for folder in RENDERED:
        shutil.rmtree(dest / folder, ignore_errors=True)
    (dest / "docs" / "feed.xml").unlink(missing_ok=True)
    for page in (dest / "docs" / "builds").iterdir():
        if page.is_dir():  # a real build's generated page; the hand-written builds/index.md stays
            shutil.rmtree(page)
    return write_builds(source, dest, count)
