from __future__ import annotations

from pathlib import Path

import pytest

from buildguide.cli import main

from .conftest import SEED


def test_bundled_data_is_clean(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    assert main(["check", "--root", str(repo)]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_every_problem_of_every_file_is_listed_once_per_line(
    capsys: pytest.CaptureFixture[str], repo: Path, write
) -> None:
    seed = repo / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text().replace("part: intel-core-i9-9920x", "part: intel-core-i9-9920"))
    write("builds/broken.yaml", "title: [unclosed\n")
    line = seed.read_text().splitlines().index("        part: intel-core-i9-9920") + 1
    assert main(["check", "--root", str(repo)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "builds/broken.yaml:2:1: (file): YAML syntax: did not find expected ',' or ']'",
        f"builds/{SEED}.yaml:{line}:15: sections.0.items.0.part: unknown part id 'intel-core-i9-9920' "
        "(did you mean 'intel-core-i9-9920x'?)",
        "2 problems found",
    ]
