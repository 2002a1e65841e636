"""Field types shared by the catalog and build models: every rule a single value must obey lives here."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pymdownx.slugs import slugify

from .scalars import WrittenNumber

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
    if "  " in value:  # a page shows it as one space, beside a tag that has one
        raise ValueError(f"tag '{value}' has two spaces in a row: use one")
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


def _plain_day(value: object) -> object:
    # The reader makes a date of YYYY-MM-DD and leaves anything with a time as text; pydantic would take
    # '2023-10-01T00:00:00+05:00' for 1 October, dropping a time zone that makes it 30 September.
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("must be a real date written as YYYY-MM-DD")
    return value


Day = Annotated[dt.date, BeforeValidator(_plain_day)]


def _check_finite(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("must be a finite number")
    return value


def _as_written(value: object) -> object:
    # pydantic would print 1.5e+3 as 1.5E+3 and .inf as Infinity: text, and what a message quotes, is what the
    # file says.
    return value.written if isinstance(value, WrittenNumber) else value


# After the constraints: before them, pydantic would word a length error as a list's.
AS_WRITTEN = BeforeValidator(_as_written)
Url = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_check_url)]
Slug = Annotated[str, StringConstraints(max_length=MAX_SLUG), AS_WRITTEN, AfterValidator(_check_slug)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=40), AS_WRITTEN, AfterValidator(_check_tag)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=200), AS_WRITTEN, AfterValidator(_check_one_line)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000), AS_WRITTEN]


def not_whole(value: object) -> str | None:
    """What is wrong with a value written for a whole number, said for a contributor; None for an int (or for
    what pydantic words well enough itself, such as a list)."""
    if isinstance(value, bool):
        return f"must be a whole number, not {str(value).lower()}"
    if isinstance(value, Decimal):  # how the YAML loader reads every number with a point
        if not value.is_finite():
            return "input should be a finite number"
        if value == value.to_integral_value():  # 2.0, or 2. (which Decimal prints as 2)
            return "must be a whole number, written without a decimal point"
        return f"must be a whole number, not {value}"
    if isinstance(value, str):
        return "must be a whole number written in digits, not text"
    return None


def _whole(value: object) -> object:
    if problem := not_whole(value):
        raise ValueError(problem)
    return value


# For a Literal of numbers, which pydantic cannot make strict: it would take `true` for 1 and 16.0 for 16.
WHOLE = BeforeValidator(_whole)


def _plain_number(value: object) -> object:
    """A figure as the YAML loader reads it (int or Decimal), in plain digits: pydantic would read the text
    '1_000' as 1000 and '1e2' as 100, and a page would print 1.5e+2 as 1.5E+2."""
    if isinstance(value, str):
        raise ValueError("must be a number written in digits, not text")
    if isinstance(value, Decimal) and value.is_finite():
        plain = Decimal(format(value, "f"))
        return plain.copy_abs() if plain.is_zero() else plain  # -0.00 is 0.00: a page would print "$-0.00"
    return value


PLAIN_NUMBER = BeforeValidator(_plain_number)
# Strict: pydantic would otherwise take `true` for 1 and 2.0 for 2, publishing a figure nobody wrote.
Count = Annotated[int, Field(ge=0, le=10_000, strict=True)]
Positive = Annotated[int, Field(gt=0, le=100_000, strict=True)]
Measure = Annotated[Decimal, PLAIN_NUMBER, AfterValidator(_check_finite), Field(gt=0, le=100_000)]
# Three decimals is the most any currency has (BHD); each build's own currency may allow fewer (model.py).
Money = Annotated[Decimal, PLAIN_NUMBER, AfterValidator(_check_finite), Field(ge=0, le=10_000_000, decimal_places=3)]
