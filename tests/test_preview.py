"""`buildguide serve`: a save shows on the served page, a bad save shows its problem, a fix brings the page back."""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from buildguide.preview import Preview, _snapshot

from .conftest import SEED

LIMIT_S = 20.0  # generous: the suite may share the machine; the benchmark measures the real figure


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=LIMIT_S) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def _until(url: str, wanted: str, status: int = 200) -> str:
    deadline = time.monotonic() + LIMIT_S
    while time.monotonic() < deadline:
        code, body = _get(url)
        if code == status and wanted in body:
            return body
        time.sleep(0.05)
    raise AssertionError(f"{url} did not answer {status} with {wanted!r} within {LIMIT_S} s")


def _save(path: Path, text: str) -> None:
    """As editors save: a new file renamed over the old one."""
    scratch = path.with_suffix(".tmp")
    scratch.write_text(text)
    os.replace(scratch, path)


def _start(repo: Path, scratch: Path, own_package: bool = False) -> tuple[subprocess.Popen[bytes], str]:
    """`buildguide serve` on a free port, its temporary site under `scratch`; once it serves the seed's page.
    It leads a process group of its own, as a terminal's job does, so `_end` can end whatever it started. With
    `own_package`, the copy's package is the one imported, so an edit to it can break the preview."""
    port = _port()
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(scratch)}
    if own_package:
        env["PYTHONPATH"] = str(repo / "macros")
    command = [sys.executable, "-m", "buildguide.cli", "serve", "-a", f"127.0.0.1:{port}"]
    with (repo / "serve.log").open("a") as log:
        server = subprocess.Popen(command, cwd=repo, env=env, stdout=log, stderr=log, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _until(f"{base}/builds/{SEED}/", "</html>")
    except BaseException:
        _end(server)
        raise
    return server, base


def _end(server: subprocess.Popen[bytes]) -> None:
    """Kill the preview's process group (the parent and any child, orphaned or not) and reap the parent."""
    with suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait()


@pytest.fixture
def served(repo: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    server, base = _start(repo, tmp_path / "scratch")
    try:
        yield repo, base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        finally:
            _end(server)


@pytest.mark.parametrize(
    ("stop", "status"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 0)],
    ids=["kill", "hangup", "ctrl-c"],
)
def test_a_stopped_preview_removes_its_temporary_site(
    repo: Path, tmp_path: Path, stop: signal.Signals, status: int
) -> None:
    scratch = tmp_path / "scratch"
    server, _ = _start(repo, scratch)
    assert [p.name[:16] for p in scratch.iterdir()] == ["buildguide-serve"]
    server.send_signal(stop)
    assert server.wait(timeout=30) == status  # Ctrl+C ends a preview; a kill or hangup exits 128 + its number
    assert list(scratch.iterdir()) == []
    assert "Traceback" not in (repo / "serve.log").read_text()


def test_a_preview_stopped_mid_rebuild_or_twice_still_removes_its_temporary_site(repo: Path, tmp_path: Path) -> None:
    for attempt, signals in enumerate([(signal.SIGTERM,), (signal.SIGTERM, signal.SIGTERM, signal.SIGHUP)]):
        scratch = tmp_path / f"scratch-{attempt}"
        server, _ = _start(repo, scratch)
        index = repo / "docs" / "index.md"
        _save(index, index.read_text() + f"\nEdited {attempt}.\n")  # a hand-written page: a whole rebuild
        time.sleep(0.6)  # the watcher has seen it and is writing the new site into the folder
        for stop in signals:
            server.send_signal(stop)
        # Whichever signal Python handles first stops it (a burst that arrives at once goes in number order).
        assert server.wait(timeout=90) in ({143} if len(signals) == 1 else {129, 143})
        assert list(scratch.iterdir()) == []
    assert "Traceback" not in (repo / "serve.log").read_text()


def test_a_save_shows_on_the_page_and_in_the_listings(served: tuple[Path, str]) -> None:
    repo, base = served
    seed = repo / "builds" / f"{SEED}.yaml"
    text = seed.read_text()
    _save(seed, text.replace("title: Dual Titan RTX", "title: Edited Dual Titan RTX"))
    page = _until(f"{base}/builds/{SEED}/", "Edited Dual Titan RTX")
    assert "<script>" in page and "/__buildguide__/wait" in page  # the page reloads itself on the next save
    _until(f"{base}/builds/", "Edited Dual Titan RTX")  # the builds index
    _until(f"{base}/", "Edited Dual Titan RTX")  # the home page cards
    _until(f"{base}/tags/", "Edited Dual Titan RTX")  # and the tags page
    _, download = _get(f"{base}/downloads/{SEED}.json")
    assert json.loads(download)["title"] == "Edited Dual Titan RTX deep-learning workstation (2020)"


def test_a_bad_save_shows_its_problem_until_it_is_fixed(served: tuple[Path, str]) -> None:
    repo, base = served
    seed = repo / "builds" / f"{SEED}.yaml"
    text = seed.read_text()
    _save(seed, text.replace("unit_price: 1189.00", "unit_price: -1189.00"))
    line = text.splitlines().index("        unit_price: 1189.00") + 1
    problem = f"builds/{SEED}.yaml:{line}:21: sections.0.items.0.unit_price: input should be greater than or equal to 0"
    _until(f"{base}/builds/{SEED}/", problem, status=500)
    _until(f"{base}/", problem, status=500)  # every page says so, not only the build's
    assert problem in (repo / "serve.log").read_text()  # and the terminal
    _save(seed, text)
    _until(f"{base}/builds/{SEED}/", "$7,981.34")


def test_a_catalog_save_updates_the_builds_that_use_the_part(served: tuple[Path, str]) -> None:
    repo, base = served
    gpus = repo / "builds" / "parts" / "gpu.yaml"
    _save(gpus, gpus.read_text().replace("model: TITAN RTX", "model: TITAN RTX (edited)"))
    _until(f"{base}/builds/{SEED}/", "NVIDIA TITAN RTX (edited)")


def test_a_new_build_gets_its_page(served: tuple[Path, str]) -> None:
    repo, base = served
    seed = (repo / "builds" / f"{SEED}.yaml").read_text()
    _save(repo / "builds" / "second-titan-build.yaml", seed.replace("title: Dual Titan RTX", "title: Second"))
    _until(f"{base}/builds/second-titan-build/", "Second deep-learning")


def test_a_deleted_build_leaves_the_site_and_a_stray_file_is_reported(served: tuple[Path, str]) -> None:
    repo, base = served
    (repo / "builds" / "notes.txt").write_text("not a build")
    _until(f"{base}/", "builds/notes.txt:1:1: (file): is not read: builds/ holds build files (.yaml) only", 500)
    (repo / "builds" / "notes.txt").unlink()
    other = "rtx-4090-fractal-terra-sff-2023"
    _until(f"{base}/builds/{other}/", "</html>")
    (repo / "builds" / f"{other}.yaml").unlink()
    _until(f"{base}/builds/{other}/", "", status=404)
    _until(f"{base}/builds/", "Dual Titan RTX")


def test_a_former_name_added_then_dropped_comes_and_goes_on_the_served_site(served: tuple[Path, str]) -> None:
    repo, base = served
    seed = repo / "builds" / f"{SEED}.yaml"
    text = seed.read_text()
    _save(seed, text.replace("\ntags: ", "\nformerly:\n  - titan-workstation\ntags: ", 1))
    _until(f"{base}/builds/titan-workstation/", f"../{SEED}/")  # the redirect page, served at once
    _save(seed, text)
    _until(f"{base}/builds/titan-workstation/", "", status=404)


def test_a_full_rebuild_frees_the_site_it_replaces(repo: Path, tmp_path: Path) -> None:
    """Each full build freezes what it keeps (a save then collects only what it made); the next full build must
    unfreeze it, or every edit to a hand-written page would keep one more copy of the whole site."""
    preview = Preview(repo, tmp_path / "site")
    try:
        preview.full()
        session, theme = weakref.ref(preview.session), weakref.ref(preview.capture.env)  # the theme's: cyclic
        preview.full()
        assert session() is None and theme() is None and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_python_saved_as_a_preview_starts_restarts_it_once_and_a_future_date_never(repo: Path) -> None:
    """A child may have imported a file saved while it started, so it counts as unseen; a file dated ahead of
    the clock would then count as unseen in every new child, restarting them one after another."""
    since = time.time_ns()
    saved, ahead = repo / "macros" / "buildguide" / "saved.py", repo / "macros" / "buildguide" / "ahead.py"
    saved.write_text("")
    ahead.write_text("")
    os.utime(saved, ns=(since + 1, since + 1))
    os.utime(ahead, ns=(since + 3_600 * 10**9,) * 2)
    seen = _snapshot(repo, since)
    assert seen[saved] == (0, 0) and seen[ahead] != (0, 0)
    assert _snapshot(repo)[saved] != (0, 0)  # not started by the supervisor: nothing is unseen
