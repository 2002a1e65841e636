"""The JSON Schemas editors read: pydantic's, with the models' Python validators turned into standard keywords.

Only keywords editors understand are written (type, enum, const, pattern, minimum, maximum, multipleOf, minLength,
maxLength, required, additionalProperties, propertyNames, anyOf, oneOf, allOf, if/then, not): a keyword an editor
does not know checks nothing there.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .keywords import CHECKS, FIELD_KEYWORDS, MODEL_KEYWORDS, STEPS
from .meanings import description_of
from .patterns import DATE_PATTERN, PLAIN_KEYWORDS, TEXT_KEYWORDS, with_message

DRAFT = "https://json-schema.org/draft/2020-12/schema"


class _EditorSchema(GenerateJsonSchema):
    """Pydantic's JSON Schema, with the models' Python validators turned into keywords editors understand."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        if "pattern" not in json_schema:
            json_schema |= TEXT_KEYWORDS if json_schema.get("minLength", 0) >= 1 else PLAIN_KEYWORDS
        return json_schema

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        # `format: date` alone is only an annotation to many editors; the pattern is what they check.
        return {"type": "string", "format": "date"} | with_message(DATE_PATTERN, "a real date, written YYYY-MM-DD")

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        # A number, never a string: "$139.99" or "139.99" in quotes is what the schema must refuse.
        json_schema: JsonSchemaValue = {"type": "number"}
        for key in ("ge", "gt", "le", "lt", "decimal_places"):
            if schema.get(key) is not None:
                json_schema[key] = schema[key]
        return json_schema

    def function_after_schema(self, schema: core_schema.AfterValidatorFunctionSchema) -> JsonSchemaValue:
        json_schema = super().function_after_schema(schema)
        keywords = CHECKS.get(schema["function"]["function"])
        if keywords is None:
            return json_schema
        kept = {k: v for k, v in json_schema.items() if k not in ("pattern", "patternErrorMessage")}
        return kept | keywords

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        # Pydantic turns a key pattern into patternProperties, which lets a key that misses the pattern through
        # unchecked; propertyNames refuses it.
        keys = self.generate_inner(schema["keys_schema"]).copy() if "keys_schema" in schema else {}
        values = self.generate_inner(schema["values_schema"]).copy() if "values_schema" in schema else {}
        for key in ("title", "type"):
            keys.pop(key, None)
        values.pop("title", None)
        json_schema: JsonSchemaValue = {"type": "object", "additionalProperties": values or True}
        if keys:
            json_schema["propertyNames"] = keys
        self.update_with_validations(json_schema, schema, self.ValidationsMapping.object)
        return json_schema

    def tagged_union_schema(self, schema: core_schema.TaggedUnionSchema) -> JsonSchemaValue:
        """A catalog entry: `category` from a list, then the fields of that category (if/then, not oneOf).

        Editors then report an unknown category as such, complete the fields of the category given, and report
        a wrong field once instead of once per category.
        """
        key = schema["discriminator"]
        if not isinstance(key, str):
            return super().tagged_union_schema(schema)
        tags = [str(tag) for tag in schema["choices"]]
        branches = [
            {"if": {"required": [key], "properties": {key: {"const": tag}}}, "then": self.generate_inner(choice)}
            for tag, choice in zip(tags, schema["choices"].values(), strict=True)
        ]
        return {
            "type": "object",
            "required": [key],
            "properties": {
                key: {"enum": tags, "description": "Which kind of part this is; the fields follow from it."}
            },
            "allOf": branches,
        }

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        cls = schema["cls"]
        for name, prop in json_schema.get("properties", {}).items():
            prop["description"] = description_of(cls, name)
            if extra := FIELD_KEYWORDS.get((cls, name)):
                if "enum" in extra:  # the list says it all
                    prop.pop("pattern", None)
                    prop.pop("patternErrorMessage", None)
                prop |= extra
        json_schema |= MODEL_KEYWORDS.get(cls, {})
        return json_schema


# pydantic's bound -> JSON Schema's keyword, and which of two limits to keep when a field has both.
_BOUNDS = {
    "ge": ("minimum", max),
    "gt": ("exclusiveMinimum", max),
    "le": ("maximum", min),
    "lt": ("exclusiveMaximum", min),
}
# Keys whose values are data, not schemas: left as written, whatever keys they hold.
_NOT_SCHEMAS = ("enum", "const", "default", "required", "examples", "title", "description")


def _standard(node: Any) -> None:
    """Pydantic writes some constraints under its own names (ge, le, decimal_places): write JSON Schema's."""
    if isinstance(node, list):
        for child in node:
            _standard(child)
        return
    if not isinstance(node, dict):
        return
    for key, (keyword, tighter) in _BOUNDS.items():
        if key in node:
            value = node.pop(key)
            node[keyword] = tighter(node[keyword], value) if keyword in node else value
    if "decimal_places" in node:
        node["multipleOf"] = STEPS[node.pop("decimal_places")]
    for key, value in node.items():
        if key in ("properties", "$defs", "patternProperties"):
            for child in value.values():
                _standard(child)
        elif key not in _NOT_SCHEMAS:
            _standard(value)


def schema_dict(model_type: type[BaseModel]) -> dict[str, Any]:
    schema = model_type.model_json_schema(schema_generator=_EditorSchema)
    _standard(schema)
    return {"$schema": DRAFT, **schema}


def dump(schema: dict[str, Any]) -> str:
    # Sorted and indented, so the committed files change only where the schema does.
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def json_schema(model_type: type[BaseModel]) -> str:
    return dump(schema_dict(model_type))
