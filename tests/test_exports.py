"""The downloads: JSON with exact money and computed figures, a CSV part list, a forum Markdown part list."""

from __future__ import annotations

import csv
import io
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from buildguide import exports
from buildguide.project import Guide, load_project
from buildguide.view import view

from .conftest import ROOT, SEED


def seed(root: Path = ROOT) -> Guide:
    return load_project(root).guides[SEED]


def seed_data(root: Path = ROOT) -> dict[str, Any]:
    """What the downloads are made from: the seed's view data, as the render step passes it."""
    return view(seed(root)).data


def yaml_lines() -> list[tuple[bool, Decimal]]:
    """(optional?, line total) for every line of the seed file, computed here from the YAML itself."""
    build = yaml.safe_load((ROOT / "builds" / f"{SEED}.yaml").read_text())
    return [
        (section.get("optional", False), Decimal(str(item["unit_price"])) * item.get("quantity", 1))
        for section in build["sections"]
        for item in section["items"]
    ]


def test_json_totals_are_exact_strings_that_add_up() -> None:
    data = json.loads(exports.build_json(seed_data()))
    lines = yaml_lines()
    core = sum((total for optional, total in lines if not optional), Decimal(0))
    grand = sum((total for _, total in lines), Decimal(0))
    assert data["totals"] == {
        "core": str(core),
        "optional": str(grand - core),
        "grand": str(grand),
        "core_display": f"${core:,.2f}",
    }
    assert data["totals"]["core"] == "7981.34"
    items = [item for section in data["sections"] for item in section["items"]]
    assert [Decimal(item["line_total"]) for item in items] == [total for _, total in lines]
    for section in data["sections"]:
        assert Decimal(section["subtotal"]) == sum(Decimal(i["line_total"]) for i in section["items"])


def test_json_carries_facts_load_and_findings() -> None:
    guide = seed()
    data = json.loads(exports.build_json(view(guide).data))
    assert data["facts"] == {
        "cpu": "Intel Core i9-9920X",
        "gpus": "2 × NVIDIA TITAN RTX",
        "gpu_memory_gb": 48,
        "ram": "128 GB DDR4-3200",
    }
    assert data["load"]["estimated_w"] == guide.load.total_w == 872
    assert data["load"]["display"] == "872 W of 1,200 W"
    assert math.ceil(sum(Decimal(line["total_w"]) for line in data["load"]["lines"])) == 872
    assert data["compatibility"]["verdict"] == guide.report.verdict
    assert [f["rule"] for f in data["compatibility"]["findings"]] == [f.rule for f in guide.report.findings]
    gpu = next(i for s in data["sections"] for i in s["items"] if i["role"] == "gpu")
    assert gpu["specs"]["vram_gb"] == 24 and gpu["key_specs"] == "24 GB · 280 W · 2-slot"
    assert gpu["quantity"] == 2 and gpu["unit_price"] == "2499.00" and gpu["line_total_display"] == "$4,998.00"


def _item(data: dict[str, Any], part_id: str) -> dict[str, Any]:
    return next(i for s in data["sections"] for i in s["items"] if i["part_id"] == part_id)


def test_json_gives_every_spec_figure_its_provenance() -> None:
    data = json.loads(exports.build_json(seed_data()))
    ark = "https://ark.intel.com/content/www/us/en/ark/products/189127/"
    cpu = _item(data, "intel-core-i9-9920x")
    assert set(cpu["provenance"]) == set(cpu["specs"])  # every figure, and only figures
    cores = cpu["provenance"]["cores"]
    assert cores["verified"] is True and cores["disputed"] == []
    assert [(s["kind"], s["read"]) for s in cores["sources"]] == [("maker", "2026-11-28")]
    assert cores["sources"][0]["url"].startswith(ark) and set(cores["sources"][0]) == {"url", "kind", "read"}
    assert cpu["provenance"]["socket"] == {"verified": False, "sources": [], "disputed": []}  # not in the row read
    assert cpu["sources"][0]["url"].startswith(ark) and "socket" not in cpu["sources"][0]["figures"]
    assert cpu["sources"][0]["note"].startswith("read through the felixsteinke/cpu-spec-dataset scrape")

    titan = _item(data, "nvidia-titan-rtx")
    length = titan["provenance"]["length_mm"]
    assert length["verified"] is False  # a parts database gives it, and databases verify nothing
    assert [s["kind"] for s in length["sources"]] == ["database"]
    assert titan["provenance"]["tdp_w"]["verified"] is True

    lpx = _item(data, "corsair-vengeance-lpx-128gb-ddr4-3200-c16")
    assert lpx["specs"]["height_mm"] == "31" and "disputed" not in lpx["specs"]
    height = lpx["provenance"]["height_mm"]
    assert height["verified"] is False and height["sources"] == []
    [reading] = height["disputed"]
    assert reading["value"] == "33.5" and Decimal(reading["value"]) == Decimal("33.5")  # exact, like the money
    assert reading["kind"] == "database" and reading["read"] == "2026-11-28"
    assert reading["url"].startswith("https://github.com/buildcores/buildcores-open-db/")

    free_form = [i for s in data["sections"] for i in s["items"] if not i["part_id"]]
    assert all(i["specs"] == i["provenance"] == {} and i["sources"] == [] for i in free_form)


