"""The `buildguide` command: check the data, start a build file, build or preview the site, regenerate schemas."""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib.resources import files
from pathlib import Path

from . import engine, schema
from .errors import DataError, Problem, one_line
from .fields import SLUG_PATTERN
from .project import load_project


def _github(problem: Problem) -> str:
    """A workflow command, so the error shows on the pull request's diff at the right line."""

    def escape(text: str, props: bool = False) -> str:
        text = one_line(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if props else text

    props = (
        f"file={escape(problem.path, True)},line={problem.line},col={problem.col},title={escape(problem.field, True)}"
    )
    return f"::error {props}::{escape(str(problem))}"


def check(root: Path, paths: list[Path], output: str) -> int:
    try:
        project = load_project(root, paths or None)
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
        print(f"ok: {len(project.catalog.parts)} parts, {len(project.guides)} builds")
    return 0


def new(root: Path, slug: str) -> int:
    if not re.fullmatch(SLUG_PATTERN, slug):
        print(f"buildguide new: '{slug}' is not lowercase-with-hyphens, e.g. quiet-gaming-pc-2026", file=sys.stderr)
        return 2
    target = root / "builds" / f"{slug}.yaml"
    if target.exists():
        print(f"buildguide new: {target.relative_to(root)} already exists; not overwriting it", file=sys.stderr)
        return 2
    text = (files(__package__) / "templates" / "new-build.yaml").read_text(encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace("SLUG", slug), encoding="utf-8")
    print(f"wrote {target.relative_to(root)}: fill it in, then run `buildguide check`")
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
    check_cmd = commands.add_parser("check", parents=[common], help="validate the parts catalog and build files")
    check_cmd.add_argument("paths", nargs="*", type=Path, help="build files or folders (default: builds/)")
    check_cmd.add_argument("--format", choices=("text", "github", "json"), default="text")
    new_cmd = commands.add_parser("new", parents=[common], help="write a commented builds/<slug>.yaml to start from")
    new_cmd.add_argument("slug")
    build_cmd = commands.add_parser("build", parents=[common], help="render the builds and build the site")
    build_cmd.add_argument("--engine", choices=engine.ENGINES, default="mkdocs", help="site engine (default: mkdocs)")
    build_cmd.add_argument("-d", "--site-dir", type=Path, help="where the site goes (default: site/)")
    serve_cmd = commands.add_parser("serve", parents=[common], help="preview the site, re-rendering what you save")
    serve_cmd.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    schema_cmd = commands.add_parser("schema", parents=[common], help="regenerate schemas/*.json and docs/reference.md")
    schema_cmd.add_argument("--check", action="store_true", help="only report files that are out of date")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root, args.paths, "" if args.format == "text" else args.format)
    if args.command == "new":
        return new(root, args.slug)
    if args.command == "build":
        return engine.build(root, args.engine, args.site_dir)
    if args.command == "serve":
        from . import preview  # imports MkDocs, which the other commands do not need

        return preview.serve(root, args.dev_addr)
    return regenerate(root, args.check)


if __name__ == "__main__":
    sys.exit(main())
