"""The `buildguide` command: check the data, start a build file, build or preview the site, regenerate schemas."""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import difflib
import json
import os
import re
import sys
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from . import engine, forked, importer, schema, supervisor, tree
from .errors import DataError, Problem, one_line
from .fields import SLUG_PATTERN
from .model import Build
from .project import check_project
from .yamlfile import read


def _github(problem: Problem) -> str:
    """A workflow command, so the error shows on the pull request's diff at the right line."""

    def escape(text: str, props: bool = False) -> str:
        text = one_line(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if props else text

    props = (
        f"file={escape(problem.path, True)},line={problem.line},col={problem.col},title={escape(problem.field, True)}"
    )
    return f"::error {props}::{escape(str(problem))}"


def check(root: Path, paths: list[Path], output: str, jobs: int) -> int:
    try:
        parts, builds = check_project(root, paths or None, jobs)
    except forked.WorkerDied:
        print("buildguide check: a worker process died (out of memory?); try --jobs 1", file=sys.stderr)
        return 2
    except DataError as exc:
        if output == "json":
            print(json.dumps([vars(p) for p in exc.problems], indent=2))
        else:
            for problem in exc.problems:
                print(_github(problem) if output == "github" else problem, file=sys.stdout if output else sys.stderr)
            count = len(exc.problems)
            print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return 1
    if output == "json":
        print("[]")
    else:
        print(f"ok: {parts} parts, {builds} builds")
    return 0


SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/build.schema.json"  # the first line of every build file

# What `new --from` writes in place of the other builder's words; `check` refuses any text still holding FILL IN.
COPY_WORDS = {
    "title": "FILL IN the guide's title",
    "summary": "FILL IN one or two sentences on what this machine is and what makes it interesting.",
    "author": "FILL IN your name",
}
COPY_INTRO = "FILL IN the story: what you needed, your budget, what you would do differently.\n"
COPY_RATIONALE = "FILL IN why this part, in your own words.\n"
COPY_WHY_NOT = "FILL IN why you did not choose it."
COPY_REASON = "FILL IN why your build is fine anyway.\n"
COPY_HEADER = """\
# Started from builds/{source}.yaml with `buildguide new --from`.
# Kept as they were: the sections, every part with its quantity and price (retailer, link, price_date), the
# alternatives' parts and names, the acknowledged rules and the other fields (purpose, tags, currency...).
# Check each against your build, and change every price to what you paid or saw.
# Replaced with FILL IN, because they were the other builder's words: title, summary, author, intro, every
# rationale, every alternative's why_not and every acknowledgement's reason. Left out, because they belong to
# the other build: its photos (photos, and images on the items), part_list_url and affiliate links.
# date and prices_as_of are set to the day of the copy: change them to when your build was finished and when
# your prices were seen. `buildguide check` lists every FILL IN still left, one line each, with its line number.
# The field reference is in docs/reference.md.

"""
NEW_HELP = """\
Write builds/SLUG.yaml to fill in: a commented scaffold with one item per core part, or, with --from, a copy of
an existing build. The copy keeps its sections, parts, quantities and prices, and puts FILL IN in place of
everything its builder wrote (title, summary, author, intro, each rationale, why_not and acknowledgement
reason); photos, part_list_url and affiliate links are left out, and date and prices_as_of are set to today.
`buildguide check` refuses the file until every FILL IN is replaced. An existing file is never overwritten.
"""


class _Dumper(yaml.SafeDumper):
    """Block style, as the bundled builds are written: lists indented under their key, paragraphs as | blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # date and prices_as_of are the same object, and build files refuse anchors


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _number(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    """A Decimal (how prices are read) written as the digits it was read from: 1189.00 stays 1189.00."""
    specials = {"Infinity": ".inf", "-Infinity": "-.inf"}
    text = format(value, "f") if value.is_finite() else specials.get(str(value), ".nan")
    return dumper.represent_scalar(dumper.resolve(yaml.ScalarNode, text, (True, False)), text)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    """Tags on one line, `[deep learning, quiet]`, as in the bundled builds; lists of fields one entry a line."""
    flat = all(isinstance(entry, str) and "\n" not in entry for entry in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flat)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)
_Dumper.add_multi_representer(Decimal, _number)  # and scalars.WrittenNumber, which the reader makes of 180. or .5


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


OTHER_BUILDS = ("photos", "part_list_url")  # fields a copy leaves out: they show or point at the other machine


def _copy_of(data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """Another build's data with its builder's words made placeholders and what belongs to that build left out.

    Anything else is kept as it is, valid or not: `check` reports on the copy as it would on the original.
    """
    data = copy.deepcopy(data)
    fixed: dict[str, Any] = {**COPY_WORDS, "date": today, "prices_as_of": today}
    if "intro" in data:
        fixed["intro"] = COPY_INTRO
    copied: dict[str, Any] = {}
    for key in dict.fromkeys([*Build.model_fields, *data]):  # the model's order, then any unknown field
        if key in fixed:
            copied[key] = fixed[key]
        elif key in data and key not in OTHER_BUILDS:
            copied[key] = data[key]
    for section in _dicts(copied.get("sections")):
        for item in _dicts(section.get("items")):
            item.pop("images", None)
            if item.get("affiliate") is True:  # the link pays the other builder
                del item["affiliate"]
                item.pop("url", None)
            if "rationale" in item:
                item["rationale"] = COPY_RATIONALE
            for alternative in _dicts(item.get("alternatives")):
                if "why_not" in alternative:
                    alternative["why_not"] = COPY_WHY_NOT
    for acknowledgement in _dicts(copied.get("acknowledge")):
        if "reason" in acknowledgement:
            acknowledgement["reason"] = COPY_REASON
    return copied


def _suggest(name: str, slugs: list[str]) -> str:
    """' (did you mean …?)' with the one build `name` is closest to, else the builds to choose from."""
    close = difflib.get_close_matches(name, slugs, n=1) or [slug for slug in slugs if name and name in slug]
    if len(close) == 1:
        return f" (did you mean '{close[0]}'?)"
    if not slugs:
        return "; builds/ holds none yet"
    listed = close or slugs
    more = f" and {len(listed) - 8} more" if len(listed) > 8 else ""
    which = f"with '{name}' in their name" if close else "are"
    return f"; the builds {which}: {', '.join(listed[:8])}{more}"


def _copied(root: Path, source: str) -> tuple[str | None, str]:
    """The text of a build started from builds/<source>.yaml, or None and why there is none."""
    found, _ = tree.build_files(root)  # plain files only: never a link to somewhere else
    slugs = sorted(file.stem for file in found if re.fullmatch(SLUG_PATTERN, file.stem))
    if source not in slugs:
        return None, f"there is no build '{source}' to start from{_suggest(source, slugs)}"
    shown = f"builds/{source}.yaml"
    doc, problems = read(root / "builds" / f"{source}.yaml", shown)
    if problems:
        first = problems[0]
        return None, f"cannot copy {shown}: {first.message} (line {first.line}, column {first.col})"
    if not isinstance(doc.data, dict):
        return None, f"cannot copy {shown}: it holds no build fields (key: value)"
    today = dt.date.today()
    body = yaml.dump(_copy_of(doc.data, today), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1 << 20)
    for key, note in (
        ("date", "the day of the copy: change it to the day your build was finished"),
        ("prices_as_of", "the day of the copy: change it to the day your prices were seen"),
    ):
        comment = note.replace("\\", "\\\\")  # a replacement template reads backslashes
        body = re.sub(rf"^{key}: .*$", rf"\g<0>  # {comment}", body, count=1, flags=re.M)
    body = re.sub(r"^(sections|acknowledge):", r"\n\1:", body, flags=re.M)
    return f"{SCHEMA_LINE}\n{COPY_HEADER.format(source=source)}{body}", ""


def _refuse(message: str) -> int:
    print(one_line(f"buildguide new: {message}"), file=sys.stderr)
    return 2


def new(root: Path, slug: str, source: str | None = None) -> int:
    if not re.fullmatch(SLUG_PATTERN, slug):
        return _refuse(f"'{slug}' is not lowercase-with-hyphens, e.g. quiet-gaming-pc-2026")
    target = root / "builds" / f"{slug}.yaml"
    shown = target.relative_to(root).as_posix()
    if os.path.lexists(target):  # a dangling link too: writing through it would create a file elsewhere
        return _refuse(f"{shown} already exists; not overwriting it")
    if source is None:
        text = (files(__package__) / "templates" / "new-build.yaml").read_text(encoding="utf-8").replace("SLUG", slug)
        todo = "fill it in"
    else:
        copied, why = _copied(root, source)
        if copied is None:
            return _refuse(why)
        text, todo = copied, f"started from builds/{source}.yaml; replace every FILL IN, update the prices and dates"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as stream:  # never overwrites, even one written meanwhile
            stream.write(text)
    except FileExistsError:
        return _refuse(f"{shown} already exists; not overwriting it")
    print(f"wrote {shown}: {todo}, then run `buildguide check`")
    return 0


def regenerate(root: Path, only_check: bool) -> int:
    changed = schema.stale(root) if only_check else schema.write(root)
    for path in changed:
        print(f"{path} {'is out of date: run `buildguide schema`' if only_check else 'written'}")
    return 1 if only_check and changed else 0


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current)")
    parser = argparse.ArgumentParser(prog="buildguide", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    jobs = argparse.ArgumentParser(add_help=False)
    jobs.add_argument(
        "--jobs",
        type=int,
        default=forked.cpus(),
        help="CPUs to use, where the system can fork: check's worker processes (at most one per 50 build files), "
        "render's batches of 200 builds (two per CPU at most) and build's search index in a second process "
        "(default: one per CPU; 1: none of these)",
    )
    check_cmd = commands.add_parser("check", parents=[common, jobs], help="validate the parts catalog and build files")
    check_cmd.add_argument("paths", nargs="*", type=Path, help="build files or folders (default: builds/)")
    check_cmd.add_argument("--format", choices=("text", "github", "json"), default="text")
    new_cmd = commands.add_parser(
        "new", parents=[common], help="write a commented builds/<slug>.yaml to start from", description=NEW_HELP
    )
    new_cmd.add_argument("slug", help="the new build's name, lowercase-with-hyphens; it becomes the page address")
    new_cmd.add_argument(
        "--from",
        dest="source",
        metavar="BUILD",
        help="start from builds/BUILD.yaml: its parts and prices, with FILL IN in place of its builder's words",
    )
    import_cmd = commands.add_parser(
        "import", parents=[common], help="write builds/<slug>.yaml from a part list", description=importer.HELP
    )
    import_cmd.add_argument("source", choices=("pcpartpicker",), help="where the list comes from")
    import_cmd.add_argument("file", nargs="?", default="-", metavar="FILE", help="the list (default, or -: stdin)")
    import_cmd.add_argument("--slug", required=True, help="the new build's name, lowercase-with-hyphens")
    import_cmd.add_argument("--currency", metavar="CODE", help="the list's ISO 4217 currency, when it does not say")
    commands.add_parser(
        "render",
        parents=[common, jobs],
        help="write the generated pages, downloads and images (what a build runs first)",
    )
    build_cmd = commands.add_parser("build", parents=[common, jobs], help="render the builds and build the site")
    build_cmd.add_argument("--engine", choices=engine.ENGINES, default="mkdocs", help="site engine (default: mkdocs)")
    build_cmd.add_argument("-d", "--site-dir", type=Path, help="where the site goes (default: site/)")
    serve_cmd = commands.add_parser("serve", parents=[common], help="preview the site, re-rendering what you save")
    serve_cmd.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    schema_cmd = commands.add_parser("schema", parents=[common], help="regenerate schemas/*.json and docs/reference.md")
    schema_cmd.add_argument("--check", action="store_true", help="only report files that are out of date")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root, args.paths, "" if args.format == "text" else args.format, max(1, args.jobs))
    if args.command == "new":
        return new(root, args.slug, args.source)
    if args.command == "import":
        return importer.run(root, args.file, args.slug, args.currency)
    if args.command == "render":
        return engine.rendered(root, max(1, args.jobs))
    if args.command == "build":
        return engine.build(root, args.engine, args.site_dir, max(1, args.jobs))
    if args.command == "serve":
        if not supervisor.is_child():
            return supervisor.supervise(sys.argv[1:] if argv is None else argv, root)
        from . import preview  # imports MkDocs, which the other commands do not need

        return preview.serve(root, args.dev_addr)
    return regenerate(root, args.check)


if __name__ == "__main__":
    sys.exit(main())
