"""The build file: one YAML per build, describing its parts, why they were chosen and what they cost."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from babel.numbers import get_currency_precision, list_currencies
from pydantic import AfterValidator, Field, StringConstraints, ValidationInfo, field_validator, model_validator

from .catalog import CATEGORIES
from .fields import Day, Line, Money, Slug, Strict, Tag, Text, Url

# ISO 4217 codes with their minor units (USD 2, JPY 0, BHD 3) from Babel's CLDR data; X-codes are units of
# account and precious metals, not prices. A build uses exactly one currency.
CURRENCIES = {code: get_currency_precision(code) for code in list_currencies() if not code.startswith("X")}
CURRENCIES = {code: places for code, places in CURRENCIES.items() if places <= 3}

Role = Literal[CATEGORIES]  # type: ignore[valid-type]
FREE_FORM_ROLES = ("peripheral", "accessory")
Use = Literal["machine learning", "gaming", "rendering", "software development", "content creation", "general"]
MAX_FORMER = 20  # each is a page of the site; a rename a year for twenty years
MAX_TAGS = 20  # each is a link on the build page and a section of the tags page
MAX_PHOTOS = 24  # a gallery, not an album: each photo is published in up to four sizes
ImagePath = Annotated[str, StringConstraints(min_length=1, max_length=300)]


def _check_currency(code: str) -> str:
    if code not in CURRENCIES:
        hint = f"write it in capitals: {code.upper()}" if code.upper() in CURRENCIES else "use one such as USD or EUR"
        raise ValueError(f"unknown currency code '{code}': an ISO 4217 code is three letters; {hint}")
    return code


class Image(Strict):
    path: ImagePath = Field(description="Relative to the builds/ folder, e.g. images/<slug>/front.png.")
    alt: Line = Field(description="What the image shows, for readers who cannot see it.")
    caption: Line | None = Field(default=None, description="Shown under the image.")
    credit: Line | None = Field(
        default=None, description="Who took the photo or made the picture; shown with it. Defaults to the author."
    )


class Alternative(Strict):
    part: Slug | None = Field(default=None, description="A catalog part id.")
    name: Line | None = Field(default=None, description="A product that is not in the catalog.")
    why_not: Text = Field(description="Why it was not chosen (Markdown).")

    @model_validator(mode="after")
    def _one_of(self) -> Alternative:
        if (self.part is None) == (self.name is None):
            raise ValueError("give exactly one of 'part' or 'name'")
        return self


class LineItem(Strict):
    role: Role = Field(description="What the item is in the build; must match the catalog part's category.")
    part: Slug | None = Field(default=None, description="A catalog part id.")
    name: Line | None = Field(default=None, description="A free-form item (peripherals and accessories only).")
    quantity: int = Field(default=1, ge=1, le=64, strict=True, description="How many (1 to 64).")
    unit_price: Money = Field(
        description="Price of one, as a plain number in the build's currency, with at most that currency's decimals "
        "(2 for USD and EUR, none for JPY and KRW)."
    )
    retailer: Line = Field(description="Where the price comes from: a shop, or the maker for a list price.")
    # "purchased": what the builder paid, as PCPartPicker's "Purchased For" rows say (`buildguide import`). A row
    # without any price has no basis: the importer leaves its unit_price to fill in instead.
    price_basis: Literal["retail", "list price", "estimate", "purchased"] = Field(
        default="retail",
        description="A shop's price, the maker's list price, an estimate, or what the builder paid (purchased); "
        "shown as such.",
    )
    url: Url | None = Field(default=None, description="Where the price was seen.")
    affiliate: bool = Field(default=False, description="The link pays the author; rendered rel=sponsored.")
    price_date: Day | None = Field(default=None, description="Defaults to the build's prices_as_of.")
    rationale: Text | None = Field(default=None, description="Why this part (Markdown).")
    alternatives: list[Alternative] = Field(default=[], description="What was considered instead, and why not.")
    images: list[Image] = Field(default=[], max_length=MAX_PHOTOS, description="Photos of the part in this build.")

    @field_validator("unit_price", mode="before")
    @classmethod
    def _no_sign(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip()[:1] and value.strip()[0] in "$€£¥₹₩":
            number = value.strip()[1:].replace(",", "")
            raise ValueError(f"write the amount without a currency sign ({number}); the build's currency is set once")
        return value

    @field_validator("unit_price")
    @classmethod
    def _minor_units(cls, value: Decimal, info: ValidationInfo) -> Decimal:
        currency = (info.context or {}).get("currency")
        places = CURRENCIES.get(currency) if isinstance(currency, str) else None
        exponent = value.as_tuple().exponent
        if places is not None and isinstance(exponent, int) and -exponent > places:
            rule = "are whole numbers" if places == 0 else f"have at most {places} decimal{'s' if places > 1 else ''}"
            raise ValueError(f"{currency} prices {rule}; the page shows amounts in the currency's own units")
        return value

    @model_validator(mode="after")
    def _one_of(self) -> LineItem:
        if (self.part is None) == (self.name is None):
            raise ValueError("give exactly one of 'part' or 'name'")
        if self.name is not None and self.role not in FREE_FORM_ROLES:
            raise ValueError(f"a {self.role} must be a catalog 'part'; free-form 'name' is for peripherals/accessories")
        return self


class Section(Strict):
    id: Slug = Field(description="Short id, used in the page's anchors.")
    title: Line = Field(description="Heading of the section on the page.")
    optional: bool = Field(default=False, description="Totalled apart from the core build, e.g. peripherals.")
    items: list[LineItem] = Field(min_length=1, description="The parts in this section.")


class Acknowledgement(Strict):
    rule: Slug = Field(description="The id of a compatibility rule whose error this build accepts.")
    reason: Text = Field(description="Why the build is fine anyway, shown beside the finding.")


class Build(Strict):
    title: Line = Field(description="The guide's title, as it heads the page.")
    summary: Text = Field(description="One or two sentences (Markdown) for the header and the home page card.")
    author: Line = Field(description="Who built it (and wrote the rationale).")
    date: Day = Field(description="When the build was finished, YYYY-MM-DD.")
    purpose: Line = Field(description="What the machine is for, e.g. 'Deep learning and data science'.")
    use: list[Use] = Field(
        default=[],
        description="What the machine is for, from a fixed list; 'machine learning' turns on the sizing checks "
        "for training (system memory, CPU threads and PCIe lanes per GPU).",
    )
    tags: list[Tag] = Field(
        default=[],
        max_length=MAX_TAGS,
        json_schema_extra={"uniqueItems": True},
        description="Lowercase topics such as 'deep learning', 'quiet'.",
    )
    formerly: list[Slug] = Field(
        default=[],
        max_length=MAX_FORMER,
        json_schema_extra={"uniqueItems": True},
        description="File names this build had before (without .yaml): their addresses redirect here.",
    )
    currency: Annotated[str, AfterValidator(_check_currency)] = Field(description="ISO 4217 code, one per build.")
    prices_as_of: Day = Field(description="The date the prices refer to, unless a line gives its own.")
    part_list_url: Url | None = Field(default=None, description="An external part list, e.g. on PCPartPicker.")
    intro: Text | None = Field(default=None, description="The story of the build (Markdown).")
    photos: list[Image] = Field(
        default=[],
        max_length=MAX_PHOTOS,
        description="Photos of the whole build: the first heads the page and its card, the rest form a gallery.",
    )
    sections: list[Section] = Field(min_length=1, description="Groups of line items, e.g. core parts, peripherals.")
    acknowledge: list[Acknowledgement] = Field(default=[], description="Compatibility errors accepted on purpose.")

    def items(self) -> list[tuple[int, int, LineItem]]:
        return [(s, i, item) for s, section in enumerate(self.sections) for i, item in enumerate(section.items)]
