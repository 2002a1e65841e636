"""The JSON Schemas editors use refuse what `buildguide check` refuses, as far as JSON Schema can say it.

Every golden bad case in corpus/ is read as the checker reads it (buildguide.yamlfile) and then:

- if the YAML reader itself refuses the file (duplicate keys, anchors, tags, tabs, syntax, YAML 1.1 number forms,
  control characters, empty files), the case's errors must be exactly the reader's: it never reaches field
  validation, nor any schema;
- otherwise the committed schema must refuse the data, unless the case is in NOT_IN_SCHEMA (with the reason),
  where the schema must accept it, so the list stays exact; LOCAL_ONLY cases are refused by the local schema
  `buildguide schema` writes with the catalog's part ids, and accepted by the committed one.

Dates reach the schema as the YAML text editors see (`2024-01-02`), numbers exactly as written. multipleOf is
compared exactly, as editors do (yaml-language-server's floatSafeRemainder): 139.99 is a multiple of 0.01.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import typing
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, ValidationError, validators
from pydantic import AfterValidator, BaseModel, WithJsonSchema

from buildguide import characters, fields, schema, yamlfile

from .conftest import ROOT

HERE = Path(__file__).parent
MINIMAL = (HERE / "data" / "minimal-build.yaml").read_text()
BUILD_CASES = yaml.safe_load((HERE / "corpus" / "build-mutations.yaml").read_text())
CATALOG_CASES = yaml.safe_load((HERE / "corpus" / "catalog-files.yaml").read_text())

MARKDOWN = "Markdown: which links and images a text holds needs a Markdown parser, not a pattern"
ON_DISK = "the image file on disk: a schema sees the path, not the file"
# Checked by `buildguide check` only. Each entry is accepted by the committed schema (the test says so when that
# changes, so the entry can go).
NOT_IN_SCHEMA = {
    "section-id-duplicate": "ids unique across the sections: uniqueItems compares whole items, not one field",
    "image-missing-file": ON_DISK,
    "image-not-image": ON_DISK,
    "ack-no-error": "whether the acknowledged rule reports an error: the rules have to run on the build",
    "prices-dated-in-the-future": "a date still to come: a schema cannot know today's date",
    "price-jpy-decimals": "decimals as written: 100.00 is the JSON number 100, a whole number of yen",
    "quantity-2.0": "a whole number written with a point: 2.0 is the JSON number 2, an integer to a schema",
    "rationale-many-brackets": "at most 100 '[' in a text: the count is a guard for the Markdown parser",
    "rationale-nested-lists": "at most 16 levels of lists and quotes: a guard for the Markdown parser's recursion",
    "source-note-nested-lists": "at most 16 levels of lists and quotes: a guard for the Markdown parser's recursion",
    "alt-catalog-part-by-name": "an alternative's name against the catalog's part names: a schema sees one file",
    "free-form-name-of-a-catalog-part": "a line's name against the catalog's part names: a schema sees one file",
    "rationale-too-many-lines": "at most 400 lines in a text: a guard for the Markdown parser's time",
    "id-duplicate-across-files": "the same part id in another catalog file",
    "formerly-own-name": "the build's own name is its file name, which a schema does not see",
    "formerly-own-id": "a former id against the catalog's current ids: a schema sees one entry at a time",
    "formerly-another-parts-id": "a former id against the catalog's current ids: a schema sees one entry at a time",
    "formerly-claimed-twice": "a former id claimed by another entry: a schema sees one entry at a time",
    **dict.fromkeys(
        (
            "rationale-md-link-js",
            "summary-md-link-js",
            "rationale-md-link-data",
            "rationale-md-link-vbscript",
            "rationale-md-link-relative",
            "rationale-md-link-protocol-relative",
            "rationale-md-link-ref-js",
            "rationale-md-image",
            "summary-md-image",
            "rationale-md-image-js",
            "rationale-md-link-fragment",
            "rationale-md-link-mailto",
            "intro-md-link-js",
            "alt-why-js-link",
            "autolink-mailto",
            "notes-javascript-link",
            "source-note-javascript-link",
            "notes-remote-image",
        ),
        MARKDOWN,
    ),
}
# Part ids: the committed schema cannot know the catalog; the local one lists its ids per role.
LOCAL_ONLY = {"part-unknown-close", "part-unknown-far", "alt-unknown-part", "role-wrong-for-part"}


def _multiple_of(validator: Any, step: Any, instance: Any, _schema: Any) -> Iterator[ValidationError]:
    """multipleOf on exact values (the schema is read with Decimal floats); a non-finite number is no multiple."""
    if not validator.is_type(instance, "number"):
        return
    finite = math.isfinite(instance)
    if not finite or Fraction(instance) % Fraction(step):
        yield ValidationError(f"{instance} is not a multiple of {step}")


Validator = validators.extend(Draft202012Validator, {"multipleOf": _multiple_of})


def _validator(text: str) -> Any:
    loaded = json.loads(text, parse_float=Decimal)
    Draft202012Validator.check_schema(loaded)
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return Validator(loaded)


BUILD = _validator((ROOT / schema.BUILD_SCHEMA).read_text())
CATALOG = _validator((ROOT / schema.CATALOG_SCHEMA).read_text())


class _AsWritten(yamlfile._Loader):  # type: ignore[misc, valid-type]
    """The checker's YAML loader, keeping dates as the text they were written as: to an editor's YAML 1.2 they are
    strings, and `2024-3-12` must reach the schema as that, not as the date PyYAML makes of it."""


_AsWritten.add_constructor("tag:yaml.org,2002:timestamp", lambda _loader, node: str(node.value))


def _as_editor_sees(data: Any) -> Any:
    """The data as JSON: .nan and .inf as IEEE floats, as in editors; a whole number written with a point (2.0)
    as the whole number JSON takes it for; numbers otherwise exactly as written."""
    if isinstance(data, dict):
        return {key: _as_editor_sees(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_as_editor_sees(value) for value in data]
    if isinstance(data, Decimal) and not data.is_finite():
        return float(data)
    if isinstance(data, Decimal) and data == data.to_integral_value():
        return int(data)
    return data


def _errors(validator: Any, data: Any) -> list[str]:
    return [f"{'.'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(data)]


def _load(text: str) -> Any:
    """What an editor validates: the file's data, read after the checker's YAML reader has accepted it."""
    return _as_editor_sees(yaml.load(text, Loader=_AsWritten))  # safe: the checker's loader, on a file it accepted


def _read(case: dict, text: str) -> Any:
    """The case's data, or None when the YAML reader refuses the file (then its errors must be the case's)."""
    _, problems = yamlfile.parse("t.yaml", text.encode())
    if problems:
        assert [str(p).removeprefix("t.yaml:") for p in problems] == case["expect"], (
            "the YAML reader refuses this file, but the checker gives other errors too: check them with the schema"
        )
        return None
    return _load(text)


def _build_text(case: dict) -> str:
    if "text" in case:
        return case["text"]
    assert case["find"] in MINIMAL
    return MINIMAL.replace(case["find"], case["replace"], 1)


@pytest.fixture(scope="module")
def local_build(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The local schema for tests/data/parts, the catalog the corpus cases use."""
    root = tmp_path_factory.mktemp("catalog")
    shutil.copytree(HERE / "data" / "parts", root / "builds" / "parts")
    return _validator(schema.local_build_schema(root))


