"""The controlled values of the catalog: sockets, form factors, memory types, efficiency ratings, case types.

Each is written one way. A near miss ('Socket AM5', 'mATX', 'ddr5') is an error that names the spelling to use,
so two parts never disagree only in how they were typed, and a rule never compares free text. Which sockets
share a cooler mounting is data here too, each family with the sources that say so.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, WithJsonSchema

SOCKETS = (
    "AM2", "AM3", "AM4", "AM5", "FM1", "FM2",
    "LGA1150", "LGA1151", "LGA1155", "LGA1156", "LGA1200", "LGA1356", "LGA1366", "LGA1700", "LGA1851",
    "LGA2011", "LGA2011-3", "LGA2066", "LGA3647", "LGA4189", "LGA4677",
    "sTR4", "sTRX4", "sWRX8", "sTR5", "SP3", "SP5", "SP6",
)  # fmt: skip
BOARD_FORM_FACTORS = ("SSI-EEB", "SSI-CEB", "E-ATX", "XL-ATX", "ATX", "Micro-ATX", "Mini-DTX", "Mini-ITX")
PSU_FORM_FACTORS = ("ATX", "SFX", "SFX-L", "TFX", "Flex-ATX")
MEMORY_TYPES = ("DDR3", "DDR4", "DDR5")
EFFICIENCY_RATINGS = tuple(f"80 PLUS{tier}" for tier in ("", " Bronze", " Silver", " Gold", " Platinum", " Titanium"))
CASE_TYPES = ("Full tower", "Mid tower", "Mini tower", "Cube", "Small form factor", "Open frame")

# Other spellings people use, by their letters and digits alone, and the one to write instead.
ALIASES = {
    "MATX": "Micro-ATX", "UATX": "Micro-ATX", "MICROATX": "Micro-ATX", "ITX": "Mini-ITX", "MITX": "Mini-ITX",
    "MINIITX": "Mini-ITX", "EATX": "E-ATX", "EEB": "SSI-EEB", "CEB": "SSI-CEB", "SFXL": "SFX-L", "TR4": "sTR4",
    "TR5": "sTR5", "LGA20113": "LGA2011-3", "LGA2011V3": "LGA2011-3", "FLEXATX": "Flex-ATX",
    "80PLUSWHITE": "80 PLUS", "80PLUSSTANDARD": "80 PLUS", "MIDITOWER": "Mid tower", "ATXCUBE": "Cube",
    "MICROATXTOWER": "Mini tower", "SFF": "Small form factor",
}  # fmt: skip


def _letters(value: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", value.upper().removeprefix("SOCKET").strip())


def suggestion(value: str, allowed: tuple[str, ...]) -> str | None:
    """The allowed spelling a near miss most likely means, if any."""
    plain = _letters(value)
    exact = {_letters(a): a for a in allowed}
    if plain in exact:
        return exact[plain]
    if ALIASES.get(plain) in allowed:
        return ALIASES[plain]
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _checker(what: str, allowed: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value in allowed:
            return value
        near = suggestion(value, allowed)
        hint = f"write '{near}'" if near else f"use one of: {', '.join(allowed)}"
        article = "an" if what[0] in "aeiou" else "a"
        raise ValueError(f"'{value}' is not {article} {what} this catalog knows: {hint}")

    return check


def _listed(allowed: tuple[str, ...]) -> WithJsonSchema:
    """The JSON Schema lists the allowed values, so editors can complete them."""
    return WithJsonSchema({"enum": list(allowed)})


# Each a field type holding one of its values, spelt out (not made by a function) so type checkers read it.
Socket = Annotated[str, AfterValidator(_checker("socket", SOCKETS)), _listed(SOCKETS)]
_BOARD = "motherboard form factor"
BoardFormFactor = Annotated[str, AfterValidator(_checker(_BOARD, BOARD_FORM_FACTORS)), _listed(BOARD_FORM_FACTORS)]
_PSU = "power supply form factor"
PsuFormFactor = Annotated[str, AfterValidator(_checker(_PSU, PSU_FORM_FACTORS)), _listed(PSU_FORM_FACTORS)]
MemoryType = Annotated[str, AfterValidator(_checker("memory type", MEMORY_TYPES)), _listed(MEMORY_TYPES)]
_RATING = "efficiency rating"
EfficiencyRating = Annotated[str, AfterValidator(_checker(_RATING, EFFICIENCY_RATINGS)), _listed(EFFICIENCY_RATINGS)]
CaseType = Annotated[str, AfterValidator(_checker("case type", CASE_TYPES)), _listed(CASE_TYPES)]


@dataclass(frozen=True)
class MountingFamily:
    """Sockets whose coolers mount the same way: a cooler listed for one fits the others."""

    sockets: frozenset[str]
    why: str
    sources: tuple[tuple[str, str], ...]  # (what it is, url), read 2026-11-28
    caveat: str | None = None  # when it may still not fit: said as a note, not passed silently


MOUNTING_FAMILIES = (
    MountingFamily(
        frozenset({"LGA1150", "LGA1151", "LGA1155", "LGA1156", "LGA1200"}),
        "the four cooler holes sit on the same 75 mm square",
        (("Wikipedia, LGA 1200: Heatsink", "https://en.wikipedia.org/wiki/LGA_1200"),),
    ),
    MountingFamily(
        frozenset({"LGA1700", "LGA1851"}),
        "LGA1851 keeps LGA1700's hole spacing",
        (
            (
                "Evetech, CPU socket compatibility terms for AIO coolers",
                "https://evezone.evetech.co.za/quick-bytes/every-cpu-socket-compatibility-term-explained-for-modern-aio-liquid-coolers",
            ),
        ),
    ),
    MountingFamily(
        frozenset({"LGA2011", "LGA2011-3", "LGA2066"}),
        "LGA2066 carried LGA2011-3's cooler mounting over, and desktop LGA2011 boards use the same square ILM",
        (
            ("ServeTheHome, Narrow ILM v. Square ILM", "https://www.servethehome.com/narrow-ilm-square-ilm-lga2011-heatsink-differences/"),
            ("OCWorks blog, coolers for LGA2066", "https://blog.ocworks.com/archives/52050082"),
        ),
        "server boards may use the narrow ILM instead, which square-ILM coolers do not fit",
    ),
    MountingFamily(
        frozenset({"AM4", "AM5"}),
        "AM5 keeps AM4's mounting holes",
        (
            ("Tom's Hardware, AM5 keeps AM4 cooler compatibility", "https://www.tomshardware.com/news/amd-socket-am5-could-maintain-cooler-compatibility"),
            ("HotHardware, is your cooler compatible with AM5", "https://hothardware.com/news/is-your-cpu-cooler-compatible-with-am5-for-zen-4"),
        ),
        "a cooler that brings its own backplate may not fit AM5's fixed one",
    ),
)  # fmt: skip


def mounting(listed: str, socket: str) -> MountingFamily | None:
    """The family that lets a cooler listed for `listed` mount on `socket`, when they differ."""
    return next((f for f in MOUNTING_FAMILIES if {listed, socket} <= f.sockets and listed != socket), None)
