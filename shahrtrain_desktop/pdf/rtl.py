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

from .shaping import LRE, PDF_MARK, RLM, ZWNJ, visual_line
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
    "draw_lines_rtl",
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
    """Keep a ``YYYY/MM/DD`` date's year on the right, as in any Persian letter.

    A number run is left to right by the bidi rules, which would put the year on the left; a
    right-to-left mark after each part makes the parts follow the paragraph direction instead.
    """
    return (RLM + "/").join(text.split("/"))


class RtlText:
    """Lines of Persian text gathered into one PDF text object, drawn by :meth:`draw`.

    One text object for many lines: reportlab's ``drawString`` costs more per call than a
    certificate line itself, so a page's changing text goes out as one object.
    """

    def __init__(self, canvas: Canvas) -> None:
        self._canvas = canvas
        self._text = canvas.beginText()
        self._font: tuple[str, float] | None = None
        self._color: RGB | None = None

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
        visual = visual_line(text)
        if not visual:
            return 0.0
        width = float(stringWidth(visual, font, size))
        squeeze = 1.0
        if max_width is not None and width > max_width > 0:
            squeeze, width = max_width / width, max_width
        if self._font != (font, size):
            self._text.setFont(font, size)
            self._font = (font, size)
        self._text.setTextOrigin(x - width if align == "right" else x - width / 2, y)
        if squeeze < 1.0:
            self._text.setHorizScale(100 * squeeze)
        self._text.textOut(visual)
        if squeeze < 1.0:
            self._text.setHorizScale(100)
        return width

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


def draw_rtl(
    canvas: Canvas,
    x_right: float,
    y: float,
    text: str,
    font: str,
    size: float,
    max_width: float | None = None,
) -> float:
    """Draw one line ending at *x_right* (baseline *y*); returns the width drawn.

    With *max_width*, a line that is too wide is condensed to fit instead of overflowing.
    """
    out = RtlText(canvas)
    width = out.line(x_right, y, text, font, size, max_width)
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
    """Draw one line centred on *x_center*; returns the width drawn."""
    out = RtlText(canvas)
    width = out.line(x_center, y, text, font, size, max_width, "center")
    out.draw()
    return width


def draw_lines_rtl(
    canvas: Canvas,
    lines: Iterable[str],
    x_right: float,
    y_top: float,
    width: float,
    font: str,
    size: float,
    leading: float,
    align: Align = "right",
) -> float:
    """Draw logical lines top to bottom inside a box; returns the y below the last line."""
    out = RtlText(canvas)
    y = out.lines(lines, x_right, y_top, width, font, size, leading, align)
    out.draw()
    return y


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
    lines = layout_paragraph(text, font, size, width, max_lines)
    return draw_lines_rtl(canvas, lines, x_right, y_top, width, font, size, leading, align)
