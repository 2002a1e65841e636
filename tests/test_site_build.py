"""End to end: `mkdocs build --strict` on a copy of the project, and what the published pages say."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from mkdocs.exceptions import PluginError

from buildguide import engine, forked, pages
from buildguide.project import load_project
from buildguide.view import view

from .conftest import SEED, copy_project
from .htmltree import page_tree, parse


class Config(NamedTuple):  # what the hook reads of MkDocs' config
    config_file_path: str


class Done(NamedTuple):  # what the hook reads of a finished process
    returncode: int
    stderr: str


def mkdocs_build(repo: Path, jobs: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"} | ({engine.JOBS: jobs} if jobs else {})
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(repo / "mkdocs.yml")]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def built_guide(repo: Path, site: Path, slug: str) -> tuple[str, str]:
    """`buildguide build` of `repo` into `site`, as a contributor runs it; the build page's HTML and its text."""
    command = [sys.executable, "-m", "buildguide.cli", "build", "--root", str(repo), "-d", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    raw = (site / "builds" / slug / "index.html").read_text()
    return raw, " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def page_text(repo: Path, slug: str) -> str:
    raw = (repo / "site" / "builds" / slug / "index.html").read_text()
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built once for this module's read-only tests."""
    repo = copy_project(tmp_path_factory.mktemp("site") / "repo")
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
    assert not (repo / "docs" / "builds" / SEED).exists()  # the render step wrote nothing either


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
    seed = repo / "builds" / f"{SEED}.yaml"
    seed.write_text(
        seed.read_text().replace("retailer: NVIDIA store\n", "retailer: NVIDIA store\n        affiliate: true\n")
    )
    page = page_tree(pages.guide_source(view(load_project(repo).guides[SEED])))
    url = "https://www.nvidia.com/en-us/deep-learning-ai/products/titan-rtx/"
    sponsored = [a for a in page.find_all("a") if "sponsored" in (a.get("rel") or "").split()]
    assert [(a.get("href"), a.get("rel"), a.text) for a in sponsored] == [  # only the flagged line
        (url, "sponsored nofollow noopener", "NVIDIA store")
    ]
    bridge = page.find("div", "bg-part", data_role="bridge")
    meta = bridge.find("p", "bg-part-meta")
    assert any(a is sponsored[0] for a in meta.find_all("a"))  # on the bridge's own line
    assert meta.find("span", "bg-affiliate").text == "affiliate link"
    assert len(page.find_all("span", "bg-affiliate")) == 1


def test_the_package_beside_the_hook_renders_the_site(repo: Path) -> None:
    """The render step runs in a process of its own: it must be this checkout's package, as MkDocs imports the
    hook's, not whichever copy the environment has installed."""
    template = repo / "macros" / "buildguide" / "templates" / "guide.md.j2"
    template.write_text(template.read_text() + "\nRendered by this checkout's package.\n")
    result = mkdocs_build(repo)
    assert result.returncode == 0, result.stderr
    assert "Rendered by this checkout's package." in (repo / "site" / "builds" / SEED / "index.html").read_text()


@pytest.mark.parametrize(("jobs", "passed"), [(None, []), ("1", ["--jobs", "1"])])
def test_build_jobs_reach_the_render_step_the_hook_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, jobs: str | None, passed: list[str]
) -> None:
    """`buildguide build --jobs N` runs MkDocs, whose hook runs the render step: N has to get through."""
    import hooks  # macros/hooks.py, as mkdocs.yml names it

    commands = []
    monkeypatch.setattr(hooks.subprocess, "run", lambda command, **_: commands.append(command) or Done(0, ""))
    if jobs is None:
        monkeypatch.delenv(engine.JOBS, raising=False)
    else:
        monkeypatch.setenv(engine.JOBS, jobs)
    hooks.on_pre_build(Config(str(tmp_path / "mkdocs.yml")))
    assert commands == [[sys.executable, "-m", "buildguide.cli", "render", "--root", str(tmp_path), *passed]]


def test_a_render_step_killed_for_memory_fails_the_build_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import hooks  # macros/hooks.py, as mkdocs.yml names it

    monkeypatch.setattr(hooks.subprocess, "run", lambda command, **_: Done(-9, ""))
    with pytest.raises(PluginError, match=r"^the render step was killed by signal 9, so nothing was built$"):
        hooks.on_pre_build(Config(str(tmp_path / "mkdocs.yml")))


