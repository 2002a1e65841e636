"""Safe YAML reading that remembers where every value stood, so errors can point at file:line:col.

PyYAML silently keeps the last of two duplicate keys and expands aliases without limit; both are refused here.
What a scalar becomes is in `scalars`; which characters a file may hold, in `characters`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import characters, scalars
from .errors import Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
_NO_ALIASES = "anchors and aliases are not allowed"

Loc = tuple[str | int, ...]

# Only plain data: no !!binary, !!set, !!omap or application tags, whatever a loader could make of them.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~12x faster

_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}


class _Loader(_Base):
    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """PyYAML's tag resolution, remembered for short scalars.

        The C parser asks Python for the tag of every scalar, and build files repeat the same keys and ids
        thousands of times: remembering them saves a tenth of `check`'s time at 1,000 builds.
        """
        if kind is not yaml.ScalarNode or len(value) > 64:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = _RESOLVED[key] = super().resolve(kind, value, implicit)
        return tag


_Loader.add_constructor("tag:yaml.org,2002:float", scalars.construct_float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", scalars.construct_timestamp)


@dataclass
class Document:
    """Parsed data plus the position of each value (and of each mapping key) by its path in the data."""

    path: str
    data: Any = None
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of `loc`, or of its nearest enclosing value that has one."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, (1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(loc, key=key)
        return Problem(self.path, line, col, dotted(loc), message)


def dotted(loc: Loc) -> str:
    """`sections.0.items`; a key that is not a plain name is quoted, so `'a.b: c'` cannot pass for a path."""
    return ".".join(str(p) if isinstance(p, int) or _PLAIN_KEY.fullmatch(p) else _quoted(p) for p in loc) or "(file)"


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]*[A-Za-z_-][A-Za-z0-9_-]*")  # not digits alone: those read as a list index


def _quoted(key: str) -> str:
    return "'" + key.replace("'", "''") + "'"


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))


@dataclass
class _Walk:
    """One pass over the node tree that records positions, refuses what is not plain data, and builds the data.

    Building the data here, instead of in a second pass with PyYAML's constructor, saves a quarter of the time
    `check` spends reading YAML. A node PyYAML would refuse to construct (a tag that does not fit its node, or a
    value its explicit tag cannot hold) makes `odd` true, and then PyYAML's own constructor builds the document,
    so its error is the one reported, as before.
    """

    doc: Document
    loader: Any
    problems: list[Problem]
    seen: set[int] = field(default_factory=set)
    odd: bool = False
    may_refuse: bool = True  # whether the file holds a refused character anywhere (comments too): most do not
    texts: list[tuple[int, int, str]] = field(default_factory=list)  # spans, for characters.outside

    def node(self, node: yaml.Node, loc: Loc) -> Any:
        """Record positions; refuse aliases, non-text keys, duplicate keys and excessive nesting."""
        doc, problems = self.doc, self.problems
        if id(node) in self.seen:  # an alias: say it once per file, however many there are
            if not any(p.message == _NO_ALIASES for p in problems):
                problems.append(Problem(doc.path, *_mark(node), dotted(loc), _NO_ALIASES))
            return None
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(Problem(doc.path, *_mark(node), dotted(loc), f"YAML tag '{tag}' is not allowed"))
            return self.unread(node)
        doc.values[loc] = _mark(node)
        if len(loc) > MAX_DEPTH:
            problems.append(Problem(doc.path, *_mark(node), dotted(loc), f"nested deeper than {MAX_DEPTH} levels"))
            return self.unread(node)
        if isinstance(node, yaml.SequenceNode):
            self.odd |= node.tag != _SEQ
            return [self.node(child, (*loc, i)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            self.odd |= node.tag != _MAP
            return self.mapping(node, loc)
        assert isinstance(node, yaml.ScalarNode)  # the only other kind of node
        if node.tag == _STR:
            return self.text(node, loc)
        self.unread(node)  # a number, a date, null: a character in it is the value's problem, not a comment's
        if node.tag in (_SEQ, _MAP):  # a scalar tagged as a collection
            self.odd = True
            return None
        if self.loader.resolve(yaml.ScalarNode, node.value, (True, False)) != node.tag:  # e.g. `!!int x`
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(Problem(doc.path, *_mark(node), dotted(loc), f"'{node.value}' is not a valid {tag}"))
            return None
        if node.tag.endswith((":int", ":float")) and len(node.value) > scalars.MAX_DIGITS:
            message = f"a number of {len(node.value):,} characters is out of range: write the figure in plain digits"
            problems.append(Problem(doc.path, *_mark(node), dotted(loc), message))
            return None
        try:
            value = self.loader.yaml_constructors[node.tag](self.loader, node)
        except Exception:  # PyYAML raises it again, in its own order, when it builds the document
            self.odd = True
            return None
        if refused := scalars.number_problem(node, value):
            problems.append(Problem(doc.path, *_mark(node), dotted(loc), refused))
            return None
        return value

    def text(self, node: yaml.ScalarNode, loc: Loc, *, key: bool = False) -> str | None:
        if not self.may_refuse:
            return str(node.value)
        self.texts.append((node.start_mark.index, node.end_mark.index, "block" if node.style in ("|", ">") else "text"))
        if found := characters.CONTROL.search(node.value):
            message = f"{characters.name(found.group())} is not allowed{' in a key' if key else ''}"
            self.problems.append(Problem(self.doc.path, *_mark(node), dotted(loc), message))
            return None
        return str(node.value)

    def unread(self, *nodes: yaml.Node) -> None:
        """Nodes the walk does not go into (refused already): the comment scan leaves what they span alone."""
        if self.may_refuse:
            self.texts.extend((node.start_mark.index, node.end_mark.index, "whole") for node in nodes)

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        doc, problems = self.doc, self.problems
        data: dict[str, Any] = {}
        first: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(doc.path, *_mark(key_node), dotted(loc), "merge keys (<<) are not allowed"))
                self.unread(key_node, value_node)
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                problems.append(Problem(doc.path, *_mark(key_node), dotted(loc), "keys must be plain text"))
                self.unread(key_node, value_node)
                continue
            key = self.text(key_node, loc, key=True)
            if key is None:
                self.unread(value_node)
                continue
            if key in first:
                line = first[key][0]
                message = f"duplicate key '{key}' (first defined on line {line})"
                problems.append(Problem(doc.path, *_mark(key_node), dotted((*loc, key)), message))
                self.unread(value_node)
                continue
            first[key] = _mark(key_node)
            child = (*loc, key)  # one tuple for both indexes: a build file has a few hundred of them
            doc.keys[child] = first[key]
            data[key] = self.node(value_node, child)
        return data


def _decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if len(raw) > MAX_BYTES:
        return None, [Problem(path, 1, 1, "(file)", f"file is larger than {MAX_BYTES:,} bytes")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(path, 1, 1, "(file)", "file starts with a byte-order mark; save it as UTF-8 without BOM")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(path, line, col, "(file)", "file is not valid UTF-8")]
    if "\x00" in text:
        return None, [
            Problem(path, *characters.position(text, text.index("\x00")), "(file)", "file contains a NUL byte")
        ]
    breaks = characters.hidden_breaks(path, text)
    return (None, breaks) if breaks else (text, [])


def parse(path: str, raw: bytes) -> tuple[Document, list[Problem]]:
    """Parse one YAML document; on any problem the document's data is None."""
    doc = Document(path)
    text, problems = _decode(path, raw)
    if text is None:
        return doc, problems
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return doc, [Problem(path, 1, 1, "(file)", "file is empty")]
        walk = _Walk(doc, loader, problems, may_refuse=characters.may_refuse(text))
        data = walk.node(node, ())
        if walk.may_refuse:
            problems += characters.outside(path, text, walk.texts)
        if not problems:
            doc.data = loader.construct_document(node) if walk.odd else data
            if doc.data is None:
                problems.append(Problem(path, 1, 1, "(file)", "file holds no data"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(Problem(path, line, col, "(file)", f"YAML syntax: {exc.problem or exc.context}"))
    except yaml.reader.ReaderError as exc:  # a control character the YAML spec forbids
        message = f"control character U+{exc.character:04X} is not allowed"
        problems.append(Problem(path, *characters.position(text, exc.position), "(file)", message))
    except (yaml.YAMLError, RecursionError) as exc:
        problems.append(Problem(path, 1, 1, "(file)", f"YAML: {type(exc).__name__}"))
    finally:
        loader.dispose()
    return doc, problems


def read(file: Path, display: str) -> tuple[Document, list[Problem]]:
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)  # one byte over the limit is enough to refuse the file
    except OSError as exc:
        return Document(display), [Problem(display, 1, 1, "(file)", f"cannot read file: {exc.strerror}")]
    return parse(display, raw)
