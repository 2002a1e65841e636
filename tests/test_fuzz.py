"""Mutated builds and catalog entries either load or fail with located one-line errors, never anything else.

The default run tries a few hundred cases; `FUZZ_EXAMPLES=10000 .venv/bin/python -m pytest tests/test_fuzz.py`
is the long mode.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buildguide.errors import DataError
from buildguide.project import load_project

HERE = Path(__file__).parent
MINIMAL = yaml.safe_load((HERE / "data" / "minimal-build.yaml").read_text())
PART = yaml.safe_load((HERE / "data" / "parts" / "cpu.yaml").read_text())["intel-core-i9-9920x"]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates().map(str),
    st.sampled_from(["cpu", "gpu", "USD", "javascript:alert(1)", "https://a.example", "{{ 7*7 }}", "<script>", "../x"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    """Drop, retype or add keys at random places in a valid document."""
    import copy

    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            continue
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["drop", "retype", "add"]))
        if action == "drop":
            del parent[path[-1]]
        elif action == "retype":
            parent[path[-1]] = draw(values)
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = draw(values)
    return data


def _text(data: Any, noise: bytes, at: int, duplicate: bool) -> bytes:
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    if duplicate and raw.count(b"\n") > 2:  # repeat a line: often a duplicate key
        lines = raw.splitlines(keepends=True)
        raw = b"".join(lines[:2] + lines[1:])
    at = at % (len(raw) + 1)
    return raw[:at] + noise + raw[at:]


def _assert_loads_or_reports(root: Path) -> None:
    try:
        load_project(root)
    except DataError as exc:
        assert exc.problems, "a DataError without problems"
        for problem in exc.problems:
            assert problem.line >= 1 and problem.col >= 1 and problem.path.startswith("builds/")
            assert "\n" not in str(problem)


def _root(tmp_path_factory: Any) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(HERE / "data" / "parts", root / "builds" / "parts")
    return root


@FUZZ
@given(data=mutated(MINIMAL), noise=st.binary(max_size=6), at=st.integers(min_value=0), duplicate=st.booleans())
def test_mutated_builds(tmp_path_factory: Any, data: Any, noise: bytes, at: int, duplicate: bool) -> None:
    root = _root(tmp_path_factory)
    (root / "builds" / "fuzzed.yaml").write_bytes(_text(data, noise, at, duplicate))
    _assert_loads_or_reports(root)


@FUZZ
@given(
    data=mutated({"fuzzed-part": PART}),
    noise=st.binary(max_size=6),
    at=st.integers(min_value=0),
    duplicate=st.booleans(),
)
def test_mutated_catalog_entries(tmp_path_factory: Any, data: Any, noise: bytes, at: int, duplicate: bool) -> None:
    root = _root(tmp_path_factory)
    (root / "builds" / "parts" / "fuzzed.yaml").write_bytes(_text(data, noise, at, duplicate))
    _assert_loads_or_reports(root)
