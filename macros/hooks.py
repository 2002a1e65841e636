"""MkDocs hook (`hooks:` in mkdocs.yml): runs the render step before every build, so plain `mkdocs build` and
`mkdocs serve` see the generated pages, downloads and images; and takes the theme's indentation out of each
finished page and the 404 page (`compact`); and, for `mkdocs build` on two or more CPUs, has Material's search
index worked out in a second process (`searchindex`).

The render step runs as `buildguide render`, in a process of its own: what it loads and writes (a third of the
memory a 1,000-build site's build needs) is given back when it exits, instead of staying under MkDocs' own.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from buildguide import forked, searchindex
from buildguide.compact import compact
from buildguide.engine import JOBS

log = logging.getLogger("mkdocs.hooks.buildguide")
# `mkdocs build` (and `mkdocs serve --clean`, which MkDocs starts as one: searchindex.install declines once the
# server's threads run); not `mkdocs serve`, whose rebuilds index one page at a time, nor `buildguide serve`,
# which builds in-process without on_startup.
_building = False
_index: searchindex.SecondProcessIndex | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _building
    _building = command in ("build", "gh-deploy")


def on_config(config: Any) -> None:
    global _index
    jobs = os.environ.get(JOBS) or str(forked.cpus())
    if not jobs.isdecimal():
        raise PluginError(f"{JOBS}={jobs}: give a number of CPUs to use, 1 or more")
    if _index is not None:  # an earlier build in this process
        _index.close()
        _index = None
    if _building and int(jobs) > 1:
        _index = searchindex.install(config.plugins)
        if _index is not None:
            log.info("Indexing the pages for search in a second process")


def on_shutdown() -> None:
    if _index is not None:
        _index.close()


def on_pre_build(config: Any) -> None:
    root = Path(config.config_file_path).parent
    command = [sys.executable, "-m", "buildguide.cli", "render", "--root", str(root)]
    if jobs := os.environ.get(JOBS):  # `buildguide build --jobs N`; otherwise one worker per CPU
        command += ["--jobs", jobs]
    # The package beside this hook, as MkDocs imports it here, not whichever one the environment has installed.
    path = os.pathsep.join(filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(command, cwd=root, env=os.environ | {"PYTHONPATH": path}, stderr=subprocess.PIPE, text=True)
    if done.returncode < 0:  # killed (for memory, say): it printed nothing
        raise PluginError(f"the render step was killed by signal {-done.returncode}, so nothing was built")
    if done.returncode != 0:
        raise PluginError(f"the render step failed, so nothing was built:\n{done.stderr.rstrip()}")
    sys.stderr.write(done.stderr)  # a warning from a library, say


def on_post_page(output: str, page: Any, config: Any) -> str:
    return compact(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # The theme's own pages (404.html); not sitemap.xml, whose white space the compaction is not written for.
    return compact(output_content) if template_name.endswith(".html") else output_content
