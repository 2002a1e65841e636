"""The local build schema: the committed one plus the catalog's part ids, for editors to complete `part:`.

It would go stale with every new part, so `buildguide schema` writes it where git ignores it (LOCAL_SCHEMA) and
the drift test never compares it.
"""

from __future__ import annotations

from pathlib import Path

from ..catalog import CATEGORIES
from ..model import Build
from .editor import dump, schema_dict

LOCAL_SCHEMA = "schemas/local/build.schema.json"  # git-ignored: it lists the catalog's part ids


def local_build_schema(root: Path) -> str:
    """The build schema with `enum`s of the catalog's part ids: per role for `part`, all of them for alternatives.

    Written by `buildguide schema` to LOCAL_SCHEMA (git-ignored), for editors that should complete part ids.
    """
    from ..catalog_load import load_catalog  # reads the catalog files, which the committed schemas never do

    catalog, _ = load_catalog(root)  # entries with problems are left out, as `check` refuses a build using them
    by_role: dict[str, list[str]] = {role: [] for role in CATEGORIES}
    for part_id, part in catalog.parts.items():
        by_role[part.category].append(part_id)  # type: ignore[attr-defined]
    schema = schema_dict(Build)
    schema["title"] = "Build (with this checkout's part ids)"
    schema["$comment"] = (
        f"Written by `buildguide schema` from {len(catalog.parts)} catalog entries in builds/parts/; not committed. "
        "Run it again after adding a part."
    )
    # None in each enum: the ids are added to what the committed schema says, and it lets `part: null` through.
    item = schema["$defs"]["LineItem"]
    item["allOf"] = [
        {
            "if": {"required": ["role"], "properties": {"role": {"const": role}}},
            "then": {"properties": {"part": {"enum": [*sorted(ids), None]}}},
        }
        for role, ids in by_role.items()
    ]
    alternative = schema["$defs"]["Alternative"]
    alternative["allOf"] = [{"properties": {"part": {"enum": [*sorted(catalog.parts), None]}}}]
    return dump(schema)
