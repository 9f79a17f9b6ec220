"""Enrol people into an offering, keyboard first: type to pick the offering, paste national
codes (or take the people chosen in the registry, or a request letter's municipality), check,
then Ctrl+Enter. The roster below shows who is in and who waits; withdraw asks for a reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models import Person
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import InvalidField, format_jalali_display, to_persian_digits
from shahrtrain_desktop.services import enrolment, enrolment_bulk, enrolment_lists, roster_export
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.locking import ConcurrentEditError
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.ui.planning.common import acting
from shahrtrain_desktop.ui.table_model import TEXT_DIRECTION_ROLE
from shahrtrain_desktop.ui.table_view import DirectionDelegate

TITLE = "ثبت‌نام در دوره"
OFFERING = "دوره:"
CODES = "کدهای ملی:"
CODES_HINT = "کد ملی هر فرد را در یک سطر بنویسید یا از Excel بچسبانید…"
LETTER = "نامهٔ درخواست:"
LETTER_PEOPLE = "افراد شهرداری این نامه"
REASON = "دلیل پذیرش خارج از گروه هدف:"
REASON_HINT = "فقط برای افرادی که جزو گروه هدف دوره نیستند لازم است"
CHECK = "بررسی"
ENROL = "ثبت‌نام (Ctrl+Enter)"
WITHDRAW = "انصراف فرد برگزیده…"
EXPORT = "فهرست فراگیران در Excel…"
CLOSE = "بستن"
WITHDRAW_REASON = "دلیل انصراف «{name}»:"
NONE = "—"
# The code is isolated left to right: «1405-2008-002» must not be reordered in Persian text.
OFFERING_TEXT = "{title} — \u2066{code}\u2069 — {start} — {enrolled} از {capacity} نفر"
NO_OFFERING = "هیچ دوره‌ای در وضعیت پذیرش ثبت‌نام نیست."
RESULT = "{enrolled} نفر ثبت‌نام شد؛ {waiting} نفر در فهرست انتظار؛ {refused} سطر پذیرفته نشد."
OK_LINE = "✓ {name}: ثبت‌نام"
WAIT_LINE = "⏳ {name}: فهرست انتظار"
BAD_LINE = "✗ {text}: {problem}"
WARN = "  ⚠ {warning}"
ROSTER_HEADERS = ("کد ملی", "نام و نام خانوادگی", "گروه", "واحد سازمانی", "وضعیت", "نوبت انتظار")
EXCEL_FILTER = "Excel (*.xlsx)"
PROMOTED = "«{name}» از فهرست انتظار به ثبت‌نام‌شدگان رفت."
NOT_DONE = "انجام نشد"
USER_ERRORS = (
    enrolment.EnrolmentRefused,
    InvalidField,
    PermissionDenied,
    ConcurrentEditError,
)


class EnrolDialog(QDialog):
    def __init__(
        self,
        db: Database,
        user: SignedIn | None,
        person_ids: list[int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.user = db, user
        self.setWindowTitle(TITLE)
        self.resize(1000, 720)
        self.result_text = ""

        self.offering = QComboBox()
        self.offering.setEditable(True)
        self.offering.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.offering.completer()
        assert completer is not None  # an editable combo has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.offering.currentIndexChanged.connect(self.load_roster)
        self.codes = QPlainTextEdit()
        self.codes.setPlaceholderText(CODES_HINT)
        self.codes.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.codes.setMaximumHeight(120)
        self.codes.installEventFilter(self)
        self.letter = QComboBox()
        letter_people = QPushButton(LETTER_PEOPLE)
        letter_people.clicked.connect(self.add_letter_people)
        letter_row = QHBoxLayout()
        letter_row.addWidget(self.letter, 1)
        letter_row.addWidget(letter_people)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(REASON_HINT)
        form = QFormLayout()
        form.addRow(OFFERING, self.offering)
        form.addRow(CODES, self.codes)
        form.addRow(LETTER, letter_row)
        form.addRow(REASON, self.reason)

        self.check_button = QPushButton(CHECK)
        self.check_button.clicked.connect(self.check)
        self.enrol_button = QPushButton(ENROL)
        self.enrol_button.clicked.connect(self.enrol)
        # Enter checks (harmless); enrolling is the deliberate Ctrl+Enter.
        self.enrol_button.setAutoDefault(False)
        self.check_button.setDefault(True)
        actions = QHBoxLayout()
        actions.addWidget(self.check_button)
        actions.addWidget(self.enrol_button)
        actions.addStretch(1)
        self.plan = QListWidget()
        self.plan.setMaximumHeight(150)

        self.roster = QTableWidget(0, len(ROSTER_HEADERS))
        self.roster.setHorizontalHeaderLabels(list(ROSTER_HEADERS))
        self.roster.verticalHeader().setVisible(False)
        self.roster.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.roster.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.roster.setItemDelegate(DirectionDelegate(self.roster))
        header = self.roster.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.roster_label = QLabel()
        withdraw = QPushButton(WITHDRAW)
        withdraw.clicked.connect(self.withdraw_selected)
        export = QPushButton(EXPORT)
        export.clicked.connect(self.export_roster)
        close = QPushButton(CLOSE)
        close.clicked.connect(self.accept)
        roster_actions = QHBoxLayout()
        roster_actions.addWidget(self.roster_label)
        roster_actions.addStretch(1)
        for button in (withdraw, export, close, letter_people):
            button.setAutoDefault(False)
        for button in (withdraw, export, close):
            roster_actions.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.plan)
        layout.addWidget(self.roster, 1)
        layout.addLayout(roster_actions)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.enrol)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.enrol)

        self._fill_choices()
        if person_ids:
            self.add_people(person_ids)
        self.offering.setFocus()
        self.offering.lineEdit().selectAll()  # type: ignore[union-attr]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The text box would take Ctrl+Enter as a new line; here it means «enrol».
        if (
            watched is self.codes
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.enrol()
            return True
        return super().eventFilter(watched, event)

    # -- choices -------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        with self.db.session() as session:
            offerings = enrolment_lists.open_offerings(session)
            letters = enrolment_bulk.request_letters(session)
        self.offering.blockSignals(True)
        for o in offerings:
            text = OFFERING_TEXT.format(
                code=to_persian_digits(o.code),
                title=o.title,
                start=format_jalali_display(o.start_date),
                enrolled=to_persian_digits(o.enrolled),
                capacity=to_persian_digits(o.capacity),
            )
            self.offering.addItem(text, o.id)
        self.offering.blockSignals(False)
        self.letter.addItem(NONE, None)
        for letter_id, text in letters:
            self.letter.addItem(text, letter_id)
        if offerings:
            self.offering.setCurrentIndex(0)
            self.load_roster()
        else:
            self.roster_label.setText(NO_OFFERING)

    def offering_id(self) -> int | None:
        index = self.offering.findText(self.offering.currentText())
        if index >= 0:
            data = self.offering.itemData(index)
            return int(data) if data is not None else None
        return None

    def select_offering(self, offering_id: int) -> None:
        self.offering.setCurrentIndex(max(self.offering.findData(offering_id), 0))

    def add_people(self, person_ids: list[int]) -> None:
        with self.db.session() as session:
            codes = [session.get(Person, pid) for pid in person_ids]
        existing = self.codes.toPlainText().strip()
        lines = [existing] if existing else []
        lines += [p.national_code for p in codes if p is not None]
        self.codes.setPlainText("\n".join(lines))

    def add_letter_people(self) -> None:
        letter_id = self.letter.currentData()
        if letter_id is None:
            return
        with self.db.session() as session:
            ids = enrolment_bulk.people_of_document(session, letter_id)
        self.add_people(ids)

    # -- roster --------------------------------------------------------------------------

    def load_roster(self) -> None:
        offering_id = self.offering_id()
        self.roster.setRowCount(0)
        self.roster_ids: list[int] = []
        if offering_id is None:
            return
        with self.db.session() as session:
            lines = enrolment_lists.roster(session, offering_id)
        self.roster.setRowCount(len(lines))
        for row, line in enumerate(lines):
            values = (
                to_persian_digits(line.national_code),
                line.full_name,
                label(line.category),
                line.org_unit,
                label(line.status),
                to_persian_digits(line.waiting_position),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column in (0, 5):
                    item.setData(TEXT_DIRECTION_ROLE, Qt.LayoutDirection.LeftToRight)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if line.status.value == "withdrawn":
                    item.setForeground(QBrush(QColor("#888888")))
                self.roster.setItem(row, column, item)
            self.roster_ids.append(line.enrolment_id)
        enrolled = sum(1 for line in lines if line.status.value == "enrolled")
        waiting = sum(1 for line in lines if line.status.value == "waiting")
        self.roster_label.setText(
            f"ثبت‌نام‌شده: {to_persian_digits(enrolled)} — در انتظار: {to_persian_digits(waiting)}"
        )

    def withdraw_selected(self) -> None:
        row = self.roster.currentRow()
        if row < 0:
            return
        item = self.roster.item(row, 1)
        name = item.text() if item is not None else ""
        reason, ok = QInputDialog.getText(self, TITLE, WITHDRAW_REASON.format(name=name))
        if ok:
            self.withdraw(self.roster_ids[row], reason)

    def withdraw(self, enrolment_id: int, reason: str) -> bool:
        try:
            with acting(self.db, self.user) as session:
                promoted = enrolment.withdraw(session, enrolment_id, reason)
                promoted_name = promoted.person.full_name if promoted else ""
        except USER_ERRORS as error:
            QMessageBox.warning(self, NOT_DONE, str(error))
            return False
        self.load_roster()
        if promoted_name:
            self.roster_label.setText(PROMOTED.format(name=promoted_name))
        return True

    def export_roster(self) -> None:
        offering_id = self.offering_id()
        if offering_id is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, EXPORT, "roster.xlsx", EXCEL_FILTER)
        if name:
            with self.db.session() as session:
                roster_export.export_roster(session, offering_id, Path(name))

    # -- checking and enrolling ----------------------------------------------------------

    def _codes(self) -> list[str]:
        return enrolment_bulk.split_codes(self.codes.toPlainText())

    def check(self) -> list[enrolment_bulk.BulkLine]:
        offering_id = self.offering_id()
        self.plan.clear()
        if offering_id is None:
            return []
        with self.db.session() as session:
            lines = enrolment_bulk.plan_bulk(session, offering_id, self._codes())
        self._show_lines(lines)
        return lines

    def _show_lines(self, lines: list[enrolment_bulk.BulkLine]) -> None:
        self.plan.clear()
        for line in lines:
            if line.problem:
                text = BAD_LINE.format(text=to_persian_digits(line.text), problem=line.problem)
                colour = "#b00020"
            else:
                template = WAIT_LINE if line.waiting else OK_LINE
                text = template.format(name=line.name)
                colour = "#8a5a00" if line.warnings else "#1b5e20"
            text += "".join("\n" + WARN.format(warning=w) for w in line.warnings)
            item = QListWidgetItem(text)
            item.setForeground(QBrush(QColor(colour)))
            self.plan.addItem(item)

    def enrol(self) -> None:
        offering_id = self.offering_id()
        codes = self._codes()
        if offering_id is None or not codes:
            return
        try:
            with acting(self.db, self.user) as session:
                result = enrolment_bulk.bulk_enrol(
                    session,
                    offering_id,
                    codes,
                    request_document_id=self.letter.currentData(),
                    override_reason=self.reason.text(),
                )
        except USER_ERRORS as error:
            QMessageBox.warning(self, NOT_DONE, str(error))
            return
        self._show_lines(result.lines)
        self.result_text = RESULT.format(
            enrolled=to_persian_digits(result.enrolled),
            waiting=to_persian_digits(result.waiting),
            refused=to_persian_digits(len(result.refused)),
        )
        self.plan.insertItem(0, QListWidgetItem(self.result_text))
        # Keep only the codes that still need attention.
        self.codes.setPlainText("\n".join(line.text for line in result.refused))
        self.load_roster()
