"""How a field's type reads in the field reference: what to write, with its limits and allowed values.

Read from the models' annotations (bounds, lengths, decimals, the validators' labels), so the reference says
what the models check.
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from typing import Any

import annotated_types
from pydantic import AfterValidator, BaseModel, StringConstraints, WithJsonSchema
from pydantic.fields import FieldInfo

from .. import fields, model, vocabulary

# The controlled vocabularies: (heading in the reference, what one value is called, the values).
VOCABULARIES = (
    ("Sockets", "socket", vocabulary.SOCKETS),
    ("Motherboard form factors", "motherboard form factor", vocabulary.BOARD_FORM_FACTORS),
    ("Power supply form factors", "power supply form factor", vocabulary.PSU_FORM_FACTORS),
    ("Memory types", "memory type", vocabulary.MEMORY_TYPES),
    ("Efficiency ratings", "efficiency rating", vocabulary.EFFICIENCY_RATINGS),
    ("Case types", "case type", vocabulary.CASE_TYPES),
)


def _anchor(heading: str) -> str:
    # The id the site's Markdown gives a heading, so a type can link to the section that lists its values.
    return heading.lower().replace(" ", "-")


# What a validated string holds, named by its validator: "`http(s)://` link" tells a reader more than "text".
_LABELS = {
    fields._check_url: "`http(s)://` link",
    fields._check_slug: "id (lowercase-with-hyphens)",
    fields._check_tag: "tag (lowercase)",
    fields._check_one_line: "one line of text",
    model._check_currency: "currency code (see [Currencies](#currencies))",
}


def _bounds(meta: Any, bounds: dict[str, Any]) -> None:
    """Gather the limits in one piece of Annotated metadata: numbers' bounds, lengths, decimals."""
    if isinstance(meta, FieldInfo):
        for inner in meta.metadata:
            _bounds(inner, bounds)
        return
    for kind, name, tighter in (
        (annotated_types.Gt, "gt", max),
        (annotated_types.Ge, "ge", max),
        (annotated_types.Lt, "lt", min),
        (annotated_types.Le, "le", min),
        (annotated_types.MinLen, "min_length", max),
        (annotated_types.MaxLen, "max_length", min),
    ):
        if isinstance(meta, kind):
            value = getattr(meta, name)
            bounds[name] = tighter(bounds[name], value) if name in bounds else value
    if isinstance(meta, StringConstraints):
        for name in ("min_length", "max_length"):
            if getattr(meta, name) is not None:
                bounds[name] = getattr(meta, name)
    if getattr(meta, "decimal_places", None) is not None:
        bounds["decimal_places"] = meta.decimal_places


def _range(bounds: dict[str, Any]) -> str:
    if "ge" in bounds and "le" in bounds:
        return f"{bounds['ge']:,} to {bounds['le']:,}"
    words = {"gt": "above", "ge": "at least", "lt": "below", "le": "up to"}
    return ", ".join(f"{word} {bounds[key]:,}" for key, word in words.items() if key in bounds)


def _leaf(annotation: Any, bounds: dict[str, Any], label: str | None) -> str:
    name = getattr(annotation, "__name__", str(annotation))
    if annotation is str:
        text = label or "text"
        low, high = bounds.get("min_length", 0), bounds.get("max_length")
        if high is None:
            return text
        return f"{text}, {low:,} to {high:,} characters" if low else f"{text}, up to {high:,} characters"
    if annotation in (int, Decimal):
        text = "whole number" if annotation is int else "number"
        limits = _range(bounds)
        if "decimal_places" in bounds:
            limits += f", at most {bounds['decimal_places']} decimals"
        return f"{text}, {limits}" if limits else text
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{name}](#{_anchor(name)})"
    return {"bool": "true/false", "date": "date, YYYY-MM-DD", "Any": "any value"}.get(name, name)


def kind_of(annotation: Any, bounds: dict[str, Any] | None = None) -> str:
    """The type of a field as a reader needs it: what to write, with its limits and allowed values."""
    bounds = dict(bounds or {})
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        label = None
        for meta in args[1:]:
            _bounds(meta, bounds)
            if isinstance(meta, AfterValidator) and meta.func in _LABELS:
                label = _LABELS[meta.func]
            if isinstance(meta, WithJsonSchema):  # a controlled vocabulary: linked, as its list is long
                allowed = (meta.json_schema or {}).get("enum")
                for heading, what, values in VOCABULARIES:
                    if allowed == list(values):
                        return f"{what} (see [{heading}](#{_anchor(heading)}))"
        base = args[0]
        if typing.get_origin(base) is not None:
            return kind_of(base, bounds)
        return _leaf(base, bounds, label)
    if origin is typing.Literal:  # `\|`: the text goes in a Markdown table cell
        return " \\| ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(kind_of(a, bounds) for a in args if a is not type(None))
    if origin is list:
        most = f", at most {bounds['max_length']:,}" if "max_length" in bounds else ""
        return f"list of {kind_of(args[0])}{most}"
    if origin is dict:
        return f"mapping of {kind_of(args[0])} to {kind_of(args[1])}"
    return _leaf(annotation, bounds, None)
