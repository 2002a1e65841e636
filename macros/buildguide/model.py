"""The build file: one YAML per build, describing its parts, why they were chosen and what they cost."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from .catalog import CATEGORIES
from .fields import Line, Money, Slug, Strict, Tag, Text, Url

# ISO 4217 codes we know how to print; a build uses exactly one of them.
CURRENCIES = {"USD": 2, "EUR": 2, "GBP": 2, "INR": 2, "CAD": 2, "AUD": 2, "CHF": 2, "SEK": 2, "NOK": 2}
CURRENCIES |= {"DKK": 2, "PLN": 2, "CZK": 2, "NZD": 2, "SGD": 2, "HKD": 2, "CNY": 2, "BRL": 2, "ZAR": 2}
CURRENCIES |= {"JPY": 0, "KRW": 0}

Role = Literal[CATEGORIES]  # type: ignore[valid-type]
FREE_FORM_ROLES = ("peripheral", "accessory")
ImagePath = Annotated[str, StringConstraints(min_length=1, max_length=300)]


def _check_currency(code: str) -> str:
    if code not in CURRENCIES:
        raise ValueError(f"unknown currency code '{code}' (known: {', '.join(sorted(CURRENCIES))})")
    return code


class Image(Strict):
    path: ImagePath = Field(description="Relative to the builds/ folder, e.g. images/<slug>/front.png.")
    alt: Line = Field(description="What the image shows, for readers who cannot see it.")
    caption: Line | None = None


class Alternative(Strict):
    part: Slug | None = Field(default=None, description="A catalog part id.")
    name: Line | None = Field(default=None, description="A product that is not in the catalog.")
    why_not: Text

    @model_validator(mode="after")
    def _one_of(self) -> Alternative:
        if (self.part is None) == (self.name is None):
            raise ValueError("give exactly one of 'part' or 'name'")
        return self


class LineItem(Strict):
    role: Role
    part: Slug | None = Field(default=None, description="A catalog part id.")
    name: Line | None = Field(default=None, description="A free-form item (peripherals and accessories only).")
    quantity: int = Field(default=1, ge=1, le=64)
    unit_price: Money
    retailer: Line = Field(description="Where the price comes from: a shop, or the maker for a list price.")
    price_basis: Literal["retail", "list price", "estimate"] = Field(
        default="retail", description="A shop's price, the maker's list price, or an estimate (shown as such)."
    )
    url: Url | None = None
    affiliate: bool = Field(default=False, description="The link pays the author; rendered rel=sponsored.")
    price_date: date | None = Field(default=None, description="Defaults to the build's prices_as_of.")
    rationale: Text | None = None
    alternatives: list[Alternative] = []
    images: list[Image] = []

    @model_validator(mode="after")
    def _one_of(self) -> LineItem:
        if (self.part is None) == (self.name is None):
            raise ValueError("give exactly one of 'part' or 'name'")
        if self.name is not None and self.role not in FREE_FORM_ROLES:
            raise ValueError(f"a {self.role} must be a catalog 'part'; free-form 'name' is for peripherals/accessories")
        return self


class Section(Strict):
    id: Slug
    title: Line
    optional: bool = Field(default=False, description="Totalled apart from the core build, e.g. peripherals.")
    items: list[LineItem] = Field(min_length=1)


class Acknowledgement(Strict):
    rule: Slug = Field(description="The id of a compatibility rule whose error this build accepts.")
    reason: Text


class Build(Strict):
    title: Line
    summary: Text
    author: Line
    date: date
    purpose: Line
    tags: list[Tag] = []
    currency: Annotated[str, AfterValidator(_check_currency)] = Field(description="ISO 4217 code, one per build.")
    prices_as_of: date
    part_list_url: Url | None = None
    intro: Text | None = None
    sections: list[Section] = Field(min_length=1)
    acknowledge: list[Acknowledgement] = []

    def items(self) -> list[tuple[int, int, LineItem]]:
        return [(s, i, item) for s, section in enumerate(self.sections) for i, item in enumerate(section.items)]
