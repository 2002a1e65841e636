"""The search index worked out in a second process is Material's own, entry for entry; a dead worker is one line."""

from __future__ import annotations

import functools
import json
import time
from types import SimpleNamespace
from typing import Any

import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import get_toc

from buildguide import forked, searchindex

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="the index has a second process only where it forks")

CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stemmer"], "fields": {"title": {"boost": 1e3}}}


def _page(n: int) -> SimpleNamespace:
    content = (
        f'<h1 id="build-{n}">Build {n}</h1><p>A <strong>dual</strong> TITAN RTX build, number {n}.</p>'
        f'<h2 id="parts">Parts</h2><table><tr><td>Core i9-9920X</td><td>$1,189.00</td></tr></table>'
        f'<h2 id="hidden" data-search-exclude>Hidden</h2><p data-search-exclude>not indexed</p>'
    )
    toc = get_toc([{"level": 1, "id": f"build-{n}", "name": f"Build {n}", "children": []}])
    meta: dict[str, Any] = {"tags": ["workstation", n]} | ({"search": {"boost": 2}} if n % 2 else {})
    return SimpleNamespace(title=f"Build {n}", url=f"builds/b{n}/", meta=meta, content=content, toc=toc)


# The worker may index every page, MkDocs' process every page (sending the entries), or any mix of the two.
@pytest.mark.parametrize("ahead", [10**6, -1, 0, searchindex.AHEAD])
def test_the_second_process_writes_the_index_material_writes(ahead: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searchindex, "AHEAD", ahead)
    pages = [_page(n) for n in range(50)]
    alone, second = SearchIndex(**CONFIG), searchindex.SecondProcessIndex(SearchIndex(**CONFIG))
    try:
        for page in pages:
            alone.add_entry_from_context(page)
            second.add_entry_from_context(page)
        written = second.generate_search_index(None)
    finally:
        second.close()
    assert written == alone.generate_search_index(None)
    docs = json.loads(written)["docs"]
    assert [d["location"] for d in docs[:3]] == ["builds/b0/", "builds/b0/#parts", "builds/b1/"]  # page order
    assert "Core i9-9920X" in docs[1]["text"] and not any("not indexed" in d["text"] for d in docs)


def test_a_worker_that_dies_fails_the_build_with_one_line() -> None:
    second = searchindex.SecondProcessIndex(SearchIndex(**CONFIG))
    try:
        second.add_entry_from_context(_page(1))
        second._worker.kill()
        second._worker.join()
        with pytest.raises(PluginError) as raised:
            for n in range(200):  # until the pipe is full or known to be broken
                second.add_entry_from_context(_page(n))
            second.generate_search_index(None)
        assert str(raised.value) == searchindex.DIED
    finally:
        second.close()


def test_a_page_material_cannot_index_fails_the_build_with_its_error() -> None:
    second = searchindex.SecondProcessIndex(SearchIndex(**CONFIG))
    try:
        second.add_entry_from_context(SimpleNamespace(title="x", url="x/", meta={}, content=None, toc=[]))
        with pytest.raises(TypeError) as raised:  # what Material's own parser raises for content that is not text
            second.generate_search_index(None)
        assert raised.value.__notes__ == ["while indexing x/ for search"]
    finally:
        second.close()


def test_a_build_that_fails_before_the_index_is_written_ends_the_worker_at_once() -> None:
    second = searchindex.SecondProcessIndex(SearchIndex(**CONFIG))
    second.add_entry_from_context(_page(1))
    started = time.monotonic()
    second.close()
    assert time.monotonic() - started < 2 and second._worker.exitcode == 0  # ended, not killed


def _plugins() -> dict[str, Any]:
    return {
        "material/search": SimpleNamespace(config=SimpleNamespace(enabled=True), search_index=SearchIndex(**CONFIG))
    }


def test_no_second_process_is_forked_once_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve --clean` rebuilds as `build` among the server's threads; a fork would copy them mid-step."""
    monkeypatch.setattr(searchindex.threading, "active_count", lambda: 2)
    assert searchindex.install(_plugins()) is None
    monkeypatch.setattr(searchindex.threading, "active_count", lambda: 1)
    plugins = _plugins()
    installed = searchindex.install(plugins)
    assert isinstance(installed, searchindex.SecondProcessIndex)
    assert plugins["material/search"].search_index is installed
    installed.close()


def _odd(n: int) -> SimpleNamespace:
    """Front matter that would not come out of a pipe as it went in."""
    page = _page(n)
    page.meta = [
        {"search": {"boost": {0, 8, 16, 24, 32}}},  # a set: another order once pickled, and written as text
        {"tags": ["ok", lambda: None]},  # cannot be pickled
        {"tags": [functools.reduce(lambda inner, _: [inner], range(600), [])]},  # deeper than pickle goes
    ][n % 3]
    return page


@pytest.mark.parametrize("first", [0, 1, 2])
def test_a_page_whose_front_matter_cannot_cross_the_pipe_ends_the_second_process_and_changes_nothing(
    first: int,
) -> None:
    pages = [_page(n) for n in range(20)] + [_odd(first)] + [_page(n) for n in range(20, 30)]
    alone, second = SearchIndex(**CONFIG), searchindex.SecondProcessIndex(SearchIndex(**CONFIG))
    try:
        for page in pages:
            alone.add_entry_from_context(page)
            second.add_entry_from_context(page)
        assert second._worker is None  # it gave back its entries, and MkDocs' process went on alone
        assert second.generate_search_index(None) == alone.generate_search_index(None)
    finally:
        second.close()
