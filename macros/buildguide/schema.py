"""Generated views of the models: JSON Schemas for editors, and the field reference for the docs.

Both are committed and a test regenerates them, so they can never drift from the code.
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .catalog import PART_MODELS, CatalogFile, PartBase
from .model import Build

SCHEMA_FILES = {"schemas/build.schema.json": Build, "schemas/catalog.schema.json": CatalogFile}
REFERENCE_FILE = "docs/reference.md"


def json_schema(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


_VALIDATED = {"_check_url": "http(s) link", "_check_slug": "id (lowercase-with-hyphens)", "_check_tag": "tag"}
_VALIDATED |= {"_check_currency": "ISO 4217 currency code", "_check_finite": "number"}


def _type_name(annotation: Any) -> str:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        for meta in args[1:]:
            name = getattr(getattr(meta, "func", None), "__name__", "")
            if name in _VALIDATED:
                return _VALIDATED[name]
        return _type_name(args[0])
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in args if a is not type(None))
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"mapping of {_type_name(args[0])} to {_type_name(args[1])}"
    names = {"str": "text", "int": "whole number", "Decimal": "number", "bool": "true/false", "date": "date"}
    return names.get(getattr(annotation, "__name__", ""), getattr(annotation, "__name__", str(annotation)))


def _table(model: type[BaseModel], skip: tuple[str, ...] = ()) -> list[str]:
    rows = ["| Field | Type | Required | Meaning |", "| --- | --- | --- | --- |"]
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        required = "yes" if info.is_required() else "no"
        meaning = (info.description or "").replace("<", "&lt;").replace("|", "\\|")
        rows.append(f"| `{name}` | {_type_name(info.annotation)} | {required} | {meaning} |")
    return rows


def _nested(model: type[BaseModel], seen: set[type[BaseModel]]) -> list[type[BaseModel]]:
    found = []
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            current = stack.pop()
            if isinstance(current, type) and issubclass(current, BaseModel) and current not in seen:
                seen.add(current)
                found += [current, *_nested(current, seen)]
            stack += typing.get_args(current)
    return found


def field_reference() -> str:
    lines = [
        "# Field reference",
        "",
        "Generated from the data models by `buildguide schema`; do not edit by hand.",
        "",
        "## Build file (`builds/<slug>.yaml`)",
        "",
        *_table(Build),
    ]
    for model in _nested(Build, {Build}):
        lines += ["", f"### {model.__name__}", "", *_table(model)]
    lines += ["", "## Catalog parts (`builds/parts/<category>.yaml`)", "", "Every part has these fields:", ""]
    lines += _table(PartBase)
    for model in PART_MODELS:
        category = typing.get_args(model.model_fields["category"].annotation)[0]
        lines += ["", f"### `category: {category}`", "", *_table(model, skip=(*PartBase.model_fields, "category"))]
        for nested in _nested(model, {model}):
            lines += ["", f"#### {nested.__name__}", "", *_table(nested)]
    return "\n".join(lines) + "\n"


def generated() -> dict[str, str]:
    files = {path: json_schema(model) for path, model in SCHEMA_FILES.items()}
    files[REFERENCE_FILE] = field_reference()
    return files


def stale(root: Path) -> list[str]:
    """Generated files whose committed text differs from what the models produce now."""
    return [
        path for path, text in generated().items() if not (root / path).is_file() or (root / path).read_text() != text
    ]


def write(root: Path) -> list[str]:
    changed = stale(root)
    for path in changed:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(generated()[path])
    return changed
