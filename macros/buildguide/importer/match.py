"""Which catalog part a list's line names: a score over maker, model number and capacity, never a guess.

PCPartPicker names a part as maker, model and a run of specs ("Corsair Vengeance LPX 128 GB (8 x 16 GB)
DDR4-3200 CL16 Memory"); the catalog keeps maker and model apart ("Vengeance LPX 128GB (8x16GB) DDR4-3200 C16
(CMK128GX4M8B3200C16)"). A part is a candidate when

- its maker opens the name (letters and digits compared: G.Skill is G.SKILL, A-Data is ADATA);
- every model number of its model (a word holding a digit: 3700X, NH-D15, HX1200, DDR4-3200) is in the name:
  3700X is not 3700, HX1200 is not HX1200i;
- its capacity (storage, memory, video memory, wattage, fan size) does not differ from the name's;
- and its model's words, model numbers weighing three times a plain word, are at least THRESHOLD in the name.

Capacities are compared as figures, not words, and a part number in brackets (MZ-V7S1T0BW) counts only in
favour, found in the name or the product URL, since lists usually leave it out. Among candidates the best wins
only when it is clearly better: a score higher by MARGIN, or, with scores closer than that, more of the name
explained (its part number, or more model words: "NH-D15 chromax.black" over "NH-D15"). Otherwise the line is
ambiguous and the candidates are shown for the contributor to choose, never one of them silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..catalog import Catalog, PartBase

THRESHOLD = 0.8
MARGIN = 0.1
MODEL_NUMBER_WEIGHT = 3
_CAPACITY = re.compile(r"\d+(?:\.\d+)?(?:g|gb|tb|w|mm)|\d+x\d+(?:g|gb)")
# Makers of more than one word that PCPartPicker names first; the catalog's own makers are added to these.
MAKERS: tuple[str, ...] = ("be quiet!", "Cooler Master", "Fractal Design", "Lian Li", "Super Flower", "Western Digital")
MAKERS += ("Silicon Power", "Team Group", "Thermal Grizzly", "Arctic Cooling")


@dataclass(frozen=True)
class Match:
    how: str  # "exact", "fuzzy", "ambiguous" or "none"
    part: PartBase | None = None
    candidates: tuple[PartBase, ...] = ()


@dataclass(frozen=True)
class _Scored:
    part: PartBase
    score: float  # share of the model's words in the name, model numbers weighing more
    numbered: bool  # its bracketed part number is in the name or the product URL
    matched: int  # weight of the model's words found

    def explains_more(self, other: _Scored) -> bool:
        return (self.numbered, self.matched) > (other.numbered, other.matched)


def compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _tokens(text: str) -> list[str]:
    words = re.split(r"[\s()\[\],/+]+", text.lower())
    tokens = [re.sub(r"[^a-z0-9]", "", word) for word in words]
    return [re.sub(r"^cl?(\d+)$", r"cl\1", token) for token in tokens if token]  # C16 and CL16 are one latency


def _grams(tokens: list[str]) -> set[str]:
    """Every run of up to four tokens, joined: '1 TB' is 1tb, 'HX 1200' is hx1200, '8 x 16 GB' is 8x16gb."""
    return {"".join(tokens[i : i + n]) for n in range(1, 5) for i in range(len(tokens) - n + 1)}


def _maker_end(maker: str, tokens: list[str]) -> int | None:
    """How many of the name's first tokens spell the maker, or None when the name does not open with it."""
    wanted = compact(maker)
    return next((n for n in range(1, 4) if "".join(tokens[:n]) == wanted), None)


def _capacities(name: str) -> dict[str, Decimal]:
    """The figures a name states: capacity, memory kit, wattage, fan size."""
    found: dict[str, Decimal] = {}
    if size := re.search(r"(\d+(?:\.\d+)?)\s*(TB|GB)\b", name, re.I):
        found["gb"] = Decimal(size[1]) * (1000 if size[2].upper() == "TB" else 1)
    if kit := re.search(r"(\d+)\s*x\s*(\d+)\s*GB\b", name, re.I):
        found["modules"], found["module_gb"] = Decimal(kit[1]), Decimal(kit[2])
    if watts := re.search(r"(\d+)\s*W\b", name):
        found["w"] = Decimal(watts[1])
    if mm := re.search(r"(\d+)\s*mm\b", name, re.I):
        found["mm"] = Decimal(mm[1])
    return found


def _part_capacities(part: Any) -> dict[str, Decimal]:
    figures: dict[str, Any] = {
        "gb": getattr(part, "capacity_gb", None) or getattr(part, "vram_gb", None),
        "modules": getattr(part, "modules", None),
        "module_gb": getattr(part, "module_gb", None),
        "w": getattr(part, "wattage_w", None),
        "mm": getattr(part, "size_mm", None),
    }
    if figures["modules"] and figures["module_gb"]:
        figures["gb"] = figures["modules"] * figures["module_gb"]
    return {key: Decimal(value) for key, value in figures.items() if value is not None}


def _score(part: PartBase, name: str, url: str | None) -> _Scored | None:
    tokens = _tokens(name)
    start = _maker_end(part.maker, tokens)
    if start is None:
        return None
    stated, held = _capacities(name), _part_capacities(part)
    if any(key in stated and stated[key] != value for key, value in held.items()):
        return None
    grams = _grams(tokens[start:])
    core = [t for t in _tokens(re.sub(r"\([^)]*\)", " ", part.model)) if not _CAPACITY.fullmatch(t)]
    numbers = [t for t in core if re.search(r"\d", t)]
    if any(number not in grams for number in numbers):
        return None
    total = sum(MODEL_NUMBER_WEIGHT if t in numbers else 1 for t in core)
    matched = sum(MODEL_NUMBER_WEIGHT if t in numbers else 1 for t in core if t in grams)
    bracketed = [compact(t) for inner in re.findall(r"\(([^)]*)\)", part.model) for t in re.split(r"[,\s]+", inner)]
    evidence = compact(name) + compact(url or "")
    numbered = any(len(t) >= 5 and re.search(r"\d", t) and t in evidence for t in bracketed)
    return _Scored(part, matched / total if total else 1.0, numbered, matched)


