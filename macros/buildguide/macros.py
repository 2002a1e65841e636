"""The mkdocs-macros module (`module_name: macros/main` calls `define_env`): the listings on hand-written pages.

The render step has already written the listings; a macro returns the current one. Zensical calls
`define_env` once per page, so what was read is kept here and read again only when the render step's manifest
changes; MkDocs calls it once per build.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .render import LISTINGS, MANIFEST, STATE

_CACHE: dict[Path, tuple[tuple[int, int], dict[str, Any]]] = {}


def _state(root: Path) -> dict[str, Any]:
    manifest = root / MANIFEST
    try:
        stat = manifest.stat()
    except FileNotFoundError:
        raise RuntimeError(f"{MANIFEST} is missing: run `buildguide build` (or `mkdocs build`) first") from None
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(root)
    if cached is None or cached[0] != key:
        state = json.loads(manifest.read_text("utf-8"))
        for name in LISTINGS:
            state[name] = (root / STATE / f"{name}.html").read_text("utf-8")
        _CACHE[root] = cached = (key, state)
    return cached[1]


# The macro each listing is called by on the hand-written pages.
MACROS = {"build_cards": "cards", "builds_index": "index", "compare_page": "compare", "tags_index": "tags"}


def _listing(root: Path, name: str) -> Callable[[], str]:
    return lambda: str(_state(root)[name])


def define_env(env: Any) -> None:
    root = Path(env.project_dir)
    for macro, listing in MACROS.items():
        env.macro(_listing(root, listing), macro)
    env.macro(lambda: int(_state(root)["builds"]), "build_count")
