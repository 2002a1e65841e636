"""The render step on its own (no site engine): which files it writes, that it rewrites only what changed, that
it removes what it no longer writes, and that bad data leaves every file as it was."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image

import buildguide.facts
import buildguide.view
from buildguide import buildfiles, forked, images, slots
from buildguide.cli import main
from buildguide.errors import DataError
from buildguide.render import render
from buildguide.session import Session

from .conftest import ROOT, SEED

OLD = 1_000_000_000  # 2001: a time no file written by the test can have
OTHER = "rtx-4090-fractal-terra-sff-2023"  # a build without photos
HAND_WRITTEN = "docs/builds/index.md"


def slugs(repo: Path) -> list[str]:
    return sorted(path.stem for path in (repo / "builds").glob("*.yaml"))


def generated(repo: Path) -> set[str]:
    """Every file in the places the render step owns (its cache of re-encoded images aside)."""
    found = set()
    for folder in ("docs/downloads", "docs/assets/builds", "docs/catalog", "docs/parts", ".buildguide"):
        found |= {p.relative_to(repo).as_posix() for p in (repo / folder).rglob("*") if p.is_file()}
    if (repo / "docs" / "feed.xml").is_file():
        found.add("docs/feed.xml")
    found = {path for path in found if not path.startswith(".buildguide/images/")}
    for page in (repo / "docs" / "builds").glob("*/**/*"):
        if page.is_file():
            found.add(page.relative_to(repo).as_posix())
    return found


def expected(slugs: list[str]) -> set[str]:
    listings = ("cards.html", "index.html", "compare.html", "tags.html")
    files = {f".buildguide/{name}" for name in ("manifest.json", *listings)}
    files |= {"docs/catalog/index.md", "docs/feed.xml"}  # the catalog status page and the Atom feed
    files.add("docs/downloads/site/pages.json")  # every build and part, for the 404 page's suggestions
    for catalog in (ROOT / "builds" / "parts").glob("*.yaml"):  # a page per catalog part, used or not
        files |= {f"docs/parts/{part_id}/index.md" for part_id in yaml.safe_load(catalog.read_text())}
    for slug in slugs:
        files.add(f"docs/builds/{slug}/index.md")
        files |= {f"docs/downloads/{slug}.{suffix}" for suffix in ("json", "csv", "forum.txt")}
    if SEED in slugs:  # its photos (all it has), each full size and in the narrower widths srcset offers
        for file in (ROOT / "builds" / "images" / SEED).iterdir():
            photo = images.check(ROOT, f"images/{SEED}/{file.name}")
            assert isinstance(photo, images.Photo)
            files |= {f"docs/assets/builds/{size.url}" for size in photo.sizes}
        assert f"docs/assets/builds/w1600/images/{SEED}/inside.png" in files  # the 2,400-px drawing: four copies
    return files


def snapshot(repo: Path) -> dict[str, tuple[bytes, int]]:
    """The generated files' bytes and modification times, after setting every time to OLD."""
    state = {}
    for path in sorted(generated(repo)):
        os.utime(repo / path, ns=(OLD * 10**9, OLD * 10**9))
        state[path] = ((repo / path).read_bytes(), (repo / path).stat().st_mtime_ns)
    return state


def current(repo: Path) -> dict[str, tuple[bytes, int]]:
    return {path: ((repo / path).read_bytes(), (repo / path).stat().st_mtime_ns) for path in sorted(generated(repo))}


def break_price(path: Path) -> None:
    text = path.read_text()
    assert "unit_price: 1189.00" in text
    path.write_text(text.replace("unit_price: 1189.00", "unit_price: -1189.00"))


def test_a_render_writes_each_builds_page_downloads_and_images_and_a_manifest_of_them(repo: Path) -> None:
    assert not (repo / ".buildguide").exists() and not (repo / "docs" / "downloads").exists()  # a fresh copy
    site = render(repo)
    builds = slugs(repo)
    assert sorted(site.views) == builds and len(builds) == 6
    assert generated(repo) == expected(builds)
    for path, data in site.files.items():
        assert (repo / path).read_bytes() == data
    image = f"images/{SEED}/airflow.png"
    with (
        Image.open(repo / "docs" / "assets" / "builds" / image) as published,
        Image.open(repo / "builds" / image) as source,
    ):
        assert published.size == source.size and published.tobytes() == source.convert(published.mode).tobytes()

    manifest = json.loads((repo / ".buildguide" / "manifest.json").read_text())
    assert manifest["files"] == sorted(generated(repo) - {".buildguide/manifest.json"})
    assert manifest["builds"] == len(builds)
    assert re.fullmatch(r"[0-9a-f]{64}", manifest["digest"])


