"""The generated files: where each goes, the text the models give it now, and bringing them up to date.

The committed ones (SCHEMA_FILES, REFERENCE_FILE) are compared by a test (`buildguide schema --check`), so they
can never drift from the code; the local schema is written but never compared, as it follows the catalog.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from ..catalog import CatalogFile
from ..model import Build
from .editor import json_schema
from .local import LOCAL_SCHEMA, local_build_schema
from .reference import field_reference

BUILD_SCHEMA = "schemas/build.schema.json"
CATALOG_SCHEMA = "schemas/catalog.schema.json"
SCHEMA_FILES: dict[str, type[BaseModel]] = {BUILD_SCHEMA: Build, CATALOG_SCHEMA: CatalogFile}
REFERENCE_FILE = "docs/reference.md"


def generated() -> dict[str, str]:
    """The committed files' text as the models give it now, by path."""
    files = {path: json_schema(model_type) for path, model_type in SCHEMA_FILES.items()}
    files[REFERENCE_FILE] = field_reference()
    return files


def stale(root: Path) -> list[str]:
    """Committed generated files whose text differs from what the models produce now (the local schema is not)."""
    return [
        path for path, text in generated().items() if not (root / path).is_file() or (root / path).read_text() != text
    ]


def write(root: Path) -> list[str]:
    """Write the committed files that are out of date, and the local schema with the catalog's part ids."""
    files = generated()
    changed = stale(root)
    files[LOCAL_SCHEMA] = local_build_schema(root)
    local = root / LOCAL_SCHEMA
    if not local.is_file() or local.read_text() != files[LOCAL_SCHEMA]:
        changed.append(LOCAL_SCHEMA)
    for path in changed:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(files[path])
    return changed
