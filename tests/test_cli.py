"""The `buildguide` command as a contributor and CI use it."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from buildguide.cli import main
from buildguide.yamlfile import parse

from .conftest import ROOT, SEED

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/build.schema.json"
BUILDS = sorted(path.stem for path in (ROOT / "builds").glob("*.yaml"))
CORE_ROLES = ["cpu", "motherboard", "cooler", "memory", "storage", "gpu", "case", "psu"]
STILL = "still says FILL IN: replace it with your own text"
NEEDS = "needs a value"
NOT_AN_ID = "'FILL IN' must be lowercase letters and digits joined by single hyphens, e.g. 'my-part-2'"


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


def _reported(errors: str, path: Path, name: str) -> list[tuple[str, str]]:
    """(field, message) of each problem `check` printed, once it is sure each points at a placeholder."""
    lines = path.read_text().splitlines()
    reported = []
    for problem in errors.splitlines()[:-1]:
        found = re.fullmatch(rf"builds/{re.escape(name)}:(\d+):(\d+): (\S+): (.+)", problem)
        assert found, problem
        row, col = int(found[1]), int(found[2])
        at = "\n".join(lines[row - 1 : row + 1])[col - 1 :]  # a `|` block's text is on the next line
        assert re.match(r"(FILL IN|\|\n +FILL IN| +# FILL IN)", at), problem
        reported.append((found[3], found[4]))
    return reported


def test_a_fresh_scaffold_has_an_item_per_core_role_and_check_lists_its_placeholders(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    assert main(["new", "--root", str(repo), "my-first-build"]) == 0
    assert capsys.readouterr().out == "wrote builds/my-first-build.yaml: fill it in, then run `buildguide check`\n"
    path = repo / "builds" / "my-first-build.yaml"
    scaffold = path.read_text()
    assert scaffold.startswith(SCHEMA_LINE + "\n")
    [core] = yaml.safe_load(scaffold)["sections"]  # the peripherals section is an example, commented out
    assert core["id"] == "core" and [item["role"] for item in core["items"]] == CORE_ROLES

    expected = [("title", STILL), ("summary", STILL), ("author", STILL), ("date", NEEDS), ("purpose", STILL)]
    expected += [("prices_as_of", NEEDS), ("intro", STILL)]
    for n in range(len(CORE_ROLES)):
        item = f"sections.0.items.{n}"
        expected += [(f"{item}.part", NOT_AN_ID), (f"{item}.part", STILL), (f"{item}.unit_price", NEEDS)]
        expected += [(f"{item}.retailer", STILL), (f"{item}.rationale", STILL)]
        if n == 0:
            expected += [(f"{item}.alternatives.0.name", STILL), (f"{item}.alternatives.0.why_not", STILL)]
    assert main(["check", "--root", str(repo), str(path)]) == 1
    errors = capsys.readouterr().err
    assert _reported(errors, path, "my-first-build.yaml") == expected
    assert errors.splitlines()[-1] == f"{len(expected)} problems found"

    # The peripherals example, its `# ` taken off, is a section whose placeholders check reports the same way.
    lines = scaffold.splitlines()
    start = lines.index("  # - id: peripherals")
    path.write_text("\n".join(lines[:start] + [line.replace("# ", "", 1) for line in lines[start:]]) + "\n")
    assert main(["check", "--root", str(repo), str(path)]) == 1
    peripheral = "sections.1.items.0"
    assert _reported(capsys.readouterr().err, path, "my-first-build.yaml") == [
        *expected,
        (f"{peripheral}.part", NOT_AN_ID),
        (f"{peripheral}.part", STILL),
        (f"{peripheral}.unit_price", NEEDS),
        (f"{peripheral}.retailer", STILL),
    ]


def test_the_scaffolds_example_ids_are_catalog_parts_of_their_role() -> None:
    template = (ROOT / "macros" / "buildguide" / "templates" / "new-build.yaml").read_text()
    examples = re.findall(r"role: (\w+)\n[ #]+part: FILL IN +# (?:a catalog id, )?e\.g\. ([a-z0-9-]+)", template)
    assert [role for role, _ in examples] == [*CORE_ROLES, "peripheral"]
    for role, part in examples:
        assert yaml.safe_load((ROOT / "builds" / "parts" / f"{role}.yaml").read_text())[part]["category"] == role


def _data(path: Path) -> Any:
    doc, problems = parse(path.name, path.read_bytes())  # prices as Decimal, as written
    assert not problems, problems
    return doc.data


def _placeholders(data: Any, loc: tuple[Any, ...] = ()) -> list[str]:
    """The dotted path of every text holding FILL IN, in the file's order."""
    if isinstance(data, str):
        return [".".join(map(str, loc))] if "FILL IN" in data else []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    return [path for key, value in items for path in _placeholders(value, (*loc, key))]


