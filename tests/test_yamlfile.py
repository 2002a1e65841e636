"""What arrives as bytes: encodings, size, and values that must survive exactly."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from buildguide import scalars
from buildguide.errors import Problem
from buildguide.yamlfile import MAX_BYTES, parse


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"\xef\xbb\xbftitle: x\n",
            "f.yaml:1:1: (file): file starts with a byte-order mark; save it as UTF-8 without BOM",
        ),
        (b"title: x\nauthor: \xff\xfe\n", "f.yaml:2:9: (file): file is not valid UTF-8"),
        (b"title: x\nauthor: a\x00b\n", "f.yaml:2:10: (file): file contains a NUL byte"),
        (b"a: 1\n" * (MAX_BYTES // 5 + 1), "f.yaml:1:1: (file): file is larger than 1,000,000 bytes"),
        (b"title: \x07\n", "f.yaml:1:8: (file): control character U+0007 is not allowed"),
    ],
    ids=["bom", "not-utf8", "nul", "too-large", "control-char"],
)
def test_bytes_that_are_not_a_yaml_text(raw: bytes, expected: str) -> None:
    doc, problems = parse("f.yaml", raw)
    assert [str(p) for p in problems] == [expected]
    assert doc.data is None


def test_prices_are_exact_decimals_from_the_source_text() -> None:
    doc, problems = parse("f.yaml", b"a: 0.10\nb: 2499.99\nc: -1.5e+3\nd: 3\ne: 2020-08-09\n")
    assert problems == []
    assert doc.data == {
        "a": Decimal("0.10"),
        "b": Decimal("2499.99"),
        "c": Decimal("-1.5e+3"),
        "d": 3,
        "e": date(2020, 8, 9),
    }
    assert str(doc.data["a"] * 3) == "0.30"  # binary floats would give 0.30000000000000004


def test_positions_point_at_values_and_keys() -> None:
    doc, _ = parse("f.yaml", b"top:\n  inner: [1, 2]\n")
    assert doc.where(("top", "inner", 1)) == (2, 14)
    assert doc.where(("top", "inner"), key=True) == (2, 3)
    assert doc.where(("top", "missing")) == (2, 3)  # falls back to the nearest enclosing value


OCTAL = "'0100' is a YAML 1.1 octal number, read as 64: write plain decimal digits, or quote it if it is text"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("unit_price: 0100", f"f.yaml:1:13: unit_price: {OCTAL}"),
        (
            "quantity: 0b11",
            "f.yaml:1:11: quantity: '0b11' is a YAML 1.1 binary number, read as 3: write plain decimal "
            "digits, or quote it if it is text",
        ),
        (
            "retailer: 0x1F",
            "f.yaml:1:11: retailer: '0x1F' is a YAML 1.1 hexadecimal number, read as 31: write plain "
            "decimal digits, or quote it if it is text",
        ),
        (
            "a: 1:05",
            "f.yaml:1:4: a: '1:05' is a YAML 1.1 base-60 number, read as 65: write plain decimal digits, or "
            "quote it if it is text",
        ),
        (
            "a: 1:30.5",
            "f.yaml:1:4: a: '1:30.5' is a YAML 1.1 base-60 number: write plain decimal digits, or quote it "
            "if it is text",
        ),
        (
            "a: 1_000.50",
            "f.yaml:1:4: a: '1_000.50' is a YAML 1.1 digit-grouped number: write plain decimal digits, or "
            "quote it if it is text",
        ),
        (
            "affiliate: yes",
            "f.yaml:1:12: affiliate: 'yes' is read as true by YAML 1.1: write true or false, or quote it if it is text",
        ),
        (
            "efficiency_percent: 1.0e-999999999",
            "f.yaml:1:21: efficiency_percent: '1.0e-999999999' is out of range: write the figure in plain digits",
        ),
        (
            "efficiency_percent: 1.0e-99999",
            "f.yaml:1:21: efficiency_percent: '1.0e-99999' is out of range: write the figure in plain digits",
        ),
    ],
    ids=["octal", "binary", "hex-in-text", "sexagesimal", "sexagesimal-float", "grouped", "yes", "overflow", "huge"],
)
def test_yaml_1_1_number_forms_are_refused_with_how_to_write_them(text: str, expected: str) -> None:
    doc, problems = parse("f.yaml", text.encode())
    assert [str(p) for p in problems] == [expected]
    assert doc.data is None


def test_quoted_forms_stay_text_and_decimal_forms_stay_numbers() -> None:
    doc, problems = parse("f.yaml", b"a: '0100'\nb: \"0x1F\"\nc: 100\nd: 0\ne: true\nf: '1:05'\n")
    assert problems == []
    assert doc.data == {"a": "0100", "b": "0x1F", "c": 100, "d": 0, "e": True, "f": "1:05"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'title: "a\\0b"', "f.yaml:1:8: title: control character U+0000 is not allowed"),
        (b'title: "a\\x1b[31m"', "f.yaml:1:8: title: control character U+001B is not allowed"),
        (b'title: "a\\x85b"', "f.yaml:1:8: title: control character U+0085 is not allowed"),
        (b'title: "a\\u202eb"', "f.yaml:1:8: title: invisible formatting character U+202E is not allowed"),
        (b'"ti\\u2066tle": x', "f.yaml:1:1: (file): invisible formatting character U+2066 is not allowed in a key"),
        (b'tags: ["a\\rb"]', "f.yaml:1:8: tags.0: control character U+000D is not allowed"),
    ],
    ids=["nul-escape", "escape-sequence", "c1-next-line", "bidi-override", "bidi-in-key", "carriage-return"],
)
def test_control_and_bidirectional_characters_are_refused_in_values_and_keys(raw: bytes, expected: str) -> None:
    _, problems = parse("f.yaml", raw)
    assert [str(p) for p in problems] == [expected]


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\xad", "\U000e0041", "\ufeff"])
def test_an_invisible_character_is_found_raw_escaped_or_in_a_comment(char: str) -> None:
    """The file is scanned once for refused characters before any value is: a clean file skips the per-value
    search. Written raw, escaped in double quotes (which the raw text does not show) or in a key, each is found
    at its value; in a comment, which reviewers read, at its own place."""
    escaped = char.encode("unicode_escape").decode()
    for raw, where in (
        (f"a: 1\ntitle: x{char}y\n", "f.yaml:2:8: title"),
        (f'a: 1\ntitle: "x{escaped}y"\n', "f.yaml:2:8: title"),
        (f"a: 1\nsections:\n  - x{char}y: 1\n", "f.yaml:3:5: sections.0"),
    ):
        _, problems = parse("f.yaml", raw.encode())
        assert [f"{p.path}:{p.line}:{p.col}: {p.field}" for p in problems] == [where], raw
    for raw, where in (
        (f"title: xy  # x{char}y\n", "f.yaml:1:15: (file)"),
        (f"title: |  # x{char}y\n  text\n", "f.yaml:1:14: (file)"),  # a block's header is not its text
        (f"# x{char}y\r\ntitle: xy\r\n", "f.yaml:1:4: (file)"),
    ):
        doc, problems = parse("f.yaml", raw.encode())
        assert [f"{p.path}:{p.line}:{p.col}: {p.field}" for p in problems] == [where], raw
        assert problems[0].message.endswith("is not allowed, in comments too") and doc.data is None


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u2028", "line separator U+2028"),
        ("\u2029", "paragraph separator U+2029"),
        ("\x85", "next line U+0085"),
        ("\r", "carriage return U+000D without a line feed"),
    ],
)
def test_a_line_break_that_diffs_do_not_show_is_refused_wherever_it_is(char: str, name: str) -> None:
    """In a comment it would turn what follows into keys a reviewer takes for the comment; in a value, into a
    line break the file does not show. Line and column count line feeds, as editors and diffs do."""
    raw = f"retailer: Shop  # checked{char}    url: https://elsewhere.example/\nnote: a{char}b\n"
    doc, problems = parse("f.yaml", raw.encode())
    read = "YAML reads it as a line break that editors and diffs do not show"
    assert [str(p) for p in problems] == [
        f"f.yaml:1:26: (file): {name} is not allowed: {read}",
        f"f.yaml:2:8: (file): {name} is not allowed: {read}",
    ]
    assert doc.data is None


def test_windows_line_ends_are_read_as_they_always_were() -> None:
    doc, problems = parse("f.yaml", b"title: x  # a comment\r\nnote: |\r\n  two\r\n  lines\r\n")
    assert problems == [] and doc.data == {"title": "x", "note": "two\nlines\n"}


def test_what_scripts_and_emoji_need_is_kept() -> None:
    """Joiners (Indic scripts, emoji sequences) and the emoji and text presentation selectors show as intended."""
    text = "Quiet \u2764\ufe0f build \u2702\ufe0e \U0001f468\u200d\U0001f4bb \u0915\u094d\u200c\u0937"
    doc, problems = parse("f.yaml", f'title: "{text}"'.encode())
    assert problems == [] and doc.data == {"title": text}


def test_an_error_line_shows_hidden_characters_as_escapes() -> None:
    """A file name with a tag character or a filler must not hide text in the one-line report."""
    assert str(Problem("a\U000e0041b\u3164.yaml", 1, 1, "(file)", "x")) == "a\\U000e0041b\\u3164.yaml:1:1: (file): x"


class _Reference(yaml.SafeLoader):
    """PyYAML's own pure-Python safe loader with the same float and date constructors: what `parse` must equal."""


