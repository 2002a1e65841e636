"""MkDocs hook (`hooks:` in mkdocs.yml): runs the render step before every build, so plain `mkdocs build` and
`mkdocs serve` see the generated pages, downloads and images; and takes the theme's indentation out of each
finished page (`compact`).

MkDocs imports hooks and the package once per process: under `mkdocs serve`, edits to the package's Python
take effect after a restart. `buildguide serve` restarts itself when they change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from buildguide.compact import compact
from buildguide.errors import DataError
from buildguide.render import render


def on_pre_build(config: Any) -> None:
    try:
        render(Path(config.config_file_path).parent)
    except DataError as exc:
        raise PluginError(f"build data has {len(exc.problems)} problem(s):\n{exc}") from None


def on_post_page(output: str, page: Any, config: Any) -> str:
    return compact(output)
