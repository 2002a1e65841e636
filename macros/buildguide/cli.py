"""`buildguide check`: validate the catalog and the builds, print every problem as one line, exit 1 if any."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import DataError
from .project import load_project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="buildguide", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the parts catalog and build files")
    check.add_argument("paths", nargs="*", type=Path, help="build files or folders (default: builds/)")
    check.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current)")
    args = parser.parse_args(argv)
    try:
        project = load_project(args.root, args.paths or None)
    except DataError as exc:
        print(exc, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return 1
    print(f"ok: {len(project.catalog.parts)} parts, {len(project.guides)} builds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