def _blank(data: Any, paths: list[str]) -> Any:
    data = copy.deepcopy(data)
    for path in paths:
        *parents, last = (int(step) if step.isdigit() else step for step in path.split("."))
        target = data
        for step in parents:
            target = target[step]
        target[last] = None
    return data


def _as_copied(original: dict[str, Any], today: dt.date) -> tuple[dict[str, Any], list[str]]:
    """What `new --from` must make of a build (placeholders left as None), and where the placeholders go."""
    expected = copy.deepcopy(original)
    del expected["part_list_url"]
    expected.pop("photos", None)  # photos of the other machine
    expected |= {"date": today, "prices_as_of": today}
    blanks = ["title", "summary", "author"] + (["intro"] if "intro" in original else [])
    for s, section in enumerate(expected["sections"]):
        for i, item in enumerate(section["items"]):
            item.pop("images", None)
            where = f"sections.{s}.items.{i}"
            blanks += [f"{where}.rationale"] if "rationale" in item else []
            blanks += [f"{where}.alternatives.{a}.why_not" for a in range(len(item.get("alternatives", [])))]
    blanks += [f"acknowledge.{a}.reason" for a in range(len(expected.get("acknowledge", [])))]
    return _blank(expected, blanks), blanks


def _prices(build: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Each line's part (or name), quantity and price, the price as written: 1189.00 is not 1189.0."""
    return [
        (item.get("part", item.get("name")), item.get("quantity", 1), str(item["unit_price"]), item["retailer"])
        for section in build["sections"]
        for item in section["items"]
    ]


@pytest.mark.parametrize("source", BUILDS)
def test_new_from_keeps_parts_and_prices_and_blanks_the_builders_words(
    capsys: pytest.CaptureFixture[str], repo: Path, source: str
) -> None:
    before = dt.date.today()
    assert main(["new", "--root", str(repo), "my-copy", "--from", source]) == 0
    today = dt.date.today()
    assert capsys.readouterr().out == (
        f"wrote builds/my-copy.yaml: started from builds/{source}.yaml; replace every FILL IN, update the prices "
        "and dates, then run `buildguide check`\n"
    )
    path = repo / "builds" / "my-copy.yaml"
    text = path.read_text()
    assert text.startswith(f"{SCHEMA_LINE}\n# Started from builds/{source}.yaml with `buildguide new --from`.\n")
    original, copied = _data(repo / "builds" / f"{source}.yaml"), _data(path)  # read as check reads: no anchors
    expected, blanks = _as_copied(original, copied["date"])
    assert copied["date"] in (before, today) and copied["prices_as_of"] == copied["date"]
    assert _placeholders(copied) == blanks  # FILL IN in exactly those fields, and nowhere else
    assert _blank(copied, blanks) == expected  # everything else as it was: parts, quantities, prices, sections
    assert _prices(copied) == _prices(original)

    assert main(["check", "--root", str(repo), str(path)]) == 1
    errors = capsys.readouterr().err
    assert _reported(errors, path, "my-copy.yaml") == [(field, STILL) for field in blanks]
    assert errors.splitlines()[-1] == f"{len(blanks)} problems found"


def test_new_from_leaves_out_links_that_pay_the_other_builder(repo: Path) -> None:
    seed = repo / "builds" / f"{SEED}.yaml"
    url = "        url: https://noctua.at/en/products/cpu-cooler-retail/nh-d15-chromax-black\n"
    seed.write_text(seed.read_text().replace(url, url + "        affiliate: true\n"))
    assert main(["new", "--root", str(repo), "my-copy", "--from", SEED]) == 0
    cooler = _data(repo / "builds" / "my-copy.yaml")["sections"][0]["items"][2]
    assert cooler["part"] == "noctua-nh-d15-chromax-black" and "url" not in cooler and "affiliate" not in cooler


def test_new_from_refuses_in_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path, write
) -> None:
    write("builds/broken.yaml", "title: [unclosed\n")
    (tmp_path / "elsewhere.yaml").write_text((repo / "builds" / f"{SEED}.yaml").read_text())
    (repo / "builds" / "linked.yaml").symlink_to(tmp_path / "elsewhere.yaml")  # never read: not a plain file
    (repo / "builds" / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    slugs = sorted([*BUILDS, "broken"])
    before = {path.name: path.read_bytes() for path in (repo / "builds").glob("*.yaml") if path.exists()}
    for args, message in [
        (["My_Build", "--from", SEED], "'My_Build' is not lowercase-with-hyphens, e.g. quiet-gaming-pc-2026"),
        ([SEED, "--from", BUILDS[1]], f"builds/{SEED}.yaml already exists; not overwriting it"),
        (["dangling", "--from", SEED], "builds/dangling.yaml already exists; not overwriting it"),
        (
            ["my-copy", "--from", "dual-titan-rtx"],
            f"there is no build 'dual-titan-rtx' to start from (did you mean '{SEED}'?)",
        ),
        (
            ["my-copy", "--from", "dual-titan-rtx-deep-learning-2021"],
            f"there is no build 'dual-titan-rtx-deep-learning-2021' to start from (did you mean '{SEED}'?)",
        ),
        (
            ["my-copy", "--from", f"builds/{SEED}.yaml"],
            f"there is no build 'builds/{SEED}.yaml' to start from (did you mean '{SEED}'?)",
        ),
        (
            ["my-copy", "--from", "rtx"],
            "there is no build 'rtx' to start from; the builds with 'rtx' in their name: "
            + ", ".join(slug for slug in slugs if "rtx" in slug),
        ),
        (["my-copy", "--from", "zzz"], f"there is no build 'zzz' to start from; the builds are: {', '.join(slugs)}"),
        (
            ["my-copy", "--from", "linked"],
            f"there is no build 'linked' to start from; the builds are: {', '.join(slugs)}",
        ),
        (
            ["my-copy", "--from", "broken"],
            "cannot copy builds/broken.yaml: YAML syntax: did not find expected ',' or ']' (line 2, column 1)",
        ),
    ]:
        assert main(["new", "--root", str(repo), *args]) == 2, args
        assert capsys.readouterr() == ("", f"buildguide new: {message}\n")
    assert {path.name: path.read_bytes() for path in (repo / "builds").glob("*.yaml") if path.exists()} == before
    assert not (tmp_path / "nowhere.yaml").exists()


def test_new_help_explains_from(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["new", "--help"])
    assert exit_.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "--from BUILD start from builds/BUILD.yaml: its parts and prices, with FILL IN in place of its" in shown
    assert "date and prices_as_of are set to today" in shown


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


def test_render_writes_the_generated_sources_or_lists_every_problem(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """What MkDocs' hook runs, in a process of its own, before every build."""
    assert main(["render", "--root", str(repo)]) == 0
    assert (repo / "docs" / "builds" / SEED / "index.md").is_file()
    line = _break_seed(repo)
    assert main(["render", "--root", str(repo)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"builds/{SEED}.yaml:{line}:15: sections.0.items.0.part: unknown part id 'intel-core-i9-9920' "
        "(did you mean 'intel-core-i9-9920x'?)",
        "1 problem found",
    ]


def test_new_from_copies_numbers_written_in_any_form(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    """180. and .5 are read as numbers that remember how they were written; the copy writes their digits."""
    source = repo / "builds" / f"{SEED}.yaml"
    text = source.read_text()
    source.write_text(text.replace("unit_price: 1189.00", "unit_price: 1189.", 1))
    assert main(["new", "--root", str(repo), "my-copy", "--from", SEED]) == 0
    assert "unit_price: 1189\n" in (repo / "builds" / "my-copy.yaml").read_text()
