"""Stage 4, delivery: running and finished offerings; below, the attendance grid of the one
picked, with its status buttons and the sign-in sheet."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QPushButton, QSplitter, QVBoxLayout, QWidget

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.permissions import Permission, allowed
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab
from shahrtrain_desktop.ui.delivery.panel import AttendancePanel
from shahrtrain_desktop.ui.delivery.start_dialog import StartDialog
from shahrtrain_desktop.ui.worker import Worker

START = "شروع برگزاری دوره…"


def tab_worker(widget: QWidget, own: list[Worker]) -> Worker:
    """The main window's worker when the tab lives in one; else one of the tab's own."""
    worker = getattr(widget.window(), "worker", None)
    if isinstance(worker, Worker):
        return worker
    if not own:
        db = getattr(widget, "db")  # noqa: B009 - both tabs carry their database
        own.append(Worker(db, widget))
    return own[0]


class DeliveryTab(BaseTab):
    spec = listings.DELIVERY
    title = strings.TAB_DELIVERY

    def __init__(
        self, db: Database, user: SignedIn | None = None, parent: QWidget | None = None
    ) -> None:
        self._own_worker: list[Worker] = []
        super().__init__(db, user, parent)
        self.today: date | None = None
        self.panel = AttendancePanel(db, user, lambda: tab_worker(self, self._own_worker), self)
        self.panel.changed.connect(self.refresh)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(self.view)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([220, 520])
        layout.addWidget(splitter, 1)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

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
        self.panel.today = day

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_offering(self.model.row_id(current.row()))

    def show_offering(self, offering_id: int) -> None:
        if self.panel.offering_id != offering_id:
            self.panel.show_offering(offering_id)

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
