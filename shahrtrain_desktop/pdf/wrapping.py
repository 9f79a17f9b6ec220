"""Measuring and wrapping Persian text for reportlab, in logical order.

Paragraphs are wrapped in *logical* order and each line is reordered on its own (see
:mod:`.shaping`), so wrapped lines read top to bottom. Widths are those of the shaped text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from .shaping import sanitize, shape_word, visual_line

ELLIPSIS = "\u2026"
# Lines break at whitespace, except no-break spaces: «تا\u00a0۱۴۰۵/۰۸/۳۰» stays together.
_BREAK_RE = re.compile("[^\\S\u00a0\u2007\u202f]+")


def text_width(text: str, font: str, size: float) -> float:
    """Width of *text* (logical) as drawn."""
    return float(stringWidth(visual_line(text), font, size))


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}
_WIDTHS_KEPT = 20_000  # words per font and size; a table this full is started afresh


def _word_widths(words: Sequence[str], font: str, size: float) -> tuple[float, ...]:
    """Drawn widths of space-free words. Joining never crosses a space, so a line's width is
    the sum of its shaped words'; each word is shaped and measured once per font and size."""
    table = _WIDTHS.get((font, size))
    if table is None or len(table) > _WIDTHS_KEPT:
        table = _WIDTHS[font, size] = {}
    widths = list(map(table.get, words))
    if None in widths:
        for i, width in enumerate(widths):
            if width is None:
                word = words[i]
                widths[i] = table[word] = float(stringWidth(shape_word(word), font, size))
    return tuple(widths)  # type: ignore[arg-type]


def _word_width(word: str, font: str, size: float) -> float:
    return _word_widths((word,), font, size)[0]


def _graphemes(word: str) -> list[str]:
    clusters: list[str] = []
    for ch in word:
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def _break_word(word: str, font: str, size: float, max_width: float) -> list[str]:
    """Split a word too wide for one line into pieces that fit (never between base and mark)."""
    pieces: list[str] = []
    current = ""
    for cluster in _graphemes(word):
        if current and _word_width(current + cluster, font, size) > max_width:
            pieces.append(current)
            current = cluster
        else:
            current += cluster
    if current:
        pieces.append(current)
    return pieces


@lru_cache(maxsize=128)
def _measure(text: str, font: str, size: float) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The words of *text* (split where a line may break) and their drawn widths."""
    words = tuple(filter(None, _BREAK_RE.split(sanitize(str(text)).strip())))
    return words, _word_widths(words, font, size)


def _line_starts(widths: Sequence[float], space: float, max_width: float) -> list[int]:
    """Greedy line breaking: the index of the first word of each line."""
    starts: list[int] = []
    width = 0.0
    for i, word_width in enumerate(widths):
        if starts and width + space + word_width <= max_width:
            width += space + word_width
        else:
            starts.append(i)
            width = word_width
    return starts


def wrap_logical(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Wrap logical text into logical lines no wider than *max_width*, first line first."""
    words, widths = _measure(text, font, size)
    if not words:
        return []
    if max_width > 0 and max(widths) > max_width:
        pieces = [
            piece
            for word, width in zip(words, widths, strict=True)
            for piece in (
                _break_word(word, font, size, max_width) if width > max_width else (word,)
            )
        ]
        words, widths = tuple(pieces), _word_widths(pieces, font, size)
    starts = _line_starts(widths, _space_width(font, size), max_width)
    ends = [*starts[1:], len(words)]
    return [" ".join(words[a:b]) for a, b in zip(starts, ends, strict=True)]


@lru_cache(maxsize=64)
def _space_width(font: str, size: float) -> float:
    return float(stringWidth(" ", font, size))


def _truncate(line: str, font: str, size: float, max_width: float) -> str:
    """The longest start of *line* that fits with an ellipsis after it."""
    words = _BREAK_RE.split(line.strip())
    while words:
        candidate = " ".join(words) + " " + ELLIPSIS
        if text_width(candidate, font, size) <= max_width:
            return candidate
        words.pop()
    return ELLIPSIS


@lru_cache(maxsize=256)
def fit_font_size(
    text: str,
    font: str,
    max_size: float,
    min_size: float,
    width: float,
    max_lines: int = 1,
    step: float = 0.5,
) -> float:
    """The largest size from *max_size* down to *min_size* at which *text* fits in *max_lines*."""
    size = max_size
    while size > min_size:
        lines = wrap_logical(text, font, size, width)
        if len(lines) <= max_lines and all(text_width(ln, font, size) <= width for ln in lines):
            return size
        size -= step
    return min_size


def layout_paragraph(
    text: str,
    font: str,
    size: float,
    width: float,
    max_lines: int | None = None,
    balanced: bool = False,
) -> list[str]:
    """Logical lines of a paragraph, cut to *max_lines* with an ellipsis on the last one.

    *balanced* evens out the line lengths (about the same width each, no more lines), so a
    centred paragraph does not end in a lonely word.
    """
    return list(_layout_paragraph(text, font, size, width, max_lines, balanced))


@lru_cache(maxsize=256)
def _layout_paragraph(
    text: str,
    font: str,
    size: float,
    width: float,
    max_lines: int | None,
    balanced: bool,
) -> tuple[str, ...]:
    lines = wrap_logical(text, font, size, width)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines] if max_lines > 0 else []
        if lines:
            lines[-1] = _truncate(lines[-1], font, size, width)
    elif balanced and len(lines) > 1:
        # Start from an even share of the text per line and widen until it needs no more
        # lines; never narrower than the widest word, so balancing never breaks a word.
        _, widths = _measure(text, font, size)
        space = _space_width(font, size)
        even = (sum(widths) + space * (len(widths) - 1)) / len(lines)
        target = min(width, max(even, *widths))
        while target < width and len(_line_starts(widths, space, target)) > len(lines):
            target = min(width, target * 1.04)
        lines = wrap_logical(text, font, size, target)
    return tuple(lines)