def _judge(name: str, validator: Any, data: Any, local: Any = None) -> None:
    errors = _errors(validator, data)
    if name in NOT_IN_SCHEMA or name in LOCAL_ONLY:
        assert not errors, f"the schema now refuses {name}: take it off the exceptions ({errors})"
        if name in LOCAL_ONLY:
            assert local is not None and _errors(local, data), f"the local schema accepts {name}"
    else:
        assert errors, f"the checker refuses {name} but the schema accepts it"


@pytest.mark.parametrize("case", BUILD_CASES, ids=lambda c: c["name"])
def test_build_schema_refuses_what_the_checker_refuses(case: dict, local_build: Any) -> None:
    data = _read(case, _build_text(case))
    if data is not None:
        _judge(case["name"], BUILD, data, local_build)


@pytest.mark.parametrize("case", CATALOG_CASES, ids=lambda c: c["name"])
def test_catalog_schema_refuses_what_the_checker_refuses(case: dict) -> None:
    data = _read(case, case["text"])
    if data is not None:
        _judge(case["name"], CATALOG, data)


def test_the_exceptions_name_real_cases() -> None:
    names = {case["name"] for case in BUILD_CASES + CATALOG_CASES}
    assert set(NOT_IN_SCHEMA) | LOCAL_ONLY <= names


