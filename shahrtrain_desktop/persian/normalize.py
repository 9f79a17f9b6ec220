"""Normalising Persian text on the way in, digit conversion and search folding.

Stored text is what :func:`normalize_text` returns: Arabic yeh/kaf replaced by the Persian
letters, invisible marks pasted from Word/Excel removed, whitespace folded, the half-space
(ZWNJ) kept where it separates two letters and the ezafe hamza (``هٔ``) left exactly as typed
(composing it to U+06C0 draws worse at the end of a word).
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .errors import InvalidField

ZWNJ = "\u200c"

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DECIMAL_SEPARATOR = "٫"  # U+066B
PERSIAN_THOUSANDS_SEPARATOR = "٬"  # U+066C

# Messages shown to the user.
MSG_NOT_A_NUMBER = "«{text}» عدد معتبری نیست؛ عددی مانند ۱۸٫۵ وارد کنید."

# Invisible characters that only disturb storage, search and rendering.
_REMOVED = (
    "\u0640"  # tatweel (kashida)
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator (invisible)
    "\u200b"  # zero-width space
    "\u200e\u200f"  # LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # isolates (python-bidi's pure-Python algorithm raises on them)
    "\u206a\u206b\u206c\u206d\u206e\u206f"  # deprecated shaping/digit-shape controls
    "\ufeff"  # BOM / zero-width no-break space
)

_TEXT_TABLE: dict[int, str | None] = {ord(ch): None for ch in _REMOVED}
_TEXT_TABLE.update(
    {
        ord("\u064a"): "\u06cc",  # Arabic yeh -> Persian yeh (hamza-seated ئ is a separate letter)
        ord("\u0649"): "\u06cc",  # alef maksura -> Persian yeh
        ord("\u0643"): "\u06a9",  # Arabic kaf -> Persian keheh
    }
)

_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, "0123456789" * 2)
_TO_PERSIAN = str.maketrans("0123456789", PERSIAN_DIGITS)

# C0/C1 controls that are not whitespace, and lone surrogates (they cannot even be encoded).
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")
# Arabic presentation forms come from text copied out of PDFs; store the plain letters.
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")
_ZWNJ_RUN_RE = re.compile(ZWNJ + "{2,}")
_ZWNJ_AT_SPACE_RE = re.compile(r"(?<=\s)" + ZWNJ + "|" + ZWNJ + r"(?=\s)")
_SPACE_RE = re.compile(r"\s+")
_BLANK_LINES_RE = re.compile(r"\n{3,}")


def _as_text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _clean(text: str) -> str:
    """Everything :func:`normalize_text` does except folding whitespace."""
    text = _PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _CONTROL_RE.sub("", text.translate(_TEXT_TABLE))
    text = _ZWNJ_RUN_RE.sub(ZWNJ, text)
    return _ZWNJ_AT_SPACE_RE.sub("", text)


def normalize_text(value: object) -> str:
    """Normalise a single-line value (name, title, free text) for storage.

    ``None`` gives ``""``; other non-strings are converted with ``str``. Digits are kept as
    typed. Never raises for any string, and ``normalize_text(normalize_text(x)) ==
    normalize_text(x)``.
    """
    text = _SPACE_RE.sub(" ", _clean(_as_text(value))).strip(" ")
    # A half-space at the start or end of the text joins nothing.
    return text.strip(ZWNJ)


def normalize_multiline(value: object) -> str:
    """Like :func:`normalize_text` but keeps line breaks.

    Each line is normalised on its own; any kind of line break becomes ``"\\n"``; leading and
    trailing blank lines are dropped and a run of blank lines becomes a single blank line.
    """
    lines = [normalize_text(line) for line in _as_text(value).splitlines()]
    text = "\n".join(lines).strip("\n")
    return _BLANK_LINES_RE.sub("\n\n", text)


def to_ascii_digits(s: str) -> str:
    """Replace Persian (۰–۹) and Arabic-Indic (٠–٩) digits with ASCII digits."""
    return s.translate(_TO_ASCII)


def _format_decimal(number: Decimal, grouping: bool, decimals: int | None) -> str:
    if decimals is not None:
        with localcontext() as ctx:
            ctx.prec = max(number.adjusted(), 0) + decimals + 5
            number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if number.is_zero():
        number = abs(number)  # no "-0"
    text = format(number, "f")
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    fraction = fraction.rstrip("0")
    if grouping:
        whole = f"{int(whole):,}".replace(",", PERSIAN_THOUSANDS_SEPARATOR)
    return sign + whole + (PERSIAN_DECIMAL_SEPARATOR + fraction if fraction else "")


def to_persian_digits(value: object, grouping: bool = False, decimals: int | None = None) -> str:
    """Text with Persian digits for display.

    Strings only have their digits replaced (``"1405/09/04"`` -> ``"۱۴۰۵/۰۹/۰۴"``). Numbers are
    formatted: ``18.5`` -> ``"۱۸٫۵"``, ``18.0`` -> ``"۱۸"``; ``grouping=True`` adds ``٬`` between
    thousands; ``decimals`` rounds (half up) to at most that many decimal places.
    ``None`` gives ``""``.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        text = str(value)
    elif isinstance(value, int):
        text = _format_decimal(Decimal(value), grouping, None)
    elif isinstance(value, float):
        # repr() is the shortest text that round-trips: 0.1 stays 0.1, not 0.1000000000000000055.
        text = (
            _format_decimal(Decimal(repr(value)), grouping, decimals)
            if math.isfinite(value)
            else str(value)
        )
    elif isinstance(value, Decimal):
        text = _format_decimal(value, grouping, decimals) if value.is_finite() else str(value)
    else:
        text = str(value)
    return text.translate(_TO_PERSIAN)


