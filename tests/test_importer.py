"""`buildguide import pcpartpicker`: a pasted part list to a draft build and catalog stubs that `check` completes."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import re
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from buildguide import exports
from buildguide.catalog import Catalog, CatalogFile
from buildguide.catalog_load import load_catalog
from buildguide.cli import main
from buildguide.importer import commit, match, yaml_text
from buildguide.importer.parse import ListError
from buildguide.project import load_project
from buildguide.yamlfile import MAX_BYTES, parse

from .conftest import ROOT, SEED
from .test_site_build import built_guide

DATA = ROOT / "tests" / "data" / "pcpartpicker"
BUILDS = sorted(path.stem for path in (ROOT / "builds").glob("*.yaml"))
NEXT = "replace every FILL IN, then run `buildguide check`"


def _import(repo: Path, source: Path | str, slug: str, *options: str) -> int:
    return main(["import", "--root", str(repo), "pcpartpicker", str(source), "--slug", slug, *options])


def _data(path: Path) -> Any:
    doc, problems = parse(path.name, path.read_bytes())  # prices as Decimal, as check reads them
    assert not problems, problems
    return doc.data


def _items(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """(section, role, part or name, quantity, unit price as written, retailer, price_basis) of each item."""
    return [
        (
            section["id"],
            item["role"],
            item.get("part", item.get("name")),
            item["quantity"],
            None if item["unit_price"] is None else str(item["unit_price"]),
            item["retailer"],
            item.get("price_basis"),
        )
        for section in data["sections"]
        for item in section["items"]
    ]


def _snapshot(repo: Path) -> dict[str, bytes]:
    """Every file under builds/, to show an import that failed left nothing behind."""
    return {
        path.relative_to(repo).as_posix(): path.read_bytes() for path in (repo / "builds").rglob("*") if path.is_file()
    }


# --- The formats and sizes -----------------------------------------------------------------------------------


def test_a_one_part_markdown_list(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _import(repo, DATA / "one-part.md", "one-part") == 0
    assert capsys.readouterr().out == f"wrote builds/one-part.yaml: 1 item (1 from the catalog), in USD\n{NEXT}\n"
    data = _data(repo / "builds" / "one-part.yaml")
    assert data["currency"] == "USD" and data["prices_as_of"] == dt.date(2025, 3, 14)
    assert data["part_list_url"] == "https://pcpartpicker.com/list/Qm7xYt"
    assert _items(data) == [("core", "cpu", "amd-ryzen-9-9950x", 1, "589.99", "Amazon", "retail")]
    [item] = data["sections"][0]["items"]
    assert item["url"].startswith("https://pcpartpicker.com/product/Wt9Kcf/")
    assert item["rationale"] == "FILL IN why this part.\n"


def test_a_typical_nine_part_list(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _import(repo, DATA / "typical-9.md", "typical") == 0
    assert capsys.readouterr().out.splitlines() == [
        "wrote builds/typical.yaml: 9 items (7 from the catalog, 1 new catalog entry, 1 free-form), in USD",
        "added crucial-p3-plus-2tb (Crucial P3 Plus 2TB) to builds/parts/storage.yaml",
        NEXT,
    ]
    data = _data(repo / "builds" / "typical.yaml")
    assert data["prices_as_of"] == dt.date(2021, 3, 2)
    assert _items(data) == [
        ("core", "cpu", "amd-ryzen-7-3700x", 1, "289.99", "Amazon", "retail"),
        ("core", "cooler", "noctua-nh-u12s", 1, "64.95", "Newegg", "retail"),
        ("core", "motherboard", "gigabyte-b550m-ds3h", 1, "94.99", "Newegg", "retail"),
        ("core", "memory", "gskill-ripjaws-v-ddr4-3200-32gb-f4-3200c16d-32gvk", 1, "109.99", "Amazon", "retail"),
        ("core", "storage", "crucial-p3-plus-2tb", 1, "119.99", "Best Buy", "retail"),
        ("core", "gpu", "gigabyte-geforce-rtx-2060-super-windforce-oc-8g", 1, "399.99", "B&H", "retail"),
        ("core", "case", "fractal-design-define-mini-c", 1, "84.99", "Newegg", "retail"),
        ("core", "psu", "corsair-rm650x-2018", 1, "114.99", "Amazon", "retail"),
        ("core", "accessory", "Microsoft Windows 11 Home OEM - DVD 64-bit", 1, "119.99", "Newegg", "retail"),
    ]
    text = (repo / "builds" / "typical.yaml").read_text()
    assert "        # In the list (Operating System): Microsoft Windows 11 Home OEM - DVD 64-bit\n" in text
    assert "        # Matched to the catalog's AMD Ryzen 7 3700X: if that is not your part, change the id.\n" in text


def test_twenty_rows_with_repeats_a_custom_part_and_peripherals(repo: Path) -> None:
    assert _import(repo, DATA / "twenty.md", "twenty") == 0
    data = _data(repo / "builds" / "twenty.yaml")
    assert [(s["id"], s["title"], s.get("optional", False)) for s in data["sections"]] == [
        ("core", "Core parts", False),
        ("peripherals", "Peripherals", True),
    ]
    assert _items(data) == [
        ("core", "cpu", "intel-core-i9-9920x", 1, "1189.00", "Amazon", "retail"),
        ("core", "cooler", "noctua-nh-d15-chromax-black", 1, "99.90", "Amazon", "retail"),
        ("core", "motherboard", "msi-x299-sli-plus", 1, "259.99", "Newegg", "retail"),
        ("core", "memory", "corsair-vengeance-lpx-128gb-ddr4-3200-c16", 1, "599.99", "Amazon", "retail"),
        ("core", "storage", "samsung-970-evo-plus-1tb", 1, "249.99", "Amazon", "retail"),
        ("core", "gpu", "nvidia-titan-rtx", 2, "2499.00", "Amazon", "retail"),  # two identical rows
        ("core", "case", "phanteks-enthoo-pro-tempered-glass", 1, "109.99", "Newegg", "retail"),
        ("core", "psu", "corsair-hx1200", 1, "269.99", "Amazon", "retail"),
        ("core", "fan", "be-quiet-silent-wings-3-140mm-pwm-high-speed", 5, "24.90", "Amazon", "retail"),  # five rows
        ("core", "accessory", "Microsoft Windows 10 Pro OEM 64-bit", 1, "139.99", "Newegg", "retail"),
        ("core", "bridge", "nvidia-titan-rtx-nvlink-bridge-3-slot", 1, "79.99", "NVIDIA", "retail"),  # Custom
        ("peripherals", "peripheral", "lg-27uk650-w", 1, "449.99", "Amazon", "retail"),
        ("peripherals", "peripheral", "benq-ex2780q", 1, "499.99", "B&H", "retail"),
        ("peripherals", "peripheral", "corsair-k68", 1, "99.99", "Best Buy", "retail"),
        ("peripherals", "peripheral", "corsair-m65-pro-rgb", 1, "59.99", "Amazon", "retail"),
    ]
    rows = sum(1 for line in (DATA / "twenty.md").read_text().splitlines() if line.startswith("**"))
    assert rows == 20 and sum(item[3] for item in _items(data)) == 20  # every row is counted once
    peripherals = data["sections"][1]["items"]
    assert all("rationale" not in item for item in peripherals)


def test_a_list_of_peripherals_the_catalog_lacks_keeps_their_names(repo: Path) -> None:
    listed = (
        (DATA / "one-part.md")
        .read_text()
        .replace(
            "**CPU** | [AMD Ryzen 9 9950X 4.3 GHz 16-Core Processor]",
            '**Monitor** | [Dell S2721DGF 27.0" 2560 x 1440 165 Hz Monitor]',
        )
    )
    (repo / "monitor.md").write_text(listed)
    assert _import(repo, repo / "monitor.md", "desk") == 0
    data = _data(repo / "builds" / "desk.yaml")
    assert [s["id"] for s in data["sections"]] == ["peripherals"]
    assert _items(data) == [
        ("peripherals", "peripheral", 'Dell S2721DGF 27.0" 2560 x 1440 165 Hz Monitor', 1, "589.99", "Amazon", "retail")
    ]


def test_the_plain_text_of_a_list_page_needs_the_currency_it_does_not_show(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(repo, DATA / "plain-text.txt", "small") == 2
    assert capsys.readouterr().err == (
        "buildguide import: the $ prices could be USD, CAD, AUD, NZD or MXN, and it has no links to a PCPartPicker "
        "site to tell which: give --currency, e.g. --currency USD\n"
    )
    assert not (repo / "builds" / "small.yaml").exists()
    assert _import(repo, DATA / "plain-text.txt", "small", "--currency", "USD") == 0
    data = _data(repo / "builds" / "small.yaml")
    assert data["currency"] == "USD" and data["prices_as_of"] == dt.date(2023, 10, 1) and "part_list_url" not in data
    assert _items(data) == [
        ("core", "cpu", "amd-ryzen-7-7800x3d", 1, "449.00", "Amazon", "retail"),
        ("core", "cooler", "id-cooling-is-55", 1, "44.99", "Amazon", "retail"),
        ("core", "motherboard", "gigabyte-b650i-aorus-ultra", 1, "289.99", "Newegg", "retail"),
        ("core", "memory", "pny-xlr8-gaming-ddr5-6200-32gb", 1, "119.99", "Best Buy", "retail"),
        ("core", "storage", "samsung-980-pro-1tb", 1, "89.99", "Amazon", "retail"),
        ("core", "gpu", "nvidia-geforce-rtx-4090-fe", 1, "1599.00", "Best Buy", "retail"),
        ("core", "case", "fractal-design-terra", 1, "179.99", "Newegg", "retail"),
        ("core", "psu", "cooler-master-v850-sfx-gold", 1, "179.99", "Amazon", "retail"),
    ]


def test_plain_text_copied_with_tabs_between_the_columns(repo: Path) -> None:
    text = "Type\tItem\tPrice\nCPU\tAMD Ryzen 7 3700X 3.6 GHz 8-Core Processor\t$289.99 @ Amazon\n"
    text += "Storage\tSamsung 990 Pro 2 TB M.2-2280 PCIe 4.0 X4 NVME Solid State Drive\t\nTotal\t$289.99\n"
    (repo / "tabs.txt").write_text(text)
    assert _import(repo, repo / "tabs.txt", "tabs", "--currency", "CAD") == 0
    assert _items(_data(repo / "builds" / "tabs.yaml")) == [
        ("core", "cpu", "amd-ryzen-7-3700x", 1, "289.99", "Amazon", "retail"),
        ("core", "storage", "samsung-990-pro-2tb", 1, None, "FILL IN the shop, or the maker for a list price", None),
    ]


def test_pcpartpickers_text_export_with_a_british_list(repo: Path) -> None:
    assert _import(repo, DATA / "text-export.txt", "uk") == 0
    data = _data(repo / "builds" / "uk.yaml")
    assert data["currency"] == "GBP" and data["part_list_url"] == "https://uk.pcpartpicker.com/list/Lw4Pq2"
    assert _items(data) == [
        ("core", "cpu", "amd-ryzen-9-9950x", 1, "519.98", "Scan", "retail"),
        ("core", "cooler", "be-quiet-dark-rock-pro-5", 1, "79.90", "Amazon UK", "retail"),
        ("core", "motherboard", "gigabyte-x870e-aorus-elite-wifi7", 1, None, yaml_text.FILL_RETAILER, None),
        ("core", "memory", "gskill-flare-x5-ddr5-6000-128gb", 1, "329.99", "Overclockers UK", "retail"),
        ("core", "storage", "samsung-990-pro-2tb", 1, "149.97", "Amazon UK", "retail"),
    ]


def test_rows_without_a_price_purchased_rows_and_typed_in_prices(repo: Path) -> None:
    assert _import(repo, DATA / "prices.md", "prices") == 0
    path = repo / "builds" / "prices.yaml"
    assert _items(_data(path)) == [
        ("core", "cpu", "amd-ryzen-7-7800x3d", 1, "399.00", "FILL IN the shop you bought it from", "purchased"),
        ("core", "motherboard", "gigabyte-b650i-aorus-ultra", 1, None, yaml_text.FILL_RETAILER, None),
        ("core", "gpu", "nvidia-geforce-rtx-4090-fe", 1, "1450.00", "FILL IN where this price comes from", "estimate"),
        ("core", "case", "fractal-design-terra", 1, None, yaml_text.FILL_RETAILER, None),
    ]
    text = path.read_text()
    assert "        unit_price:      # FILL IN the price of one: the list gives none\n" in text
    assert '# the list says only "Purchased For"' in text


def test_a_canadian_list_is_in_canadian_dollars(repo: Path) -> None:
    assert _import(repo, DATA / "cad.md", "canada") == 0
    data = _data(repo / "builds" / "canada.yaml")
    assert data["currency"] == "CAD" and data["prices_as_of"] == dt.date(2020, 10, 17)
    assert "# from the $ prices and the links to ca.pcpartpicker.com" in (repo / "builds" / "canada.yaml").read_text()
    assert _items(data)[3] == (
        "core",
        "storage",
        "adata-xpg-sx8200-pro-1tb",
        1,
        "0.00",
        "FILL IN the shop you bought it from",
        "purchased",
    )
    assert _items(data)[4][4:] == (None, yaml_text.FILL_RETAILER, None)  # the "-" row


def test_a_list_read_from_stdin(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((DATA / "one-part.md").read_bytes())))
    assert _import(repo, "-", "from-stdin") == 0
    assert _items(_data(repo / "builds" / "from-stdin.yaml"))[0][2] == "amd-ryzen-9-9950x"


def test_import_help_explains_the_formats_and_the_currency(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["import", "--help"])
    assert exit_.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "usage: buildguide import [-h] [--root ROOT] --slug SLUG [--currency CODE] {pcpartpicker} [FILE]" in shown
    assert "`$` alone could be USD, CAD, AUD, NZD or MXN, so a list that does not say needs --currency" in shown


# --- Matching ------------------------------------------------------------------------------------------------


def _catalog(extra: str = "") -> Catalog:
    catalog, problems = load_catalog(ROOT)
    assert not problems
    for part_id, part in CatalogFile.model_validate(yaml.safe_load(extra) or {}).root.items():
        part._id = part_id
        catalog.parts[part_id] = part
    return catalog


RM650X_2021 = """
corsair-rm650x-2021:
  category: psu
  maker: Corsair
  model: RM650x (2021, CP-9020198)
  wattage_w: 650
  sources: [{url: "https://www.corsair.com/", kind: maker}]
