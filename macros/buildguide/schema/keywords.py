"""The JSON Schema keywords that stand for the models' Python validators, keyed by what they stand for.

editor.py adds them to pydantic's schema: CHECKS by validator function, FIELD_KEYWORDS by field, MODEL_KEYWORDS by
model. tests/test_schema.py fails when a validator has none, so an editor never passes what `buildguide check`
refuses without the exception being listed (reference.NOT_IN_SCHEMA).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .. import fields, model
from ..load import PAGE_ANCHORS
from ..model import CURRENCIES, FREE_FORM_ROLES, Build
from ..rules import RULES
from .patterns import IMAGE_PATTERN, LINE_PATTERN, TAG_PATTERN, URL_PATTERN, with_message

# A currency's decimals as the step its prices are multiples of (JSON Schema has no "at most N decimals").
STEPS = {0: 1, 1: 0.1, 2: 0.01, 3: 0.001}

# The validators the models run, as the keywords that say the same to an editor.
CHECKS: dict[Any, dict[str, Any]] = {
    fields._check_slug: with_message(
        fields.SLUG_PATTERN, "lowercase letters and digits joined by single hyphens, e.g. 'my-part-2'"
    ),
    fields._check_tag: with_message(TAG_PATTERN, "lowercase letters, digits, single spaces, '+' or '-'"),
    fields._check_one_line: with_message(
        LINE_PATTERN, "one line of text, not blank: use a text field such as rationale for paragraphs"
    ),
    fields._check_url: with_message(
        URL_PATTERN, "an http:// or https:// link with a host name, no user name or password, and no spaces"
    ),
    model._check_currency: {"enum": sorted(CURRENCIES)},
}


def _exactly_one_of_part_or_name() -> list[dict[str, Any]]:
    # oneOf fails on both and on neither; a `null` is no string, so it counts as not given.
    return [{"required": [key], "properties": {key: {"type": "string"}}} for key in ("part", "name")]


def _price_decimals() -> list[dict[str, Any]]:
    """Each currency's minor units: `unit_price` anywhere in the build is a multiple of 1, 0.01, ..."""
    by_places: dict[int, list[str]] = {}
    for code, places in CURRENCIES.items():
        by_places.setdefault(places, []).append(code)
    rules = []
    for places, codes in sorted(by_places.items()):
        price = {"unit_price": {"multipleOf": STEPS[places]}}
        items = {"items": {"items": {"properties": price}}}
        rules.append(
            {
                "if": {"required": ["currency"], "properties": {"currency": {"enum": sorted(codes)}}},
                "then": {"properties": {"sections": {"items": {"properties": items}}}},
            }
        )
    return rules


# Rules between the fields of one model, which the models check in Python.
MODEL_KEYWORDS: dict[type[BaseModel], dict[str, Any]] = {
    model.Alternative: {"oneOf": _exactly_one_of_part_or_name()},
    model.LineItem: {
        "oneOf": _exactly_one_of_part_or_name(),
        "if": {"required": ["name"], "properties": {"name": {"type": "string"}}},
        "then": {"properties": {"role": {"enum": list(FREE_FORM_ROLES)}}},
    },
    Build: {"allOf": _price_decimals()},
}

# Rules on one field that the model states elsewhere (the page's anchors, the rule registry, the image folder).
FIELD_KEYWORDS: dict[tuple[type[BaseModel], str], dict[str, Any]] = {
    (model.Section, "id"): {
        "not": {"anyOf": [{"enum": sorted(PAGE_ANCHORS)}, {"pattern": "^part-[0-9]+-[0-9]+$"}]},
    },
    (model.Acknowledgement, "rule"): {"enum": sorted(RULES)},
    (model.Image, "path"): with_message(
        IMAGE_PATTERN,
        "a path under images/ of letters, digits, '.', '_' and '-', ending in .png, .jpg, .jpeg, .webp or .gif",
    ),
}
