"""`buildguide serve`: the site on a local address, re-rendering only what a save touches.

`mkdocs serve` rebuilds the whole site on every change (about 18 s at 1,000 builds). Here the render step stays
in memory (`session.Session`) and so does MkDocs' view of the site (its files, nav and theme environment, kept
from one full build): saving a build file re-checks and re-renders that build, rebuilds its page and the pages
that embed the listings, and copies its downloads. What lags until the next full build: the search index, and
after a build save the catalog status page and the part pages (they list every build). A bad
save prints its problems and every page shows them until they are fixed. Edits to the hand-written pages,
overrides or mkdocs.yml, and a new or deleted build, rebuild the whole site; edits to the package's Python
restart the process (`supervisor`).
"""

from __future__ import annotations

import gc
import html
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from . import feed, stops, supervisor, tree
from .errors import DataError
from .render import DOCS, OWNED, OWNED_SUBFOLDERS
from .session import Session

POLL_S = 0.1  # how often the watcher looks for saved files
WAIT_PATH = "/__buildguide__/wait"
RELOAD = f"""<script>
(function () {{
  var version = "{{version}}";
  function wait() {{
    fetch("{WAIT_PATH}?v=" + version).then(function (r) {{ return r.text(); }}).then(function (now) {{
      if (now !== version) location.reload(); else wait();
    }}, function () {{ setTimeout(wait, 1000); }});
  }}
  wait();
}})();
</script>"""
log = logging.getLogger("buildguide.preview")


class _Capture(BasePlugin):
    """Keeps what a full MkDocs build computed, so single pages can be rebuilt later."""

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        self.env = env
        return env


