"""Read the parts catalog: every file under builds/parts/, each entry checked on its own, with its provenance."""

from __future__ import annotations

import typing
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from . import formerly, provenance, tree
from .catalog import Catalog, CatalogFile, PartBase
from .errors import Problem
from .load import display, text_problems
from .messages import reword, validation_problems
from .yamlfile import Document, Loc, read


def load_catalog(root: Path) -> tuple[Catalog, list[Problem]]:
    """Every catalog file: the entries that validate, and a problem for each mistake.

    Each entry is validated on its own, so a mistake in one keeps only that entry out: a build that uses it is
    told the entry has problems, instead of every build that uses any part of the file being told its ids are
    unknown.
    """
    parts: dict[str, PartBase] = {}
    docs: dict[str, Document] = {}  # part id -> the file that defines it
    where: dict[str, str] = {}
    unusable: dict[str, str] = {}
    files, problems = tree.catalog_files(root)
    for file in files:
        doc, found = read(file, display(file, root))
        problems += found
        if found:
            continue
        if not isinstance(doc.data, dict):
            problems.append(doc.problem((), "must be a mapping of part ids to entries"))
            continue
        entries: dict[str, PartBase] = {}
        for part_id, data in doc.data.items():
            try:
                entries |= CatalogFile.model_validate({part_id: data}).root
            except ValidationError as exc:
                problems += validation_problems(exc, doc, CatalogFile.model_fields["root"].annotation)
                unusable[part_id] = f"{doc.path}:{doc.where((part_id,), key=True)[0]}"
        for part_id, part in entries.items():
            if part_id in parts:
                problems.append(doc.problem((part_id,), f"part id is already defined in {where[part_id]}", key=True))
                continue
            part._id = part_id
            parts[part_id] = part
            docs[part_id] = doc
            problems += _text_problems(doc, part_id, part)
            problems += _provenance_problems(doc, part_id, part)
            line, _ = doc.where((part_id,), key=True)
            where[part_id] = f"{doc.path}:{line}"
    taken = {part_id: place.rsplit(":", 1)[0] for part_id, place in unusable.items()}
    renamed, found = _former_ids(parts, docs, taken | {part_id: doc.path for part_id, doc in docs.items()})
    return Catalog(parts, unusable, renamed), problems + found


def _former_ids(
    parts: dict[str, PartBase], docs: dict[str, Document], taken: dict[str, str]
) -> tuple[dict[str, str], list[Problem]]:
    """Former id -> the part's id now, and the former ids a part may not claim (see `formerly.claims`). `taken`
    is every id the catalog names (a broken entry's too) with its file."""
    ordered = sorted(parts, key=lambda i: (docs[i].path, docs[i].where((i,), key=True)))
    words = formerly.Words("id", "this part's own id", "the id of a part in {}".format, "'{}'".format)
    renamed, refused = formerly.claims(((i, parts[i].formerly) for i in ordered), taken, words)
    return renamed, [docs[part_id].problem((part_id, "formerly", n), message) for part_id, n, message in refused]


def _text_problems(doc: Document, part_id: str, part: PartBase) -> list[Problem]:
    """The entry's notes and its sources' notes, checked as a build's text: both are published as Markdown. (A
    disputed reading's note is shown as plain text.)"""
    notes: list[tuple[Loc, str | None]] = [((part_id, "notes"), part.notes)]
    notes += [((part_id, "sources", n, "note"), source.note) for n, source in enumerate(part.sources)]
    return [problem for loc, note in notes if note for problem in text_problems(doc, loc, note)]


def _provenance_problems(doc: Document, part_id: str, part: PartBase) -> list[Problem]:
    """Sources may only vouch for figures the entry has, once each, and a disputed figure must fit its field."""
    problems = []
    held = set(provenance.spec_fields(part))
    for n, source in enumerate(part.sources):
        seen: set[str] = set()
        for k, name in enumerate(source.figures):
            if name not in held:
                message = f"'{name}' is not a figure of this entry (it has: {', '.join(sorted(held)) or 'none'})"
                problems.append(doc.problem((part_id, "sources", n, "figures", k), message))
            elif name in seen:
                problems.append(doc.problem((part_id, "sources", n, "figures", k), f"'{name}' is listed twice"))
            seen.add(name)
    for name, readings in (part.disputed or {}).items():
        if name not in held:
            problems.append(doc.problem((part_id, "disputed", name), f"'{name}' is not a figure of this entry"))
            continue
        # The field's type without its None: a reading of nothing disputes nothing.
        field_type: typing.Any = type(part).model_fields[name].annotation
        adapter = TypeAdapter(next((t for t in typing.get_args(field_type) if t is not type(None)), field_type))
        valid = []
        for n, reading in enumerate(readings):
            try:
                valid.append(reading.model_copy(update={"value": adapter.validate_python(reading.value)}))
            except ValidationError as exc:
                message = f"not a valid {name}: {reword(exc.errors()[0])}"
                problems.append(doc.problem((part_id, "disputed", name, n, "value"), message))
        readings[:] = valid  # the rules only ever see readings that fit the field
    return problems