_Reference.add_constructor("tag:yaml.org,2002:float", scalars.construct_float)
_Reference.add_constructor("tag:yaml.org,2002:timestamp", scalars.construct_timestamp)

_SCALARS = st.one_of(
    st.text(alphabet="ab: -#'\"\n1.0é", max_size=12),
    st.sampled_from(["12", "0", "-3", "2.50", "1e+3", "true", "false", "null", "~", "2024-03-12", "2024-3-12", "x: y"]),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.none(),
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet="abc_", min_size=1, max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")), deadline=None)
@given(_DATA, st.sampled_from([None, False, True]))
def test_the_single_pass_reader_builds_what_pyyaml_builds(data: object, flow: bool | None) -> None:
    """`parse` builds the data while it records positions, and remembers tag resolutions: the result must be
    exactly what PyYAML's reference loader makes of the same text."""
    text = yaml.safe_dump({"root": data}, default_flow_style=flow, allow_unicode=True)
    doc, problems = parse("f.yaml", text.encode())
    assert problems == []
    assert doc.data == yaml.load(text, Loader=_Reference)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "# x\u200by\nkey: |",
            "f.yaml:1:4: (file): invisible formatting character U+200B is not allowed, in comments too",
        ),
        (
            "a: |  # c\u200b",
            "f.yaml:1:10: (file): invisible formatting character U+200B is not allowed, in comments too",
        ),
        ("a: 1\na: x\u200by\n", "f.yaml:2:1: a: duplicate key 'a' (first defined on line 1)"),
        ("a\u200b: x\u200by\n", "f.yaml:1:1: (file): invisible formatting character U+200B is not allowed in a key"),
        ("a: !foo x\u200by\n", "f.yaml:1:4: a: YAML tag '!foo' is not allowed"),
        ("1: x\u200by\n", "f.yaml:1:1: (file): keys must be plain text"),
        ("<<: {a: x\u200b}\n", "f.yaml:1:1: (file): merge keys (<<) are not allowed"),
        ("a: !!int 1\u200b\n", "f.yaml:1:4: a: '1\\u200b' is not a valid !!int"),
    ],
    ids=[
        "file-ends-on-a-block-header",
        "block-header-comment",
        "duplicate",
        "bad-key",
        "tag",
        "number-key",
        "merge",
        "int",
    ],
)
def test_a_comment_is_told_apart_from_a_value_the_walk_refused(raw: str, expected: str) -> None:
    """A value the walk does not go into (its key or tag refused) is not a comment: its character is not
    reported twice. A file that stops on a block's header line still has that comment checked."""
    _, problems = parse("f.yaml", raw.encode())
    assert [str(p) for p in problems] == [expected]


def test_a_line_of_hidden_characters_is_one_problem() -> None:
    raw = "a: 1  # " + "\u200b" * 5_000 + "\nb: 2  # \u202e\n"
    _, problems = parse("f.yaml", raw.encode())
    assert [(p.line, p.col) for p in problems] == [(1, 9), (2, 9)]


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ("author: !!str # ok \u202e\n  Jacob Roach\n", "1:20: (file)"),  # between a tag and its text
        ('a: !!str # c\u202e\n  "x"\n', "1:13: (file)"),
        ("a: !!str\n  |  # c\u202e\n   x\n", "2:9: (file)"),
        ("a: !!str # c1\n  # c2\u200b\n  x\n", "2:7: (file)"),
        ("a: !!str x\u200b\n", "1:4: a"),  # in the text itself: at its field
    ],
    ids=["plain", "quoted", "block", "second-comment", "text"],
)
def test_a_comment_after_a_tag_is_a_comment(raw: str, where: str) -> None:
    _, problems = parse("f.yaml", raw.encode())
    assert [f"{p.line}:{p.col}: {p.field}" for p in problems] == [where]
