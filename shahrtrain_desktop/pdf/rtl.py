"""Persian (right-to-left) text on reportlab pages: the one entry point for drawing it.

Every line is drawn in its visual form (:mod:`.shaping`): letters joined, words right to
left, brackets mirrored, Latin and digit runs in their own order. Paragraphs are wrapped in
logical order first (:mod:`.wrapping`), so wrapped lines read top to bottom, and nothing is
drawn past the box it is given: a line too wide is condensed to fit. See DESIGN.md, "Persian
text". Nothing here raises for any ``str``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from shahrtrain_desktop.persian.jalali import RLM, rtl_date_marks

from .shaping import LRE, PDF_MARK, ZWNJ, visual_line
from .wrapping import ELLIPSIS, fit_font_size, layout_paragraph, text_width, wrap_logical

__all__ = [
    "ELLIPSIS",
    "LRE",
    "NBSP",
    "PDF_MARK",
    "RLM",
    "ZWNJ",
    "Align",
    "RtlText",
    "draw_paragraph_rtl",
    "draw_rtl",
    "draw_rtl_centered",
    "embed_ltr",
    "fit_font_size",
    "layout_paragraph",
    "rtl_date",
    "text_width",
    "visual_line",
    "wrap_logical",
]

NBSP = "\u00a0"
Align = Literal["right", "center"]
RGB = tuple[float, float, float]


def embed_ltr(code: str) -> str:
    """Wrap a Latin/digit code (``1405-QZ-000123``) so it reads exactly as typed in RTL text."""
    return f"{LRE}{code}{PDF_MARK}"


def rtl_date(text: str) -> str:
    """Keep a ``YYYY/MM/DD`` date's year on the right, as in any Persian letter (the same
    marks the window uses: :func:`~shahrtrain_desktop.persian.jalali.rtl_date_marks`)."""
    return rtl_date_marks(text)


class RtlText:
    """Lines of Persian text gathered into one PDF text object, drawn by :meth:`draw`.

    One text object for many lines: reportlab's ``drawString`` costs more per call than a
    certificate line itself, so a page's changing text goes out as one object. The text
    operators of a line are formatted once per document and reused: a print run repeats the
    course title, dates and fixed sentence parts on hundreds of pages.
    """

    def __init__(self, canvas: Canvas) -> None:
        self._canvas = canvas
        self._text = canvas.beginText()
        self._font: tuple[str, float] | None = None
        self._color: RGB | None = None
        self._seen = _document_cache(canvas)

    def color(self, rgb: RGB) -> None:
        if rgb != self._color:
            self._text.setFillColorRGB(*rgb)
            self._color = rgb

    def line(
        self,
        x: float,
        y: float,
        text: str,
        font: str,
        size: float,
        max_width: float | None = None,
        align: Align = "right",
    ) -> float:
        """Add one line ending at *x* (``"right"``) or centred on it; returns its width.

        With *max_width*, a line that is too wide is condensed to fit instead of overflowing.
        """
        measured = self._seen.measured.get((text, font, size))
        if measured is None:
            visual = visual_line(text)
            measured = (visual, float(stringWidth(visual, font, size)) if visual else 0.0)
            self._seen.measured[text, font, size] = measured
        visual, width = measured
        if not visual:
            return 0.0
        squeeze = 1.0
        if max_width is not None and width > max_width > 0:
            squeeze, width = max_width / width, max_width
        if self._font != (font, size):
            self._text.setFont(font, size)
            self._font = (font, size)
        self._text.setTextOrigin(x - width if align == "right" else x - width / 2, y)
        if squeeze < 1.0:
            self._text.setHorizScale(100 * squeeze)
        self._text_out(visual, font, size)
        if squeeze < 1.0:
            self._text.setHorizScale(100)
        return width

    def _text_out(self, visual: str, font: str, size: float) -> None:
        """``textOut`` with the formatted operators cached for this document.

        What reportlab writes for a string depends only on the document's font subsets (a
        glyph, once given a code, keeps it) and on the subset selected before it, so both are
        part of the key. Where the text object lacks the internals this relies on, the plain
        ``textOut`` is used.
        """
        text = self._text
        try:
            key = (font, size, text._curSubset, visual)
            hit = self._seen.operators.get(key)
            if hit is None:
                hit = self._seen.operators[key] = (text._formatText(visual), text._curSubset)
            else:
                text._curSubset = hit[1]
            text._code.append(hit[0])
        except AttributeError:
            text.textOut(visual)

    def lines(
        self,
        lines: Iterable[str],
        x_right: float,
        y_top: float,
        width: float,
        font: str,
        size: float,
        leading: float,
        align: Align = "right",
    ) -> float:
        """Add lines top to bottom in a box *width* wide; returns the y below the last one.

        The first baseline is one font size below *y_top*.
        """
        x = x_right if align == "right" else x_right - width / 2
        y = y_top
        for line in lines:
            self.line(x, y - size, line, font, size, width, align)
            y -= leading
        return y

    def draw(self) -> None:
        """Put the collected lines on the canvas (the object can then be filled again)."""
        self._canvas.drawText(self._text)
        self._text = self._canvas.beginText()
        self._font = self._color = None


class _DocumentCache:
    """What one document has already drawn: each logical line's visual form and width, and
    the text operators of each visual line (valid only within the document's font subsets)."""

    __slots__ = ("measured", "operators")

    def __init__(self) -> None:
        self.measured: dict[tuple[str, str, float], tuple[str, float]] = {}
        self.operators: dict[tuple[str, float, int, str], tuple[str, int]] = {}


_CACHE_ATTRIBUTE = "_shahrtrain_rtl_cache"


def _document_cache(canvas: Canvas) -> _DocumentCache:
    """The canvas's own cache: it lives and dies with the document, and a print run on the
    worker never shares one with a preview drawn on the GUI thread."""
    cache = getattr(canvas, _CACHE_ATTRIBUTE, None)
    if not isinstance(cache, _DocumentCache):
        cache = _DocumentCache()
        setattr(canvas, _CACHE_ATTRIBUTE, cache)
    return cache


def draw_rtl(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    max_width: float | None = None,
    align: Align = "right",
) -> float:
    """Draw one line ending at *x* (or centred on it, ``align="center"``), baseline *y*;
    returns the width drawn.

    With *max_width*, a line that is too wide is condensed to fit instead of overflowing.
    """
    out = RtlText(canvas)
    width = out.line(x, y, text, font, size, max_width, align)
    out.draw()
    return width


def draw_rtl_centered(
    canvas: Canvas,
    x_center: float,
    y: float,
    text: str,
    font: str,
    size: float,
    max_width: float | None = None,
) -> float:
    """:func:`draw_rtl` centred on *x_center* (the name the report pages use)."""
    return draw_rtl(canvas, x_center, y, text, font, size, max_width, "center")


def draw_paragraph_rtl(
    canvas: Canvas,
    text: str,
    x_right: float,
    y_top: float,
    width: float,
    font: str,
    size: float,
    leading: float,
    align: Align = "right",
    max_lines: int | None = None,
) -> float:
    """Wrap and draw a paragraph in the box (*x_right* − *width* … *x_right*, from *y_top* down).

    The first baseline is one font size below *y_top*; returns the y below the last line.
    """
    out = RtlText(canvas)
    lines = layout_paragraph(text, font, size, width, max_lines)
    y = out.lines(lines, x_right, y_top, width, font, size, leading, align)
    out.draw()
    return y