def test_the_page_source_is_never_a_template(repo: Path) -> None:
    render(repo)
    source = (repo / "docs" / "builds" / SEED / "index.md").read_text()
    assert source.startswith("---\n")
    meta = yaml.safe_load(source[4 : source.index("\n---\n", 4)])
    assert meta["render_macros"] is False
    assert meta["tags"] == ["deep learning", "multi-gpu", "workstation", "air cooled"]
    assert meta["description"].startswith("Deep learning and data science: $7,981.34 USD")


def test_a_second_render_rewrites_nothing(repo: Path) -> None:
    render(repo)
    before = snapshot(repo)
    render(repo)
    assert current(repo) == before  # same bytes (the manifest's digest too), and not one file touched


def test_a_changed_build_rewrites_only_its_own_files_and_the_listings(repo: Path) -> None:
    render(repo)
    before = snapshot(repo)
    path = repo / "builds" / f"{OTHER}.yaml"
    path.write_text(path.read_text().replace("\ntitle: ", "\ntitle: Renamed ", 1))
    render(repo)
    after = current(repo)
    changed = {name for name in before if after[name] != before[name]}
    assert set(after) == set(before)
    # The forum download and the JSON carry the title; the CSV part list does not. The part pages of the parts it
    # uses or considered list it by title.
    build = yaml.safe_load(path.read_text())
    items = [item for section in build["sections"] for item in section["items"]]
    parts = {item["part"] for item in items if "part" in item}
    parts |= {alt["part"] for item in items for alt in item.get("alternatives", []) if "part" in alt}
    assert changed == {f"docs/parts/{part_id}/index.md" for part_id in parts} | {
        f"docs/builds/{OTHER}/index.md",
        f"docs/downloads/{OTHER}.json",
        f"docs/downloads/{OTHER}.forum.txt",
        "docs/catalog/index.md",  # it names the builds
        "docs/feed.xml",  # so does the feed
        "docs/downloads/site/pages.json",  # and the list the 404 page suggests from
        ".buildguide/cards.html",
        ".buildguide/index.html",
        ".buildguide/compare.html",
        ".buildguide/tags.html",
        ".buildguide/manifest.json",
    }


def test_a_deleted_build_loses_its_page_downloads_and_images(repo: Path) -> None:
    render(repo)
    hand_written = (repo / HAND_WRITTEN).read_bytes()
    (repo / "builds" / f"{SEED}.yaml").unlink()
    site = render(repo)
    assert SEED not in site.views
    assert generated(repo) == expected(slugs(repo))
    assert not (repo / "docs" / "builds" / SEED).exists()
    assert not (repo / "docs" / "assets" / "builds" / "images").exists()  # emptied folders go too
    assert (repo / HAND_WRITTEN).read_bytes() == hand_written  # the hand-written index stays
    manifest = json.loads((repo / ".buildguide" / "manifest.json").read_text())
    assert manifest["builds"] == 5 and not [f for f in manifest["files"] if SEED in f]
    assert SEED not in (repo / ".buildguide" / "index.html").read_text()


def test_stray_files_in_generated_places_are_removed(repo: Path) -> None:
    render(repo)
    strays = ["docs/downloads/old-build.md", "docs/builds/old-build/index.md", "docs/assets/builds/images/x.png"]
    strays.append(".buildguide/old.html")
    for stray in strays:
        (repo / stray).parent.mkdir(parents=True, exist_ok=True)
        (repo / stray).write_text("left over")
    render(repo)
    assert generated(repo) == expected(slugs(repo))
    assert not (repo / "docs" / "builds" / "old-build").exists()
    assert (repo / HAND_WRITTEN).is_file()


