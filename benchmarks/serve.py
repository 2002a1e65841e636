"""The edit loop: from saving a build file to `mkdocs serve` handing out the rebuilt page."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml
from measure import env

STARTUP_LIMIT = 900.0  # seconds; the first build of a large site on a busy machine is slow
REBUILD_LIMIT = 600.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=REBUILD_LIMIT) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, marker: str, limit: float, server: subprocess.Popen[bytes], start: float) -> float:
    """Seconds from `start` until the page at `url` contains `marker` (the server holds requests while it rebuilds)."""
    while time.perf_counter() - start < limit:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve exited with status {server.returncode}")
        body = _get(url)
        if body is not None and marker in body:
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show '{marker}' within {limit:.0f} s")


def _save(build_file: Path, marker: str, scratch: Path) -> None:
    """Save as an editor does: write a new version elsewhere, then rename it over the old one in one step."""
    data = yaml.load(build_file.read_text("utf-8"), Loader=yaml.CSafeLoader)
    data["summary"] = f"{marker}. {data['summary']}"
    scratch.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False), encoding="utf-8")
    os.replace(scratch, build_file)


def rebuild_seconds(project: Path, slug: str, times: int) -> float:
    """Median time from saving builds/<slug>.yaml to the served page showing the change."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/builds/{slug}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    with tempfile.TemporaryDirectory() as scratch, open(Path(scratch) / "serve.log", "wb") as log:
        server = subprocess.Popen(command, cwd=project, env=env(project), stdout=log, stderr=log)
        try:
            _wait_for(url, "</html>", STARTUP_LIMIT, server, time.perf_counter())
            timings = []
            for n in range(times):
                marker = f"Edited by the benchmark, save {n}"
                start = time.perf_counter()
                _save(project / "builds" / f"{slug}.yaml", marker, Path(scratch) / "edit.yaml")
                timings.append(_wait_for(url, marker, REBUILD_LIMIT, server, start))
                time.sleep(1.0)  # let the watcher settle before the next save
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return statistics.median(timings)
