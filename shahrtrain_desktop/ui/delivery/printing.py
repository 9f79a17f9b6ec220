"""Writing a report PDF of one offering on the background worker, after asking where."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget
from sqlalchemy.orm import Session

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.ui.progress import Task
from shahrtrain_desktop.ui.worker import Worker, run_with_progress

PDF_FILTER = "PDF (*.pdf)"
SAVE_TITLE = "ذخیرهٔ PDF"
WRITING = "در حال ساختن PDF…"

Writer = Callable[[Session, int, Path], Path]


def ask_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(parent, SAVE_TITLE, suggested, PDF_FILTER)
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == ".pdf" else chosen.with_suffix(".pdf")


def write_pdf_in_background(
    worker: Worker,
    parent: QWidget,
    title: str,
    write: Writer,
    offering_id: int,
    path: Path,
    on_done: Callable[[Path], None],
) -> Task:
    def op(db: Database, task: Task) -> Path:
        task.report(WRITING)
        with db.session() as session:
            return write(session, offering_id, path)

    return run_with_progress(worker, parent, title, op, on_done)
