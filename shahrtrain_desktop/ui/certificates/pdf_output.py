"""A finished PDF at the desk: paint its pages on a printer (QtPdf), open, save.

Pages are rendered with ``QPdfDocument`` at the printer's resolution (capped) and drawn to fit
the printable area, landscape A4. Painting on a ``QPrinter`` is allowed off the GUI thread, so
a long batch goes to the printer on the worker with progress and cancel.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300

# report(done, total); raises to stop
Report = Callable[[int, int], object]


class PdfOutputError(Exception):
    """The PDF could not be read or written; ``str()`` is Persian."""


def configure_printer(printer: QPrinter) -> None:
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setDocName("گواهی‌نامه‌های آموزشی")


def page_count(pdf: Path) -> int:
    document = QPdfDocument()
    document.load(str(pdf))
    try:
        return max(document.pageCount(), 0)
    finally:
        document.close()


def paint_pdf(
    printer: QPrinter,
    pdf: Path,
    report: Report | None = None,
    dpi: int | None = None,
) -> int:
    """Draw *pdf*'s pages (within the printer's page range) on *printer*; returns pages drawn."""
    document = QPdfDocument()
    if document.load(str(pdf)) != QPdfDocument.Error.None_:
        raise PdfOutputError("فایل PDF باز نشد.")
    total = document.pageCount()
    first, last = 0, total - 1
    if printer.fromPage() > 0:
        first = max(printer.fromPage() - 1, 0)
        last = min(max(printer.toPage() - 1, first), total - 1)
    resolution = min(dpi or printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise PdfOutputError("چاپگر آماده نیست یا چاپ لغو شد.")
    drawn = 0
    try:
        for index in range(first, last + 1):
            if drawn:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(
                max(1, round(points.width() * resolution / 72)),
                max(1, round(points.height() * resolution / 72)),
            )
            image = document.render(index, size)
            area = QRectF(painter.viewport())
            scale = min(area.width() / size.width(), area.height() / size.height())
            target = QRectF(0, 0, size.width() * scale, size.height() * scale)
            target.moveCenter(area.center())
            painter.drawImage(target, image)
            drawn += 1
            if report is not None:
                report(drawn, last - first + 1)
    finally:
        painter.end()
        document.close()
    return drawn


def open_in_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def save_copy(source: Path, target: Path) -> None:
    try:
        shutil.copyfile(source, target)
    except OSError as error:
        raise PdfOutputError(str(error.strerror or error)) from error
