"""Field types shared by the catalog and build models: every rule a single value must obey lives here."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pymdownx.slugs import slugify

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_SLUG = 80


class Strict(BaseModel):
    """Unknown keys are errors at every level: a typo must never be ignored silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise ValueError("only http:// and https:// links are allowed")
    if not parts.hostname:
        raise ValueError("link has no host name")
    if parts.username or parts.password:
        raise ValueError("links must not carry a user name or password")
    if re.search(r"\s", value):
        raise ValueError("links must not contain spaces")
    if bad := re.search(r"[<>\"{}|\\^`]", value):  # RFC 3986 never allows these unencoded
        raise ValueError(f"links must not contain '{bad.group()}': percent-encode it")
    return value


def _check_slug(value: str) -> str:
    if not re.fullmatch(SLUG_PATTERN, value):
        raise ValueError(f"'{value}' must be lowercase letters and digits joined by single hyphens, e.g. 'my-part-2'")
    return value


def _check_tag(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9 +\-]*", value):
        raise ValueError(f"tag '{value}' must be lowercase letters, digits, spaces, '+' or '-'")
    return value


# Material's tags plugin's slug, so the ids it gave tags are the ones the tags page has now.
_TAG_SLUG = slugify(case="lower")


def tag_anchor(tag: str) -> str:
    """The id of a tag's section on the tags page, which its links on build pages point to."""
    return "tag:" + _TAG_SLUG(tag, "-")


def _check_one_line(value: str) -> str:
    # A line break in a title, name or caption would let the text start a new Markdown block on the page.
    if re.search(r"[\n\r\u2028\u2029]", value):
        raise ValueError("must be a single line; use a text field such as rationale for paragraphs")
    return value


def _check_finite(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("must be a finite number")
    return value


Url = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_check_url)]
Slug = Annotated[str, StringConstraints(max_length=MAX_SLUG), AfterValidator(_check_slug)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=40), AfterValidator(_check_tag)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_check_one_line)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]


def _not_a_flag(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError(f"must be a whole number, not {str(value).lower()}")
    return value


# For a Literal of numbers, which cannot be made strict: pydantic would take `true` for 1.
NOT_A_FLAG = BeforeValidator(_not_a_flag)
# Strict: pydantic would otherwise take `true` for 1 and 2.0 for 2, publishing a figure nobody wrote.
Count = Annotated[int, Field(ge=0, le=10_000, strict=True)]
Positive = Annotated[int, Field(gt=0, le=100_000, strict=True)]
Measure = Annotated[Decimal, AfterValidator(_check_finite), Field(gt=0, le=100_000)]
# Three decimals is the most any currency has (BHD); each build's own currency may allow fewer (model.py).
Money = Annotated[Decimal, AfterValidator(_check_finite), Field(ge=0, le=10_000_000, decimal_places=3)]
