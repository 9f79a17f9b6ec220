"""The Excel import wizard: pick a file, see every row and its problems, then import.

Reading and checking run on the background worker behind a cancellable progress dialog; so
does the import itself, in one transaction (cancel rolls it back). A file that cannot be read
is reported in one Persian line inside the dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.importing import (
    ImportPreview,
    ImportReport,
    build_preview,
    commit_import,
    write_template,
)
from shahrtrain_desktop.ui.planning.common import acting
from shahrtrain_desktop.ui.progress import ProgressDialog, Task
from shahrtrain_desktop.ui.strings import ltr
from shahrtrain_desktop.ui.table_view import DirectionDelegate
from shahrtrain_desktop.ui.worker import Worker

from .preview_model import NOTES, PreviewModel

TITLE = "واردکردن افراد از Excel"
FILE_LABEL = "فایل:"
BROWSE = "انتخاب فایل…"
TEMPLATE = "ذخیرهٔ الگوی خالی…"
CHECK = "بررسی فایل"
IMPORT = "واردکردن"
CLOSE = "بستن"
ONLY_PROBLEMS = "فقط ردیف‌های دارای مشکل یا هشدار"
UPDATE_EXISTING = "اطلاعات افراد ثبت‌شده به‌روز شود"
SKIP_INVALID = "فقط ردیف‌های درست وارد شوند و ردیف‌های نامعتبر کنار بروند"
FILE_FILTER = "کاربرگ (*.xlsx *.xls *.ods)"
TEMPLATE_FILTER = "Excel (*.xlsx)"
TEMPLATE_NAME = "الگوی فهرست افراد.xlsx"
READING = "خواندن و بررسی فایل…"
SAVING = "ذخیرهٔ افراد…"
HEADER_INFO = "کاربرگ «{sheet}»، سطر عنوان {row}؛ "
BLOCKED = (
    "تا وقتی ردیف نامعتبر هست، چیزی وارد نمی‌شود: ردیف‌ها را در Excel درست کنید و دوباره "
    "بررسی کنید، یا گزینهٔ «فقط ردیف‌های درست» را بزنید."
)
CANCELLED = "کار لغو شد؛ چیزی تغییر نکرد."
TEMPLATE_SAVED = "الگو ذخیره شد: {path}"
ERROR_STYLE = "color: #b00020;"


class ImportWizard(QDialog):
    def __init__(
        self,
        db: Database,
        user: SignedIn | None,
        worker: Worker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.user, self.worker = db, user, worker
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None
        self.setWindowTitle(TITLE)
        self.resize(1150, 640)

        self.path_edit = QLineEdit()
        self.path_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        # Deferred: the progress dialog must not open inside the key event that asked for it.
        self.path_edit.returnPressed.connect(lambda: QTimer.singleShot(0, self.check))
        browse = QPushButton(BROWSE)
        browse.clicked.connect(self.browse)
        template = QPushButton(TEMPLATE)
        template.clicked.connect(self.save_template)
        self.check_button = QPushButton(CHECK)
        self.check_button.clicked.connect(self.check)
        # Enter in the path box checks the file; no button may take Enter as its default.
        for button in (browse, template, self.check_button):
            button.setAutoDefault(False)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(FILE_LABEL))
        file_row.addWidget(self.path_edit, 1)
        for button in (browse, self.check_button, template):
            file_row.addWidget(button)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table = QTableView()
        self.table.setItemDelegate(DirectionDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(False)

        self.only_problems = QCheckBox(ONLY_PROBLEMS)
        self.update_existing = QCheckBox(UPDATE_EXISTING)
        self.skip_invalid = QCheckBox(SKIP_INVALID)
        for box in (self.only_problems, self.update_existing, self.skip_invalid):
            box.toggled.connect(self._options_changed)
        self.import_button = QPushButton(IMPORT)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton(CLOSE)
        close.clicked.connect(self.reject)
        self.import_button.setAutoDefault(False)
        close.setAutoDefault(False)
        options = QHBoxLayout()
        options.addWidget(self.only_problems)
        options.addWidget(self.update_existing)
        options.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_invalid)
        bottom.addStretch(1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.message)
        layout.addLayout(options)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence("Ctrl+O"), self, self.browse)
        QShortcut(QKeySequence("Ctrl+Return"), self, lambda: QTimer.singleShot(0, self.run_import))

    # -- choosing and checking -----------------------------------------------------------

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, TITLE, "", FILE_FILTER)
        if name:
            self.path_edit.setText(name)
            self.check()

    def save_template(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, TEMPLATE, TEMPLATE_NAME, TEMPLATE_FILTER)
        if name:
            path = write_template(Path(name))
            self._say(TEMPLATE_SAVED.format(path=ltr(path)))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    def check(self) -> None:
        """Read and check the file on the worker; the preview appears when it is done."""
        text = self.path_edit.text().strip()
        if not text:
            return
        path = Path(text)
        self.preview = None
        self.import_button.setEnabled(False)
        self.table.setModel(None)
        actor = self.user

        def op(db: Database, task: Task) -> ImportPreview:
            with acting(db, actor) as session:
                return build_preview(session, path, task.report)

        self._run(READING, op, self.show_preview)

    def _run(self, title: str, op: Any, on_done: Any) -> None:
        dialog = ProgressDialog(self, title)

        def finish() -> None:
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()

        def done(result: Any) -> None:
            finish()
            on_done(result)

        def failed(error: BaseException) -> None:
            finish()
            self._say(str(error), error=True)

        def cancelled() -> None:
            finish()
            self._say(CANCELLED)

        task = self.worker.run(op, done, failed, dialog.show_progress, cancelled)
        dialog.canceled.connect(task.cancel)
        dialog.show()

    def show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.model = PreviewModel(preview, self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTES, QHeaderView.ResizeMode.Stretch)
        self._options_changed()
        self.table.setFocus()

    def _options_changed(self) -> None:
        preview = self.preview
        if preview is None:
            return
        self.model.set_options(self.update_existing.isChecked(), self.only_problems.isChecked())
        head = HEADER_INFO.format(
            sheet=preview.sheet_name, row=to_persian_digits(preview.header.row)
        )
        summary = head + preview.summary(self.update_existing.isChecked())
        summary = "\n".join([summary, *preview.file_notes()])
        blocked = bool(preview.invalid_rows) and not self.skip_invalid.isChecked()
        self._say(summary + ("\n" + BLOCKED if blocked else ""), error=blocked)
        self.import_button.setEnabled(not blocked and bool(preview.rows))

    # -- importing -----------------------------------------------------------------------

    def run_import(self) -> None:
        preview = self.preview
        if preview is None or not self.import_button.isEnabled():
            return
        skip, update, actor = (
            self.skip_invalid.isChecked(),
            self.update_existing.isChecked(),
            self.user,
        )

        def op(db: Database, task: Task) -> ImportReport:
            with acting(db, actor) as session:
                return commit_import(session, preview, skip, update, task.report)

        self.import_button.setEnabled(False)
        self._run(SAVING, op, self.import_done)

    def import_done(self, report: ImportReport) -> None:
        self.report = report
        self._say("\n".join(report.lines()))
        self.accept()  # the tab reports the result and refreshes
