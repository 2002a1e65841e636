"""Material's search index, worked out in a second process while MkDocs goes on with the next pages.

Material's search plugin parses every page's HTML again, in Python, to split it into sections: half of the
MkDocs process's profiled time for a 1,000-build site, all on one core while the other waited. For
`mkdocs build` on two or more CPUs, the hook gives the plugin a `SecondProcessIndex`: pages go, in order, to a
worker that runs Material's own indexing on them and finally Material's own code to make the index, so
search_index.json is byte for byte what the plugin writes alone (tests/test_site_build.py compares them).
Zensical has its own search and runs no hooks: it is untouched.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from ctypes import c_int
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from material.plugins.search.plugin import SearchIndex
from mkdocs.exceptions import PluginError

from .forked import can_fork, portable, settle

AHEAD = 4  # pages the worker may be behind before MkDocs' process indexes the next one itself
READ = ("search", "title", "tags")  # what Material's indexing reads of a page's front matter
GIVE_BACK = "give back"  # to the worker: send the entries so far, and stop
DIED = "the process indexing pages for search stopped (out of memory?); build with BUILDGUIDE_JOBS=1"


@dataclass
class _Page:
    """What Material's indexing reads of a page, sent to the worker instead of MkDocs' Page."""

    title: str | None
    url: str
    meta: dict[str, Any]
    content: str
    toc: Any


def _index(pages: Connection, theirs: Connection, config: dict[str, Any], done: c_int, parent: int) -> None:
    """The worker: index each page received (or take the entries MkDocs' process made of it), counting them in
    `done`, until None or GIVE_BACK; then send back what went wrong, or else the index as Material writes it
    (its JSON, UTF-8), or for GIVE_BACK its entries."""
    theirs.close()  # MkDocs' end, inherited: closed here too, so that MkDocs closing it ends this loop
    settle(parent)
    index, failed = SearchIndex(**config), None
    try:
        while (page := pages.recv()) not in (None, GIVE_BACK):
            if isinstance(page, list):
                index.entries += page
            elif failed is None:
                try:
                    index.add_entry_from_context(page)
                except Exception as exc:  # sent back, and raised in MkDocs' process, where the build then fails
                    exc.add_note(f"while indexing {page.url} for search")
                    failed = portable(exc)
            done.value += 1
    except EOFError:  # the build failed before the index was asked for
        return
    pages.send(failed)
    if failed is None and page == GIVE_BACK:
        pages.send(index.entries)
    elif failed is None:
        pages.send_bytes(index.generate_search_index(None).encode())


def _plain(value: Any, depth: int = 0) -> bool:
    """Whether `value` is JSON-like data that comes out of a pipe as it went in. A set would come back in
    another order (and Material writes it as text); an object may not pickle; deep nesting exceeds the
    recursion limit."""
    if value is None or isinstance(value, str | int | float):
        return True
    if depth > 32:
        return False
    if isinstance(value, list | tuple):
        return all(_plain(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain(item, depth + 1) for key, item in value.items())
    return False


class SecondProcessIndex(SearchIndex):
    """A SearchIndex whose pages are indexed by a worker process, in the order they were added.

    Parsing a page takes the worker longer than MkDocs takes to build the next one, so while the worker is more
    than AHEAD pages behind, MkDocs' process indexes the page itself (with Material's code) and sends only its
    entries, which the worker puts in their place: both CPUs stay busy and neither waits for the other. A page
    whose front matter would not come out of the pipe as it went in (a set, an object, deep nesting) ends the
    worker's part: it gives back its entries, and MkDocs' process goes on alone, as Material does. The
    worker also makes the JSON, which MkDocs' process only writes: receiving the entries instead left it 50 MB
    larger at its peak for 1,000 builds."""

    def __init__(self, index: SearchIndex) -> None:
        super().__init__(**index.config)
        # Only what generate_search_index reads: the plugin's config object holds more than a pipe can carry.
        config = {key: index.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        # Forked as `mkdocs build` sets up, before anything has started a thread (which a fork would copy
        # mid-step). Not spawned: that imports the main module again, and a script that runs MkDocs without
        # `if __name__ == "__main__"` would start a second build.
        fork = multiprocessing.get_context("fork")
        self._pages, theirs = fork.Pipe()
        self._done, self._sent = fork.RawValue("i", 0), 0
        worker = fork.Process(target=_index, args=(theirs, self._pages, config, self._done, os.getpid()), daemon=True)
        self._worker: BaseProcess | None = worker
        worker.start()
        theirs.close()

    def add_entry_from_context(self, page: Any) -> None:
        meta = {key: page.meta[key] for key in READ if key in page.meta}
        if self._worker is not None and not _plain([page.title, meta]):
            self._give_back()
        if self._worker is None:
            super().add_entry_from_context(page)
            return
        if self._sent - self._done.value > AHEAD:
            here = SearchIndex()
            here.add_entry_from_context(page)
            message: Any = here.entries
        else:
            message = _Page(page.title, page.url, meta, page.content, page.toc)
        with _worker_alive():
            self._pages.send(message)
        self._sent += 1

    def _give_back(self) -> None:
        """From here on, index in MkDocs' process as Material does, starting from the worker's entries so far."""
        with _worker_alive():
            self._pages.send(GIVE_BACK)
            if (failed := self._pages.recv()) is not None:
                raise failed
            self.entries = self._pages.recv()
        self.close()
        self._worker = None

    def generate_search_index(self, prev: Any) -> str:
        """The worker's index, generated there by Material's own code, from entries MkDocs' process never holds
        (22.6 MB as JSON for 1,000 builds). `mkdocs build` only: there is no earlier index (`prev`) to merge."""
        if self._worker is None:
            return super().generate_search_index(prev)
        with _worker_alive():
            self._pages.send(None)
            failed = self._pages.recv()
            if failed is None:
                return self._pages.recv_bytes().decode()
        raise failed

    def close(self) -> None:
        self._pages.close()  # a worker still waiting for pages (the build failed) then ends
        if self._worker is None:
            return
        self._worker.join(timeout=5)
        if self._worker.is_alive():  # stuck: nothing it holds is wanted
            self._worker.kill()


@contextmanager
def _worker_alive() -> Iterator[None]:
    try:
        yield
    except (EOFError, OSError):  # the pipe's other end is gone
        raise PluginError(DIED) from None


def install(plugins: Any) -> SecondProcessIndex | None:
    """Give Material's search plugin (if enabled) a SecondProcessIndex; it, or None where the system cannot
    fork, or cannot fork safely: once threads run (`mkdocs serve --clean` starts its rebuilds as builds), a fork
    would copy them mid-step."""
    search = plugins.get("material/search")
    if not can_fork() or threading.active_count() > 1 or search is None or not search.config.enabled:
        return None
    if type(search.search_index) is not SearchIndex:  # a Material whose index is not what this was made for
        return None
    search.search_index = SecondProcessIndex(search.search_index)
    return search.search_index
