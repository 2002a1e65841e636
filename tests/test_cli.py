"""The `buildguide` command as a contributor and CI use it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from buildguide.cli import main

from .conftest import ROOT, SEED


def _break_seed(repo: Path) -> int:
    """Mistype the seed's CPU id; return the line it is on."""
    seed = repo / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text().replace("part: intel-core-i9-9920x", "part: intel-core-i9-9920"))
    return seed.read_text().splitlines().index("        part: intel-core-i9-9920") + 1


def test_bundled_data_is_clean(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    assert main(["check", "--root", str(repo)]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_every_problem_of_every_file_is_listed_once_per_line(
    capsys: pytest.CaptureFixture[str], repo: Path, write
) -> None:
    line = _break_seed(repo)
    write("builds/broken.yaml", "title: [unclosed\n")
    assert main(["check", "--root", str(repo)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "builds/broken.yaml:2:1: (file): YAML syntax: did not find expected ',' or ']'",
        f"builds/{SEED}.yaml:{line}:15: sections.0.items.0.part: unknown part id 'intel-core-i9-9920' "
        "(did you mean 'intel-core-i9-9920x'?)",
        "2 problems found",
    ]


def test_github_format_annotates_the_pull_request_diff(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    line = _break_seed(repo)
    assert main(["check", "--root", str(repo), "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"::error file=builds/{SEED}.yaml,line={line},col=15,title=sections.0.items.0.part::"
        f"builds/{SEED}.yaml:{line}:15: sections.0.items.0.part: unknown part id 'intel-core-i9-9920' "
        "(did you mean 'intel-core-i9-9920x'?)"
    ]


def test_json_format_is_machine_readable(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    line = _break_seed(repo)
    assert main(["check", "--root", str(repo), "--format", "json"]) == 1
    [problem] = json.loads(capsys.readouterr().out)
    assert problem["path"] == f"builds/{SEED}.yaml" and problem["line"] == line and problem["col"] == 15


def test_check_accepts_single_files(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    assert main(["check", "--root", str(repo), str(repo / "builds" / f"{SEED}.yaml")]) == 0
    assert capsys.readouterr().out.endswith(" 1 builds\n")


def test_new_refuses_bad_slugs_and_overwriting(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    assert main(["new", "--root", str(repo), "My_Build"]) == 2
    assert "'My_Build' is not lowercase-with-hyphens" in capsys.readouterr().err
    assert main(["new", "--root", str(repo), SEED]) == 2
    assert f"builds/{SEED}.yaml already exists; not overwriting it" in capsys.readouterr().err


def test_a_fresh_scaffold_lists_what_to_fill_in(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    assert main(["new", "--root", str(repo), "my-first-build"]) == 0
    scaffold = (repo / "builds" / "my-first-build.yaml").read_text()
    assert scaffold.startswith("# yaml-language-server: $schema=../schemas/build.schema.json\n")
    capsys.readouterr()
    assert main(["check", "--root", str(repo)]) == 1
    errors = capsys.readouterr().err
    lines = scaffold.splitlines()
    for field, text in [
        ("date", "date:"),
        ("prices_as_of", "prices_as_of:"),
        ("sections.0.items.0.unit_price", "unit_price:"),
    ]:
        line = next(n for n, content in enumerate(lines, 1) if content.strip().startswith(text))
        assert re.search(rf"^builds/my-first-build.yaml:{line}:\d+: {re.escape(field)}: needs a value$", errors, re.M)


def test_generated_schemas_and_reference_match_the_models() -> None:
    """Fails when a model changes without `buildguide schema`: editors and docs would describe the old format."""
    assert main(["schema", "--root", str(ROOT), "--check"]) == 0


def test_every_yaml_file_names_its_schema_for_editors() -> None:
    for file in sorted((ROOT / "builds").rglob("*.yaml")):
        schema = "build" if file.parent.name == "builds" else "catalog"
        relative = "../schemas" if schema == "build" else "../../schemas"
        first = file.read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema={relative}/{schema}.schema.json", file


def test_two_builds_with_the_same_slug_are_refused(capsys: pytest.CaptureFixture[str], repo: Path, write) -> None:
    seed = repo / "builds" / f"{SEED}.yaml"
    write(f"incoming/{SEED}.yaml", seed.read_text())
    assert main(["check", "--root", str(repo), str(repo / "builds"), str(repo / "incoming")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"incoming/{SEED}.yaml:1:1: (file): slug '{SEED}' is also used by builds/{SEED}.yaml",
        "1 problem found",
    ]


@pytest.mark.parametrize("output", ["text", "github"])
def test_control_characters_in_a_file_name_reach_no_terminal_or_annotation_raw(
    capsys: pytest.CaptureFixture[str], repo: Path, output: str
) -> None:
    (repo / "builds" / "x\x1b[31m\u202e.yml").write_text("title: x\n")
    assert main(["check", "--root", str(repo), "--format", output]) == 1
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    assert "\x1b" not in shown and "\u202e" not in shown
    line = "builds/x\\x1b[31m\\u202e.yml:1:1: (file): is not read: build files end in .yaml, rename it"
    if output == "github":
        assert f"::error file=builds/x\\x1b[31m\\u202e.yml,line=1,col=1,title=(file)::{line}" in shown
    else:
        assert line in shown.splitlines()
