"""How a YAML scalar becomes a value: numbers in YAML 1.2's forms only, floats as Decimal straight from their
source text (so a price is never rounded through binary floating point), dates without a time of day."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

# YAML 1.2 forms only: PyYAML follows YAML 1.1, where 0100 is octal 64, 1:05 is 65, 0x1F is 31 and `yes` is
# true, each a silent surprise in a price, a quantity or a retailer's name.
_DECIMAL = {
    "int": re.compile(r"[-+]?(?:0|[1-9][0-9]*)"),
    "float": re.compile(
        r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    ),
    "bool": re.compile(r"true|True|TRUE|false|False|FALSE"),
}
_FORMS = (("0b", "binary"), ("0x", "hexadecimal"), (":", "base-60"), ("_", "digit-grouped"), ("0", "octal"))
MAX_EXPONENT = 20  # 1e20 is beyond any figure here; Decimal arithmetic on 1e-999999999 overflows
MAX_DIGITS = 40  # Python refuses to convert integers past 4,300 digits; no figure here needs more than a few


class WrittenNumber(Decimal):
    """A number that Decimal prints otherwise than it was written (1.5e+3, .inf, 5.): a text field takes
    `written`, so `title: 1.5e+3` shows as 1.5e+3, not 1.5E+3."""

    written: str

    def __reduce__(self) -> tuple[Any, ...]:  # Decimal's own would lose `written` on the way to a worker
        return (_written_number, (str(self), self.written))


def _written_number(value: str, written: str) -> WrittenNumber:
    number = WrittenNumber(value)
    number.written = written
    return number


def construct_float(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> Decimal:
    written = str(loader.construct_scalar(node))
    text = written.replace("_", "").lower()
    special = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}
    try:
        value = Decimal(special.get(text, text))
    except InvalidOperation:  # sexagesimal floats such as 1:30.5: leave them to the models to reject
        value = Decimal("NaN")
    if str(value) == written:  # most numbers, prices among them
        return value
    return _written_number(str(value), written)


def construct_timestamp(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> date | str:
    try:
        value = loader.construct_yaml_timestamp(node)  # type: ignore[attr-defined]
    except ValueError:  # 2020-13-45 looks like a date but is none: let the model say so, at the right place
        return str(node.value)
    # A date and time is text to the models: a date field says so rather than drop the time unseen.
    return str(node.value) if isinstance(value, datetime) else value


def number_problem(node: yaml.ScalarNode, value: Any) -> str | None:
    """Why a number, or a true/false, is not written the one way the file format allows; None when it is."""
    kind = node.tag.rsplit(":", 1)[-1]
    text = node.value
    if kind == "bool" and not _DECIMAL["bool"].fullmatch(text):
        return f"'{text}' is read as {str(value).lower()} by YAML 1.1: write true or false, or quote it if it is text"
    if kind in ("int", "float") and not _DECIMAL[kind].fullmatch(text):
        digits = text.lstrip("+-")
        form = next(name for mark, name in _FORMS if (mark in ":_" and mark in text) or digits.startswith(mark))
        read = f", read as {value}" if kind == "int" else ""
        return f"'{text}' is a YAML 1.1 {form} number{read}: write plain decimal digits, or quote it if it is text"
    if kind == "float" and value.is_finite() and not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
        return f"'{text}' is out of range: write the figure in plain digits"
    return None
