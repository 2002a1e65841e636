"""Renamed builds and parts keep their old addresses: `formerly:` makes the render step write a redirect page at
each, owned (and pruned) like its other files; names that would hide a page or redirect two ways are refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from buildguide.errors import DataError
from buildguide.render import render
from buildguide.session import Session

from .conftest import SEED
from .htmltree import parse

OTHER = "rtx-4090-fractal-terra-sff-2023"
CPU = "intel-core-i9-9920x"  # the seed build's CPU


def rename_build(root: Path, old: str, new: str) -> Path:
    """Move builds/<old>.yaml to builds/<new>.yaml, saying so in `formerly`."""
    path = root / "builds" / f"{new}.yaml"
    shutil.move(root / "builds" / f"{old}.yaml", path)
    path.write_text(path.read_text().replace("\ntags:", f"\nformerly: [{old}]\ntags:", 1))
    return path


def rename_part(root: Path, old: str, new: str) -> None:
    """Give a catalog part a new id, keeping the old one in `formerly`, and point every build at the new one."""
    cpus = root / "builds" / "parts" / "cpu.yaml"
    cpus.write_text(cpus.read_text().replace(f"\n{old}:\n", f"\n{new}:\n  formerly: [{old}]\n", 1))
    for build in (root / "builds").glob("*.yaml"):
        build.write_text(build.read_text().replace(f"part: {old}\n", f"part: {new}\n"))


def problems(root: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        render(root)
    return [str(p) for p in caught.value.problems]


def test_a_renamed_build_leaves_a_redirect_at_its_old_address(repo: Path) -> None:
    rename_build(repo, SEED, "dual-titan-rtx-2020")
    render(repo)
    source = (repo / "docs" / "builds" / SEED / "index.html").read_text()
    page = parse(source)
    refresh = page.find("meta", **{"http-equiv": "refresh"})
    assert refresh.get("content") == "0; url=../dual-titan-rtx-2020/"
    assert page.find("link", rel="canonical").get("href") == "https://example.invalid/builds/dual-titan-rtx-2020/"
    assert page.find("meta", name="robots").get("content") == "noindex"
    link = page.find("body").find("a")
    assert link.get("href") == "../dual-titan-rtx-2020/"
    assert link.text == "Dual Titan RTX deep-learning workstation (2020)"
    assert page.find("script").text == 'location.replace("../dual-titan-rtx-2020/" + location.hash)'
    assert not (repo / "docs" / "builds" / SEED / "index.md").exists()  # the page itself moved


def test_a_renamed_builds_downloads_stay_at_their_old_addresses(repo: Path) -> None:
    rename_build(repo, SEED, "dual-titan-rtx-2020")
    render(repo)
    downloads = repo / "docs" / "downloads"
    for ext in (".json", ".csv", ".forum.txt"):
        new = (downloads / f"dual-titan-rtx-2020{ext}").read_bytes()
        assert (downloads / f"{SEED}{ext}").read_bytes() == new  # a file cannot redirect: old links get a copy
    assert json.loads((downloads / f"{SEED}.json").read_text())["slug"] == "dual-titan-rtx-2020"


def test_a_redirect_escapes_the_title(repo: Path) -> None:
    path = rename_build(repo, OTHER, "sff-4090")
    path.write_text(path.read_text().replace("\ntitle: ", "\ntitle: <b>Tiny</b> & ", 1))
    render(repo)
    source = (repo / "docs" / "builds" / OTHER / "index.html").read_text()
    assert "<b>" not in source and "&lt;b&gt;Tiny&lt;/b&gt; &amp; " in source


def test_a_renamed_part_leaves_a_redirect_and_its_old_id_says_what_it_became(repo: Path) -> None:
    rename_part(repo, CPU, "intel-i9-9920x")
    render(repo)
    page = parse((repo / "docs" / "parts" / CPU / "index.html").read_text())
    assert page.find("meta", **{"http-equiv": "refresh"}).get("content") == "0; url=../intel-i9-9920x/"
    assert page.find("body").find("a").text == "Intel Core i9-9920X"
    seed = repo / "builds" / f"{SEED}.yaml"
    text = seed.read_text()
    seed.write_text(text.replace("part: intel-i9-9920x\n", f"part: {CPU}\n", 1))
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.endswith("part: intel-i9-9920x"))
    assert problems(repo) == [
        f"builds/{SEED}.yaml:{line}:15: sections.0.items.0.part: part '{CPU}' was renamed to 'intel-i9-9920x': "
        "use the new id"
    ]


def test_redirects_go_when_their_names_do(repo: Path) -> None:
    path = rename_build(repo, SEED, "dual-titan-rtx-2020")
    rename_part(repo, CPU, "intel-i9-9920x")
    render(repo)
    path.write_text(path.read_text().replace(f"formerly: [{SEED}]\n", ""))
    cpus = repo / "builds" / "parts" / "cpu.yaml"
    cpus.write_text(cpus.read_text().replace(f"  formerly: [{CPU}]\n", ""))
    site = render(repo)
    assert not (repo / "docs" / "builds" / SEED).exists() and not (repo / "docs" / "parts" / CPU).exists()
    assert not list((repo / "docs" / "downloads").glob(f"{SEED}.*"))
    assert not [f for f in site.files if f.endswith(".html") and f.startswith("docs/")]


def test_the_preview_writes_a_redirect_when_a_build_is_renamed(repo: Path) -> None:
    session = Session(repo)
    new = rename_build(repo, SEED, "dual-titan-rtx-2020")
    written = session.update({repo / "builds" / f"{SEED}.yaml", new})
    assert f"docs/builds/{SEED}/index.html" in written
    assert not (repo / "docs" / "builds" / SEED / "index.md").exists()


def test_a_former_name_may_not_hide_a_build_or_redirect_two_ways(repo: Path) -> None:
    seed = repo / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text().replace("\ntags:", f"\nformerly: [{OTHER}, old-one]\ntags:", 1))
    other = repo / "builds" / f"{OTHER}.yaml"
    other.write_text(other.read_text().replace("\ntags:", "\nformerly: [old-one]\ntags:", 1))
    seed_line = seed.read_text().splitlines().index(f"formerly: [{OTHER}, old-one]") + 1
    other_line = other.read_text().splitlines().index("formerly: [old-one]") + 1
    assert problems(repo) == [
        f"builds/{SEED}.yaml:{seed_line}:12: formerly.0: '{OTHER}' is the name of builds/{OTHER}.yaml: "
        "a former name must be free",
        f"builds/{OTHER}.yaml:{other_line}:12: formerly.0: 'old-one' is already a former name of builds/{SEED}.yaml",
    ]


def test_the_404_page_list_names_every_build_and_part(repo: Path) -> None:
    site = render(repo)
    listed = json.loads((repo / "docs" / "downloads" / "site" / "pages.json").read_text())
    assert dict(listed["builds"])[SEED] == "Dual Titan RTX deep-learning workstation (2020)"
    assert {slug for slug, _ in listed["builds"]} == set(site.views)
    assert {part_id for part_id, _ in listed["parts"]} == set(site.catalog.parts)
    assert dict(listed["parts"])[CPU] == "Intel Core i9-9920X"