class Preview:
    def __init__(self, root: Path, site_dir: Path) -> None:
        self.root, self.site_dir = root, site_dir
        self.lock = threading.Condition()
        self.stopping = threading.Event()  # set on the way out: the watcher applies no further saves
        self.version = time.time_ns()  # unique to this process: a page open across a restart reloads
        self.error: str | None = None
        self.session: Session | None = None

    # --- building -------------------------------------------------------------------------------------------

    def full(self) -> None:
        """The render step and a whole MkDocs build, kept for later single-page rebuilds."""
        start = time.perf_counter()
        gc.unfreeze()  # what the last full build kept may be garbage now: let the collection below see it
        self.session = Session(self.root)
        # The hook would render again; this process already has.
        self.config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir), hooks=[])
        self.capture = _Capture()
        self.config.plugins["buildguide-preview"] = self.capture
        mkdocs_build.build(self.config)
        self.listing_pages = [
            f for f in self.capture.files.documentation_pages() if f.page and f.page.meta.get("render_macros")
        ]
        # A save allocates little, but often enough that the collector's full pass comes round over the millions
        # of objects a 1,000-build site holds, adding 0.7 s to one save in three: they stay till the next full
        # build, so they are set aside (frozen) from the collector's passes.
        gc.collect()
        gc.freeze()
        log.warning("built the site in %.2f s", time.perf_counter() - start)

    def pages(self, changed: list[str]) -> None:
        """Rebuild the pages among these generated files, copy the other files, and rebuild the listing pages.

        MkDocs has no public call for one page: `_populate_page` and `_build_page` are the two halves of its own
        build loop (mkdocs 1.6, which pyproject pins below 2); `serve` refuses to start without them."""
        files = self.capture.files
        docs = f"{DOCS}/"
        found = [files.get_file_from_path(path.removeprefix(docs)) for path in changed if path.startswith(docs)]
        if any(file is None for file in found):  # a new build: its page is not in MkDocs' file list yet
            self.full()
            return
        rebuilt = [f for f in found if f.is_documentation_page()] + self.listing_pages
        for file in found:
            if not file.is_documentation_page():
                file.copy_file()
        for file in rebuilt:
            mkdocs_build._populate_page(file.page, self.config, files)
        doc_files = files.documentation_pages()
        for file in rebuilt:
            mkdocs_build._build_page(file.page, self.config, doc_files, self.capture.nav, self.capture.env)

    def apply(self, changed: set[Path]) -> None:
        start = time.perf_counter()
        try:
            # The same tree checks as `buildguide check`: a link or a stray file is reported here too.
            refused = tree.build_files(self.root)[1] + tree.catalog_files(self.root)[1]
            if refused:
                raise DataError(refused)
            builds = self.root / "builds"
            gone = any(p.parent == builds and p.suffix == ".yaml" and not p.exists() for p in changed)
            if self.session is None or gone or any(_kind(self.root, p) == "site" for p in changed):
                self.full()  # a deleted build's page must go from MkDocs' file list too
            else:
                before = set(self.session.site.files)
                written = self.session.update({p for p in changed if _kind(self.root, p) == "data"})
                if before - set(self.session.site.files):  # a redirect or a photo gone: MkDocs must drop it too
                    self.full()
                elif any(p.startswith(f"{DOCS}/") for p in written):  # pages, downloads, photos, redirects
                    self.pages(written)
            self.error = None
            log.warning("updated in %.2f s", time.perf_counter() - start)
        except DataError as exc:
            self.error = str(exc)
            count = len(exc.problems)
            log.error(
                "%s\n%d problem%s found: the preview shows them until they are fixed", exc, count, "s"[: count != 1]
            )
        except Exception as exc:  # a template or engine failure: shown, and the next save tries again
            self.error = f"{type(exc).__name__}: {exc}"
            log.exception("the preview could not be updated")
        with self.lock:
            self.version += 1
            self.lock.notify_all()

    # --- watching -------------------------------------------------------------------------------------------

    def watch(self, before: dict[Path, tuple[int, int]], restart: Callable[[], None]) -> None:
        """Poll for saves; `before` is the state the last build saw, so nothing saved meanwhile is missed.

        A Python edit calls `restart`, which ends the server, and stops watching (`supervisor` starts a new process).
        """
        failed = ""  # the last poll's error, said once however many polls meet it
        while not self.stopping.is_set():
            time.sleep(POLL_S)
            if supervisor.orphaned():  # `buildguide serve` was killed outright: nobody would stop this one
                os.kill(os.getpid(), signal.SIGTERM)
                return
            try:
                now = _snapshot(self.root)
            except OSError as exc:  # a folder replaced as it was read, or unreadable: each poll tries again
                if str(exc) != failed:
                    log.warning("the preview could not read the project (%s); trying again", exc)
                failed = str(exc)
                continue
            failed = ""
            changed = {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}
            before = now
            if not changed:
                continue
            if any(_kind(self.root, p) == "python" for p in changed):
                log.warning("Python changed: restarting")
                restart()
                return
            with self.lock:  # requests wait for the update instead of seeing half-written files
                if not self.stopping.is_set():
                    self.apply(changed)


def _kind(root: Path, path: Path) -> str:
    """'data' (builds, catalog, images), 'python' (restart), or 'site' (anything else: a full rebuild)."""
    if path.is_relative_to(root / "builds"):
        return "data"
    if path.suffix == ".py" and any(path.is_relative_to(root / folder) for folder in supervisor.PYTHON):
        return "python"
    return "site"


def _walk(folder: Path, skip: set[Path]) -> Iterator[os.DirEntry[str]]:
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if Path(entry.path) not in skip and not entry.name.startswith((".", "__")):
                yield from _walk(Path(entry.path), skip)
        else:
            yield entry


