"""Pydantic's validation errors, re-worded for contributors and pointed at the line they have to edit."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .fields import not_whole
from .yamlfile import Document, Loc


def _strip_tags(data: Any, loc: tuple[Any, ...]) -> Loc:
    """Drop the union tags pydantic inserts into error locations, keeping only real keys and indices."""
    kept: list[str | int] = []
    for step in loc:
        found = step in data if isinstance(data, dict) else isinstance(step, int) and step < len(data)
        if isinstance(data, dict | list) and found:
            data = data[step]
            kept.append(step)
    return tuple(kept)


def _unwrap(annotation: Any, data: Any) -> Any:
    """Strip Annotated and Optional; of a union of models, take the one a catalog entry's category selects."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
            category = data.get("category") if isinstance(data, dict) else None
            chosen = [m for m in models if category in typing.get_args(m.model_fields["category"].annotation)]
            annotation = (chosen or models or members)[0]
        else:
            return annotation


def _fields_at(annotation: Any, data: Any, loc: Loc) -> set[str]:
    """Field names allowed in the mapping at `loc`, to suggest the one a contributor mistyped."""
    for step in loc:
        annotation = _unwrap(annotation, data)
        if typing.get_origin(annotation) in (list, dict):
            annotation = typing.get_args(annotation)[-1]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and step in annotation.model_fields:
            annotation = annotation.model_fields[step].annotation
        else:
            return set()
        if isinstance(data, dict):
            data = data.get(step)
        else:
            data = data[step] if isinstance(data, list) and isinstance(step, int) else None
    annotation = _unwrap(annotation, data)
    return set(annotation.model_fields) if isinstance(annotation, type) and issubclass(annotation, BaseModel) else set()


def reword(err: Any) -> str:
    kind, message = err["type"], err["msg"]
    if kind == "union_tag_invalid":
        return f"unknown category '{err['ctx']['tag']}' (expected one of {err['ctx']['expected_tags']})"
    if err.get("input", "") is None:
        return "needs a value"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "must be a mapping of fields (key: value), not a list or a single value"
    if kind == "string_too_short" and err["ctx"].get("min_length") == 1:
        return "must not be empty"
    if kind == "too_long":  # pydantic's "after validation" means nothing to a contributor
        return f"a list of at most {err['ctx']['max_length']}, not {err['ctx']['actual_length']}"
    if kind == "too_short":
        return f"a list of at least {err['ctx']['min_length']}, not {err['ctx']['actual_length']}"
    if kind.startswith("date_") and kind != "date_type":
        return "must be a real date written as YYYY-MM-DD"
    if kind == "int_type" and (problem := not_whole(err.get("input"))):  # strict whole numbers (fields.Count)
        return problem
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    return message[0].lower() + message[1:]


def validation_problems(exc: ValidationError, doc: Document, root: Any) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = _strip_tags(doc.data, err["loc"])
        if err["type"] in ("missing", "union_tag_not_found"):
            key = err["loc"][-1] if err["type"] == "missing" else "category"
            problems.append(doc.problem((*loc, key), "required field is missing"))
        elif err["type"] == "union_tag_invalid":
            problems.append(doc.problem((*loc, "category"), reword(err)))
        elif err["type"] == "extra_forbidden":
            allowed = _fields_at(root, doc.data, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            message = "unknown field" + (f" (did you mean '{close[0]}'?)" if close else "")
            problems.append(doc.problem(loc, message, key=True))
        else:
            problems.append(doc.problem(loc, reword(err)))
    return problems
