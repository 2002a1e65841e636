"""Writing an import's files all or none: the new build, and the catalog files its stubs go into.

Each catalog file is written to a temporary file beside it and renamed over it, so none is ever half written; the
build is created only where there is none; and on any failure what was already written is taken back.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from .. import tree
from .rows import ListError
from .yaml_text import CATALOG_HEAD, Stub, stub_text


def catalog_texts(root: Path, slug: str, stubs: list[Stub]) -> dict[Path, tuple[str | None, str]]:
    """Each catalog file the stubs go into: (its text now, or None if it is new; its text with them)."""
    texts: dict[Path, tuple[str | None, str]] = {}
    if stubs and os.path.lexists(root / tree.PARTS) and (why := tree.kind(root / tree.PARTS)):
        raise ListError(f"{tree.PARTS} is {why}; not writing through it", on_input=False)
    for stub in stubs:
        path = root / tree.PARTS / f"{stub.category}.yaml"
        if path not in texts:
            if why := (tree.kind(path) if os.path.lexists(path) else None):
                raise ListError(f"{tree.PARTS}/{path.name} is {why}; not writing through it", on_input=False)
            before = _current(path)
            start = before if before is not None else CATALOG_HEAD.format(category=stub.category)
            texts[path] = (before, start if start.endswith("\n") else start + "\n")
        before, after = texts[path]
        texts[path] = (before, after + stub_text(stub, slug))
    return texts


def _temporary(path: Path, text: str) -> Path:
    """`text` in a new file beside `path`, with `path`'s permissions, to be renamed over it."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.import")
    with temp.open("x", encoding="utf-8", errors="surrogateescape") as stream:  # bytes kept as they were
        stream.write(text)
    if path.exists():
        shutil.copymode(path, temp)
    return temp


def _create(build: Path, text: str) -> None:
    """The build file, created only if there is none: never overwrites, even a file written meanwhile."""
    build.parent.mkdir(parents=True, exist_ok=True)
    try:
        stream = build.open("x", encoding="utf-8")
    except FileExistsError:
        raise ListError(f"{tree.BUILDS}/{build.name} already exists; not overwriting it", on_input=False) from None
    try:
        with stream:
            stream.write(text)
    except OSError:
        build.unlink(missing_ok=True)
        raise


def _current(path: Path) -> str | None:
    """A catalog file's text now (any byte that is not UTF-8 kept as it is, to be written back unchanged)."""
    try:
        return path.read_text(encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ListError(f"cannot read {tree.PARTS}/{path.name}: {exc.strerror}", on_input=False) from None


def commit(build: Path, text: str, catalogs: dict[Path, tuple[str | None, str]]) -> None:
    """Write the build and every catalog file, or, on any failure, none: what was already replaced is put back.

    Each catalog file is written beside itself first and renamed over it, so none is ever half written.
    """
    temps: dict[Path, Path] = {}
    done: list[Path] = []
    try:
        for path, (_, after) in catalogs.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temps[path] = _temporary(path, after)
        _create(build, text)
        done.append(build)
        for path, (before, _) in catalogs.items():
            if _current(path) != before:  # someone saved it since it was read: their edit must not be lost
                raise ListError(
                    f"{tree.PARTS}/{path.name} changed while importing; run the import again", on_input=False
                )
            os.replace(temps[path], path)
            del temps[path]  # only once renamed: a failed rename's file is removed below
            done.append(path)
    except (OSError, ListError) as exc:
        _undo(done, catalogs)
        if isinstance(exc, ListError):
            raise
        where = Path(exc.filename).name if exc.filename else build.name
        raise ListError(f"cannot write {where}: {exc.strerror}; nothing was written", on_input=False) from None
    finally:
        for temp in temps.values():
            temp.unlink(missing_ok=True)


def _undo(done: list[Path], catalogs: dict[Path, tuple[str | None, str]]) -> None:
    for path in reversed(done):
        before = catalogs[path][0] if path in catalogs else None
        if before is None:
            path.unlink(missing_ok=True)
        else:
            os.replace(_temporary(path, before), path)
