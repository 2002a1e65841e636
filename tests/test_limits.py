"""Small inputs with huge costs stay bounded; names that would collide on the site are refused."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from buildguide import catalog, slots
from buildguide.errors import DataError
from buildguide.project import load_project
from buildguide.render import render

from .conftest import SEED


def problems(repo: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_project(repo)
    return [str(p) for p in caught.value.problems]


def test_a_huge_module_count_draws_a_bounded_picture(repo: Path) -> None:
    """100,000 modules on a board without DIMM figures once drew 100,000 slots into a 568 MB page."""
    memory = repo / "builds" / "parts" / "memory.yaml"
    memory.write_text(memory.read_text().replace("  modules: 8\n", "  modules: 100000\n", 1))
    boards = repo / "builds" / "parts" / "motherboard.yaml"
    text = boards.read_text()
    board = text.index("msi-x299-sli-plus:")
    boards.write_text(text[:board] + text[board:].replace("  dimm_slots: 8\n", "", 1))
    seed = repo / "builds" / f"{SEED}.yaml"
    refused = {p.split("[", 1)[1].split("]", 1)[0] for p in problems(repo) if "] " in p}
    assert refused == {"memory-board-max", "memory-cpu-max", "psu-capacity"}  # 1,600,000 GB is not plausible
    acks = "".join(f"  - rule: {rule}\n    reason: A test of the limits.\n" for rule in sorted(refused))
    seed.write_text(seed.read_text() + f"acknowledge:\n{acks}")
    site = render(repo)
    usage = site.views[SEED].slots
    assert usage is not None and usage.modules == 100_000
    assert sum(r.kind == "dimm-used" for r in usage.rects) == slots.DRAWN["dimm"]
    assert usage.lines[0] == "Memory: 100000 DIMM slots used (the board's count is not in the catalog)."
    page = repo / "docs" / "builds" / SEED / "index.md"
    assert page.stat().st_size < 200_000


def test_unknown_ids_are_matched_within_the_role_s_category(repo: Path) -> None:
    """A power supply's typo is never 'corrected' to a keyboard."""
    seed = repo / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text().replace("part: corsair-hx1200\n", "part: corsair-hx120\n", 1))
    found = [p for p in problems(repo) if "unknown part id" in p]
    assert len(found) == 1 and found[0].endswith("unknown part id 'corsair-hx120' (did you mean 'corsair-hx1200'?)")


def test_suggestions_stop_after_a_fixed_number(repo: Path) -> None:
    """2,000 unknown ids against the catalog once took 135 s of difflib: only the first ones get a suggestion."""
    seed = repo / "builds" / f"{SEED}.yaml"
    text = seed.read_text()
    count = catalog.SUGGESTIONS + 20
    extra = "".join(
        f"      - role: cpu\n        part: intel-core-i9-992{n}\n        unit_price: 1.00\n        retailer: Shop\n"
        for n in range(count)
    )
    seed.write_text(
        text.replace(
            "  - id: peripherals\n", f"  - id: many\n    title: Many\n    items:\n{extra}  - id: peripherals\n", 1
        )
    )
    start = time.perf_counter()
    found = [p for p in problems(repo) if "unknown part id" in p]
    assert time.perf_counter() - start < 5
    assert len(found) == count
    assert sum("did you mean" in p for p in found) == catalog.SUGGESTIONS


@pytest.mark.parametrize(("first", "second"), [("a b", "a-b"), ("c++", "c")])
def test_tags_that_make_the_same_anchor_are_refused(repo: Path, first: str, second: str) -> None:
    seed = repo / "builds" / f"{SEED}.yaml"
    text = seed.read_text()
    seed.write_text(text.replace("tags: [", f"tags: ['{first}', ", 1))
    (repo / "builds" / "zz-copy.yaml").write_text(text.replace("tags: [", f"tags: ['{second}', ", 1))
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("tags:"))
    assert problems(repo) == [
        f"builds/zz-copy.yaml:{line}:8: tags.0: tag '{second}' makes the same tags-page anchor as '{first}' in "
        f"builds/{SEED}.yaml: use one spelling"
    ]


def test_a_build_named_index_gets_its_own_page_and_the_builds_index_stays(repo: Path) -> None:
    seed = (repo / "builds" / f"{SEED}.yaml").read_text()
    (repo / "builds" / "index.yaml").write_text(seed.replace("title: Dual Titan RTX", "title: Index-named"))
    render(repo)
    assert "# Index\\-named deep\\-learning" in (repo / "docs" / "builds" / "index" / "index.md").read_text()
    assert "builds_index()" in (repo / "docs" / "builds" / "index.md").read_text()  # the hand-written index
