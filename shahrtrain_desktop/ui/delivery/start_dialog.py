"""«شروع برگزاری…»: pick an offering that is open for registration and start it."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import OfferingStatus
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.offering_status import offerings_in
from shahrtrain_desktop.ui.delivery.offering_picker import OfferingPicker
from shahrtrain_desktop.ui.delivery.status_actions import StatusActions

TITLE = "شروع برگزاری دوره"
PROMPT = "دوره‌ای را که ثبت‌نام آن باز است برگزینید:"
NONE = "هیچ دوره‌ای در حال ثبت‌نام نیست."


class StartDialog(QDialog):
    def __init__(
        self,
        db: Database,
        user: SignedIn | None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.started: int | None = None
        with db.session() as session:
            choices = offerings_in(session, (OfferingStatus.OPEN,))
        self.combo = OfferingPicker(self)
        self.combo.set_choices(choices)
        self.status = StatusActions(db, user, self)
        self.status.today = today
        self.status.changed.connect(self._started)
        self.combo.currentIndexChanged.connect(self._picked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(PROMPT if choices else NONE, self))
        layout.addWidget(self.combo)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(620, 160)
        self._picked()

    def _picked(self) -> None:
        offering_id = self.combo.currentData()
        self.status.set_offering(offering_id if isinstance(offering_id, int) else None)

    def _started(self, offering_id: int) -> None:
        self.started = offering_id
        self.accept()
