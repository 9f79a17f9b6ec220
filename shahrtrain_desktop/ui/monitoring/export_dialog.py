"""The end-of-year export wizard: choose the year and the file, build on the worker with a
cancellable progress dialog, then verify what was written; or verify a package received."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import TEHRAN, jalali_year_of, to_persian_digits
from shahrtrain_desktop.services.audit import act_as
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.settings import OFFICE_CODE, get_setting
from shahrtrain_desktop.services.year_export import (
    ExportCheck,
    ExportResult,
    export_year,
    verify_export,
)
from shahrtrain_desktop.ui.base_tab import NO_ACTOR
from shahrtrain_desktop.ui.monitoring import texts
from shahrtrain_desktop.ui.progress import Task
from shahrtrain_desktop.ui.strings import ltr
from shahrtrain_desktop.ui.worker import Worker, run_with_progress


def export_op(year: int, out: Path, user: SignedIn | None):  # type: ignore[no-untyped-def]
    """The worker's job: export (as the signed-in user) and check the written package."""

    def op(db: Database, task: Task) -> tuple[ExportResult, ExportCheck]:
        with db.session() as session:
            act_as(session, user.actor if user else NO_ACTOR)
            result = export_year(session, year, out, progress=task.report)
        return result, verify_export(out)

    return op


class ExportDialog(QDialog):
    def __init__(
        self,
        db: Database,
        worker: Worker,
        user: SignedIn | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.worker, self.user = db, worker, user
        self.result: tuple[ExportResult, ExportCheck] | None = None
        self.setWindowTitle(texts.EXPORT_TITLE)
        self.resize(640, 260)
        this_year = jalali_year_of(datetime.now(TEHRAN).date())
        self.year = QComboBox(self)
        for year in range(this_year, this_year - 8, -1):
            self.year.addItem(to_persian_digits(year), year)
        with db.session() as session:
            self.office = str(get_setting(session, OFFICE_CODE) or "")
        self.path = QLineEdit(self)
        self.path.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.year.currentIndexChanged.connect(self._suggest_name)
        self._suggest_name()
        browse = QPushButton(texts.BROWSE, self)
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.start_button = QPushButton(texts.START_EXPORT, self)
        self.start_button.clicked.connect(self.start)
        verify = QPushButton(texts.VERIFY_EXPORT, self)
        verify.clicked.connect(self.verify_other)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        intro = QLabel(texts.EXPORT_INTRO, self)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(texts.YEAR, self.year)
        form.addRow(texts.EXPORT_FILE, file_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(verify)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.outcome, 1)

    def _suggest_name(self) -> None:
        year = int(self.year.currentData())
        self.path.setText(str(Path.home() / f"shahrtrain-{self.office}-{year}.zip"))

    def browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, texts.EXPORT_TITLE, self.path.text(), texts.ZIP_FILTER
        )
        if name:
            self.path.setText(name if name.lower().endswith(".zip") else f"{name}.zip")

    def start(self) -> Task | None:
        text = self.path.text().strip()
        if not text:
            self.outcome.setText(texts.CHOOSE_FILE)
            return None
        out = Path(text)
        if out.suffix.lower() != ".zip":
            out = out.with_suffix(".zip")
        self.outcome.setText("")
        return run_with_progress(
            self.worker,
            self,
            texts.EXPORT_TITLE,
            export_op(int(self.year.currentData()), out, self.user),
            on_done=self.finished_export,
        )

    def finished_export(self, result: tuple[ExportResult, ExportCheck]) -> None:
        self.result = result
        exported, check = result
        rows = exported.rows
        done = texts.EXPORT_DONE.format(
            people=to_persian_digits(rows["people"], grouping=True),
            enrolments=to_persian_digits(rows["enrolments"], grouping=True),
            certificates=to_persian_digits(rows["certificates"], grouping=True),
        )
        self.outcome.setText(f"{done}\n{ltr(str(exported.path))}\n{check.summary()}")

    def verify_other(self) -> ExportCheck | None:
        name, _filter = QFileDialog.getOpenFileName(
            self, texts.VERIFY_EXPORT, str(Path.home()), texts.ZIP_FILTER
        )
        if not name:
            return None
        return self.show_check(verify_export(Path(name)))

    def show_check(self, check: ExportCheck) -> ExportCheck:
        self.outcome.setText(check.summary())
        return check
