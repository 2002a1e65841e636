"""The shared parts catalog: each part's specs once, with the maker's pages they come from.

Spec fields are optional on purpose: a figure the maker does not publish stays empty, and the rules then
report "not checked" instead of guessing.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, RootModel

from .errors import Problem
from .fields import WHOLE, Count, Line, Measure, Positive, Slug, Strict, Text
from .provenance import Reading, Source
from .vocabulary import BoardFormFactor, CaseType, EfficiencyRating, MemoryType, PsuFormFactor, Socket

# Every source and reading is shown on the part page and on each guide page that uses the part, and the checks
# run once more for each reading of a disputed figure: a few of each make the case, hundreds make a DoS.
MAX_SOURCES = 20
MAX_READINGS = 10


class PartBase(Strict):
    maker: Line = Field(description="The manufacturer, as it brands the part.")
    model: Line = Field(description="The model name, with the part number where it matters.")
    sources: list[Source] = Field(
        min_length=1,
        max_length=MAX_SOURCES,
        description="Where the figures come from: each source, when it was read, and which figures.",
    )
    disputed: dict[str, Annotated[list[Reading], Field(min_length=1, max_length=MAX_READINGS)]] | None = Field(
        default=None,
        description=f"Other sources' figures where they disagree with this entry's, by field: at most "
        f"{MAX_READINGS} readings of each.",
    )
    notes: Text | None = Field(default=None, description="Where a figure came from, or that the maker publishes none.")
    formerly: list[Slug] = Field(
        default=[],
        max_length=20,  # each is a page of the site, as a build's (model.MAX_FORMER)
        json_schema_extra={"uniqueItems": True},
        description="Ids this part had before: their part pages' addresses redirect to its page.",
    )
    _id: str = PrivateAttr(default="")  # the entry's key in its file, set as it is loaded

    # Cached: every check and every page reads them, and pydantic reaches a private attribute through its slow
    # __getattr__ (a twentieth of a 1,000-build render). Pydantic leaves cached properties out of equality.
    @cached_property
    def id(self) -> str:
        return self._id

    @cached_property
    def name(self) -> str:
        return f"{self.maker} {self.model}"

    @cached_property
    def figure_cache(self) -> dict[str, Any]:
        """provenance.figure's cache: a Figure per field, made when first asked for."""
        return {}


class Cpu(PartBase):
    category: Literal["cpu"]
    socket: Socket | None = None
    cores: Positive | None = None
    threads: Positive | None = None
    base_clock_ghz: Measure | None = None
    boost_clock_ghz: Measure | None = None
    tdp_w: Positive | None = None
    memory_types: list[MemoryType] | None = None
    memory_channels: Positive | None = None
    max_memory_gb: Positive | None = None
    pcie_lanes: Positive | None = None


# The sizes the makers use, each a whole number as written (WHOLE: `true` is not 1, nor is 16.0 16).
Lanes = Annotated[Literal[1, 2, 4, 8, 16], WHOLE]
M2Length = Annotated[Literal[2230, 2242, 2260, 2280, 22110], WHOLE]
RadiatorSize = Annotated[Literal[120, 140, 240, 280, 360, 420, 480], WHOLE]


class PcieSlot(Strict):
    position: int = Field(
        ge=1, le=12, strict=True, description="Expansion-slot position from the top (1 = nearest the CPU)."
    )
    lanes: Lanes = Field(description="Electrical lanes with every slot populated.")


class M2Slot(Strict):
    key: Literal["M", "B", "B+M", "E"] = "M"
    lengths: list[M2Length] | None = Field(default=None, min_length=1)
    interfaces: list[Literal["pcie", "sata"]] = Field(min_length=1)


