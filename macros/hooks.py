"""MkDocs hook (`hooks:` in mkdocs.yml): runs the render step before every build, so plain `mkdocs build` and
`mkdocs serve` see the generated pages, downloads and images; and takes the theme's indentation out of each
finished page (`compact`).

The render step runs as `buildguide render`, in a process of its own: what it loads and writes (a third of the
memory a 1,000-build site's build needs) is given back when it exits, instead of staying under MkDocs' own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from buildguide.compact import compact


def on_pre_build(config: Any) -> None:
    root = Path(config.config_file_path).parent
    command = [sys.executable, "-m", "buildguide.cli", "render", "--root", str(root)]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PluginError(f"the render step failed, so nothing was built:\n{done.stderr.rstrip()}")


def on_post_page(output: str, page: Any, config: Any) -> str:
    return compact(output)
