"""MkDocs hook (`hooks:` in mkdocs.yml): adds a page for every build file and serves the build images.

`mkdocs serve` runs this file again before every rebuild. Dropping the imported package first makes a rebuild
pick up edits to its Python modules, not only to the templates and data.
"""

import sys

for _name in [name for name in sys.modules if name == "buildguide" or name.startswith("buildguide.")]:
    del sys.modules[_name]

from buildguide.site import on_files, on_page_content  # noqa: E402 - must follow the purge above

__all__ = ["on_files", "on_page_content"]
