"""Stage 5, outcomes: every trainee's scores and result in finished offerings (the listing);
below, the outcomes of one offering — scores typed in place, the questionnaire, follow-ups,
the override and the outcome report."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from shahrtrain_desktop.models import Enrolment
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab
from shahrtrain_desktop.ui.outcomes.panel import OutcomesPanel
from shahrtrain_desktop.ui.tabs.delivery import tab_worker
from shahrtrain_desktop.ui.worker import Worker


class OutcomesTab(BaseTab):
    spec = listings.OUTCOMES
    title = strings.TAB_OUTCOMES

    def __init__(
        self, db: Database, user: SignedIn | None = None, parent: QWidget | None = None
    ) -> None:
        self._own_worker: list[Worker] = []
        super().__init__(db, user, parent)
        self.panel = OutcomesPanel(db, user, lambda: tab_worker(self, self._own_worker), self)
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
        self.add_search(strings.SEARCH_TRAINEE)
        super().build_filters()

    def populate(self) -> None:
        super().populate()
        self.panel.reload_offerings()

    def set_today(self, day: date | None) -> None:
        self.panel.today = day

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        with self.db.session() as session:
            enrolment = session.get(Enrolment, self.model.row_id(current.row()))
            offering_id = enrolment.offering_id if enrolment else None
        if offering_id is not None and offering_id != self.panel.offering_id:
            self.panel.show_offering(offering_id)