def find(catalog: Catalog, name: str, url: str | None, categories: tuple[str, ...]) -> Match:
    """The catalog part of one of `categories` that `name` identifies, if exactly one does."""
    pool = [p for p in catalog.parts.values() if p.category in categories]  # type: ignore[attr-defined]
    plain = " ".join(name.lower().split())
    exact = [p for p in pool if " ".join(p.name.lower().split()) == plain]
    if len(exact) == 1:
        return Match("exact", exact[0])
    if exact:
        return Match("ambiguous", candidates=tuple(sorted(exact, key=lambda part: part.id)))
    scored = [s for p in pool if (s := _score(p, name, url)) and s.score >= THRESHOLD]
    scored.sort(key=lambda s: (s.score, s.numbered, s.matched, s.part.id), reverse=True)
    if not scored:
        return Match("none")
    best = scored[0]
    if len(scored) == 1 or best.score - scored[1].score >= MARGIN or best.explains_more(scored[1]):
        return Match("fuzzy", best.part)
    close = [s.part for s in scored if best.score - s.score < MARGIN and not best.explains_more(s)]
    return Match("ambiguous", candidates=tuple(sorted(close, key=lambda part: part.id)))  # best is among them


# --- A catalog stub's maker and model, from a PCPartPicker name ------------------------------------------------

_FORM = r"\s(?:E-?ATX|XL[ -]ATX|Micro ?ATX|Mini[ -]ITX|Thin Mini[ -]ITX|Mini[ -]DTX|SSI[ -]EEB|SSI[ -]CEB|ATX|HTPC)\b"
# Where PCPartPicker's specs start after the model, by category: a clock, an airflow, a form factor...
_SPECS = {
    "cpu": r"\s\d+(?:\.\d+)?\s?GHz\b",
    "cooler": r"\s(?:\d+(?:\.\d+)?\s?CFM\b|Liquid CPU Cooler|CPU Cooler)",
    "fan": r"\s(?:\d+(?:\.\d+)?\s?CFM\b|\d+\s?mm\b)",
    "motherboard": _FORM,
    "case": _FORM + r"|\s(?:Full |Mid |Mini |Micro )?Tower Case|\sDesktop Case",
    "storage": r"\s(?:M\.2-\d+|2\.5\"|3\.5\"|mSATA|PCIe|NVME|SATA|Solid State Drive|Internal Hard Drive|\d+\s?RPM)",
    "psu": r"\s(?:80\+|Certified|(?:ATX |SFX |SFX-L )?Power Supply)",
}
_NOUNS = (
    r"\s(?:Processor|CPU Cooler|Motherboard|Memory|Solid State Drive|Hard Drive|Video Card|Case|Power Supply|Fans?)$"
)


def makers(catalog: Catalog) -> tuple[str, ...]:
    """Known maker spellings, longest first, so 'Cooler Master' is tried before 'Cooler'."""
    return tuple(sorted({*MAKERS, *(p.maker for p in catalog.parts.values())}, key=len, reverse=True))


def describe(name: str, category: str, known: tuple[str, ...]) -> tuple[str, str]:
    """(maker, model) for a catalog stub: the maker as the catalog spells it, the model without PCPartPicker's
    specs ("AMD Ryzen 5 5600X 3.6 GHz 6-Core Processor" is AMD, Ryzen 5 5600X)."""
    old_style = re.match(r"(.+?) - (.+)", name)  # older lists: "Intel - Core i7-7700K 4.2GHz Quad-Core Processor"
    tokens = _tokens(name)
    spelled = next((m for m in known if _maker_end(m, tokens) is not None), None)
    if old_style:
        maker, rest = old_style[1], old_style[2]
        maker = next((m for m in known if compact(m) == compact(maker)), maker)
    elif spelled:
        maker, rest = spelled, _after(name, compact(spelled))
    else:
        maker, _, rest = name.partition(" ")
    cut = re.search(_SPECS.get(category, r"$^"), rest, re.I)
    model = rest[: cut.start()] if cut and cut.start() > 0 else rest
    model = re.sub(_NOUNS, "", model, flags=re.I).strip() or rest
    model = re.sub(r"(\d(?:\.\d+)?) (TB|GB|W)\b", r"\1\2", model)  # the catalog writes 1TB, 16GB, 850W
    return maker.strip(), re.sub(r"(\d+) x (\d+GB)", r"\1x\2", model).strip()


def _after(name: str, maker: str) -> str:
    """`name` after the characters that spell `maker` (compared as letters and digits)."""
    seen = 0
    for n, char in enumerate(name):
        seen += bool(re.match(r"[A-Za-z0-9]", char))
        if seen == len(maker):
            return name[n + 1 :].lstrip(" !.-")
    return ""


def stub_id(maker: str, model: str, taken: set[str]) -> str:
    """A new catalog id: the maker and model in lowercase-with-hyphens, unused in the catalog and this import."""
    base = re.sub(r"[^a-z0-9]+", "-", re.sub(r"[.'!’]", "", f"{maker} {model}".lower())).strip("-")
    base = (base[:70].rsplit("-", 1)[0] if len(base) > 70 else base) or "part"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