def _data(path: Path) -> Any:
    _, problems = yamlfile.read(path, str(path))
    assert not problems
    return _load(path.read_text())


def test_the_minimal_build_passes_both_build_schemas(local_build: Any) -> None:
    data = _load(MINIMAL)
    assert _errors(BUILD, data) == []
    assert _errors(local_build, data) == []


@pytest.mark.parametrize("path", sorted((ROOT / "builds").glob("*.yaml")), ids=lambda p: p.name)
def test_every_build_passes_the_committed_and_the_local_schema(path: Path, local_schema: Any) -> None:
    assert _errors(BUILD, _data(path)) == []
    assert _errors(local_schema, _data(path)) == []


@pytest.fixture(scope="module")
def local_schema() -> Any:
    return _validator(schema.local_build_schema(ROOT))


@pytest.mark.parametrize("path", sorted((ROOT / "builds" / "parts").glob("*.yaml")), ids=lambda p: p.name)
def test_every_catalog_file_passes_the_schema(path: Path) -> None:
    assert _errors(CATALOG, _data(path)) == []


@pytest.mark.parametrize("written", ["2024-3-12", "2024-03-12T10:00:00", "'2024-02-30'", "2024-1-2"])
def test_a_date_is_checked_as_written(written: str) -> None:
    assert _errors(BUILD, _load(MINIMAL.replace("date: 2024-01-02", f"date: {written}", 1)))


def test_the_local_schema_lists_part_ids_per_role(local_build: Any) -> None:
    def item(role: str, part: str) -> dict:
        data = _load(MINIMAL)
        data["sections"][0]["items"][0] |= {"role": role, "part": part}
        return data

    assert _errors(local_build, item("cpu", "intel-core-i9-9920x")) == []
    assert _errors(local_build, item("fan", "intel-core-i9-9920x"))
    assert _errors(BUILD, item("fan", "intel-core-i9-9920x")) == []


def test_buildguide_schema_writes_the_local_schema_where_git_ignores_it(tmp_path: Path) -> None:
    shutil.copytree(HERE / "data" / "parts", tmp_path / "builds" / "parts")
    assert schema.LOCAL_SCHEMA in schema.write(tmp_path)
    assert (tmp_path / schema.LOCAL_SCHEMA).read_text() == schema.local_build_schema(tmp_path)
    assert schema.LOCAL_SCHEMA not in schema.write(tmp_path)  # unchanged: not written again
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert f"{Path(schema.LOCAL_SCHEMA).parent}/" in ignored
    assert schema.LOCAL_SCHEMA not in schema.stale(ROOT)  # the drift test compares committed files only


def test_the_schemas_speak_standard_json_schema() -> None:
    """No pydantic-only keywords (ge, le, decimal_places, discriminator) that editors ignore."""
    for path in schema.SCHEMA_FILES:
        text = (ROOT / path).read_text()
        for keyword in ("ge", "gt", "le", "lt", "decimal_places", "discriminator"):
            assert f'"{keyword}":' not in text, (path, keyword)


def _models() -> set[type[BaseModel]]:
    found = {schema.Build, *schema.PART_MODELS}
    for root in list(found):
        found |= set(schema._nested(root, set(found)))
    return found


