"""The frame every stage tab shares: a filter row, the stage's listing and its row count.

A tab is populated the first time it is shown (``populate``) and re-read on ``refresh``;
subclasses name their listing spec and title and choose their filters in ``build_filters``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.audit import Actor, act_as
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.db_errors import translating_database_errors
from shahrtrain_desktop.services.listings import Filters, ListingSpec
from shahrtrain_desktop.ui.filters import (
    ChoiceCombo,
    DateRangeFilter,
    SearchBox,
    YearCombo,
    row_count_text,
)
from shahrtrain_desktop.ui.table_model import ListingTableModel
from shahrtrain_desktop.ui.table_view import ListingView
from shahrtrain_desktop.ui.trust.events import reporting_account_disabled
from shahrtrain_desktop.ui.worker import Worker, worker_for

# Nobody signed in: services refuse anything that needs a permission.
NO_ACTOR = Actor(None, "")


class BaseTab(QWidget):
    spec: ClassVar[ListingSpec]
    title: ClassVar[str]

    row_count_changed = Signal(int)

    def __init__(
        self, db: Database, user: SignedIn | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.populated = False
        self.search_box: SearchBox | None = None
        self.year_combo: YearCombo | None = None
        self.date_range: DateRangeFilter | None = None
        self.choice_combos: dict[str, ChoiceCombo] = {}

        self.model = ListingTableModel(db, self.spec, self)
        self.model.count_settled.connect(self._count_changed)
        self.view = ListingView(self)
        self.view.set_listing_model(self.model)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("rowCount")

        layout = QVBoxLayout(self)
        self.build_header(layout)
        self.filter_bar = QHBoxLayout()
        self.build_filters()
        self.filter_bar.addStretch(1)
        self.filter_bar.addWidget(self.count_label)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.view, 1)

    # -- hooks ---------------------------------------------------------------------------

    def build_header(self, layout: QVBoxLayout) -> None:
        """Widgets above the filter row (the supervision tab's headline strip)."""

    def build_filters(self) -> None:
        """Default filter row: the year, then each enum choice of the spec."""
        if self.spec.year_expr is not None:
            self.add_year()
        for choice in self.spec.choices:
            self.add_choice(choice.key)

    def populate(self) -> None:
        """First fill, when the tab is first shown."""
        self.populated = True
        self.refresh()

    def refresh(self) -> None:
        """Re-read from the database, keeping filters and sort. Does nothing before populate."""
        if not self.populated:
            return
        if self.year_combo is not None:
            with self.db.engine.connect() as conn:
                self.year_combo.set_years(listings.available_years(conn, self.spec))
        self.model.set_filters(self.current_filters())

    def can_close(self) -> bool:
        """Asked before the window closes: keep what is being typed; False keeps it open."""
        return True

    # -- filter widgets ------------------------------------------------------------------

    def add_search(self, placeholder: str) -> SearchBox:
        self.search_box = SearchBox(placeholder, self)
        self.search_box.search.connect(self.apply_filters)
        self.filter_bar.addWidget(self.search_box)
        return self.search_box

    def add_choice(self, key: str) -> ChoiceCombo:
        combo = ChoiceCombo(self.spec.choice(key), self)
        combo.currentIndexChanged.connect(self.apply_filters)
        self.choice_combos[key] = combo
        self.filter_bar.addWidget(combo)
        return combo

    def add_year(self) -> YearCombo:
        self.year_combo = YearCombo(self)
        self.year_combo.currentIndexChanged.connect(self.apply_filters)
        self.filter_bar.addWidget(self.year_combo)
        return self.year_combo

    def add_date_range(self, start: date, end: date) -> DateRangeFilter:
        self.date_range = DateRangeFilter(start, end, self)
        self.date_range.changed.connect(self.apply_filters)
        self.filter_bar.addWidget(self.date_range)
        return self.date_range

    def current_filters(self) -> Filters:
        date_from, date_to = self.date_range.range() if self.date_range else (None, None)
        return Filters(
            text=self.search_box.text() if self.search_box else "",
            choices={key: combo.value() for key, combo in self.choice_combos.items()},
            year=self.year_combo.value() if self.year_combo else None,
            date_from=date_from,
            date_to=date_to,
        )

    def apply_filters(self) -> None:
        if self.populated:
            self.model.set_filters(self.current_filters())

    def focus_search(self) -> None:
        """Ctrl+F: the search box, or else the first filter of the row."""
        target = self.search_box or self.year_combo or next(iter(self.choice_combos.values()), None)
        (target or self.view).setFocus()
        if self.search_box is not None:
            self.search_box.selectAll()

    # -- acting --------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction on behalf of the signed-in user: services check their permissions
        and the audit trail records them."""
        with translating_database_errors(), reporting_account_disabled():
            with self.db.session() as session:
                act_as(session, self.user.actor if self.user else NO_ACTOR)
                yield session

    # -- selection -----------------------------------------------------------------------

    @property
    def worker(self) -> Worker:
        """The window's single worker (a tab shown on its own gets one of its own)."""
        return worker_for(self, self.db)

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows in display order, else of the current row."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return [self.model.row_id(row) for row in rows]

    def current_id(self, pick_message: str) -> int | None:
        """Id of the current row; without one, tell the user ``pick_message`` and return None."""
        row = self.view.currentIndex().row()
        if row < 0:
            QMessageBox.information(self, self.title, pick_message)
            return None
        return self.model.row_id(row)

    # -- state ---------------------------------------------------------------------------

    def row_count(self) -> int:
        return self.model.rowCount()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.populated:
            self.populate()

    def _count_changed(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(row_count_text(count))
        self.row_count_changed.emit(count)