"""
NH_D15 = """
noctua-nh-d15:
  category: cooler
  maker: Noctua
  model: NH-D15
  kind: air
  sources: [{url: "https://noctua.at/", kind: maker}]
"""


def _found(result: match.Match) -> tuple[str, str | None, list[str]]:
    return result.how, result.part.id if result.part else None, [part.id for part in result.candidates]


@pytest.mark.parametrize(
    ("name", "category", "expected"),
    [
        ("Samsung 970 EVO Plus 1TB (MZ-V7S1T0BW)", "storage", ("exact", "samsung-970-evo-plus-1tb", [])),
        ("samsung  970 evo plus 1tb (mz-v7s1t0bw)", "storage", ("exact", "samsung-970-evo-plus-1tb", [])),
        ("Intel Core i9-9920X 3.5 GHz 12-Core Processor", "cpu", ("fuzzy", "intel-core-i9-9920x", [])),
        ("Intel - Core i9-9920X 3.5GHz 12-Core Processor", "cpu", ("fuzzy", "intel-core-i9-9920x", [])),
        (
            "Samsung 970 Evo Plus 1 TB M.2-2280 NVME Solid State Drive",
            "storage",
            ("fuzzy", "samsung-970-evo-plus-1tb", []),
        ),
        (
            "G.Skill Ripjaws V 32 GB (2 x 16 GB) DDR4-3200 CL16 Memory",
            "memory",
            ("fuzzy", "gskill-ripjaws-v-ddr4-3200-32gb-f4-3200c16d-32gvk", []),
        ),
        ("Corsair HX1200i 1200 W 80+ Platinum Certified ATX Power Supply", "psu", ("fuzzy", "corsair-hx1200i", [])),
        ("Corsair HX1200 1200 W 80+ Platinum Certified ATX Power Supply", "psu", ("fuzzy", "corsair-hx1200", [])),
        # A model number is decisive: 9900X is not 9920X, and 3700X is not 7800X3D.
        ("Intel Core i9-9900X 3.5 GHz 10-Core Processor", "cpu", ("none", None, [])),
        ("AMD Ryzen 7 5700X 3.4 GHz 8-Core Processor", "cpu", ("none", None, [])),
        # So is a capacity: the 2 TB drive is not the catalog's 1 TB one, the 64 GB kit not its 128 GB one.
        ("Samsung 970 Evo Plus 2 TB M.2-2280 NVME Solid State Drive", "storage", ("none", None, [])),
        ("Corsair Vengeance LPX 64 GB (4 x 16 GB) DDR4-3200 CL16 Memory", "memory", ("none", None, [])),
        # Too few of the model's words: a plain Enthoo Pro is not the Tempered Glass one.
        ("Phanteks Enthoo Pro ATX Full Tower Case", "case", ("none", None, [])),
        ("Crucial P3 Plus 2 TB M.2-2280 PCIe 4.0 X4 NVME Solid State Drive", "storage", ("none", None, [])),
        # The right category only: the TITAN RTX card is not its bridge.
        ("NVIDIA TITAN RTX 24 GB Video Card", "gpu", ("fuzzy", "nvidia-titan-rtx", [])),
    ],
)
def test_a_name_is_matched_by_maker_model_number_and_capacity(
    name: str, category: str, expected: tuple[str, str | None, list[str]]
) -> None:
    assert _found(match.find(_catalog(), name, None, (category,))) == expected


def test_two_parts_that_fit_equally_are_never_guessed_between() -> None:
    catalog = _catalog(RM650X_2021)
    name = "Corsair RM650x 650 W 80+ Gold Certified Fully Modular ATX Power Supply"
    assert _found(match.find(catalog, name, None, ("psu",))) == (
        "ambiguous",
        None,
        ["corsair-rm650x-2018", "corsair-rm650x-2021"],
    )
    # The part number in the product URL tells them apart.
    url = "https://pcpartpicker.com/product/h3Xp99/corsair-rm650x-2018-650-w-atx-power-supply-cp-9020178-na"
    assert _found(match.find(catalog, name, url, ("psu",))) == ("fuzzy", "corsair-rm650x-2018", [])


def test_the_part_that_explains_more_of_the_name_wins() -> None:
    catalog = _catalog(NH_D15)
    chromax = "Noctua NH-D15 chromax.black 82.52 CFM CPU Cooler"
    assert _found(match.find(catalog, chromax, None, ("cooler",))) == ("fuzzy", "noctua-nh-d15-chromax-black", [])
    assert _found(match.find(catalog, "Noctua NH-D15 82.52 CFM CPU Cooler", None, ("cooler",))) == (
        "fuzzy",
        "noctua-nh-d15",
        [],
    )


def test_an_ambiguous_line_lists_its_candidates_and_check_asks_for_the_id(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    psu = repo / "builds" / "parts" / "psu.yaml"
    psu.write_text(psu.read_text() + RM650X_2021)
    listed = (DATA / "typical-9.md").read_text()
    (repo / "list.md").write_text(
        re.sub(
            r"\(https://pcpartpicker.com/product/h3Xp99/[^)]*\)", "(https://pcpartpicker.com/product/h3Xp99/x)", listed
        )
    )
    assert _import(repo, repo / "list.md", "choose") == 0
    assert (
        "(6 from the catalog, 1 to choose between catalog parts, 1 new catalog entry, 1 free-form)"
        in capsys.readouterr().out
    )
    path = repo / "builds" / "choose.yaml"
    text = path.read_text()
    assert (
        "      - role: psu\n"
        "        # In the list: Corsair RM650x (2018) 650 W 80+ Gold Certified Fully Modular ATX Power Supply\n"
        "        # More than one catalog part fits this name, so none was chosen. Write the id of yours:\n"
        "        #   corsair-rm650x-2018: Corsair RM650x (2018, CP-9020178)\n"
        "        #   corsair-rm650x-2021: Corsair RM650x (2021, CP-9020198)\n"
        "        # or, if it is none of them, add yours to builds/parts/psu.yaml first.\n"
        "        part: FILL IN one of the ids above\n"
    ) in text
    assert main(["check", "--root", str(repo), str(path)]) == 1
    line = text.splitlines().index("        part: FILL IN one of the ids above") + 1
    errors = capsys.readouterr().err.splitlines()
    assert (
        f"builds/choose.yaml:{line}:15: sections.0.items.7.part: still says FILL IN: replace it with your own text"
        in errors
    )


# --- Catalog stubs -------------------------------------------------------------------------------------------

STUB = """
# Added by `buildguide import pcpartpicker` for builds/typical.yaml, whose list calls it
# Crucial P3 Plus 2 TB M.2-2280 PCIe 4.0 X4 NVME Solid State Drive
# Its PCPartPicker page is a lead, not a source (parts databases copy each other's mistakes):
# https://pcpartpicker.com/product/Vz8bt6/crucial-p3-plus-2-tb-m2-2280-pcie-40-x4-nvme-solid-state-drive-ct2000p3pssd8
# To finish it: check maker and model; put the maker's spec page in place of the FILL IN below, with `read:`
# (the day you read it) and `figures:` (the fields it gives); add each figure the maker publishes, in the
# units of docs/reference.md. A figure the maker does not publish stays out: say so in notes.
crucial-p3-plus-2tb:
  category: storage
  maker: Crucial
  model: P3 Plus 2TB
  sources:
  - url: FILL IN the maker's spec page
    kind: maker
