"""Every kind of bad build or catalog file gives its exact one-line errors, all at once.

The golden cases live in corpus/: each build case mutates data/minimal-build.yaml (or replaces it whole).
"""

from __future__ import annotations

import gc
import io
import pickle
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pydantic import TypeAdapter

from buildguide.errors import DataError
from buildguide.fields import Measure, Money
from buildguide.project import load_project
from buildguide.yamlfile import parse

from .conftest import SEED, copy_project

HERE = Path(__file__).parent


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(out, "PNG")
    return out.getvalue()


PNG = _png()
MINIMAL = (HERE / "data" / "minimal-build.yaml").read_text()


def _cases(name: str) -> list[dict]:
    return yaml.safe_load((HERE / "corpus" / name).read_text())


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small fixed catalog, an image, two files that only pretend to be images, and no builds yet."""
    shutil.copytree(HERE / "data" / "parts", tmp_path / "builds" / "parts")
    (tmp_path / "builds" / "images" / "test").mkdir(parents=True)
    (tmp_path / "builds" / "images" / "test" / "cpu.png").write_bytes(PNG)
    (tmp_path / "builds" / "images" / "test" / "notes.png").write_text("not an image\n")
    (tmp_path / "builds" / "images" / "test" / "shot.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    return tmp_path


def problems(root: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_project(root)
    return [str(p) for p in caught.value.problems]


def test_minimal_build_is_valid(root: Path) -> None:
    (root / "builds" / "t.yaml").write_text(MINIMAL)
    project = load_project(root)
    assert list(project.guides) == ["t"]


def test_a_number_in_a_text_field_shows_as_it_was_written(root: Path) -> None:
    """YAML reads these as numbers; Decimal would print them as 1.5E+3, Infinity, NaN, 1E+1 and 5."""
    written = {"title": "1.5e+3", "summary": ".inf", "author": ".NaN", "purpose": "0.1e+2", "intro": "5."}
    text = MINIMAL + "intro: x\n"
    for key, value in written.items():
        text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
    (root / "builds" / "t.yaml").write_text(text)
    build = load_project(root).guides["t"].loaded.build
    assert {key: getattr(build, key) for key in written} == written


@pytest.mark.parametrize("case", _cases("build-mutations.yaml"), ids=lambda c: c["name"])
def test_bad_build(root: Path, case: dict) -> None:
    if "text" in case:
        text = case["text"]
    else:
        assert case["find"] in MINIMAL, "the corpus case no longer matches the minimal build"
        text = MINIMAL.replace(case["find"], case["replace"], 1)
    (root / "builds" / "t.yaml").write_text(text)
    assert problems(root) == [f"builds/t.yaml:{line}" for line in case["expect"]]


@pytest.mark.parametrize("case", _cases("catalog-files.yaml"), ids=lambda c: c["name"])
def test_bad_catalog(root: Path, case: dict) -> None:
    (root / "builds" / "parts" / "zz-test.yaml").write_text(case["text"])
    assert problems(root) == [f"builds/parts/zz-test.yaml:{line}" for line in case["expect"]]


def test_an_image_symlink_pointing_out_of_the_repo_is_refused(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    (root / "builds" / "images" / "test" / "link.png").symlink_to(outside)
    (root / "builds" / "t.yaml").write_text(MINIMAL.replace("images/test/cpu.png", "images/test/link.png"))
    refused = "is a symbolic link; only plain files and folders are read under builds/"
    assert problems(root) == [
        f"builds/images/test/link.png:1:1: (file): {refused}",
        f"builds/t.yaml:19:19: sections.0.items.0.images.0.path: builds/images/test/link.png {refused}",
    ]


def test_one_bad_catalog_entry_keeps_only_itself_out(root: Path) -> None:
    """A mistake in one entry used to discard its whole file, and every build using any part of it got 'unknown id'."""
    cpus = root / "builds" / "parts" / "cpu.yaml"
    text = cpus.read_text()
    cpus.write_text(text.replace("  cores: 12\n", "  cores: twelve\n", 1))
    (root / "builds" / "t.yaml").write_text(MINIMAL)
    found = problems(root)
    line = text.splitlines().index("  cores: 12") + 1
    entry = text.splitlines().index("intel-core-i9-9920x:") + 1
    assert found == [
        f"builds/parts/cpu.yaml:{line}:10: intel-core-i9-9920x.cores: must be a whole number written in digits, "
        "not text",
        f"builds/t.yaml:13:15: sections.0.items.0.part: part 'intel-core-i9-9920x' has problems in its catalog entry "
        f"(builds/parts/cpu.yaml:{entry}): fix those first",
    ]


def test_part_ids_are_checked_even_when_other_fields_fail(root: Path) -> None:
    text = MINIMAL.replace("unit_price: 100.00", "unit_price: lots").replace(
        "part: intel-core-i9-9920x", "part: intel-core-i9-9920"
    )
    (root / "builds" / "t.yaml").write_text(text)
    assert problems(root) == [
        "builds/t.yaml:13:15: sections.0.items.0.part: unknown part id 'intel-core-i9-9920' "
        "(did you mean 'intel-core-i9-9920x'?)",
        "builds/t.yaml:15:21: sections.0.items.0.unit_price: must be a number written in digits, not text",
    ]


def test_loading_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    """load_project pauses the cycle collector for speed: a process that embeds it (the preview, MkDocs'
    hook, a test run) must get it back as it was, after a good load and after a failed one."""
    root = copy_project(tmp_path / "repo")
    assert gc.isenabled()
    assert load_project(root).guides
    assert gc.isenabled()
    (root / "builds" / "broken.yaml").write_text("title: [\n")
    with pytest.raises(DataError):
        load_project(root)
    assert gc.isenabled()
    gc.disable()
    try:
        load_project(root, [root / "builds" / f"{SEED}.yaml"])
        assert not gc.isenabled()  # left off by its caller, it stays off
    finally:
        gc.enable()


def test_a_figure_written_with_an_exponent_is_kept_in_plain_digits() -> None:
    # A page and a download print it as written down here: 150, not 1.5E+2.
    assert str(TypeAdapter(Measure).validate_python(Decimal("1.5E+2"))) == "150"
    assert str(TypeAdapter(Money).validate_python(Decimal("1.2E+3"))) == "1200"
    assert str(TypeAdapter(Money).validate_python(Decimal("139.99"))) == "139.99"


def test_a_number_keeps_how_it_was_written_across_processes() -> None:
    """The render step's workers get the builds by pickling."""
    doc, _ = parse("f.yaml", b"a: 5.\n")
    again = pickle.loads(pickle.dumps(doc.data["a"]))
    assert (again, again.written) == (Decimal(5), "5.")


def test_a_date_in_quotes_is_still_a_date(root: Path) -> None:
    (root / "builds" / "t.yaml").write_text(MINIMAL.replace("prices_as_of: 2024-01-02", "prices_as_of: '2024-01-02'"))
    assert str(load_project(root).guides["t"].loaded.build.prices_as_of) == "2024-01-02"