def test_bad_data_raises_and_writes_nothing_on_a_fresh_copy(repo: Path) -> None:
    break_price(repo / "builds" / f"{SEED}.yaml")
    with pytest.raises(DataError) as caught:
        render(repo)
    assert [p.field for p in caught.value.problems] == ["sections.0.items.0.unit_price"]
    assert generated(repo) == set()


def test_bad_data_leaves_the_last_good_render_untouched(repo: Path) -> None:
    render(repo)
    before = snapshot(repo)
    bad = repo / "builds" / "new-bad-build.yaml"
    bad.write_text((repo / "builds" / f"{SEED}.yaml").read_text())
    break_price(bad)
    (repo / "builds" / f"{OTHER}.yaml").unlink()  # a deletion is not applied either
    with pytest.raises(DataError):
        render(repo)
    assert current(repo) == before
    assert not (repo / "docs" / "builds" / "new-bad-build").exists()


def test_each_build_is_viewed_once(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: dict[str, list[str]] = {"facts": [], "slots": []}
    facts, usage = buildguide.facts.facts, slots.usage

    def counted_facts(guide):  # type: ignore[no-untyped-def]
        calls["facts"].append(guide.slug)
        return facts(guide)

    def counted_usage(loaded):  # type: ignore[no-untyped-def]
        calls["slots"].append(loaded.slug)
        return usage(loaded)

    monkeypatch.setattr(buildguide.facts, "facts", counted_facts)
    monkeypatch.setattr(buildguide.view, "facts", counted_facts)
    monkeypatch.setattr(slots, "usage", counted_usage)
    site = render(repo)
    assert sorted(calls["facts"]) == sorted(site.views) == slugs(repo)
    assert sorted(calls["slots"]) == slugs(repo)


def test_the_preview_session_matches_a_full_render(repo: Path) -> None:
    """Incremental updates leave exactly the files a fresh render of the same data writes, with the same bytes."""
    session = Session(repo)
    seed = repo / "builds" / f"{SEED}.yaml"
    text = seed.read_text()
    without_photo = re.sub(r"\n        images:\n(?:          .*\n)+", "\n", text, count=1)
    assert without_photo != text
    seed.write_text(without_photo.replace("title: Dual Titan RTX", "title: Edited Dual Titan RTX"))
    gpus = repo / "builds" / "parts" / "gpu.yaml"
    gpus.write_text(gpus.read_text().replace("model: TITAN RTX", "model: TITAN RTX (edited)"))
    (repo / "builds" / f"{OTHER}.yaml").unlink()
    session.update({seed, gpus, repo / "builds" / f"{OTHER}.yaml"})
    incremental = {path: (repo / path).read_bytes() for path in generated(repo)}
    assert f"docs/assets/builds/images/{SEED}/airflow.png" not in incremental  # the dropped photo is gone
    assert f"docs/builds/{OTHER}/index.md" not in incremental
    render(repo)
    assert {path: (repo / path).read_bytes() for path in generated(repo)} == incremental


def test_the_preview_session_raises_every_problem_until_fixed(repo: Path) -> None:
    session = Session(repo)
    seed = repo / "builds" / f"{SEED}.yaml"
    text = seed.read_text()
    page = repo / "docs" / "builds" / SEED / "index.md"
    before = page.read_bytes()
    seed.write_text(text.replace("unit_price: 1189.00", "unit_price: -1"))
    with pytest.raises(DataError, match="unit_price: input should be greater than or equal to 0"):
        session.update({seed})
    other = repo / "builds" / f"{OTHER}.yaml"
    other.write_text(other.read_text().replace("title: ", "title: Edited ", 1))
    with pytest.raises(DataError, match="unit_price"):  # still there on the next save, of another file
        session.update({other})
    assert page.read_bytes() == before
    seed.write_text(text)
    written = session.update({seed})
    assert f"docs/builds/{OTHER}/index.md" in written  # the edit made while in error is not lost


@pytest.mark.parametrize("place", [f"docs/builds/{SEED}", "docs/downloads", f"docs/downloads/{SEED}.json"])
def test_a_link_where_the_render_step_writes_is_refused_and_its_target_untouched(
    repo: Path, tmp_path: Path, place: str
) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "index.md").write_text("mine")
    (repo / place).parent.mkdir(parents=True, exist_ok=True)
    (repo / place).symlink_to(victim if not place.endswith(".json") else victim / "index.md")
    with pytest.raises(DataError) as caught:
        render(repo)
    kind = "file" if place.endswith(".json") else "folder"
    assert [str(p) for p in caught.value.problems] == [
        f"{place}:1:1: (file): is not a plain {kind}; the render step writes here and removes what it did not write"
    ]
    assert [p.name for p in victim.iterdir()] == ["index.md"] and (victim / "index.md").read_text() == "mine"


