"""A batch's print preview: every page of the PDF, painted only when scrolled into view.

``QPrintPreviewDialog`` records every page before it shows one (hundreds of megabytes for a
few hundred certificates), so the preview is a ``QPdfView`` instead: QtPdf renders the pages
on screen and keeps a small cache, and memory stays the same for 20 pages or 5,000.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.ui.certificates import texts

ZOOM_STEP = 1.25


class PdfPreviewDialog(QDialog):
    """All pages of *pdf*, one under the other, with the page number and a print button.

    Raises ``OSError`` with a Persian message when the file cannot be opened.
    """

    def __init__(
        self, pdf: Path, on_print: Callable[[], None] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.PREVIEW_TITLE)
        self.resize(1000, 760)
        self.document = QPdfDocument(self)
        if self.document.load(str(pdf)) != QPdfDocument.Error.None_:
            raise OSError(texts.PDF_UNREADABLE)
        self.view = QPdfView(self)
        # Pages are drawn as printed, whatever the window's direction.
        self.view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.position = QLabel(self)
        self.view.pageNavigator().currentPageChanged.connect(self._show_position)

        bar = QHBoxLayout()
        bar.addWidget(self.position)
        bar.addStretch(1)
        for title, slot in (
            (texts.ZOOM_IN, lambda: self._zoom(ZOOM_STEP)),
            (texts.ZOOM_OUT, lambda: self._zoom(1 / ZOOM_STEP)),
            (texts.FIT_WIDTH, self._fit_width),
        ):
            button = QPushButton(title, self)
            button.setAutoDefault(False)  # Enter closes the preview, it does not zoom
            button.clicked.connect(slot)
            bar.addWidget(button)
        if on_print is not None:
            self.print_button = QPushButton(texts.TO_PRINTER, self)
            self.print_button.setAutoDefault(False)
            self.print_button.clicked.connect(on_print)
            bar.addWidget(self.print_button)
        close = QPushButton(texts.CLOSE, self)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        bar.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self._show_position(0)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def go_to(self, page: int) -> None:
        """Scroll to *page* (0-based)."""
        self.view.pageNavigator().jump(max(0, min(page, self.page_count - 1)), QPointF(0, 0))

    def _show_position(self, page: int) -> None:
        self.position.setText(
            texts.PREVIEW_POSITION.format(
                page=to_persian_digits(page + 1), count=to_persian_digits(self.page_count)
            )
        )

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(self.view.zoomFactor() * factor, 8.0)))

    def _fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def done(self, result: int) -> None:
        self.document.close()  # the file is no longer held open once the preview is closed
        super().done(result)