"""


def fill_in(text: str) -> str:
    """A draft as its contributor leaves it: every FILL IN of the build replaced (the stubs' are not here)."""
    text = re.sub(r"^date: +# FILL IN.*$", "date: 2021-03-10", text, flags=re.M)
    text = re.sub(r"^(\s+)unit_price: +# FILL IN.*$", r"\1unit_price: 10.00", text, flags=re.M)
    text = re.sub(r"^(\s+)retailer: FILL IN.*$", r"\1retailer: Corner Computers", text, flags=re.M)
    text = re.sub(r"^(\s+- name): FILL IN.*$", r"\1: Another part", text, flags=re.M)
    text = re.sub(r"^title: FILL IN.*$", "title: Imported developer PC", text, flags=re.M)
    text = re.sub(r"^(\s*[a-z_]+): FILL IN.*$", r"\1: Written by the builder.", text, flags=re.M)
    return re.sub(r"^(\s+)FILL IN.*$", r"\1Written by the builder.", text, flags=re.M)


def test_a_part_the_catalog_lacks_gets_a_stub_and_check_lists_what_it_needs(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    storage = repo / "builds" / "parts" / "storage.yaml"
    before = storage.read_text()
    assert _import(repo, DATA / "typical-9.md", "typical") == 0
    assert storage.read_text() == before + STUB  # appended, the rest untouched

    build = repo / "builds" / "typical.yaml"
    build.write_text(fill_in(build.read_text()))
    capsys.readouterr()
    assert main(["check", "--root", str(repo)]) == 1
    stub_line = storage.read_text().splitlines().index("  - url: FILL IN the maker's spec page") + 1
    part_line = build.read_text().splitlines().index("        part: crucial-p3-plus-2tb") + 1
    entry_line = storage.read_text().splitlines().index("crucial-p3-plus-2tb:") + 1
    assert capsys.readouterr().err.splitlines() == [
        f"builds/parts/storage.yaml:{stub_line}:10: crucial-p3-plus-2tb.sources.0.url: only http:// and https:// "
        "links are allowed",
        f"builds/typical.yaml:{part_line}:15: sections.0.items.4.part: part 'crucial-p3-plus-2tb' has problems in "
        f"its catalog entry (builds/parts/storage.yaml:{entry_line}): fix those first",
        "2 problems found",
    ]


def test_stubs_for_a_cooler_say_its_kind_and_one_stub_serves_repeated_parts(repo: Path) -> None:
    text = "Type|Item|Price\n:----|:----|:----\n"
    text += "**CPU Cooler** | Arctic Liquid Freezer III 360 A-RGB 77 CFM Liquid CPU Cooler | $99.99 @ Amazon\n"
    text += "**Storage** | Kingston NV3 1 TB M.2-2280 PCIe 4.0 X4 NVME Solid State Drive | $59.99 @ Amazon\n"
    text += "**Storage** | Kingston NV3 1 TB M.2-2280 PCIe 4.0 X4 NVME Solid State Drive | $54.99 @ Newegg\n"
    (repo / "list.md").write_text(text)
    assert _import(repo, repo / "list.md", "stubs", "--currency", "USD") == 0
    assert _items(_data(repo / "builds" / "stubs.yaml"))[1:] == [
        ("core", "storage", "kingston-nv3-1tb", 1, "59.99", "Amazon", "retail"),
        ("core", "storage", "kingston-nv3-1tb", 1, "54.99", "Newegg", "retail"),  # another price: another item
    ]
    cooler = _data(repo / "builds" / "parts" / "cooler.yaml")["arctic-liquid-freezer-iii-360-a-rgb"]
    assert cooler == {
        "category": "cooler",
        "maker": "Arctic",
        "model": "Liquid Freezer III 360 A-RGB",
        "kind": "liquid",
        "sources": [{"url": "FILL IN the maker's spec page", "kind": "maker"}],
    }
    assert (repo / "builds" / "parts" / "storage.yaml").read_text().count("\nkingston-nv3-1tb:\n") == 1


# --- Round trip: this site's forum download, imported back ---------------------------------------------------


@pytest.mark.parametrize("slug", BUILDS)
def test_a_builds_forum_download_imports_back_to_the_same_parts_quantities_and_prices(
    repo: Path, tmp_path: Path, slug: str
) -> None:
    guide = load_project(repo).guides[slug]
    (tmp_path / "forum.txt").write_text(exports.forum_markdown(guide))
    before = {p.name: p.read_bytes() for p in (repo / "builds" / "parts").iterdir()}
    assert _import(repo, tmp_path / "forum.txt", "round-trip") == 0
    assert {p.name: p.read_bytes() for p in (repo / "builds" / "parts").iterdir()} == before  # nothing new

    def lines(build: dict[str, Any]) -> list[tuple[Any, ...]]:
        return [
            (
                bool(section.get("optional")),
                item["role"],
                item.get("part", item.get("name")),
                item.get("quantity", 1),
                Decimal(item["unit_price"]),
            )
            for section in build["sections"]
            for item in section["items"]
        ]

    original, imported = _data(repo / "builds" / f"{slug}.yaml"), _data(repo / "builds" / "round-trip.yaml")
    assert sorted(lines(imported), key=lambda line: line[0]) == sorted(lines(original), key=lambda line: line[0])
    assert imported["currency"] == original["currency"] and imported["prices_as_of"] == original["prices_as_of"]


# --- Refusals ------------------------------------------------------------------------------------------------

TABLE = "Type|Item|Price\n:----|:----|:----\n"
RYZEN = "[AMD Ryzen 7 3700X 3.6 GHz 8-Core Processor]"
OWN = "Type | Item | Price\n:---- | :---- | ----:\n"
ERRORS: list[tuple[str, str | bytes | None, list[str], str]] = [
    ("bad slug", None, ["--slug", "My_Build"], "'My_Build' is not lowercase-with-hyphens, e.g. quiet-gaming-pc-2026"),
    ("existing build", None, ["--slug", SEED], f"builds/{SEED}.yaml already exists; not overwriting it"),
    ("missing file", None, ["--slug", "x"], "cannot read {missing}: No such file or directory"),
    ("empty", "\n  \n", ["--slug", "x"], "{file} is empty: paste a PCPartPicker part list into it"),
    ("not utf-8", b"Type|Item|Price\n\xff\xfe", ["--slug", "x"], "{file} is not UTF-8 text"),
    (
        "5 MB paste",
        TABLE + ("**CPU** | x | $1.00 @ Shop\n" * 200_000),
        ["--slug", "x"],
        "{file} is larger than 1,000,000 bytes; a part list is a few kilobytes: paste only the list",
    ),
    (
        "not a part list",
        "My build:\nRyzen 7, 32 GB, a 3080\n",
        ["--slug", "x"],
        "{file} is not a part list: no PCPartPicker 'Type | Item | Price' table, 'Type Item Price' list or "
        "'CPU: ...' text export, and no forum download from this site",
    ),
    (
        "no rows",
        TABLE + "\nThat's all.\n",
        ["--slug", "x"],
        "{file} has the header of a PCPartPicker Markdown table but no parts under it",
    ),
    (
        "two lists",
        TABLE + f"**CPU** | {RYZEN}(https://pcpartpicker.com/p/a) | $1.00\n\nAnd:\n\n" + TABLE,
        ["--slug", "x"],
        "{file} holds 2 part lists (from lines 1 and 7); import one at a time",
    ),
    (
        "two cells",
        TABLE + "**CPU** | AMD Ryzen 7 3700X\n",
        ["--slug", "x"],
        "{file}:3: a part row has three cells, Type | Item | Price; this one has 2",
    ),
    (
        "not a price",
        TABLE + "**CPU** | AMD Ryzen 7 3700X | cheap\n",
        ["--slug", "x"],
        "{file}:3: 'cheap' is not a price: PCPartPicker writes one as '$1,234.56 @ Shop'",
    ),
    *(
        (
            f"price {price} read only in part",
            TABLE + f"**CPU** | AMD Ryzen 7 3700X | {price} @ Amazon\n",
            ["--slug", "x", "--currency", "EUR"],
            f"{{file}}:3: '{price} @ Amazon' is not a price: PCPartPicker writes one as '$1,234.56 @ Shop'",
        )
        for price in ("$1.5e+3", "$1e400", "€12,50", "12,50 €", "$12.", "$1 234.56", "1 234,56 €", "$589.99 - $50.00")
    ),
    (
        "unknown type in plain text",
        "Type Item Price\nCPU AMD Ryzen 7 3700X $289.99 @ Amazon\nGizmo Flux capacitor $5.00 @ Shop\n",
        ["--slug", "x", "--currency", "USD"],
        "{file}:3: 'Gizmo Flux capacitor $5.00 @ Shop' does not start with a PCPartPicker part type",
    ),
    (
        "unknown currency",
        TABLE + "**CPU** | AMD Ryzen 7 3700X | R$1599.00 @ Kabum\n",
        ["--slug", "x"],
        "the prices are in 'R$', a sign this importer does not know the currency of: give it with --currency (an "
        "ISO 4217 code such as EUR)",
    ),
    (
        "mixed currencies",
        TABLE
        + "**CPU** | AMD Ryzen 7 3700X | $289.99 @ Amazon\n**Case** | Fractal Design Terra | €179.99 @ Alternate\n",
        ["--slug", "x"],
        "the list mixes currencies ($ and €); a build has one currency",
    ),
    (
        "dollars, no host",
        TABLE + "**CPU** | AMD Ryzen 7 3700X | $289.99 @ Amazon\n",
        ["--slug", "x"],
        "the $ prices could be USD, CAD, AUD, NZD or MXN, and it has no links to a PCPartPicker site to tell which: "
        "give --currency, e.g. --currency USD",
    ),
    (
        "dollars, unknown host",
        TABLE + f"**CPU** | {RYZEN}(https://sg.pcpartpicker.com/product/x) | $289.99 @ Amazon\n",
        ["--slug", "x"],
        "the $ prices could be USD, CAD, AUD, NZD or MXN, and its links are to sg.pcpartpicker.com, whose currency "
        "this importer does not know: give --currency, e.g. --currency USD",
    ),
    (
        "hosts disagree",
        "[PCPartPicker Part List](https://mx.pcpartpicker.com/list/ZZ)\n\n"
        + TABLE
        + f"**CPU** | {RYZEN}(https://pcpartpicker.com/product/x) | $5756.14 @ Neweggmx\n",
        ["--slug", "x"],
        "the list links to PCPartPicker sites of different currencies, pcpartpicker.com (USD), "
        "mx.pcpartpicker.com (MXN): give --currency",
    ),
    (
        "sign and host disagree",
        TABLE + f"**CPU** | {RYZEN}(https://ca.pcpartpicker.com/product/x) | £249.99 @ Scan\n",
        ["--slug", "x"],
        "the £ prices are not in CAD, the currency of ca.pcpartpicker.com: give --currency",
    ),
    (
        "no prices, no links",
        TABLE + "**CPU** | AMD Ryzen 7 3700X | No Prices Available\n",
        ["--slug", "x"],
        "the list has no prices and no PCPartPicker links to tell its currency: give --currency",
    ),
    (
        "currency code",
        TABLE + "**CPU** | AMD Ryzen 7 3700X | $289.99 @ Amazon\n",
        ["--slug", "x", "--currency", "usd"],
        "--currency: unknown currency code 'usd': an ISO 4217 code is three letters; write it in capitals: USD",
    ),
    (
        "currency against the sign",
        TABLE + "**CPU** | AMD Ryzen 7 3700X | €289.99 @ Alternate\n",
        ["--slug", "x", "--currency", "USD"],
        "--currency USD does not fit the € prices, which are in EUR",
    ),
    (
        "currency against the download",
        OWN + "**CPU** | AMD Ryzen 7 3700X | $290.00\n | *Prices as of 2020-09-08, USD* | \n",
        ["--slug", "x", "--currency", "CAD"],
        "the list says its prices are in USD, not CAD as --currency says",
    ),
    (
        "download total that does not divide",
        OWN + "**Fan** | Noctua NF-A12x25 × 3 | $100.00\n | *Prices as of 2020-09-08, USD* | \n",
        ["--slug", "x"],
        "{file}:3: $100.00 for 3 does not split into 3 equal prices",
    ),
    (
        "download quantity of none",
        OWN + "**GPU** | NVIDIA TITAN RTX × 0 | $100\n | *Prices as of 2020-09-08, USD* | \n",
        ["--slug", "x"],
        "{file}:3: 'NVIDIA TITAN RTX × 0' has a quantity of 0: a part on the list is there once or more",
    ),
    (
        "download total longer than any price",
        OWN
        + "**Fan** | Noctua NF-A12x25 × 4 | $99999999999999999999999999999996\n | *Prices as of 2020-09-08, USD* | \n",
        ["--slug", "x"],
        "{file}:3: '$99999999999999999999999999999996' has more digits than a price can have",
    ),
    (
        "download total with more decimals than any price",
        OWN
        + "**Fan** | Noctua NF-A12x25 | $1.00000000000000000000000000000004\n | *Prices as of 2020-09-08, USD* | \n",
        ["--slug", "x"],
        "{file}:3: '$1.00000000000000000000000000000004' has more digits than a price can have",
    ),
    (
        "download role",
        OWN + "**Video Card** | NVIDIA TITAN RTX | $2,499.00\n | *Prices as of 2020-09-08, USD* | \n",
        ["--slug", "x"],
        "{file}:3: '**Video Card**' is not a role this site's download writes",
    ),
]


@pytest.mark.parametrize(("content", "args", "message"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_every_refusal_is_one_line_and_writes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str], content: str | bytes | None, args: list[str], message: str
) -> None:
    file = repo / "list.md"
    if content is None:  # the refusal is not about the list: a good one, or none at all
        source = repo / "missing.md" if "{missing}" in message else DATA / "one-part.md"
    else:
        source = file
        file.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = _snapshot(repo)
    assert main(["import", "--root", str(repo), "pcpartpicker", str(source), *args]) == 2
    expected = message.format(file=file, missing=repo / "missing.md")
    assert capsys.readouterr() == ("", f"buildguide import: {expected}\n")
    assert _snapshot(repo) == before


@pytest.mark.parametrize("head", ["Type Item Price\nCPU Intel Core i5", "PCPartPicker\nCPU: Intel Core i5"])
def test_a_megabyte_of_spaces_in_a_part_line_is_refused_quickly(
    repo: Path, capsys: pytest.CaptureFixture[str], head: str
) -> None:
    # The plain-text price patterns backtrack over a run of spaces: 8,000 of them once took 5.4 s.
    text = head + " " * (MAX_BYTES - len(head) - 2) + "x\n"
    (repo / "list.txt").write_text(text)
    assert len(text.encode()) == MAX_BYTES  # the most an import reads
    started = time.perf_counter()
    assert _import(repo, repo / "list.txt", "spaces", "--currency", "USD") == 2
    assert time.perf_counter() - started < 2
    long = len(text.splitlines()[1])
    assert capsys.readouterr().err == (
        f"buildguide import: {repo / 'list.txt'}:2: this line is {long:,} characters long; "
        "a part's line is at most 500\n"
    )


# --- All or nothing ------------------------------------------------------------------------------------------

TWO_STUBS = TABLE + (
    "**CPU** | [AMD Ryzen 5 5600X 3.7 GHz 6-Core Processor](https://pcpartpicker.com/product/g9/x) | $159.99 @ Amazon\n"
    "**Storage** | [Crucial P3 Plus 2 TB M.2-2280 NVME Solid State Drive](https://pcpartpicker.com/product/Vz/y) | "
    "$119.99 @ Best Buy\n"
)


def test_a_failure_while_writing_leaves_no_file_behind(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "list.md").write_text(TWO_STUBS)
    before = _snapshot(repo)
    replace, calls = os.replace, []

    def failing(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:  # the first catalog file is already written: it must be put back
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        replace(source, target)

    monkeypatch.setattr(commit.os, "replace", failing)
    assert _import(repo, repo / "list.md", "atomic") == 2
    assert capsys.readouterr().err == (
        "buildguide import: cannot write storage.yaml: No space left on device; nothing was written\n"
    )
    assert _snapshot(repo) == before  # no build, the cpu stub taken out again, no temporary file left
    assert [path.name for path in calls[:2]] == ["cpu.yaml", "storage.yaml"]


def test_a_catalog_file_that_is_a_link_is_not_written_through(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "list.md").write_text(TWO_STUBS)
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text((repo / "builds" / "parts" / "storage.yaml").read_text())
    (repo / "builds" / "parts" / "storage.yaml").unlink()
    (repo / "builds" / "parts" / "storage.yaml").symlink_to(elsewhere)
    before, outside = _snapshot(repo), elsewhere.read_bytes()
    assert _import(repo, repo / "list.md", "linked") == 2
    assert capsys.readouterr().err == (
        "buildguide import: builds/parts/storage.yaml is a symbolic link; not writing through it\n"
    )
    assert _snapshot(repo) == before and elsewhere.read_bytes() == outside


def test_a_build_that_appears_while_importing_is_not_overwritten(repo: Path) -> None:
    storage = repo / "builds" / "parts" / "storage.yaml"
    build = repo / "builds" / "late.yaml"
    build.write_text("written meanwhile\n")
    before = _snapshot(repo)
    with pytest.raises(ListError, match=r"^builds/late\.yaml already exists; not overwriting it$"):
        commit.commit(build, "draft\n", {storage: (storage.read_text(), storage.read_text() + "# stub\n")})
    assert _snapshot(repo) == before


def test_a_catalog_file_saved_while_importing_is_not_overwritten(repo: Path) -> None:
    storage = repo / "builds" / "parts" / "storage.yaml"
    read_before = storage.read_text()
    storage.write_text(read_before + "# a contributor's edit\n")
    before = _snapshot(repo)
    with pytest.raises(ListError, match=r"^builds/parts/storage\.yaml changed while importing; run the import again$"):
        commit.commit(repo / "builds" / "late.yaml", "draft\n", {storage: (read_before, read_before + "# stub\n")})
    assert _snapshot(repo) == before


# --- End to end, without a browser ---------------------------------------------------------------------------


def test_import_fill_in_check_and_publish(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _import(repo, DATA / "typical-9.md", "imported-developer-pc") == 0
    build = repo / "builds" / "imported-developer-pc.yaml"
    build.write_text(fill_in(build.read_text()))
    storage = repo / "builds" / "parts" / "storage.yaml"
    maker = "https://www.crucial.com/ssd/p3-plus/ct2000p3pssd8"
    storage.write_text(storage.read_text().replace("url: FILL IN the maker's spec page", f"url: {maker}"))

    capsys.readouterr()
    assert main(["check", "--root", str(repo)]) == 0, capsys.readouterr().err
    _, page = built_guide(repo, tmp_path / "built", "imported-developer-pc")
    assert "Imported developer PC" in page
    for shown in ("AMD Ryzen 7 3700X", "Crucial P3 Plus 2TB", "Microsoft Windows 11 Home OEM - DVD 64-bit"):
        assert shown in page
    for price in ("$289.99", "$119.99", "$399.99", "$1,399.87"):  # each price, and the list's total
        assert price in page
    assert "B&H" in page and "Best Buy" in page
