"""Iranian mobile numbers, stored as ``09xxxxxxxxx``."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from .errors import InvalidField
from .normalize import normalize_text, to_ascii_digits, to_persian_digits

FIELD = "mobile"

# Messages shown to the user; {mobile} is shown with Persian digits.
MSG_EMPTY = "شمارهٔ همراه وارد نشده است."
MSG_NOT_DIGITS = "شمارهٔ همراه فقط باید رقم داشته باشد؛ «{mobile}» پذیرفته نیست."
MSG_FORMAT = (
    "شمارهٔ همراه «{mobile}» درست نیست؛ باید ۱۱ رقم باشد و با ۰۹ شروع شود، مانند ۰۹۱۲۳۴۵۶۷۸۹."
)

_SEPARATORS_RE = re.compile(r"[\s\-_.()\u2010-\u2015\u2212]+")
_DIGITS_RE = re.compile(r"[0-9]+")
# A numeric spreadsheet cell saved as text ("9123456789.0").
_TRAILING_ZERO_FRACTION_RE = re.compile(r"([0-9]+)\.0+")


def normalize_mobile(value: object) -> str:
    """Return the number as ``09xxxxxxxxx`` where it can be recognised.

    Accepts ``+98 912 345 6789``, ``0098…``, ``98912…``, ``9123456789`` (also as a number read
    from Excel), Persian/Arabic digits, spaces, dashes and brackets. Anything unrecognised is
    returned cleaned but otherwise unchanged, for :func:`validate_mobile` to report.
    """
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            value = str(int(value))
    text = to_ascii_digits(normalize_text(value))
    match = _TRAILING_ZERO_FRACTION_RE.fullmatch(text)
    text = _SEPARATORS_RE.sub("", match.group(1) if match else text)
    for prefix in ("+98", "0098"):
        if text.startswith(prefix):
            rest = text[len(prefix) :]
            # "+98 (0) 912…" keeps its own trunk zero.
            return rest if rest.startswith("0") else "0" + rest
    if len(text) == 12 and text.startswith("989"):
        return "0" + text[2:]
    if len(text) == 10 and text.startswith("9"):
        return "0" + text
    return text


def validate_mobile(value: object, optional: bool = False, field: str = FIELD) -> str:
    """Return ``09xxxxxxxxx`` or raise :class:`InvalidField`.

    With ``optional=True`` an empty value gives ``""`` instead of an error.
    """
    mobile = normalize_mobile(value)
    if not mobile:
        if optional:
            return ""
        raise InvalidField(field, MSG_EMPTY)
    shown = to_persian_digits(mobile)
    # A foreign number ("+1 …") gets the format message below, not "digits only".
    if not _DIGITS_RE.fullmatch(mobile.removeprefix("+")):
        raise InvalidField(field, MSG_NOT_DIGITS.format(mobile=shown))
    if len(mobile) != 11 or not mobile.startswith("09"):
        raise InvalidField(field, MSG_FORMAT.format(mobile=shown))
    return mobile
