"""The edit loop of `buildguide serve`: from saving a build file to the preview handing out the changed page.

Good saves change the build's summary and wait for the page to show it; the bad save sets a price to -1 and waits
for the page to answer HTTP 500 with the problem, then the file is restored and the page must come back. The
first save follows the first page at once, as a contributor's might: a preview that misses it (its watcher
looking only after the first build) fails here instead of being waited for.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from measure import env, reap

STARTUP_LIMIT = 900.0  # seconds; the first build of a large site on a busy machine is slow
UPDATE_LIMIT = 180.0  # a save that falls back to a full rebuild takes about 20 s at 1,000 builds
SETTLE_S = 0.5  # between saves, so that one save's update is over before the next begins
STOP_LIMIT = 30.0


class PreviewFailed(Exception):
    """The preview exited, or never gave the answer waited for."""


Check = Callable[[int, str], bool]  # (HTTP status, body) -> is this what we wait for?


@dataclass
class PreviewResult:
    start: float  # seconds from launch to the build page being served
    saves: list[float]  # seconds from each good save to the page showing it
    bad: float  # seconds from the bad save to the page answering 500 with the problem
    restore: float  # seconds from restoring the file to the page being served again
    peak_mb: float  # the preview process over the whole loop

    @property
    def save(self) -> float:
        return statistics.median(self.saves)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str] | None:
    """Status and body; None while the server is not listening yet. The preview holds a request while it
    updates, so the answer is never a half-written page."""
    try:
        with urllib.request.urlopen(url, timeout=UPDATE_LIMIT) as response:
            return int(response.status), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:  # the 500 of a bad save is an answer, not a failure
        return int(error.code), error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, wanted: Check, limit: float, server: subprocess.Popen[bytes], start: float) -> float:
    """Seconds from `start` until the answer for `url` is the one wanted."""
    while time.perf_counter() - start < limit:
        if server.poll() is not None:
            raise PreviewFailed(f"buildguide serve exited with status {server.returncode}")
        answer = _get(url)
        if answer is not None and wanted(*answer):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise PreviewFailed(f"{url} did not give the expected answer within {limit:.0f} s")


def _showing(marker: str) -> Check:
    return lambda status, body: status == 200 and marker in body


def _failing_with(*texts: str) -> Check:
    return lambda status, body: status == 500 and all(text in body for text in texts)


def _save(build_file: Path, text: str, scratch: Path) -> float:
    """Save as an editor does: write the new version elsewhere, then rename it over the old one in one step.
    Returns the moment of the rename, the start of the wait."""
    scratch.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    os.replace(scratch, build_file)
    return start


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False)


def _with_summary(source: str, marker: str) -> str:
    data = yaml.load(source, Loader=yaml.CSafeLoader)
    data["summary"] = f"{marker}. {data['summary']}"
    return _dump(data)


def _with_negative_price(source: str) -> str:
    data = yaml.load(source, Loader=yaml.CSafeLoader)
    item = next(i for section in data["sections"] for i in section["items"] if "unit_price" in i)
    item["unit_price"] = -1
    return _dump(data)


def _stop(server: subprocess.Popen[bytes]) -> float:
    """Stop the preview as Ctrl+C does (it then removes its temporary site); its peak memory in MB."""
    if server.poll() is not None:  # it died and was reaped: the failure is reported elsewhere
        return 0.0
    server.send_signal(signal.SIGINT)
    deadline = time.perf_counter() + STOP_LIMIT
    while time.perf_counter() < deadline:
        # wait4, not Popen.poll: Popen would reap the process and its rusage would be lost.
        pid, status, usage = os.wait4(server.pid, os.WNOHANG)
        if pid:
            server.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_maxrss / 1024
        time.sleep(0.1)
    server.kill()
    return reap(server).peak_mb


def _loop(url: str, build_file: Path, times: int, server: subprocess.Popen[bytes], scratch: Path) -> PreviewResult:
    start = _wait_for(url, _showing("</html>"), STARTUP_LIMIT, server, time.perf_counter())
    original = build_file.read_text("utf-8")
    saves = []
    for n in range(times):
        marker = f"Edited by the benchmark, save {n}"
        at = _save(build_file, _with_summary(original, marker), scratch)
        saves.append(_wait_for(url, _showing(marker), UPDATE_LIMIT, server, at))
        time.sleep(SETTLE_S)
    at = _save(build_file, _with_negative_price(original), scratch)
    bad = _wait_for(url, _failing_with(build_file.name, "unit_price"), UPDATE_LIMIT, server, at)
    time.sleep(SETTLE_S)
    at = _save(build_file, original, scratch)
    restore = _wait_for(url, _showing("</html>"), UPDATE_LIMIT, server, at)
    return PreviewResult(start, saves, bad, restore, peak_mb=0.0)  # the peak is known once the preview stops


def preview_loop(project: Path, slug: str, times: int) -> PreviewResult:
    """Start `buildguide serve` in `project`, time `times` good saves of builds/<slug>.yaml and one bad one."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/builds/{slug}/"
    command = [sys.executable, "-m", "buildguide.cli", "serve", "-a", f"127.0.0.1:{port}"]
    with tempfile.TemporaryDirectory() as scratch, open(Path(scratch) / "serve.log", "wb") as log:
        server = subprocess.Popen(command, cwd=project, env=env(project), stdout=log, stderr=log)
        try:
            result = _loop(url, project / "builds" / f"{slug}.yaml", times, server, Path(scratch) / "edit.yaml")
        except BaseException:
            _stop(server)
            print(Path(log.name).read_text("utf-8", "replace")[-4000:], file=sys.stderr)
            raise
        result.peak_mb = _stop(server)
    return result
