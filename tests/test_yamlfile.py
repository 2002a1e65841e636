"""What arrives as bytes: encodings, size, and values that must survive exactly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

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
    doc, problems = parse("f.yaml", b"a: 0.10\nb: 2499.99\nc: 1_000.50\nd: 3\ne: 2020-08-09\n")
    assert problems == []
    assert doc.data == {
        "a": Decimal("0.10"),
        "b": Decimal("2499.99"),
        "c": Decimal("1000.50"),
        "d": 3,
        "e": date(2020, 8, 9),
    }
    assert str(doc.data["a"] * 3) == "0.30"  # binary floats would give 0.30000000000000004


def test_positions_point_at_values_and_keys() -> None:
    doc, _ = parse("f.yaml", b"top:\n  inner: [1, 2]\n")
    assert doc.where(("top", "inner", 1)) == (2, 14)
    assert doc.where(("top", "inner"), key=True) == (2, 3)
    assert doc.where(("top", "missing")) == (2, 3)  # falls back to the nearest enclosing value
