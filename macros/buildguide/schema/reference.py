"""The field reference (docs/reference.md): every field of the build and catalog files, generated from the models.

A table per model, then the controlled values, the compatibility rules and what editors check, so the page can
never describe an older format than the code reads.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel

from ..catalog import PART_MODELS, PartBase
from ..model import CURRENCIES, Build
from ..rules import RULES
from .kinds import VOCABULARIES, kind_of
from .local import LOCAL_SCHEMA
from .meanings import meaning_of, unit_of

# What the schemas cannot say, and only `buildguide check` does (tests/test_schema.py keeps this honest).
NOT_IN_SCHEMA = (
    "YAML that is not plain data: duplicate keys, anchors and aliases, merge keys, tags, tabs in indentation, "
    "syntax errors, YAML 1.1 forms such as `0x1F`, `010`, `1:30` or `yes`, control characters, a byte-order "
    "mark, an empty file. An editor's YAML parser reports some of these; the rest never reach a schema.",
    "Part ids: that a `part` is in the catalog and that its category matches the item's `role`. The local "
    "schema (above) checks both against the catalog as it was when it was written.",
    "Rules across items and files: section ids that repeat, a part id defined in two catalog files, image "
    "files that are missing or not images, an acknowledged rule that reports no error for the build, and "
    "`sources[].figures` and `disputed` naming figures the entry has (with values that fit them), "
    "`formerly` names that are a current build's name or part's id, or that another build or part claims, "
    "and a free-form `name` (of a line or an alternative) that is a catalog part's maker and model.",
    "Markdown in text fields (`summary`, `intro`, `rationale`, `why_not`, `reason`, `notes`, a source's "
    "`note`): only http(s) links, no images, at most 100 `[`, 400 lines and 16 levels of lists in one text.",
    "Text still saying `FILL IN`, as `buildguide new` writes it.",
    "Decimals as written: JSON numbers have no written form, so `100.00` for a JPY price is 100 to a schema "
    "(the schema checks each currency's decimals by value), and 29 February passes in every year.",
)


def _cell(text: str) -> str:
    # In a table cell, `<` would start HTML and `|` end the cell.
    return text.replace("<", "&lt;").replace("|", "\\|")


def _table(model_type: type[BaseModel], skip: tuple[str, ...] = ()) -> list[str]:
    rows = ["| Field | Type and allowed values | Unit | Required | Meaning |", "| --- | --- | --- | --- | --- |"]
    for name, info in model_type.model_fields.items():
        if name in skip:
            continue
        required = "yes" if info.is_required() else "no"
        kind = kind_of(info.rebuild_annotation())
        unit = unit_of(model_type, name)
        rows.append(f"| `{name}` | {kind} | {unit} | {required} | {_cell(meaning_of(model_type, name))} |")
    return rows


def _nested(model_type: type[BaseModel], seen: set[type[BaseModel]]) -> list[type[BaseModel]]:
    """The models inside a model's fields, depth first, leaving out and adding to `seen`: each gets one table."""
    found = []
    for info in model_type.model_fields.values():
        stack = [info.annotation]
        while stack:
            current = stack.pop()
            if isinstance(current, type) and issubclass(current, BaseModel) and current not in seen:
                seen.add(current)
                found += [current, *_nested(current, seen)]
            stack += typing.get_args(current)
    return found


def _controlled_values() -> list[str]:
    lines = [
        "## Controlled values",
        "",
        "Each is written exactly one way; `buildguide check` names the right spelling for a near miss "
        "('mATX' → 'Micro-ATX'), and editors complete them from the schema.",
    ]
    for heading, _, values in VOCABULARIES:
        lines += ["", f"### {heading}", "", ", ".join(f"`{v}`" for v in values)]
    by_places: dict[int, list[str]] = {}
    for code, places in sorted(CURRENCIES.items()):
        by_places.setdefault(places, []).append(code)
    lines += ["", "### Currencies", "", "ISO 4217 codes, one per build. Prices have at most the currency's decimals:"]
    words = {0: "Whole numbers", 1: "One decimal", 2: "Two decimals", 3: "Three decimals"}
    lines += [""] + [f"- {words[n]}: " + ", ".join(f"`{c}`" for c in codes) for n, codes in by_places.items()]
    return lines