def test_build_hands_its_jobs_to_mkdocs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    envs = []
    monkeypatch.setattr(engine.subprocess, "run", lambda command, env, **_: envs.append(env) or Done(1, ""))
    assert engine.build(tmp_path / "repo", "mkdocs", tmp_path / "site", 3) == 1
    assert [env[engine.JOBS] for env in envs] == ["3"]


@pytest.mark.skipif(not forked.can_fork(), reason="the index has a second process only where it forks")
def test_the_search_index_made_in_a_second_process_is_the_one_material_makes(tmp_path: Path) -> None:
    indexes = {}
    for jobs in ("1", "2"):
        repo = copy_project(tmp_path / jobs)
        result = mkdocs_build(repo, jobs)
        assert result.returncode == 0, result.stderr
        assert ("Indexing the pages for search in a second process" in result.stderr) == (jobs == "2")
        indexes[jobs] = (repo / "site" / "search" / "search_index.json").read_bytes()
    assert indexes["2"] == indexes["1"]
    seed = [doc for doc in json.loads(indexes["2"])["docs"] if doc["location"].startswith(f"builds/{SEED}/")]
    assert any("TITAN RTX" in doc["title"] for doc in seed)


def test_pages_are_published_without_the_theme_s_indentation(built: Path) -> None:
    raw = (built / "site" / "builds" / SEED / "index.html").read_text()
    assert '>\n<li class="md-nav__item">' in raw and '\n    <li class="md-nav__item">' not in raw


def test_fenced_code_in_hand_written_pages_stays_a_code_block(built: Path) -> None:
    page = parse((built / "site" / "contributing" / "index.html").read_text())
    blocks = [pre.text for pre in page.find_all("pre")]
    assert ".venv/bin/buildguide new quiet-office-workstation" in blocks
    assert "noctua-nh-d15-chromax-black:" in " ".join(blocks)  # the ```yaml fence too
    assert not [code for code in page.find_all("code") if code.text.startswith(("sh ", "yaml "))]
    assert "```" not in page.text


def internal_links(site: Path) -> Iterator[tuple[Path, str]]:
    """(page, address) for every link and embed in the site that stays on the site."""
    for page in sorted(site.rglob("*.html")):
        for element in parse(page.read_text()).iter():
            addresses = [element.get("href"), element.get("src")]
            srcset = (element.get("srcset") or "").split(",")
            addresses += [word for candidate in srcset for word in candidate.split()[:1]]
            for value in addresses:
                if value is not None and not re.match(r"(?i)([a-z][a-z0-9+.-]*:|//|#)", value):
                    yield page, value


def test_every_internal_link_resolves_to_a_file_of_the_site(built: Path) -> None:
    site = built / "site"
    missing, checked = [], set()
    for page, address in internal_links(site):
        path = unquote(urlsplit(address).path)
        if not path:  # "?a=x" alone: the page itself
            continue
        target = site / path.lstrip("/") if path.startswith("/") else page.parent / path
        if target.is_dir():
            target /= "index.html"
        checked.add((page.relative_to(site).as_posix(), address))
        if not target.resolve().is_file() or not target.resolve().is_relative_to(site.resolve()):
            missing.append(f"{page.relative_to(site)}: {address}")
    assert missing == []
    # The check saw the templates' hard-coded paths: downloads, images, compare, cards and the builds index.
    seed_page = f"builds/{SEED}/index.html"
    image = f"../../assets/builds/images/{SEED}/airflow.png"
    for suffix in ("json", "csv", "forum.txt"):
        assert (seed_page, f"../../downloads/{SEED}.{suffix}") in checked
    assert (seed_page, image) in checked and (seed_page, f"../../compare/?a={SEED}") in checked
    for width in (480, 960, 1600):  # the seed's photo in every size, from its page and (as a thumbnail) its card
        assert (seed_page, f"../../assets/builds/w{width}/images/{SEED}/inside.png") in checked
        assert ("index.html", f"assets/builds/w{width}/images/{SEED}/inside.png") in checked
    assert ("index.html", f"builds/{SEED}/") in checked and ("builds/index.html", f"{SEED}/") in checked
