"""A site built from builds full of XSS payloads: in Chromium, nothing runs, nothing opens, nothing leaves."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Request, Route

from ..conftest import ROOT
from .conftest import _Quiet

FLAG = "window.__pwned=1"
PAYLOADS = [
    f"<script>{FLAG}</script>",
    f'<img src=x onerror="{FLAG}">',
    f'<iframe src="javascript:{FLAG}"></iframe>',
    f'<svg onload="{FLAG}"></svg>',
    f'"><script>{FLAG}</script>',
    f"{{{{ ''.__class__.__mro__ }}}} {{% if true %}}{FLAG}{{% endif %}}",
    f'[click](https://x.example/#"onmouseover="{FLAG})',
    f'<a href="https://x.example" onclick="{FLAG}">a</a>',
    "<style>body{display:none}</style><link rel=stylesheet href=https://evil.example/x.css>",
]
TEXT = " ".join(PAYLOADS).replace("'", "''")

CATALOG = f"""
evil-cpu:
  category: cpu
  maker: '<script>{FLAG}</script>'
  model: '<img src=x onerror="{FLAG}">'
  socket: '<b>LGA</b>'
  notes: '{TEXT}'
  sources: ['https://x.example/"><script>{FLAG}</script>']
"""
BUILD = f"""
title: '<script>{FLAG}</script> {{{{ 7 * 191 }}}}'
summary: '{TEXT}'
author: '<script>{FLAG}</script>'
date: 2024-01-01
purpose: '<img src=x onerror="{FLAG}">'
tags: [xss]
currency: USD
prices_as_of: 2024-01-01
part_list_url: 'https://x.example/?q="><script>{FLAG}</script>'
intro: '{TEXT}'
sections:
  - id: core
    title: '<script>{FLAG}</script>'
    items:
      - role: cpu
        part: evil-cpu
        unit_price: 1.00
        retailer: '<img src=x onerror="{FLAG}">'
        url: 'https://x.example/"onmouseover="{FLAG}'
        affiliate: true
        rationale: '{TEXT}'
        alternatives:
          - name: '<script>{FLAG}</script>'
            why_not: '{TEXT}'
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    repo = tmp_path_factory.mktemp("hostile") / "repo"
    for name in ("builds", "docs", "overrides", "macros"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", repo)
    (repo / "builds" / "parts" / "zz-evil.yaml").write_text(CATALOG)
    (repo / "builds" / "xss-everywhere.yaml").write_text(BUILD)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    site = repo.parent / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


PAGES = ["/builds/xss-everywhere/", "/", "/builds/", "/compare/", "/tags/"]


@pytest.mark.parametrize("path", PAGES)
def test_payloads_stay_inert(browser: Browser, hostile: str, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    foreign: list[str] = []
    errors: list[str] = []

    def guard(route: Route, request: Request) -> None:
        if urlsplit(request.url).netloc == urlsplit(hostile).netloc or request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            foreign.append(request.url)
            route.abort()

    context.route("**/*", guard)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(hostile + path, wait_until="load")
    # Fire the events injected handlers would wait for, on every element (not click: that would navigate away).
    page.evaluate(
        "for (const el of document.querySelectorAll('*'))"
        " for (const type of ['mouseover', 'mouseenter', 'focus', 'error', 'load']) el.dispatchEvent(new Event(type))"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == [] and foreign == [] and errors == []
    if path == "/builds/xss-everywhere/":
        body = page.locator("article").inner_text()
        assert "<script>window.__pwned=1</script>" in body  # shown as text
        assert "{{ ''.__class__.__mro__ }}" in body or "{{ ''.class.mro }}" in body
    context.close()
