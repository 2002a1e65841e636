"""End to end: `mkdocs build --strict` on a copy of the project, and what the published pages say."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from .conftest import SEED


def mkdocs_build(repo: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(repo / "mkdocs.yml")]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def page_text(repo: Path, slug: str) -> str:
    raw = (repo / "site" / "builds" / slug / "index.html").read_text()
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from .conftest import ROOT

    repo = tmp_path_factory.mktemp("site") / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns("site", ".venv", ".git", "__pycache__", "*.egg-info"))
    result = mkdocs_build(repo)
    assert result.returncode == 0, result.stderr
    return repo


def usd(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def test_seed_page_shows_every_part_price_and_the_totals(built: Path) -> None:
    build = yaml.safe_load((built / "builds" / f"{SEED}.yaml").read_text())
    catalog: dict[str, dict] = {}
    for file in (built / "builds" / "parts").glob("*.yaml"):
        catalog.update(yaml.safe_load(file.read_text()))
    text = " ".join(page_text(built, SEED).split())

    totals: dict[bool, Decimal] = {False: Decimal(0), True: Decimal(0)}
    for section in build["sections"]:
        subtotal = Decimal(0)
        for item in section["items"]:
            part = catalog[item["part"]]
            unit = Decimal(str(item["unit_price"]))
            line = unit * item.get("quantity", 1)
            subtotal += line
            assert f"{part['maker']} {part['model']}" in text
            assert usd(unit) in text and usd(line) in text
            assert item["retailer"] in text
        assert f"Subtotal: {section['title']} {usd(subtotal)}" in text
        totals[section.get("optional", False)] += subtotal
    assert f"Build total {usd(totals[False])}" in text
    assert f"Total with optional sections {usd(totals[False] + totals[True])}" in text
    assert "Prices in USD as of 2020-08-09" in text


def test_build_pages_stay_out_of_the_nav(built: Path) -> None:
    home = (built / "site" / "index.html").read_text()
    assert f'href="builds/{SEED}/"' in home  # listed on the home page
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', home, re.S)
    assert nav and SEED not in nav.group(0)


def test_bad_data_fails_the_site_build_with_the_check_messages(repo: Path) -> None:
    seed = repo / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text().replace("unit_price: 1189.00", "unit_price: -1189.00"))
    line = seed.read_text().splitlines().index("        unit_price: -1189.00") + 1
    result = mkdocs_build(repo)
    assert result.returncode != 0
    assert (
        f"builds/{SEED}.yaml:{line}:21: sections.0.items.0.unit_price: input should be greater than or equal to 0"
        in (result.stderr)
    )
    assert "Traceback" not in result.stderr
    assert not (repo / "site" / "builds" / SEED / "index.html").exists()


def test_contributor_text_is_never_run_as_a_template(repo: Path) -> None:
    seed = repo / "builds" / f"{SEED}.yaml"
    payload = "Try {{ 7 * 191 }} and {% if true %}yes{% endif %} and {{ ''.__class__.__mro__ }} <script>x()</script>"
    mouse = "rationale: A wired mouse to match the keyboard."
    seed.write_text(seed.read_text().replace(mouse, f"rationale: |\n          {payload}"))
    result = mkdocs_build(repo)
    assert result.returncode == 0, result.stderr
    raw = (repo / "site" / "builds" / SEED / "index.html").read_text()
    text = html.unescape(re.sub(r"<[^>]+>", "", raw))  # Markdown may bold the dunder names; the text stays
    assert "Try {{ 7 * 191 }} and {% if true %}yes{% endif %} and {{ ''.class.mro }}" in text
    assert "1337" not in text
    assert "&lt;script&gt;x()&lt;/script&gt;" in raw and "<script>x()" not in raw


def test_affiliate_links_are_flagged_to_readers_and_search_engines(repo: Path) -> None:
    from buildguide.project import load_project
    from buildguide.render import guide_page

    seed = repo / "builds" / f"{SEED}.yaml"
    seed.write_text(
        seed.read_text().replace("retailer: NVIDIA store\n", "retailer: NVIDIA store\n        affiliate: true\n")
    )
    page = guide_page(load_project(repo).guides[SEED])
    bridge = page[page.index("NVLink Bridge") :]
    url = "https://www.nvidia.com/en-us/deep-learning-ai/products/titan-rtx/"
    assert f'<a href="{url}" rel="sponsored nofollow noopener">NVIDIA store</a>' in bridge
    assert "affiliate link" in bridge
    assert 'rel="sponsored' not in page[: page.index("NVLink Bridge")]  # only the flagged line