class Motherboard(PartBase):
    category: Literal["motherboard"]
    socket: Socket | None = None
    chipset: Line | None = None
    form_factor: BoardFormFactor | None = None
    memory_type: MemoryType | None = None
    dimm_slots: Positive | None = None
    max_memory_gb: Positive | None = None
    pcie_x16_slots: list[PcieSlot] | None = None
    expansion_slots: Positive | None = None
    m2_slots: list[M2Slot] | None = None
    sata_ports: Count | None = None
    pcie_gen: Positive | None = None


GpuConnector = Literal["8-pin", "6-pin", "12v-2x6"]


class Gpu(PartBase):
    category: Literal["gpu"]
    vram_gb: Positive | None = None
    tdp_w: Positive | None = None
    length_mm: Measure | None = None
    slot_width: Measure | None = None
    cooler: Literal["open-air", "blower", "liquid", "passive"] | None = None
    power_connectors: dict[GpuConnector, Positive] | None = None
    nvlink: bool | None = None


class Bridge(PartBase):
    category: Literal["bridge"]
    kind: Literal["nvlink", "sli"]
    slot_spacing: Positive | None = None


class Cooler(PartBase):
    category: Literal["cooler"]
    kind: Literal["air", "liquid"]
    height_mm: Measure | None = None
    sockets: list[Socket] | None = None
    ram_clearance_mm: Measure | None = Field(
        default=None, description="Memory height that fits under the cooler with its fans in the standard place."
    )
    ram_clearance_no_fan_mm: Measure | None = Field(
        default=None, description="Memory height that fits once the front fan is raised or removed."
    )
    fans: Count | None = None
    radiator_mm: Positive | None = None
    tdp_rating_w: Positive | None = None


class RadiatorMount(Strict):
    position: Literal["front", "top", "rear", "side", "bottom"] = Field(description="Where in the case.")
    max_mm: RadiatorSize = Field(description="The longest radiator it takes, in mm.")


class Case(PartBase):
    category: Literal["case"]
    form_factor: CaseType | None = None
    motherboard_form_factors: list[BoardFormFactor] | None = None
    max_gpu_length_mm: Measure | None = None
    max_cooler_height_mm: Measure | None = None
    expansion_slots: Positive | None = None
    psu_form_factors: list[PsuFormFactor] | None = None
    radiator_mounts: list[RadiatorMount] | None = Field(
        default=None, description="Where a liquid cooler's radiator can go, and the longest each place takes."
    )
    fans_included: Count | None = None


class Psu(PartBase):
    category: Literal["psu"]
    wattage_w: Positive | None = None
    form_factor: PsuFormFactor | None = None
    pcie_8pin: Count | None = None
    pcie_12v_2x6: Count | None = None
    efficiency_rating: EfficiencyRating | None = None
    efficiency_percent: Measure | None = Field(default=None, le=100)
    modular: Literal["full", "semi", "none"] | None = None


class Memory(PartBase):
    category: Literal["memory"]
    type: MemoryType | None = None
    speed_mts: Positive | None = None
    modules: Positive | None = None
    module_gb: Positive | None = None
    height_mm: Measure | None = None
    cas_latency: Positive | None = None
    voltage_v: Measure | None = None


class Storage(PartBase):
    category: Literal["storage"]
    interface: Literal["nvme", "sata"] | None = None
    form_factor: Literal["M.2 2230", "M.2 2242", "M.2 2260", "M.2 2280", "M.2 22110", "2.5in", "3.5in"] | None = None
    capacity_gb: Positive | None = None
    pcie_gen: Positive | None = None


class Fan(PartBase):
    category: Literal["fan"]
    size_mm: Positive | None = None
    airflow_cfm: Measure | None = None
    max_rpm: Positive | None = None
    pwm: bool | None = None


class Peripheral(PartBase):
    category: Literal["peripheral"]
    kind: Line
    summary: Line | None = None


class Accessory(PartBase):
    category: Literal["accessory"]
    kind: Line
    summary: Line | None = None