def test_json_findings_and_checks_not_run_list_the_figures_they_used() -> None:
    guide = seed()
    data = json.loads(exports.build_json(view(guide).data))
    compatibility = data["compatibility"]
    for entry, check in zip(compatibility["not_checked"], guide.report.skipped, strict=True):
        assert entry["rule"] == check.rule and entry["missing"] == check.missing
        assert [(f["part_id"], f["field"]) for f in entry["figures"]] == [(f.part_id, f.field) for f in check.figures]
    bridge = next(x for x in compatibility["not_checked"] if x["rule"] == "bridge-spacing")
    assert bridge["missing"] == "MSI X299 SLI PLUS has no 'pcie_x16_slots' in the catalog"
    assert bridge["figures"] == [
        {"part_id": "nvidia-titan-rtx-nvlink-bridge-3-slot", "field": "slot_spacing", "value": 3, "verified": True}
    ]
    airflow = next(x for x in compatibility["findings"] if x["rule"] == "gpu-airflow")
    assert {"part_id": "nvidia-titan-rtx", "field": "cooler", "value": "open-air", "verified": False} in (
        airflow["figures"]
    )
    clearance = [x for x in compatibility["findings"] if x["rule"] == "cooler-ram-clearance"]
    heights = [f["value"] for x in clearance for f in x["figures"] if f["field"] == "height_mm"]
    assert "33.5" in heights  # the finding that rests on the disputed reading names the value it used
    for finding in compatibility["findings"]:
        for figure in finding["figures"]:
            assert set(figure) == {"part_id", "field", "value", "verified"}
            assert not isinstance(figure["value"], float)  # decimals stay strings


def test_csv_lists_every_line_with_exact_prices() -> None:
    rows = list(csv.DictReader(io.StringIO(exports.part_list_csv(seed_data()))))
    assert list(rows[0]) == exports.CSV_COLUMNS
    assert [Decimal(row["line_total"]) for row in rows] == [total for _, total in yaml_lines()]
    assert rows[0] == {
        "section": "core",
        "role": "cpu",
        "part_id": "intel-core-i9-9920x",
        "item": "Intel Core i9-9920X",
        "quantity": "1",
        "unit_price": "1189.00",
        "line_total": "1189.00",
        "currency": "USD",
        "retailer": "Intel (recommended customer price)",
        "price_basis": "list price",
        "price_date": "2018-10-09",
        "url": rows[0]["url"],
    }
    assert rows[0]["url"].startswith("https://www.intel.com/")


def test_csv_cells_never_start_a_spreadsheet_formula(repo: Path) -> None:
    path = repo / "builds" / f"{SEED}.yaml"
    path.write_text(path.read_text().replace("retailer: Intel (recommended customer price)", "retailer: =1+1"))
    rows = list(csv.DictReader(io.StringIO(exports.part_list_csv(seed_data(repo)))))
    assert rows[0]["retailer"] == "'=1+1"


def test_forum_markdown_is_a_type_item_price_table_with_total_and_date() -> None:
    text = exports.forum_markdown(seed())
    lines = text.splitlines()
    assert lines[:4] == [
        "**Dual Titan RTX deep-learning workstation (2020)**",
        "",
        "Type | Item | Price",
        ":---- | :---- | ----:",
    ]
    titan = "https://www.nvidia.com/en-us/deep-learning-ai/products/titan-rtx/"
    assert f"**GPU** | [NVIDIA TITAN RTX × 2]({titan}) | $4,998.00" in lines
    assert "**Case** | Phanteks Enthoo Pro Tempered Glass (PH-ES614PTG\\_SWT) | $109.99" in lines
    assert "**Peripheral** (optional) | LG 27UK650-W | $449.99" in lines
    assert lines[-3:] == [
        " | *Total* | **$7,981.34**",
        " | *With optional parts* | $9,091.30",
        " | *Prices as of 2020-08-09, USD* | ",
    ]


def test_forum_markdown_keeps_contributor_text_out_of_the_table_syntax(repo: Path) -> None:
    path = repo / "builds" / f"{SEED}.yaml"
    path.write_text(path.read_text().replace("title: Dual Titan RTX", "title: A | <b>bold</b> [x](y) Dual Titan RTX"))
    first = exports.forum_markdown(seed(repo)).splitlines()[0]
    assert first == "**A \\| \\<b\\>bold\\</b\\> \\[x\\](y) Dual Titan RTX deep-learning workstation (2020)**"


def test_forum_links_cannot_open_an_image_or_a_link_of_their_own(repo: Path) -> None:
    """An unbalanced '(' in a URL once let the text after it become an image and a second link."""
    path = repo / "builds" / f"{SEED}.yaml"
    hostile = "https://a.example/(![x](https://evil.example/t.png"
    text = path.read_text()
    old = next(line for line in text.splitlines() if line.strip().startswith("url: "))
    path.write_text(text.replace(old, f"        url: '{hostile}'", 1))
    forum = exports.forum_markdown(seed(repo))
    assert "https://a.example/%28!%5Bx%5D%28https://evil.example/t.png)" in forum
    assert "![x](" not in forum
