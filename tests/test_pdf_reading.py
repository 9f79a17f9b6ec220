"""How a reader sees glyphs drawn in a PDF, independently of the engine that drew them.

Helpers shared by the PDF tests (imported as ``test_pdf_reading``), with tests of their own:
a checker is only worth something if it catches what it is meant to catch.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

Char = dict[str, Any]

ZWNJ = "\u200c"
# Letters that join only to the letter before them (on their right).
RIGHT_JOINING = frozenset("اآأإٱدذرزژوؤۀةڈڑ")
NON_JOINING = frozenset("ء")
_WORD_CHAR = "[\u0600-\u06ff\u200c]"
FORMS = ("ISOLATED", "INITIAL", "MEDIAL", "FINAL")


def base(ch: str) -> str:
    """Plain letters behind a presentation form (lam-alef gives two)."""
    return unicodedata.normalize("NFKC", ch)


def is_letter(ch: str) -> bool:
    letters = base(ch)
    return bool(letters) and all(
        "\u0620" <= c <= "\u064a" or "\u0671" <= c <= "\u06d3" for c in letters
    )


def is_mark(ch: str) -> bool:
    return bool(ch) and all(unicodedata.combining(c) for c in base(ch))


def form_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    for form in FORMS:
        if name.endswith(f"{form} FORM"):
            return form
    return "UNSHAPED"


def joins_forward(letter: str) -> bool:
    return letter not in RIGHT_JOINING and letter not in NON_JOINING


def joining_problems(visual: Sequence[str]) -> list[str]:
    """Letters drawn in the wrong contextual form, given glyphs in left-to-right order.

    The glyph a letter joins *from* (the previous one when reading) is on its right.
    """
    glyphs = [g for g in visual if not is_mark(g)]
    problems = []
    for i, glyph in enumerate(glyphs):
        if not is_letter(glyph):
            continue
        right = glyphs[i + 1] if i + 1 < len(glyphs) else ""
        left = glyphs[i - 1] if i > 0 else ""
        letters = base(glyph)
        joins_previous = (
            is_letter(right) and joins_forward(base(right)[-1]) and letters[0] not in NON_JOINING
        )
        joins_next = (
            is_letter(left) and joins_forward(letters[-1]) and base(left)[0] not in (NON_JOINING)
        )
        expected = {
            (False, False): "ISOLATED",
            (False, True): "INITIAL",
            (True, True): "MEDIAL",
            (True, False): "FINAL",
        }[(joins_previous, joins_next)]
        if form_of(glyph) != expected:
            problems.append(f"{letters!r} drawn {form_of(glyph)}, expected {expected}")
    return problems


def visual_order(chars: Sequence[Char]) -> list[Char]:
    """Chars left to right; a zero-width glyph drawn at the same x keeps its drawing order."""
    indexed = list(enumerate(chars))
    indexed.sort(key=lambda item: (round(item[1]["x0"], 2), item[0]))
    return [c for _, c in indexed]


def reading_text(chars: Sequence[Char]) -> str:
    """What a Persian reader reads in a right-to-left line with no Latin in it."""
    return "".join(base(c["text"]) for c in reversed(visual_order(chars)))


def lines_of(chars: Sequence[Char]) -> list[list[Char]]:
    """Upright chars grouped into lines (same baseline), top to bottom."""
    groups: dict[float, list[Char]] = {}
    for c in chars:
        if c.get("upright", True):
            groups.setdefault(round(c["matrix"][5]), []).append(c)
    return [groups[y] for y in sorted(groups, reverse=True)]


def line_containing(chars: Sequence[Char], anchor: str) -> list[Char]:
    """The one line whose reading text holds *anchor* (Persian-only words) as whole words."""
    pattern = re.compile(f"(?<!{_WORD_CHAR}){re.escape(anchor)}(?!{_WORD_CHAR})")
    found = [line for line in lines_of(chars) if pattern.search(reading_text(line))]
    assert len(found) == 1, f"{anchor!r} found on {len(found)} lines"
    return found[0]


def span(chars: Sequence[Char]) -> tuple[float, float]:
    return min(c["x0"] for c in chars), max(c["x1"] for c in chars)


def chars_of_word(line: Sequence[Char], word: str) -> list[Char]:
    """The chars of a Persian word (as read) within a line."""
    ordered = list(reversed(visual_order(line)))
    text = [base(c["text"]) for c in ordered]
    joined = "".join(text)
    start = joined.index(word)
    result, pos = [], 0
    for c, t in zip(ordered, text, strict=True):
        if start <= pos < start + len(word):
            result.append(c)
        pos += len(t)
    return result


# -- the helpers catch what they should --------------------------------------------------------


def test_checker_accepts_word_processor_forms() -> None:
    # «سلام» as a word processor draws it, left to right: ﻡ ﻼ ﺳ (lam-alef ligature).
    assert joining_problems(["\ufee1", "\ufefc", "\ufeb3"]) == []
    # «می‌شود»: the ZWNJ breaks the join, so yeh is final and sheen initial.
    assert joining_problems(["\ufea9", "\ufeee", "\ufeb7", ZWNJ, "\ufbfd", "\ufee3"]) == []


def test_checker_flags_isolated_fallbacks() -> None:
    # «سلام» drawn with every letter isolated, as an unshaped renderer does.
    assert joining_problems(["\ufee1", "\ufe8d", "\ufedd", "\ufeb1"])
    # Unshaped base letters are just as wrong.
    assert joining_problems(list("مالس"))


def test_reading_text_orders_zero_width_glyphs() -> None:
    chars = [
        {"text": "\u0654", "x0": 10.0},  # ezafe hamza drawn before its heh, same x
        {"text": "\ufeea", "x0": 10.0},
        {"text": "\ufeae", "x0": 16.0},
    ]
    assert reading_text(chars) == "ر\u0647\u0654"
