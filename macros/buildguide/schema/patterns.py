"""The regular expressions the schemas use to say what the models' Python validators check.

Kept apart from the keywords that use them so tests/test_schema.py can check each pattern against the validator
it stands for.
"""

from __future__ import annotations

import re

from .. import images
from ..errors import INVISIBLE

# Patterns are written for both regex dialects that read them: ECMAScript's (editors, with or without the `u`
# flag) and Python's (tests/test_schema.py, via jsonschema). So: no \d (Unicode digits in Python), no inline
# flags such as (?i), and no escapes ECMAScript's `u` mode refuses.

# What the YAML reader refuses in any text (characters.CONTROL), as the inside of a character class: C0 controls
# but tab and line feed, and errors.INVISIBLE within the Basic Multilingual Plane. The rest (Unicode tags, say)
# is left out: an editor's pattern (ECMA-262 without the u flag) sees such characters as surrogate pairs, which a
# character class cannot name.
CONTROL = r"\u0000-\u0008\u000b-\u001f" + re.sub(r"\\U[0-9a-f]{8}(?:-\\U[0-9a-f]{8})?", "", INVISIBLE)
PLAIN_PATTERN = rf"^[^{CONTROL}]*$"
TEXT_PATTERN = rf"^(?=[\s\S]*?\S)[^{CONTROL}]*$"  # not blank: the models strip spaces before counting
LINE_PATTERN = rf"^(?=[^\n]*?\S)[^\n{CONTROL}]*$"
TAG_PATTERN = r"^(?![a-z0-9 +-]*  )[a-z0-9][a-z0-9 +-]*$"  # and never two spaces in a row
# http(s), a host (no user name or password before it), no spaces anywhere.
URL_PATTERN = (  # and never the characters RFC 3986 does not allow unencoded
    rf"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#@:<>\"{{}}|\\^`{CONTROL}][^\s/?#@<>\"{{}}|\\^`{CONTROL}]*"
    rf"(?:[/?#][^\s<>\"{{}}|\\^`{CONTROL}]*)?$"
)
# A real month and a day that month can have (29 February is let through in every year).
DATE_PATTERN = (
    r"^[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-9]))$"
)


def _any_case(text: str) -> str:
    # Both cases spelled out, as the dialects share no case-insensitive flag (see above).
    return "".join(f"[{c.upper()}{c}]" if c.isalpha() else re.escape(c) for c in text)


# Under builds/images/, names of letters, digits, '.', '_' and '-', ending in an image suffix (images.py).
_SUFFIXES = "|".join(_any_case(suffix.lstrip(".")) for suffix in images.SUFFIXES)
IMAGE_PATTERN = rf"^(?=[\s\S]*\.(?:{_SUFFIXES})$)images(?:/{images._NAME.pattern})+$"


def with_message(pattern: str, message: str) -> dict[str, str]:
    # patternErrorMessage is read by VS Code and yaml-language-server in place of the bare regex; validators
    # that do not know it ignore it.
    return {"pattern": pattern, "patternErrorMessage": message}


# For strings with no pattern of their own (editor.py): the YAML reader refuses these characters in any text.
PLAIN_KEYWORDS = with_message(PLAIN_PATTERN, "must not hold control or invisible formatting characters")
TEXT_KEYWORDS = with_message(TEXT_PATTERN, "must not be blank or hold control or invisible formatting characters")
