"""Persian reports on paper: one flowing document with headings, key figures, tables and charts.

Every report (annual plan, sign-in sheet, outcome report, annual performance, a person's
record, supervision) is built with ``ReportDocument`` so they share one look: the office and
title at the top of every page, tables whose header repeats on each page, Persian page numbers,
and text drawn through ``pdf.rtl`` (shaped, right to left, wrapped before reordering).
The file is written beside its target and renamed at the end: never half a PDF.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from shahrtrain_desktop.persian import to_persian_digits

from .fonts import BOLD, MEDIUM, REGULAR, register_fonts
from .rtl import draw_rtl, draw_rtl_centered, layout_paragraph, rtl_date, visual_line

CellAlign = Literal["right", "center"]

MARGIN = 14 * mm
HEADER_HEIGHT = 20 * mm
FOOTER_HEIGHT = 10 * mm
INK = (0.12, 0.16, 0.22)
RULE = (0.72, 0.77, 0.83)
HEADER_BG = (0.87, 0.91, 0.95)
ZEBRA = (0.965, 0.972, 0.98)
BAR = (0.25, 0.45, 0.65)


@dataclass(frozen=True)
class Column:
    """A table column; ``weight`` shares the table width, ``date`` keeps Jalali dates' year on
    the right, ``code`` keeps Latin/digit codes in typed order."""

    title: str
    weight: float = 1.0
    align: CellAlign = "right"
    date: bool = False
    code: bool = False


class ReportDocument:
    def __init__(
        self,
        path: Path,
        title: str,
        office: str,
        subtitle: str = "",
        printed_on: str = "",
        wide: bool = False,
    ) -> None:
        register_fonts()
        self.path = path
        self.title = title
        self.office = office
        self.subtitle = subtitle
        self.printed_on = printed_on
        self.page_width, self.page_height = landscape(A4) if wide else A4
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".partial-", suffix=".pdf", dir=path.parent)
        os.close(handle)
        self._temp = Path(temp)
        self.canvas = Canvas(str(self._temp), pagesize=(self.page_width, self.page_height))
        self.canvas.setTitle(title)
        self.canvas.setAuthor(office)
        self.page = 0
        self.right = self.page_width - MARGIN
        self.width = self.page_width - 2 * MARGIN
        self.y = 0.0
        self._new_page()

    # -- pages ---------------------------------------------------------------------------

    def _new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        c = self.canvas
        top = self.page_height - MARGIN
        c.setFillColorRGB(*INK)
        draw_rtl(c, self.right, top - 5 * mm, self.office, MEDIUM, 9, self.width / 2)
        draw_rtl_centered(c, self.page_width / 2, top - 6 * mm, self.title, BOLD, 13, self.width)
        if self.subtitle:
            draw_rtl_centered(
                c, self.page_width / 2, top - 12 * mm, self.subtitle, REGULAR, 9.5, self.width
            )
        if self.printed_on:
            text = f"تاریخ چاپ: {rtl_date(self.printed_on)}"
            width = self.width / 4
            draw_rtl(c, MARGIN + width, top - 5 * mm, text, REGULAR, 8.5, width)
        c.setStrokeColorRGB(*RULE)
        c.setLineWidth(0.6)
        c.line(MARGIN, top - HEADER_HEIGHT + 3 * mm, self.right, top - HEADER_HEIGHT + 3 * mm)
        footer = f"صفحهٔ {to_persian_digits(self.page)}"
        draw_rtl_centered(c, self.page_width / 2, MARGIN - 4 * mm, footer, REGULAR, 8)
        self.y = top - HEADER_HEIGHT

    def _room(self, height: float) -> None:
        if self.y - height < MARGIN + FOOTER_HEIGHT:
            self._new_page()

    def ensure_room(self, height: float) -> None:
        """Start a new page unless ``height`` is left: keeps a heading with what follows it."""
        self._room(height)

    # -- content -------------------------------------------------------------------------

    def heading(self, text: str) -> None:
        self._room(12 * mm)
        self.y -= 4 * mm
        self.canvas.setFillColorRGB(*INK)
        draw_rtl(self.canvas, self.right, self.y - 4 * mm, text, BOLD, 11.5, self.width)
        self.y -= 8 * mm

    def paragraph(self, text: str, size: float = 10) -> None:
        leading = size * 1.7
        for line in layout_paragraph(text, REGULAR, size, self.width):
            self._room(leading)
            draw_rtl(self.canvas, self.right, self.y - size, line, REGULAR, size, self.width)
            self.y -= leading
        self.y -= 2 * mm

    def figures(self, items: Sequence[tuple[str, str]]) -> None:
        """Key figures as boxes in a row (label above, value large), right to left."""
        if not items:
            return
        height = 17 * mm
        self._room(height + 4 * mm)
        gap = 3 * mm
        box = (self.width - gap * (len(items) - 1)) / len(items)
        c = self.canvas
        for i, (label, value) in enumerate(items):
            x_right = self.right - i * (box + gap)
            c.setFillColorRGB(*ZEBRA)
            c.setStrokeColorRGB(*RULE)
            c.roundRect(x_right - box, self.y - height, box, height, 2 * mm, stroke=1, fill=1)
            c.setFillColorRGB(*INK)
            centre = x_right - box / 2
            draw_rtl_centered(c, centre, self.y - 6 * mm, label, REGULAR, 8.5, box - 4 * mm)
            draw_rtl_centered(c, centre, self.y - 13.5 * mm, value, BOLD, 13, box - 4 * mm)
        self.y -= height + 4 * mm

    def table(
        self, columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float = 8.5
    ) -> None:
        """A table whose header repeats on every page; cells wrap, rows never split."""
        total = sum(col.weight for col in columns)
        widths = [self.width * col.weight / total for col in columns]
        pad = 1.6 * mm
        leading = size * 1.55

        def cell_lines(text: str, col: Column, width: float) -> list[str]:
            value = rtl_date(text) if col.date else text
            if col.code:
                return [value]
            return layout_paragraph(value, REGULAR, size, width - 2 * pad) or [""]

        titles = [col.title for col in columns]

        def draw_row(cells: Sequence[str], header: bool, shade: bool) -> None:
            font = BOLD if header else REGULAR
            laid = [
                cell_lines(str(t), col, w) for t, col, w in zip(cells, columns, widths, strict=True)
            ]
            height = max(len(lines) for lines in laid) * leading + 2 * pad
            if not header and self.y - height < MARGIN + FOOTER_HEIGHT:
                # The row goes over: the new page starts with the header, then the row.
                self._new_page()
                draw_row(titles, header=True, shade=False)
            self._room(height)
            c = self.canvas
            x_right = self.right
            for lines, col, width in zip(laid, columns, widths, strict=True):
                if header or shade:
                    c.setFillColorRGB(*(HEADER_BG if header else ZEBRA))
                    c.rect(x_right - width, self.y - height, width, height, stroke=0, fill=1)
                c.setStrokeColorRGB(*RULE)
                c.rect(x_right - width, self.y - height, width, height, stroke=1, fill=0)
                c.setFillColorRGB(*INK)
                y = self.y - pad - size
                for line in lines:
                    if col.align == "center" or header:
                        draw_rtl_centered(
                            c, x_right - width / 2, y, line, font, size, width - 2 * pad
                        )
                    else:
                        draw_rtl(c, x_right - pad, y, line, font, size, width - 2 * pad)
                    y -= leading
                x_right -= width
            self.y -= height

        draw_row(titles, header=True, shade=False)
        for index, row in enumerate(rows):
            draw_row(row, header=False, shade=index % 2 == 1)
        self.y -= 3 * mm

    def bar_chart(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        height: float = 60 * mm,
        value_max: int | None = None,
    ) -> None:
        """A vertical bar chart; categories run right to left like the text around them.
        ``value_max`` fixes the top of the scale (a 1–5 rating reads against 5)."""
        if not values:
            return
        self._room(height + 4 * mm)
        drawing = Drawing(self.width, height)
        chart = VerticalBarChart()
        chart.x, chart.y = 4 * mm, 12 * mm
        chart.width, chart.height = self.width - 16 * mm, height - 16 * mm
        chart.data = [list(reversed(values))]
        chart.categoryAxis.categoryNames = [""] * len(values)
        chart.valueAxis.valueMin = 0
        if value_max is not None:
            chart.valueAxis.valueMax, chart.valueAxis.valueStep = value_max, 1
        # The scale stands on the right, where a right-to-left reader starts.
        chart.valueAxis.joinAxis = chart.categoryAxis
        chart.valueAxis.joinAxisMode = "right"
        chart.valueAxis.labels.boxAnchor = "w"
        chart.valueAxis.labels.dx = 5
        chart.valueAxis.tickLeft, chart.valueAxis.tickRight = 0, 3
        chart.valueAxis.labels.fontName = REGULAR
        chart.valueAxis.labelTextFormat = lambda v: visual_line(
            to_persian_digits(int(v), grouping=True)
        )
        chart.bars[0].fillColor = _color((0.25, 0.45, 0.65))
        chart.bars[0].strokeColor = None
        drawing.add(chart)
        step = chart.width / len(values)
        for i, label in enumerate(reversed(labels)):
            text = String(chart.x + step * (i + 0.5), 4 * mm, visual_line(label))
            text.fontName, text.fontSize, text.textAnchor = REGULAR, 7.5, "middle"
            drawing.add(text)
        renderPDF.draw(drawing, self.canvas, MARGIN, self.y - height)
        self.y -= height + 4 * mm

    def horizontal_bar_chart(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        label_width: float = 42 * mm,
        row_height: float = 6 * mm,
    ) -> None:
        """Horizontal bars for a right-to-left page: the labels stand on the right, each bar
        grows from the right edge of the plot leftwards, and its value (Persian digits) stands
        at the bar's tip. Long charts continue on the next page row by row."""
        if not values:
            return
        c = self.canvas
        origin = self.right - label_width  # where every bar starts
        value_room = 20 * mm
        span = origin - MARGIN - value_room
        top = max(max(values), 0) or 1.0
        self._room(min(len(values), 3) * row_height)
        for label, value in zip(labels, values, strict=True):
            self._room(row_height)
            base = self.y - row_height
            text_y = base + row_height / 2 - 1.2 * mm
            c.setFillColorRGB(*INK)
            draw_rtl(c, self.right, text_y, label, REGULAR, 8, label_width - 3 * mm)
            length = span * max(value, 0) / top
            c.setFillColorRGB(*BAR)
            c.rect(origin - length, base + 1 * mm, length, row_height - 2 * mm, stroke=0, fill=1)
            c.setFillColorRGB(*INK)
            number = to_persian_digits(value, grouping=True, decimals=0)
            draw_rtl(c, origin - length - 1.5 * mm, text_y, number, REGULAR, 7.5)
            c.setStrokeColorRGB(*RULE)
            c.setLineWidth(0.6)
            c.line(origin, base, origin, self.y)
            self.y = base
        self.y -= 4 * mm

    # -- finishing -----------------------------------------------------------------------

    def save(self) -> Path:
        try:
            self.canvas.save()
            os.replace(self._temp, self.path)
        except BaseException:
            self._temp.unlink(missing_ok=True)
            raise
        return self.path

    def discard(self) -> None:
        """Drop the half-built file (on error or cancel)."""
        self._temp.unlink(missing_ok=True)


def _color(rgb: tuple[float, float, float]) -> object:
    from reportlab.lib.colors import Color

    return Color(*rgb)