def test_every_python_validator_has_its_keywords() -> None:
    """A validator added to a model without its JSON Schema keywords would let editors pass what check refuses."""
    unsaid = set()
    for model_type in _models():
        for info in model_type.model_fields.values():
            stack = [info.rebuild_annotation()]
            while stack:
                current = stack.pop()
                args = typing.get_args(current)
                if typing.get_origin(current) is typing.Annotated:
                    if not any(isinstance(meta, WithJsonSchema) for meta in args[1:]):  # controlled values: enums
                        unsaid |= {m.func for m in args[1:] if isinstance(m, AfterValidator)} - set(schema.CHECKS)
                    args = args[:1]
                stack += args
        decorators = model_type.__pydantic_decorators__
        if decorators.model_validators or decorators.field_validators:
            assert model_type in schema.MODEL_KEYWORDS, f"{model_type.__name__}'s validators have no keywords"
    assert unsaid == {fields._check_finite}  # JSON numbers are finite; .nan and .inf fail every bound or step


def test_the_control_characters_match_the_yaml_readers() -> None:
    refused = re.compile(f"[{schema.CONTROL}]")
    for code in (c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF):  # the whole first plane
        char = chr(code)
        assert bool(refused.fullmatch(char)) == bool(characters.CONTROL.fullmatch(char)), hex(code)


@pytest.mark.parametrize(
    ("pattern", "good", "bad"),
    [
        (schema.DATE_PATTERN, ["2024-01-02", "2024-02-29", "2023-12-31"], ["2024-3-12", "2024-02-30", "2024-04-31"]),
        (schema.TAG_PATTERN, ["deep learning", "c++", "sff-2"], ["RGB", "-x", "", "a_b"]),
        (
            schema.URL_PATTERN,
            ["https://shop.example/a?b=c#d", "HTTP://x.example:8080", "https://[::1]/"],
            ["ftp://x", "https://", "https://user@x.example", "https://x.example/a b", "//x.example", "https:///p"],
        ),
        (schema.LINE_PATTERN, ["Test build", " x "], ["", "   ", "a\nb", "a\u2028b", "a\u202eb"]),
        (schema.TEXT_PATTERN, ["a\n\nb", "x"], ["", " \n ", "a\x00b"]),
        (
            schema.IMAGE_PATTERN,
            ["images/a/b.png", "images/x.JPG", "images/t/shot_1.webp"],
            ["images/a/../b.png", "/etc/x.png", "parts/cpu.yaml", "images/a.svg", "images/a/.png", "images/b.png#x"],
        ),
    ],
)
def test_the_patterns_say_what_the_validators_say(pattern: str, good: list[str], bad: list[str]) -> None:
    assert [g for g in good if not re.search(pattern, g)] == []
    assert [b for b in bad if re.search(pattern, b)] == []


def test_every_field_has_a_meaning_and_every_vocabulary_is_listed() -> None:
    reference = schema.field_reference()
    rows = [line for line in reference.splitlines() if line.startswith("| `")]
    assert rows and [row for row in rows if row.rstrip().endswith("|  |")] == []
    for heading, _, values in schema.VOCABULARIES:
        assert f"### {heading}\n\n" + ", ".join(f"`{v}`" for v in values) in reference
    assert all(f"| `{rule}` |" in reference for rule in schema.RULES)


def test_every_property_in_the_schemas_has_a_description() -> None:
    def properties(node: Any, where: str) -> Iterator[tuple[str, dict]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and all(isinstance(v, dict) for v in value.values()):
                    yield from ((f"{where}.{k}", v) for k, v in value.items())
                yield from properties(value, f"{where}.{key}")
        elif isinstance(node, list):
            for value in node:
                yield from properties(value, where)

    for path in schema.SCHEMA_FILES:
        loaded = json.loads((ROOT / path).read_text())
        for where, prop in properties(loaded, path):
            if re.search(r"\.(if|then|oneOf|allOf)\.", where):
                continue  # the keywords between fields, which repeat a property by name only
            assert prop.get("description"), where