# ---------------------------------------------------------------------------------------------
# Search folding

_SEARCH_TABLE: dict[int, str | None] = {
    ord("\u064a"): "\u06cc",  # ي
    ord("\u0649"): "\u06cc",  # ى
    ord("\u0643"): "\u06a9",  # ك
    ord("\u0629"): "\u0647",  # ة
    ord("\u06d5"): "\u0647",  # ە (what ۀ decomposes to)
    ord("\u06c1"): "\u0647",  # ہ
    ord("\u0671"): "\u0627",  # ٱ
    ord("\u0621"): None,  # standalone hamza: «جزء» finds «جز»
    ord(ZWNJ): None,
    ord("\u200d"): None,
}
_SEARCH_TABLE.update({ord(d): str(i) for i, d in enumerate(PERSIAN_DIGITS)})
_SEARCH_TABLE.update({ord(d): str(i) for i, d in enumerate(ARABIC_INDIC_DIGITS)})
_ANY_SPACE_RE = re.compile(r"\s+")


def _fold(text: str) -> str:
    # NFKD splits آ/أ/إ/ؤ/ئ/ۀ into a base letter plus a mark, so dropping marks unifies them.
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _ANY_SPACE_RE.sub("", text.translate(_SEARCH_TABLE)).casefold()


def search_key(value: object) -> str:
    """Fold text for search-as-you-type; compare ``search_key(query) in search_key(name)``.

    Ignores spaces and half-spaces, Arabic/Persian letter variants (ي/ی, ك/ک, ة/ۀ/هٔ/ه,
    آ/أ/إ/ا, ؤ/و, ئ/ی), harakat and hamza marks, digit script and Latin case:
    «اسماعیلی‌پور», «اسماعيلي پور» and «اسماعیلیپور» have the same key.
    """
    key = _fold(normalize_text(value))
    # Case folding and compatibility decomposition can feed each other (ℌ -> H -> h); repeat
    # until nothing changes so the key is idempotent. Two rounds are enough in practice.
    for _ in range(4):
        again = _fold(key)
        if again == key:
            break
        key = again
    return key


# ---------------------------------------------------------------------------------------------
# Numbers typed by users

_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DECIMAL_SEPARATORS = str.maketrans(
    {PERSIAN_DECIMAL_SEPARATOR: ".", "/": ".", ",": ".", "\u060c": ".", "\u2212": "-"}
)


def parse_decimal(value: object, field: str = "number") -> float | None:
    """Read a decimal number typed by a user or read from a spreadsheet.

    Accepts ``"18.5"``, ``"۱۸٫۵"``, ``"۱۸/۵"`` (the slash Persian keyboards type), ``"18,5"``
    and stray spaces; ``None``/``""`` give ``None``. Anything else raises
    :class:`InvalidField` (a ``ValueError``) with a Persian message.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise InvalidField(field, MSG_NOT_A_NUMBER.format(text=value))
    if isinstance(value, int | float | Decimal):
        number = float(value)
        if not math.isfinite(number):
            raise InvalidField(field, MSG_NOT_A_NUMBER.format(text=value))
        return number
    text = normalize_text(value)
    if not text:
        return None
    compact = to_ascii_digits(text).replace(" ", "").translate(_DECIMAL_SEPARATORS)
    if not _DECIMAL_RE.fullmatch(compact):
        raise InvalidField(field, MSG_NOT_A_NUMBER.format(text=text))
    return float(compact)
