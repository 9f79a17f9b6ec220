"""The offering's status and the button for its next step, with the guard's reasons shown.

Closing while attendance or scores are missing asks the officer for the reason (stored as the
offering's close note); any other refusal lists the guard's reasons.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models import Offering
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import OfferingStatus
from shahrtrain_desktop.services import offering_status
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.offering_status import STEP_LABELS, TransitionRefused, advance
from shahrtrain_desktop.services.permissions import Permission, allowed
from shahrtrain_desktop.ui.delivery.acting import REFUSALS, refusal_text, session_for

STATUS = "وضعیت دوره: {status}"
REFUSED_TITLE = "این کار ممکن نیست"
CLOSE_TITLE = "بستن پرونده با کمبود"
CLOSE_PROMPT = "{gaps}\n\nدلیل بستن پرونده با وجود این کمبودها را بنویسید:"
DONE = "وضعیت دوره به «{status}» تغییر کرد."


class CloseNoteDialog(QDialog):
    def __init__(self, gaps: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(CLOSE_TITLE)
        layout = QVBoxLayout(self)
        prompt = QLabel(CLOSE_PROMPT.format(gaps="\n".join(gaps)), self)
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.note = QPlainTextEdit(self)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)  # a written reason is required
        self.note.textChanged.connect(lambda: ok.setEnabled(bool(self.text().strip())))
        self.resize(460, 260)

    def text(self) -> str:
        return self.note.toPlainText()


class StatusActions(QWidget):
    """Shows the offering's status; its button moves the offering one step forward."""

    changed = Signal(int)  # offering id

    def __init__(self, db: Database, user: SignedIn | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.user = db, user
        self.offering_id: int | None = None
        self.status: OfferingStatus | None = None
        self.today: date | None = None  # tests pin the day; the app uses the real one
        self.label = QLabel(self)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.advance)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.set_offering(None)

    def set_offering(self, offering_id: int | None) -> None:
        self.offering_id = offering_id
        status = None
        if offering_id is not None:
            with self.db.session() as session:
                offering = session.get(Offering, offering_id)
                status = offering.status if offering else None
        self.status = status
        self.label.setText(STATUS.format(status=label(status)) if status else "")
        target = offering_status.next_status(status) if status else None
        may = self.user is not None and allowed(self.user.role, Permission.PLAN_OFFERINGS)
        self.button.setVisible(target is not None and may)
        if target is not None:
            self.button.setText(STEP_LABELS[target])
        self.updateGeometry()

    def advance(self) -> None:
        if self.offering_id is None or self.status is None:
            return
        target = offering_status.next_status(self.status)
        if target is None:
            return
        day = self.today or date.today()
        note = ""
        offering_id = self.offering_id
        if target == OfferingStatus.CLOSED:
            with self.db.session() as session:
                gaps = offering_status.closing_gaps(
                    session, offering_status.load_offering(session, offering_id)
                )
            if gaps.any:
                dialog = CloseNoteDialog(gaps.messages(), self)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return
                note = dialog.text()
        try:
            with session_for(self.db, self.user) as session:
                advance(session, offering_id, target, today=day, close_note=note)
        except TransitionRefused as refused:
            text = "\n".join(f"• {reason}" for reason in refused.reasons)
            QMessageBox.warning(self, REFUSED_TITLE, text)
            return
        except REFUSALS as error:
            QMessageBox.warning(self, REFUSED_TITLE, refusal_text(error))
            return
        self.set_offering(offering_id)
        self.changed.emit(offering_id)
