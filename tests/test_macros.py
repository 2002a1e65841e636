"""The macros: the listings the render step wrote, read once however often an engine calls `define_env`."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from buildguide import macros
from buildguide.render import MANIFEST, render


class _Env(SimpleNamespace):
    """What mkdocs-macros and Zensical both hand `define_env`: the project folder and a macro decorator."""

    def macro(self, fn: Any, name: str | None = None) -> Any:
        self.macros[name or fn.__name__] = fn
        return fn


def _define(root: Path) -> dict[str, Any]:
    env = _Env(project_dir=str(root), macros={})
    macros.define_env(env)
    return env.macros


def test_listings_are_read_once_per_render_however_many_pages_ask(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    render(repo)
    reads: list[Path] = []
    real = Path.read_text

    def counting(self: Path, *args: Any, **kwargs: Any) -> str:
        reads.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting)
    for _ in range(50):  # Zensical defines the macros again for every page
        found = _define(repo)
        assert "bg-cards" in found["build_cards"]() and found["build_count"]() == 6
    assert len(reads) == 5  # the manifest and four listings, once

    manifest = repo / MANIFEST
    os.utime(manifest, ns=(1, 1))  # a new render writes a new manifest
    _define(repo)["builds_index"]()
    assert len(reads) == 10


def test_a_missing_render_is_an_error_that_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match=r"\.buildguide/manifest\.json is missing: run `buildguide build`"):
        _define(tmp_path)["build_cards"]()
