"""One view per build: every figure its page, downloads, card and compare data show, computed once.

The templates and the downloads read a `BuildView`; nothing downstream recomputes facts, shares or slots.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markupsafe import escape

from . import exports, slots
from .costshare import Share, shares
from .facts import Facts, facts
from .freshness import StalePrices, reference_date, stale_prices
from .images import Photo
from .model import Build, Image
from .pricing import Pricing
from .project import Guide


@dataclass(frozen=True)
class BuildView:
    guide: Guide
    facts: Facts
    shares: tuple[Share, ...]
    slots: slots.SlotUsage | None
    last_changed: dt.date | None  # the file's last commit (see history); None when the history cannot tell
    stale: StalePrices | None  # set when the oldest price is more than a year old (see freshness)

    @cached_property
    def data(self) -> dict[str, Any]:
        """The JSON download (which the compare page fetches). Worked out when first read: the render step's
        workers read it, and the listings rendered in the parent do not."""
        return exports.build_data(self.guide, self.facts, self.last_changed)

    @property
    def slug(self) -> str:
        return self.guide.slug

    @property
    def build(self) -> Build:
        return self.guide.loaded.build

    @property
    def pricing(self) -> Pricing:
        return self.guide.pricing

    @property
    def units(self) -> int:
        return sum(item.item.quantity for item in self.guide.loaded.items)

    @property
    def board(self) -> str:
        boards = self.guide.loaded.by_role("motherboard")
        return boards[0].name if boards else ""

    @property
    def images(self) -> list[Image]:
        """Every image the build shows: its own photos, then the parts'."""
        return [*self.build.photos, *(image for item in self.guide.loaded.items for image in item.item.images)]

    @property
    def hero(self) -> Image | None:
        """The photo that heads the page: the build's first."""
        return next(iter(self.build.photos), None)

    @property
    def gallery(self) -> list[Image]:
        return self.build.photos[1:]

    @property
    def cover(self) -> Image | None:
        """The picture for the build's card: its first photo, or else the first of a part's."""
        return next(iter(self.images), None)

    def photo(self, image: Image) -> Photo:
        return self.guide.loaded.photos[image.path]

    def credit(self, image: Image) -> str:
        return image.credit or self.build.author

    @property
    def description(self) -> str:
        """The social and search description: what it is, what it costs, which GPUs."""
        f, pricing = self.facts, self.pricing
        gpus = f"; {f.gpus}" + (f" ({f.gpu_memory_gb} GB GPU memory)" if f.gpu_memory_gb else "") if f.gpus else ""
        return f"{self.build.purpose}: {pricing.money(pricing.core_total)} {pricing.currency}{gpus}."

    @property
    def meta_description(self) -> str:
        # The themes print page.meta unescaped into an attribute, so it is escaped here, once.
        return str(escape(self.description))


def view(guide: Guide, last_changed: dt.date | None = None, today: dt.date | None = None) -> BuildView:
    """The build's view; `today` is the reference date for old prices (default: freshness.reference_date())."""
    f = facts(guide)
    stale = stale_prices(guide.loaded.build, today or reference_date())
    return BuildView(guide, f, tuple(shares(guide.pricing)), slots.usage(guide.loaded), last_changed, stale)


def newest_first(views: dict[str, BuildView]) -> list[BuildView]:
    return sorted(views.values(), key=lambda v: (v.build.date, v.slug), reverse=True)