Part = Annotated[
    Cpu | Motherboard | Gpu | Bridge | Cooler | Case | Psu | Memory | Storage | Fan | Peripheral | Accessory,
    Field(discriminator="category"),
]
PART_MODELS: tuple[type[PartBase], ...] = typing.get_args(typing.get_args(Part)[0])
CATEGORIES: tuple[str, ...] = ("cpu", "motherboard", "cooler", "case", "gpu", "bridge", "memory", "storage")
CATEGORIES += ("psu", "fan", "peripheral", "accessory")
_LABELS = {"cpu": "CPU", "gpu": "GPU", "psu": "Power supply", "bridge": "GPU bridge"}


def category_label(category: str) -> str:
    """How a category (or a pricing role named after one) is written in headings and legends."""
    return _LABELS.get(category, category.capitalize())


class CatalogFile(RootModel[dict[Slug, Part]]):
    """One catalog file: part id -> part."""


# A typo is compared with at most this many ids of its category, and at most SUGGESTIONS typos get a
# suggestion in one run: difflib is quadratic in both, and 2,000 unknown ids once took 135 s.
CANDIDATES = 200
SUGGESTIONS = 100
UNKNOWN = "unknown part id"
_SUGGESTION = re.compile(r" \(did you mean '[^']*'\?\)\Z")


def first_suggestions(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order, worded as one process words them: only the first SUGGESTIONS unknown ids get a
    suggestion. A worker of a parallel `check` counts only the ids it has seen, never more than one process
    would have by then, so it suggests whenever one process would; what it suggests past the limit is removed."""
    left, kept = SUGGESTIONS, []
    for problem in problems:
        if problem.message.startswith(UNKNOWN):
            if left == 0:
                problem = dataclasses.replace(problem, message=_SUGGESTION.sub("", problem.message))
            left = max(0, left - 1)
        kept.append(problem)
    return kept


@dataclass
class Catalog:
    parts: dict[str, PartBase]
    unusable: dict[str, str] = field(default_factory=dict)  # ids whose entries have problems -> "file:line"
    renamed: dict[str, str] = field(default_factory=dict)  # a part's former id -> its id now
    _suggested: int = 0
    _names: dict[str, str] | None = field(default=None, repr=False, compare=False)  # `named`, built on first use

    def get(self, part_id: str) -> PartBase | None:
        return self.parts.get(part_id)

    def named(self, name: str) -> str | None:
        """The id of the part called `name` (maker and model, any case and spacing), if the catalog has one."""
        if self._names is None:
            self._names = {folded(part.name): part_id for part_id, part in self.parts.items()}
        return self._names.get(folded(name))

    def missing(self, part_id: str, role: str) -> str:
        """Why a build cannot use `part_id`: its entry has problems, or there is no such id."""
        if part_id in self.renamed:
            return f"part '{part_id}' was renamed to '{self.renamed[part_id]}': use the new id"
        if part_id in self.unusable:
            return f"part '{part_id}' has problems in its catalog entry ({self.unusable[part_id]}): fix those first"
        return f"{UNKNOWN} '{part_id}'{self.suggest(part_id, role)}"

    def suggest(self, part_id: str, category: str) -> str:
        """' (did you mean …?)' with the closest id of the category a role needs, or ''."""
        if self._suggested >= SUGGESTIONS:
            return ""
        self._suggested += 1
        ids = [i for i, part in self.parts.items() if part.category == category]  # type: ignore[attr-defined]
        if len(ids) > CANDIDATES:  # the same maker first: ids start with the maker's name
            maker = part_id.split("-", 1)[0]
            ids = sorted(ids, key=lambda i: (i.split("-", 1)[0] != maker, i))[:CANDIDATES]
        close = difflib.get_close_matches(part_id, ids, n=1, cutoff=0.6)
        return f" (did you mean '{close[0]}'?)" if close else ""


def folded(name: str) -> str:
    """A part's name as `Catalog.named` compares it: any case, any spacing."""
    return " ".join(name.casefold().split())