def _snapshot(root: Path, since: int = 0) -> dict[Path, tuple[int, int]]:
    """Size and time of every watched file. Polling: the same on every platform, and cheap at 1,000 builds.
    Python saved between `since` (when `supervisor` started this process) and now counts as not yet seen: this
    process may have imported it before the save. (A file dated in the future is not: it would restart every
    new process.)"""
    now = time.time_ns()
    skip = {root / folder for folder in OWNED} | {sub for sub in (root / OWNED_SUBFOLDERS).glob("*/") if sub.is_dir()}
    generated_feed = root / DOCS / feed.PATH
    found: dict[Path, tuple[int, int]] = {}
    entries = [e for folder in ("builds", "docs", "overrides", "macros") for e in _walk(root / folder, skip)]
    for path in [*(Path(e.path) for e in entries), root / "mkdocs.yml"]:
        if path == generated_feed:  # written by the render step, like the skipped folders
            continue
        try:
            stat = path.stat(follow_symlinks=False)
        except FileNotFoundError:  # an editor's swap or temporary file, gone since the folder was read
            continue
        late = since <= stat.st_mtime_ns <= now and since > 0 and _kind(root, path) == "python"
        found[path] = (0, 0) if late else (stat.st_mtime_ns, stat.st_size)
    return found


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        preview = self.preview
        if self.path.startswith(WAIT_PATH):
            with preview.lock:
                seen = self.path.partition("?v=")[2]
                if seen == str(preview.version):
                    preview.lock.wait(timeout=25)
                body = str(preview.version).encode()
            return self._send(HTTPStatus.OK, "text/plain", body)
        with preview.lock:
            if preview.error is not None and self._is_page():
                return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/html", self._error_page(preview))
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                page = path.read_text("utf-8").replace("</body>", _reload(preview) + "</body>", 1)
                return self._send(HTTPStatus.OK, "text/html; charset=utf-8", page.encode())
            super().do_GET()

    def _is_page(self) -> bool:
        name = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        return name == "" or name.endswith(".html")

    def _error_page(self, preview: Preview) -> bytes:
        problems = html.escape(preview.error or "")
        return (
            "<!doctype html><html lang=en><head><meta charset=utf-8><title>Build problems</title></head>"
            "<body style='font-family:sans-serif;margin:2rem'><h1>The site cannot be built</h1>"
            f"<p>Fix these and save; this page reloads by itself.</p><pre>{problems}</pre>{_reload(preview)}"
            "</body></html>"
        ).encode()

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _reload(preview: Preview) -> str:
    return RELOAD.replace("{version}", str(preview.version))


def serve(root: Path, address: str) -> int:
    if not all(hasattr(mkdocs_build, name) for name in ("_populate_page", "_build_page")):
        print("buildguide serve: this MkDocs has no single-page build; use `mkdocs serve`", file=sys.stderr)
        return 2
    host, _, port = address.rpartition(":")
    logging.basicConfig(format="%(message)s")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    log.setLevel(logging.INFO)
    # Stopped by `kill` or a closed terminal as by Ctrl+C, so the temporary site (115 MB at 1,000 builds) goes too.
    preview, status, site_dir = None, 0, ""
    try:
        stops.catch()
        supervisor.ready()  # from here a stop is handled, and cleans up: the parent passes stops on
        site_dir = tempfile.mkdtemp(prefix="buildguide-serve-")
        preview = Preview(root, Path(site_dir))
        handler = type("Handler", (_Handler,), {"preview": preview})
        try:
            server = ThreadingHTTPServer((host or "127.0.0.1", int(port)), partial(handler, directory=site_dir))
        except (OSError, ValueError, OverflowError) as exc:
            print(f"buildguide serve: cannot listen on {address}: {exc}", file=sys.stderr)
            return 2
        before = _snapshot(root, since=supervisor.started())
        preview.apply(set())
        threading.Thread(target=preview.watch, args=(before, server.shutdown), daemon=True).start()
        log.warning("serving on http://%s:%s/ (Ctrl+C stops)", host or "127.0.0.1", port)
        try:
            server.serve_forever()  # until a stop, or the watcher's restart
            status = supervisor.RESTART
        finally:
            server.server_close()
    except KeyboardInterrupt as exc:  # also while the first build runs
        status = stops.status(exc)
    finally:
        try:
            stops.ignore()  # a Ctrl+C, or a hangup then a kill, must not cut the cleanup short
        except KeyboardInterrupt as exc:  # the first stop, just as the cleanup began
            status = stops.status(exc)
        if preview is not None:  # let a save being applied finish writing into the folder first
            preview.stopping.set()
            preview.lock.acquire(timeout=60)
        if site_dir:
            shutil.rmtree(site_dir, ignore_errors=True)
    return status