@pytest.fixture
def many(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Enough builds for five batches of 20 and a few over: each bundled build again and again under other
    names, photos included."""
    monkeypatch.setattr(forked, "BATCH", 20)
    builds = sorted((repo / "builds").glob("*.yaml"))
    for n in range(100):
        source = builds[n % len(builds)]
        text = source.read_text().replace("title: ", f"title: Copy {n} of ", 1)
        (repo / "builds" / f"{source.stem}-copy-{n:03d}.yaml").write_text(text)
    return repo


@pytest.mark.skipif(not forked.can_fork(), reason="workers are forked only where the system can fork")
def test_forked_workers_write_the_very_files_one_process_writes(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = render(many, jobs=1)
    one = {path: (many / path).read_bytes() for path in sorted(generated(many))}
    shutil.rmtree(many / "docs" / "downloads")
    for page in (many / "docs" / "builds").glob("*/index.md"):
        page.unlink()
    forks, fork = [], forked._fork
    monkeypatch.setattr(
        forked, "_fork", lambda fn, batch, running: forks.append(len(batch)) or fork(fn, batch, running)
    )
    site = render(many, jobs=2)
    assert forks == [20] * 5  # the rest (six builds) rendered in this process
    assert {path: (many / path).read_bytes() for path in sorted(generated(many))} == one
    assert site.outputs == alone.outputs  # each build's files under its own name, which the preview relies on
    assert list(site.views) == list(alone.views) and len(site.views) == len(slugs(many)) == 106
    assert f"docs/builds/{SEED}-copy-000/index.md" in one and f"docs/downloads/{SEED}-copy-000.json" in one


@pytest.mark.skipif(not forked.can_fork(), reason="workers are forked only where the system can fork")
def test_a_render_worker_that_dies_is_one_line_and_writes_nothing(
    many: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    parent, text_outputs = os.getpid(), buildfiles.text_outputs
    # Killed in every worker; this process renders the last few builds itself.
    monkeypatch.setattr(buildfiles, "text_outputs", lambda v: text_outputs(v) if os.getpid() == parent else os._exit(9))
    assert main(["render", "--root", str(many), "--jobs", "2"]) == 2
    assert capsys.readouterr().err == "buildguide render: a worker process died (out of memory?); try --jobs 1\n"
    assert generated(many) == set()


@pytest.mark.skipif(not forked.can_fork(), reason="workers are forked only where the system can fork")
def test_a_bad_build_after_the_first_batches_writes_nothing_not_even_the_image_cache(many: Path) -> None:
    good = (many / "builds" / f"{SEED}.yaml").read_text()
    bad = good.replace("part: intel-core-i9-9920x", "part: no-such-part", 1)
    assert bad != good
    (many / "builds" / "zzz-bad.yaml").write_text(bad)
    with pytest.raises(DataError) as raised:
        render(many, jobs=2)
    assert [p.path for p in raised.value.problems] == ["builds/zzz-bad.yaml"]
    assert generated(many) == set() and not (many / ".buildguide").exists()


def test_a_part_added_to_the_catalog_rechecks_the_builds_that_name_it(repo: Path) -> None:
    """The seed names an alternative, "All-in-one liquid CPU cooler", that the catalog lacks; once a part of that
    name is added, the alternative must cite it, and the preview says so without the build file being saved."""
    session = Session(repo)
    coolers = repo / "builds" / "parts" / "cooler.yaml"
    coolers.write_text(
        coolers.read_text() + "\nall-in-one-liquid-cpu-cooler:\n  category: cooler\n  kind: liquid\n"
        "  maker: All-in-one\n  model: liquid CPU cooler\n"
        "  sources:\n    - url: https://maker.example/aio\n      kind: maker\n"
    )
    with pytest.raises(DataError, match="'All-in-one liquid CPU cooler' is in the catalog: write part: all-in-one"):
        session.update({coolers})