def _rules() -> list[str]:
    lines = [
        "## Compatibility rules",
        "",
        "What `buildguide check` checks between the parts of a build, by rule id. A build accepts a rule's error "
        "on purpose by naming the id under `acknowledge`, with its reason.",
        "",
        "| Rule id | What it checks | Source |",
        "| --- | --- | --- |",
    ]
    for rule in RULES.values():
        source = f"[{_cell(rule.source.title)}]({rule.source.url})" if rule.source else "—"
        lines.append(f"| `{rule.id}` | {_cell(rule.title)} | {source} |")
    return lines


def _editor_support() -> list[str]:
    return [
        "## Editor support",
        "",
        "`schemas/build.schema.json` and `schemas/catalog.schema.json` are JSON Schemas of these files. The first "
        "line of every build and catalog file names its schema for editors that use yaml-language-server (VS Code's "
        "YAML extension, or Neovim, Helix, Emacs and others set up with it), which then complete field names and "
        "controlled values, show each field's meaning and unit on hover, and mark most mistakes as you type.",
        "",
        "The committed schemas do not list part ids: they would go stale with every new part. `buildguide schema` "
        f"also writes `{LOCAL_SCHEMA}` (git-ignored): the build schema with the catalog's part ids, per role. "
        "To have `part:` completed and checked, run `buildguide schema` and change the first line of the build "
        "file you are editing to:",
        "",
        "```yaml",
        f"# yaml-language-server: $schema=../{LOCAL_SCHEMA}",
        "```",
        "",
        "The modeline wins over editor settings. Put the line back as it was before committing: the tests check "
        "that every committed file names the committed schema. Run `buildguide schema` again after adding a part.",
        "",
        "The schemas refuse what `buildguide check` refuses, except what JSON Schema cannot say (the tests keep "
        "this list honest):",
        "",
        *(f"- {item}" for item in NOT_IN_SCHEMA),
    ]


def field_reference() -> str:
    lines = [
        "# Field reference",
        "",
        "Generated from the data models by `buildguide schema`; do not edit by hand. Editors can check these files "
        "as you type: see [Editor support](#editor-support).",
        "",
        "## Build file (`builds/<slug>.yaml`)",
        "",
        *_table(Build),
    ]
    for nested in _nested(Build, {Build}):
        lines += ["", f"### {nested.__name__}", "", *_table(nested)]
    categories = ", ".join(f"`{typing.get_args(m.model_fields['category'].annotation)[0]}`" for m in PART_MODELS)
    lines += ["", "## Catalog parts (`builds/parts/<category>.yaml`)", ""]
    lines += [
        f"Each file maps part ids (lowercase-with-hyphens, up to 80 characters) to entries. Every entry has a "
        f"`category` ({categories}), which decides its other fields (below), and these fields:",
        "",
    ]
    lines += _table(PartBase)
    seen: set[type[BaseModel]] = {PartBase, *PART_MODELS}
    for nested in _nested(PartBase, seen):
        lines += ["", f"### {nested.__name__}", "", *_table(nested)]
    for part_model in PART_MODELS:
        category = typing.get_args(part_model.model_fields["category"].annotation)[0]
        lines += ["", f"### `category: {category}`", ""]
        lines += _table(part_model, skip=(*PartBase.model_fields, "category"))
        for nested in _nested(part_model, seen):
            lines += ["", f"#### {nested.__name__}", "", *_table(nested)]
    lines += ["", *_controlled_values(), "", *_rules(), "", *_editor_support()]
    return "\n".join(lines) + "\n"
