"""Stage 4, delivery: running and finished offerings; below, the attendance grid of the one
picked, with its status buttons and the sign-in sheet."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QPushButton

from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.permissions import Permission, allowed
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.delivery.panel import AttendancePanel
from shahrtrain_desktop.ui.delivery.start_dialog import StartDialog
from shahrtrain_desktop.ui.offering_panel import OfferingStageTab

START = "شروع برگزاری دوره…"


class DeliveryTab(OfferingStageTab):
    spec = listings.DELIVERY
    title = strings.TAB_DELIVERY
    panel: AttendancePanel

    today: date | None = None

    def make_panel(self) -> AttendancePanel:
        return AttendancePanel(self.db, self.user, self)

    def build_filters(self) -> None:
        super().build_filters()
        self.start_button = QPushButton(START, self)
        self.start_button.clicked.connect(self.start_offering)
        may = self.user is not None and allowed(self.user.role, Permission.PLAN_OFFERINGS)
        self.start_button.setVisible(may)
        self.filter_bar.addWidget(self.start_button)

    def set_today(self, day: date | None) -> None:
        """Pin the day the guards and the grid use (tests; the app uses the real date)."""
        self.today = day
        super().set_today(day)

    def select_offering(self, offering_id: int) -> None:
        """Select the offering's row in the listing (and open its grid)."""
        self.refresh()
        row = self.model.row_of(offering_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self.panel.show_offering(offering_id)
        self.panel.view.setFocus()

    def start_offering(self) -> None:
        dialog = StartDialog(self.db, self.user, self, today=self.today)
        dialog.exec()
        if dialog.started is not None:
            self.select_offering(dialog.started)
