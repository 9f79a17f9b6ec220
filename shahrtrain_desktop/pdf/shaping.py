"""Logical Persian text → the shaped, visually ordered string reportlab draws.

arabic-reshaper picks contextual letter forms (harakat such as the ezafe hamza kept, lam-alef
ligature on); the pure-Python ``bidi.algorithm.get_display`` then reorders for display — it
mirrors brackets and guillemets and honours LRE…PDF embeddings, unlike python-bidi's Rust
default, and raises on isolates, which are therefore dropped first. See DESIGN.md,
"Persian text". Nothing here raises for any ``str``.

Both libraries are pure Python and a print run shapes every name and sentence, so the work is
cut where it provably changes nothing: words are shaped one at a time (joining never crosses a
space) and cached; a line is split at spaces between two right-to-left letters, where the
bidi algorithm's levels cannot interact; a piece with nothing but right-to-left letters,
neutrals and free-standing numbers is reversed and mirrored with its numbers kept in order.
Only pieces with Latin, embeddings or numbers joined by separators («۱۴۰۵/۰۸») go through the
full algorithm. The tests check all this against the plain algorithm on random text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import arabic_reshaper
from bidi.algorithm import get_display
from bidi.mirror import MIRRORED

LRE = "\u202a"
PDF_MARK = "\u202c"  # POP DIRECTIONAL FORMATTING
ZWNJ = "\u200c"
ZWJ = "\u200d"
TATWEEL = "\u0640"

_RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={
        "delete_harakat": False,  # keeps the ezafe hamza (U+0654) of «دورهٔ»
        "delete_tatweel": True,
        "support_zwj": False,
        "support_ligatures": True,
        "ARABIC LIGATURE ALLAH": False,  # «عبدالله» is spelled out, as a word processor does
    }
)


class _SettingsSnapshot(dict[str, object]):
    """The reshaper's settings read once. It asks its ``ConfigParser`` section for six
    booleans on every call, which cost more than shaping a short word."""

    def getboolean(self, key: str) -> bool:
        return bool(self[key.lower()])  # ConfigParser keys are case-insensitive


def _snapshot(section: Any) -> _SettingsSnapshot:
    values = _SettingsSnapshot()
    for key in section:
        try:
            values[key] = section.getboolean(key)
        except ValueError:  # "language" is a name, not a flag
            values[key] = section.get(key)
    return values


_ = _RESHAPER._ligatures_re  # built from the real settings before they are swapped
_RESHAPER.configuration = _snapshot(_RESHAPER.configuration)
# Directional controls the bidi algorithm understands; every other format character (isolates
# U+2066-2069 make python-bidi raise) is dropped before reordering.
_BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e")
_EMBEDDING_PUSH = frozenset("\u202a\u202b\u202d\u202e")
_EMBEDDING_RE = re.compile("[\u202a-\u202e]")
_EMBEDDED_SPAN_RE = re.compile("[\u202a\u202b\u202d\u202e][^\u202a-\u202e]*\u202c")
_LINE_BREAKS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")

# Text made only of these needs no sanitizing (a fast check before the per-character one).
_PLAIN_RE = re.compile(
    "[ -~\u00a0\u00ab\u00bb\u060c\u061b\u061f\u0621-\u063a\u0641-\u065f\u0660-\u066d"
    "\u066e-\u06d3\u06d5\u06f0-\u06ff\u200c\u200f\u202a\u202c\u2013\u2014\u2026]*"
)
# Letters that take contextual forms; a word without one (digits, Latin, punctuation) is
# drawn as it is.
_JOINING_RE = re.compile("[\u0620-\u064a\u066e-\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# Right-to-left letters (every one of class AL) around a space where a line may be split.
_LETTER = (
    "[\u0621-\u063a\u0640-\u064a\u066e\u066f\u0671-\u06d3\u06d5"
    "\ufb50-\ufbb1\ufbd3-\ufd3d\ufe70-\ufe74\ufe76-\ufefc]"
)
_CUT_RE = re.compile(f"(?<={_LETTER}) (?={_LETTER})")
_MARK = "[\u064b-\u065f\u0670]"
# A ZWNJ between two letters (the first may carry a mark, as «هٔ» does).
_ZWNJ_RE = re.compile(f"(?:(?<={_LETTER})|(?<={_LETTER}{_MARK})){ZWNJ}(?={_LETTER})")
# Pieces made only of right-to-left letters, marks and neutrals: all at level 1, reversed whole.
_PURE_CHARS = (
    " !-/:-@\\[-`{-~\u00a0\u00ab\u00bb\u060c\u061b\u061f\u0621-\u063a\u0640-\u0655"
    "\u0670-\u06d3\u06d5\u200c\u200f\u2013\u2014\u2026\ufb50-\ufbb1\ufbd3-\ufd3d"
    "\ufe70-\ufe74\ufe76-\ufefc"
)
_PURE_RE = re.compile(f"[{_PURE_CHARS}]*")
# With digits too: each run of digits is a left-to-right island at level 2, the rest level 1,
# unless a separator, a mark or a currency/percent sign next to a digit could join numbers.
_DIGITS = "0-9\u0660-\u0669\u066b\u066c\u06f0-\u06f9"
_WITH_DIGITS_RE = re.compile(f"[{_PURE_CHARS}{_DIGITS}]*")
_NUMBER_JOINERS_RE = re.compile(
    f"[{_DIGITS}][,./:\u00a0\u060c+\\-][{_DIGITS}]|[{_DIGITS}][\u064b-\u065f\u0670]|[#$%]"
)
_DIGIT_RUN_RE = re.compile(f"[{_DIGITS}]+")
# A code embedded left to right (``embed_ltr``) with only ASCII in it: every character resolves
# to level 2 and the piece reads exactly as stored.
_EMBEDDED_ASCII_RE = re.compile("\u202a[ -~]*\u202c")
_MIRROR = {ord(k): v for k, v in MIRRORED.items() if unicodedata.mirrored(k)}
_MIRROR[ord(ZWNJ)] = None  # the bidi algorithm drops boundary-neutral characters
_FINISH = {ord(ch): None for ch in _BIDI_CONTROLS} | {ord(TATWEEL): ZWNJ}
_CONTEXT = {"AL": "\u0627", "R": "\u05d0"}


@lru_cache(maxsize=512)
def sanitize(text: str) -> str:
    """Drop what cannot be drawn or would upset the bidi algorithm; never raises."""
    if _PLAIN_RE.fullmatch(text):
        return text
    out: list[str] = []
    for ch in text:
        if ch in _LINE_BREAKS:
            out.append(" ")
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Cn", "Co") or ch == ZWJ or ch == TATWEEL:
            continue
        if category == "Cf" and ch != ZWNJ and ch not in _BIDI_CONTROLS:
            continue
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=4096)
def shape_word(word: str) -> str:
    """Contextual forms for one space-free piece of text."""
    if not _JOINING_RE.search(word):
        return word
    try:
        return str(_RESHAPER.reshape(word))
    except Exception:  # a reshaper bug must not stop a print run; draw the letters unjoined
        return word


def shape(text: str) -> str:
    return " ".join(shape_word(word) for word in text.split(" "))


def _keep_zwnj(shaped: str) -> str:
    """Let a ZWNJ between two right-to-left letters survive reordering.

    The bidi algorithm drops ZWNJ (class BN). Tatweel (class AL, removed from the input by
    :func:`sanitize`) stands in for it during reordering and is turned back afterwards, so
    the PDF keeps the half-space: copied text reads «شهرداری‌ها», not «شهرداریها».
    """
    return _ZWNJ_RE.sub(TATWEEL, shaped) if ZWNJ in shaped else shaped


def _cuts(text: str) -> list[int]:
    """Spaces between two right-to-left letters outside any embedding."""
    cuts = [m.start() for m in _CUT_RE.finditer(text)]
    if not cuts or not _EMBEDDING_RE.search(text):
        return cuts
    spans = [m.span() for m in _EMBEDDED_SPAN_RE.finditer(text)]
    if len(_EMBEDDING_RE.findall(text)) == 2 * len(spans):  # simple, balanced embeddings
        return [c for c in cuts if not any(a < c < b for a, b in spans)]
    depth, embedded = 0, []
    for ch in text:
        if ch in _EMBEDDING_PUSH:
            depth += 1
        elif ch == PDF_MARK:
            depth = max(0, depth - 1)
        embedded.append(depth > 0)
    return [c for c in cuts if not embedded[c]]


@lru_cache(maxsize=1024)
def _reorder_piece(piece: str, context: str) -> str:
    """Visual order of one piece of an RTL line; *context* is the class of the letter before."""
    if _PURE_RE.fullmatch(piece):
        return piece[::-1].translate(_MIRROR)
    if _EMBEDDED_ASCII_RE.fullmatch(piece):
        return piece
    if _WITH_DIGITS_RE.fullmatch(piece) and not _NUMBER_JOINERS_RE.search(piece.replace(ZWNJ, "")):
        return _DIGIT_RUN_RE.sub(_reversed, piece[::-1].translate(_MIRROR))
    prefix = _CONTEXT[context] + " " if context else ""
    visual = str(get_display(prefix + piece, base_dir="R"))
    if prefix:
        if not visual.endswith(prefix[::-1]):
            raise ValueError("unexpected reordering")  # caught: the line is done whole
        visual = visual[: -len(prefix)]
    return visual


def _reversed(match: re.Match[str]) -> str:
    return match.group()[::-1]


def _reorder_rtl(text: str) -> str:
    cuts = _cuts(text)
    if not cuts:
        return _reorder_piece(text, "")
    pieces: list[str] = []
    start, context = 0, ""
    for cut in cuts:
        pieces.append(_reorder_piece(text[start:cut], context))
        context = unicodedata.bidirectional(text[cut - 1])
        start = cut + 1
    pieces.append(_reorder_piece(text[start:], context))
    return " ".join(reversed(pieces))


def reorder(shaped: str, base_rtl: bool = True) -> str:
    """Visual order of a shaped line, controls removed, ZWNJ kept between letters."""
    text = _keep_zwnj(shaped)
    try:
        visual = _reorder_rtl(text) if base_rtl else str(get_display(text, base_dir="L"))
    except Exception:
        try:
            visual = str(get_display(text, base_dir="R" if base_rtl else "L"))
        except Exception:  # last resort: plain reversal still reads better than nothing
            visual = text[::-1] if base_rtl else text
    # Controls have done their work; drawn they would only pollute copied text.
    return visual.translate(_FINISH)


@lru_cache(maxsize=512)
def _visual_line(text: str, base_rtl: bool) -> str:
    clean = sanitize(text)
    if not clean.strip():
        return ""
    return reorder(shape(clean), base_rtl)


def visual_line(text: str, base_rtl: bool = True) -> str:
    """One logical line as the shaped, visually ordered string reportlab should draw."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if _EMBEDDED_ASCII_RE.fullmatch(text):  # a code alone on its line (``embed_ltr``)
        return text[1:-1]
    return _visual_line(text, base_rtl)
