"""Stage 3, design and planning: the offerings of the catalogue's courses."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QMessageBox, QVBoxLayout

from shahrtrain_desktop.persian import TEHRAN, jalali_year_of, jalali_year_range
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.planning import open_for_registration
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab
from shahrtrain_desktop.ui.planning.annual_plan_view import AnnualPlanDialog
from shahrtrain_desktop.ui.planning.catalogue_dialog import CatalogueDialog
from shahrtrain_desktop.ui.planning.common import acting, attempt
from shahrtrain_desktop.ui.planning.offering_dialog import OfferingDialog
from shahrtrain_desktop.ui.planning.tab_actions import action_row

NEW, EDIT, OPEN = "دورهٔ تازه…", "ویرایش و مصوبات…", "گشودن ثبت‌نام"
PLAN, CATALOGUE = "برنامهٔ سالانه…", "فهرست دوره‌ها…"
PICK_ROW = "نخست یک دوره را در فهرست برگزینید."
OPENED = "ثبت‌نام دورهٔ برگزیده گشوده شد."


class OfferingsTab(BaseTab):
    spec = listings.OFFERINGS
    title = strings.TAB_OFFERINGS

    def build_header(self, layout: QVBoxLayout) -> None:
        row, self.buttons = action_row(
            self,
            self.user,
            [
                (NEW, self.new_offering, True),
                (EDIT, self.edit_offering, True),
                (OPEN, self.open_selected, True),
                (PLAN, self.show_plan, False),
                (CATALOGUE, self.show_catalogue, False),
            ],
        )
        layout.addLayout(row)
        self.view.doubleClicked.connect(lambda _index: self.edit_offering())

    def build_filters(self) -> None:
        super().build_filters()
        today = datetime.now(TEHRAN).date()
        start, _next_year = jalali_year_range(jalali_year_of(today))
        self.add_date_range(start, today)

    def selected_id(self) -> int | None:
        return self.current_id(PICK_ROW)

    def new_offering(self) -> None:
        if OfferingDialog(self.db, self.user, parent=self).exec():
            self.refresh()

    def edit_offering(self) -> None:
        offering_id = self.selected_id()
        if (
            offering_id is not None
            and OfferingDialog(self.db, self.user, offering_id, parent=self).exec()
        ):
            self.refresh()

    def open_selected(self) -> None:
        offering_id = self.selected_id()
        if offering_id is None:
            return

        def run() -> bool:
            with acting(self.db, self.user) as session:
                open_for_registration(session, offering_id)
            return True

        if attempt(self, run):
            QMessageBox.information(self, self.title, OPENED)
        self.refresh()

    def show_plan(self) -> None:
        year = self.year_combo.value() if self.year_combo else None
        year = year or jalali_year_of(datetime.now(TEHRAN).date())
        AnnualPlanDialog(self.db, self.worker, year, self).exec()

    def show_catalogue(self) -> None:
        CatalogueDialog(self.db, self.user, self).exec()
