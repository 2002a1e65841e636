"""What each field means and in what unit: the words behind the reference's Meaning and Unit columns.

The same words are the editors' hover text (editor.py), so a field is described once, here or in its model.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel

from ..load import PAGE_ANCHORS

# What each catalog figure means, where the model gives no description. Units come from the name (UNITS).
MEANINGS = {
    "Cpu.socket": "The socket the CPU fits.",
    "Cpu.cores": "Physical cores.",
    "Cpu.threads": "Hardware threads (cores times threads per core).",
    "Cpu.base_clock_ghz": "Base clock speed.",
    "Cpu.boost_clock_ghz": "Highest boost clock speed.",
    "Cpu.tdp_w": "Thermal design power as the maker rates it; the power estimate counts it.",
    "Cpu.memory_types": "The memory generations its memory controller takes.",
    "Cpu.memory_channels": "Memory channels; modules should fill them evenly.",
    "Cpu.max_memory_gb": "The most memory it supports.",
    "Cpu.pcie_lanes": "PCIe lanes from the CPU itself (not the chipset), shared by the GPUs and M.2 drives.",
    "Motherboard.socket": "The CPU socket on the board.",
    "Motherboard.chipset": "The chipset, e.g. X299.",
    "Motherboard.form_factor": "The board's size standard.",
    "Motherboard.memory_type": "The memory generation its DIMM slots take.",
    "Motherboard.dimm_slots": "Memory (DIMM) slots.",
    "Motherboard.max_memory_gb": "The most memory the board supports.",
    "Motherboard.pcie_x16_slots": "Every physical x16 slot: its position and its electrical lanes.",
    "Motherboard.expansion_slots": "Expansion slots of every size on the board.",
    "Motherboard.m2_slots": "Every M.2 slot: its key, the drive lengths it takes and its interfaces.",
    "Motherboard.sata_ports": "SATA ports.",
    "Motherboard.pcie_gen": "The newest PCIe generation its slots run at, e.g. 4.",
    "M2Slot.key": "The slot's key: M for NVMe drives; B, B+M and E for other cards.",
    "M2Slot.lengths": "The drive lengths it takes, as the size code (2280: 22 mm wide, 80 mm long).",
    "M2Slot.interfaces": "The drives it takes: PCIe (NVMe), SATA or both.",
    "Gpu.vram_gb": "Graphics memory.",
    "Gpu.tdp_w": "Board power as the maker rates it; the power estimate counts it.",
    "Gpu.length_mm": "Card length, checked against the case's max_gpu_length_mm.",
    "Gpu.slot_width": "Expansion slots the card covers, e.g. 2 or 2.5 (a 2.5-slot card blocks 3).",
    "Gpu.cooler": "The cooler's design: open-air fans blow into the case, a blower out of its back.",
    "Gpu.power_connectors": "Power sockets on the card: how many of each kind.",
    "Gpu.nvlink": "Whether the card has an NVLink connector.",
    "Bridge.kind": "An NVLink or an SLI bridge.",
    "Bridge.slot_spacing": "How many slot positions apart the two cards it joins sit, e.g. 3 or 4.",
    "Cooler.kind": "An air cooler, or a liquid (all-in-one) cooler.",
    "Cooler.height_mm": "Height above the CPU, checked against the case's max_cooler_height_mm.",
    "Cooler.sockets": "The sockets the maker lists it for; sockets that mount coolers the same way count too.",
    "Cooler.fans": "Fans it comes with.",
    "Cooler.radiator_mm": "Radiator length of a liquid cooler, e.g. 360.",
    "Cooler.tdp_rating_w": "The heat it is rated to remove, as the maker states it.",
    "Case.form_factor": "The kind of case.",
    "Case.motherboard_form_factors": "The board sizes it takes.",
    "Case.max_gpu_length_mm": "The longest graphics card it takes.",
    "Case.max_cooler_height_mm": "The tallest CPU cooler it takes.",
    "Case.expansion_slots": "Expansion-slot openings at the back.",
    "Case.psu_form_factors": "The power supply sizes it takes.",
    "Case.fans_included": "Fans it comes with.",
    "Psu.wattage_w": "Rated continuous output.",
    "Psu.form_factor": "The power supply's size standard.",
    "Psu.pcie_8pin": "PCIe 8-pin (6+2) plugs it can supply at once.",
    "Psu.pcie_12v_2x6": "12V-2x6 (12VHPWR) plugs it can supply at once.",
    "Psu.efficiency_rating": "Its 80 PLUS certification.",
    "Psu.efficiency_percent": "Efficiency, power out over power in; the estimate of the draw from the wall uses it.",
    "Psu.modular": "Which cables detach: all, some or none.",
    "Memory.type": "The memory generation.",
    "Memory.speed_mts": "Rated data rate, e.g. 3200.",
    "Memory.modules": "Modules in the kit.",
    "Memory.module_gb": "Capacity of one module.",
    "Memory.height_mm": "Module height, checked against the CPU cooler's RAM clearance.",
    "Memory.cas_latency": "CAS latency (CL).",
    "Memory.voltage_v": "Rated voltage.",
    "Storage.interface": "NVMe (PCIe) or SATA.",
    "Storage.form_factor": "The drive's size: an M.2 length, or a 2.5 or 3.5 inch drive.",
    "Storage.capacity_gb": "Capacity.",
    "Storage.pcie_gen": "The PCIe generation of an NVMe drive.",
    "Fan.size_mm": "Frame size, e.g. 120 or 140.",
    "Fan.airflow_cfm": "Rated airflow.",
    "Fan.max_rpm": "Top speed.",
    "Fan.pwm": "Whether its speed is set by PWM (a 4-pin fan).",
    "Peripheral.kind": "What it is, e.g. monitor or keyboard.",
    "Peripheral.summary": "One line about it.",
    "Accessory.kind": "What it is, e.g. cable or bracket.",
    "Accessory.summary": "One line about it.",
}
# What the field's schema keywords add to its description (FIELD_KEYWORDS, MODEL_KEYWORDS), said in words.
_ANCHORS = ", ".join(f"`{a}`" for a in sorted(PAGE_ANCHORS))
NOTES = {
    "Section.id": f"Not one of the page's own anchors ({_ANCHORS}, or `part-N-M` for any numbers N and M), nor "
    "another section's id.",
    "Acknowledgement.rule": "One of the compatibility rule ids listed at the end of the field reference.",
    "Image.path": "Under images/: letters, digits, '.', '_' and '-', ending in .png, .jpg, .jpeg, .webp or .gif.",
    "LineItem.part": "Give either `part` or `name`.",
    "Alternative.part": "Give either `part` or `name`.",
}
# A figure's unit, said by the end of its name; UNITS holds the fields whose names do not say it.
UNIT_SUFFIXES = {
    "_mm": "millimetres",
    "_w": "watts",
    "_gb": "GB",
    "_ghz": "GHz",
    "_mts": "MT/s",
    "_cfm": "CFM (cubic feet per minute)",
    "_v": "volts",
    "_percent": "%",
    "_rpm": "rpm",
}
UNITS = {
    "LineItem.unit_price": "the build's `currency`",
    "Gpu.slot_width": "expansion slots",
    "Bridge.slot_spacing": "expansion slots",
    "Memory.cas_latency": "clock cycles",
}


def _lookup(table: dict[str, str], model_type: type[BaseModel], name: str) -> str:
    # Keyed by class name, falling back along the MRO: a PartBase field is described once for every category.
    keys = (f"{cls.__name__}.{name}" for cls in model_type.__mro__)
    return next((table[key] for key in keys if key in table), "")


def unit_of(model_type: type[BaseModel], name: str) -> str:
    """The field's unit, or "" for a figure without one."""
    unit = _lookup(UNITS, model_type, name)
    return unit or next((unit for suffix, unit in UNIT_SUFFIXES.items() if name.endswith(suffix)), "")


def meaning_of(model_type: type[BaseModel], name: str) -> str:
    """The model's own description if it has one, else the tables', with what the schema keywords add (NOTES)."""
    info = model_type.model_fields[name]
    if info.description:
        meaning = info.description
    elif name == "category":  # every part model has one, always a single Literal: said once, here
        category = typing.get_args(info.annotation)[0]
        meaning = f"Always `{category}` here; a build item using the part has `role: {category}`."
    else:
        meaning = _lookup(MEANINGS, model_type, name)
    note = _lookup(NOTES, model_type, name)
    return f"{meaning} {note}" if meaning and note else meaning or note


def description_of(model_type: type[BaseModel], name: str) -> str:
    """The meaning with its unit, for editors' hover text."""
    meaning, unit = meaning_of(model_type, name), unit_of(model_type, name)
    return f"{meaning} Unit: {unit.replace('`', '')}." if unit and meaning and unit not in meaning else meaning
