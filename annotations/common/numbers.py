"""Whole numbers from query strings, parsed once and strictly.

A number is written plainly: ASCII digits, no sign, no spaces, no leading zero. Anything else is not a
number, however Python's int() would read it ("000001000", " 7", "+3", "١٢", "1_000"), so that the value
checked is the value used, and no string of any length is ever converted.
"""

import re

_PLAIN = re.compile(r"(?:0|[1-9][0-9]*)", re.ASCII)


def whole_number(value: str | None, *, low: int, high: int) -> int | None:
    """The number `value` writes, if it is written plainly and lies in low..high; else None."""
    if value is None or len(value) > len(str(high)) or not _PLAIN.fullmatch(value):
        return None
    number = int(value)
    return number if low <= number <= high else None
