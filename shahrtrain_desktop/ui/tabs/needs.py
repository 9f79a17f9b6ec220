"""Stage 1, needs assessment: the needs recorded from notices, requests and surveys."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QInputDialog, QVBoxLayout

from shahrtrain_desktop.persian import TEHRAN, jalali_year_of
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.needs import accept_need, reject_need
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab
from shahrtrain_desktop.ui.planning.common import acting, attempt
from shahrtrain_desktop.ui.planning.need_dialog import NeedDialog
from shahrtrain_desktop.ui.planning.needs_summary import NeedsSummaryDialog
from shahrtrain_desktop.ui.planning.offering_dialog import OfferingDialog
from shahrtrain_desktop.ui.planning.tab_actions import action_row

NEW, EDIT, ACCEPT, REJECT = "نیاز تازه…", "ویرایش…", "پذیرش", "رد…"
PLAN, SUMMARY = "برنامه‌ریزی دوره برای نیاز…", "خلاصهٔ نیازها…"
REJECT_PROMPT = "دلیل رد این نیاز:"
PICK_ROW = "نخست یک نیاز را در فهرست برگزینید."


class NeedsTab(BaseTab):
    spec = listings.NEEDS
    title = strings.TAB_NEEDS

    def build_header(self, layout: QVBoxLayout) -> None:
        row, self.buttons = action_row(
            self,
            self.user,
            [
                (NEW, self.new_need, True),
                (EDIT, self.edit_need, True),
                (ACCEPT, self.accept_selected, True),
                (REJECT, self.reject_selected, True),
                (PLAN, self.plan_selected, True),
                (SUMMARY, self.show_summary, False),
            ],
        )
        layout.addLayout(row)
        self.view.doubleClicked.connect(lambda _index: self.edit_need())

    def selected_id(self) -> int | None:
        return self.current_id(PICK_ROW)

    def current_year(self) -> int:
        chosen = self.year_combo.value() if self.year_combo else None
        return chosen or jalali_year_of(datetime.now(TEHRAN).date())

    def new_need(self) -> None:
        if NeedDialog(self.db, self.user, self.current_year(), parent=self).exec():
            self.refresh()

    def edit_need(self) -> None:
        need_id = self.selected_id()
        if (
            need_id is not None
            and NeedDialog(self.db, self.user, self.current_year(), need_id, self).exec()
        ):
            self.refresh()

    def accept_selected(self) -> None:
        need_id = self.selected_id()
        if need_id is None:
            return

        def run() -> None:
            with acting(self.db, self.user) as session:
                accept_need(session, need_id)

        attempt(self, run)
        self.refresh()

    def reject_selected(self) -> None:
        need_id = self.selected_id()
        if need_id is None:
            return
        reason, ok = QInputDialog.getText(self, REJECT, REJECT_PROMPT)
        if not ok:
            return

        def run() -> None:
            with acting(self.db, self.user) as session:
                reject_need(session, need_id, reason)

        attempt(self, run)
        self.refresh()

    def plan_selected(self) -> None:
        need_id = self.selected_id()
        if need_id is None:
            return
        dialog = OfferingDialog(self.db, self.user, need_ids=(need_id,), parent=self)
        if dialog.exec():
            self.refresh()

    def show_summary(self) -> None:
        NeedsSummaryDialog(self.db, self.current_year(), self).exec()
