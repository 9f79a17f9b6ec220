"""Printing a batch from the tab: build the PDF on the worker, then print, preview, open or save.

The batch (issue what is approved, render, count the prints) is one transaction on the single
worker behind a cancellable progress dialog; cancelling rolls it back and leaves no file. The
finished PDF is then offered: the system print dialog (printer, copies, pages), a print
preview of every page (painted as scrolled to), the PDF viewer, or «save as».
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.paths import data_dir
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services import certificate_printing as printing
from shahrtrain_desktop.services.audit import Actor, act_as
from shahrtrain_desktop.ui.certificates import pdf_output, texts
from shahrtrain_desktop.ui.certificates.pdf_preview import PdfPreviewDialog
from shahrtrain_desktop.ui.progress import Cancelled, Task
from shahrtrain_desktop.ui.strings import ltr
from shahrtrain_desktop.ui.worker import Worker, run_with_progress

REPORT_INTERVAL = 0.05  # seconds: at most ~20 progress updates a second


class PrintOptionsDialog(QDialog):
    """What to print: the selection or every approved certificate; one file or one each."""

    def __init__(self, selected: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.PRINT_TITLE)
        layout = QVBoxLayout(self)
        self.selection = QRadioButton(
            texts.PRINT_SELECTION.format(count=to_persian_digits(selected)), self
        )
        self.all_approved = QRadioButton(texts.PRINT_ALL_APPROVED, self)
        (self.selection if selected else self.all_approved).setChecked(True)
        self.selection.setEnabled(bool(selected))
        self.separate = QCheckBox(texts.PRINT_SEPARATE, self)
        for widget in (self.selection, self.all_approved, self.separate):
            layout.addWidget(widget)
        buttons = QDialogButtonBox(self)
        buttons.addButton(texts.OK, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(texts.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def output_path(separate: bool) -> Path:
    folder = data_dir() / "prints"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return folder / (f"certificates-{stamp}" if separate else f"certificates-{stamp}.pdf")


class CoarseProgress:
    """Reports a run's progress to the dialog at most every *interval* seconds (and its first
    and last step), so a run of thousands of fast pages does not flood the GUI thread with
    signals; a cancel is still noticed at the very next page."""

    def __init__(self, task: Task, interval: float = REPORT_INTERVAL) -> None:
        self.task = task
        self.interval = interval
        self._last = float("-inf")
        self._label = ""

    def __call__(self, label: str, done: int, total: int) -> bool:
        now = time.monotonic()
        if label != self._label or done >= total or now - self._last >= self.interval:
            self.task.report(label, done, total)  # raises Cancelled once the user cancels
            self._last, self._label = now, label
        elif self.task.cancelled:
            raise Cancelled
        return True


def print_op(
    actor: Actor, ids: Sequence[int] | None, out: Path, separate: bool
) -> Callable[[Database, Task], printing.PrintResult]:
    """The worker's job; ``ids`` None means every approved certificate."""

    def op(db: Database, task: Task) -> printing.PrintResult:
        with db.session() as session:
            act_as(session, actor)
            chosen = (
                list(ids) if ids is not None else printing.printable_ids(session, all_approved=True)
            )
            progress = CoarseProgress(task)
            return printing.print_batch(session, chosen, out, separate, progress)

    return op


class PrintedDialog(QDialog):
    """The batch is ready: send it to a printer, preview it, open it or save a copy."""

    def __init__(
        self, result: printing.PrintResult, worker: Worker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.batch = result
        self.worker = worker
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        pdf_output.configure_printer(self.printer)
        self.setWindowTitle(texts.PRINTED_TITLE)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        summary = QLabel(result.summary(), self)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.buttons: dict[str, QPushButton] = {}
        single = len(result.paths) == 1
        actions: list[tuple[str, str, Callable[[], Any]]] = [
            ("print", texts.TO_PRINTER, self.send_to_printer),
            ("preview", texts.PREVIEW, self.preview),
            ("open", texts.OPEN_VIEWER if single else texts.OPEN_FOLDER, self.open_viewer),
            ("save", texts.SAVE_AS, self.save_as),
        ]
        for key, title, slot in actions:
            if not single and key in ("print", "preview", "save"):
                continue
            button = QPushButton(title, self)
            button.clicked.connect(slot)
            layout.addWidget(button)
            self.buttons[key] = button
        close = QPushButton(texts.CLOSE, self)
        close.clicked.connect(self.accept)
        layout.addWidget(close)

    @property
    def pdf(self) -> Path:
        return self.batch.paths[0]

    def preview(self) -> None:
        """Every page of the batch, painted as it is scrolled to; print from there."""
        try:
            dialog = PdfPreviewDialog(self.pdf, self.send_to_printer, self)
        except OSError as error:
            QMessageBox.warning(self, texts.PRINT_TITLE, texts.PREVIEW_FAILED.format(error=error))
            return
        dialog.exec()

    def send_to_printer(self) -> None:
        dialog = QPrintDialog(self.printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        printer, pdf = self.printer, self.pdf

        def op(_db: Database, task: Task) -> int:
            progress = CoarseProgress(task)
            return pdf_output.paint_pdf(
                printer, pdf, lambda done, total: progress(texts.SENDING, done, total)
            )

        def sent(count: int) -> None:
            message = texts.SENT.format(count=to_persian_digits(count))
            QMessageBox.information(self, texts.PRINT_TITLE, message)

        run_with_progress(self.worker, self, texts.PRINT_TITLE, op, on_done=sent)

    def open_viewer(self) -> None:
        target = self.pdf if len(self.batch.paths) == 1 else self.pdf.parent
        pdf_output.open_in_viewer(target)

    def save_as(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, texts.SAVE_AS, str(Path.home() / self.pdf.name), texts.SAVE_FILTER
        )
        if not path:
            return
        try:
            pdf_output.save_copy(self.pdf, Path(path))
        except pdf_output.PdfOutputError as error:
            QMessageBox.warning(self, texts.PRINT_TITLE, texts.SAVE_FAILED.format(error=error))
            return
        QMessageBox.information(self, texts.PRINT_TITLE, texts.SAVED.format(path=ltr(path)))


def start_print(
    parent: QWidget,
    worker: Worker,
    actor: Actor,
    selected: Sequence[int],
    on_finished: Callable[[], None],
) -> None:
    options = PrintOptionsDialog(len(selected), parent)
    if options.exec() != QDialog.DialogCode.Accepted:
        return
    separate = options.separate.isChecked()
    ids = list(selected) if options.selection.isChecked() else None
    out = output_path(separate)

    def done(result: printing.PrintResult) -> None:
        on_finished()
        PrintedDialog(result, worker, parent).exec()

    run_with_progress(
        worker,
        parent,
        texts.PRINT_TITLE,
        print_op(actor, ids, out, separate),
        on_done=done,
        on_cancelled=on_finished,
    )
