"""Stage 7, supervision and monitoring: the year's headline figures, supervision visits, and the
doors to the dashboard, the reports and the end-of-year export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import TEHRAN, jalali_year_of, to_persian_digits
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.dashboard_headline import HEADLINE_LABELS, Headline, headline
from shahrtrain_desktop.services.permissions import Permission, allowed
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.base_tab import BaseTab
from shahrtrain_desktop.ui.monitoring import texts
from shahrtrain_desktop.ui.monitoring.checklist_dialog import ChecklistDialog
from shahrtrain_desktop.ui.monitoring.dashboard_view import DashboardView
from shahrtrain_desktop.ui.monitoring.export_dialog import ExportDialog
from shahrtrain_desktop.ui.monitoring.plan_dialog import PlanVisitDialog
from shahrtrain_desktop.ui.monitoring.visit_dialog import VisitDialog
from shahrtrain_desktop.ui.progress import Task
from shahrtrain_desktop.ui.strings import ltr
from shahrtrain_desktop.ui.worker import Worker, run_with_progress


class HeadlineStrip(QFrame):
    """Four figures side by side: person-hours, trainees, offerings held, certificates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headline")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setObjectName("headlineTitle")
        layout.addWidget(self.title)
        self.values: list[QLabel] = []
        self.names: list[QLabel] = []
        for name in HEADLINE_LABELS:
            card = QFrame(self)
            card.setObjectName("headlineCard")
            card.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(card)
            value = QLabel("—", card)
            value.setObjectName("headlineValue")
            caption = QLabel(name, card)
            for label in (value, caption):
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                box.addWidget(label)
            self.values.append(value)
            self.names.append(caption)
            layout.addWidget(card, 1)

    def show_headline(self, headline: Headline) -> None:
        self.title.setText(strings.HEADLINE_TITLE.format(year=to_persian_digits(headline.year)))
        for label, (_name, text) in zip(self.values, headline.items(), strict=True):
            label.setText(text)


class DashboardWindow(QDialog):
    """The dashboard in a window of its own, so the officer can keep it beside the tabs."""

    def __init__(self, db: Database, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.DASHBOARD.rstrip("…"))
        self.resize(1280, 900)
        self.view = DashboardView(db, worker, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)


class SupervisionTab(BaseTab):
    spec = listings.SUPERVISION
    title = strings.TAB_SUPERVISION

    def __init__(self, db: Database, user: Any = None, parent: QWidget | None = None) -> None:
        self.dashboard_window: DashboardWindow | None = None
        super().__init__(db, user, parent)

    def build_header(self, layout: QVBoxLayout) -> None:
        self.headline = HeadlineStrip(self)
        layout.addWidget(self.headline)
        row = QHBoxLayout()
        role = self.user.role if self.user else None
        self.action_buttons: dict[str, QPushButton] = {}
        actions: list[tuple[str, str, Permission | None, Callable[[], object]]] = [
            ("plan", texts.PLAN_VISIT, Permission.RECORD_SUPERVISION, self.plan_visit),
            ("record", texts.RECORD_VISIT, Permission.RECORD_SUPERVISION, self.record_visit),
            ("visit_pdf", texts.VISIT_PDF, None, self.ask_visit_report),
            ("dashboard", texts.DASHBOARD, None, self.open_dashboard),
            ("annual", texts.ANNUAL_REPORT, None, self.ask_annual_report),
            ("summary", texts.SUMMARY_REPORT, None, self.ask_summary_report),
            ("export", texts.EXPORT, Permission.EXPORT_YEAR, self.open_export),
            ("checklist", texts.CHECKLIST, Permission.MANAGE_SETTINGS, self.edit_checklist),
        ]
        for key, title, permission, slot in actions:
            if permission is not None and (role is None or not allowed(role, permission)):
                continue
            button = QPushButton(title, self)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.action_buttons[key] = button
        row.addStretch(1)
        layout.addLayout(row)

    def refresh(self) -> None:
        super().refresh()
        if self.populated:
            self.load_headline()

    def load_headline(self) -> Task:
        """The year's figures are counted on the worker (a year of 100,000 people takes a
        good part of a second on a cold start); the strip fills in when they arrive."""
        year = self.current_year()

        def op(db: Database, task: Task) -> Headline:
            with db.engine.connect() as conn:
                return headline(conn, year)

        def show(figures: Headline) -> None:
            if isValid(self.headline):  # the tab may have closed meanwhile
                self.headline.show_headline(figures)

        return self.worker.run(op, show)

    # -- helpers -------------------------------------------------------------------------

    def current_year(self) -> int:
        chosen = self.year_combo.value() if self.year_combo else None
        return chosen or jalali_year_of(datetime.now(TEHRAN).date())

    def selected_visit(self) -> int | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if not rows:
            QMessageBox.information(self, texts.DONE_TITLE, texts.SELECT_VISIT)
            return None
        return self.model.row_id(rows[0].row())

    def _save_name(self, title: str, default: str, filters: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self, title, str(Path.home() / default), filters
        )
        return Path(name) if name else None

    # -- visits --------------------------------------------------------------------------

    def plan_visit(self) -> PlanVisitDialog:
        dialog = PlanVisitDialog(self.session, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
        return dialog

    def record_visit(self, visit_id: int | None = None) -> VisitDialog | None:
        visit_id = visit_id or self.selected_visit()
        if visit_id is None:
            return None
        dialog = VisitDialog(self.session, visit_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
        return dialog

    def edit_checklist(self) -> ChecklistDialog:
        dialog = ChecklistDialog(self.db, self.user, self)
        dialog.exec()
        return dialog

    # -- reports -------------------------------------------------------------------------

    def _report(self, title: str, path: Path, work: Callable[[Any], object]) -> Task:
        def op(db: Database, task: Task) -> Path:
            task.report(title)
            with db.session() as session:
                work(session)
            return path

        return run_with_progress(
            self.worker,
            self,
            title,
            op,
            on_done=lambda done: QMessageBox.information(
                self, texts.DONE_TITLE, texts.REPORT_SAVED.format(path=ltr(done))
            ),
        )

    def ask_visit_report(self) -> None:
        visit_id = self.selected_visit()
        if visit_id is None:
            return
        path = self._save_name(texts.VISIT_PDF, f"visit-{visit_id}.pdf", texts.PDF_FILTER)
        if path is not None:
            self.visit_report(visit_id, path)

    def visit_report(self, visit_id: int, path: Path) -> Task:
        from shahrtrain_desktop.services.reports.supervision import write_visit_report

        return self._report(texts.VISIT_PDF, path, lambda s: write_visit_report(s, visit_id, path))

    def ask_annual_report(self) -> None:
        year = self.current_year()
        path = self._save_name(texts.ANNUAL_REPORT, f"annual-{year}.pdf", texts.REPORT_FILTER)
        if path is not None:
            self.annual_report(year, path)

    def annual_report(self, year: int, path: Path) -> Task | None:
        from shahrtrain_desktop.services.reports.annual import MSG_FORMAT, write_annual

        if path.suffix.lower() not in (".pdf", ".xlsx"):
            QMessageBox.warning(self, texts.ERROR_TITLE, MSG_FORMAT)
            return None
        return self._report(texts.ANNUAL_REPORT, path, lambda s: write_annual(s, year, path))

    def ask_summary_report(self) -> None:
        year = self.current_year()
        path = self._save_name(texts.SUMMARY_REPORT, f"supervision-{year}.pdf", texts.PDF_FILTER)
        if path is not None:
            self.summary_report(year, path)

    def summary_report(self, year: int, path: Path) -> Task:
        from shahrtrain_desktop.services.dashboard import Period
        from shahrtrain_desktop.services.reports.supervision import write_supervision_summary

        return self._report(
            texts.SUMMARY_REPORT,
            path,
            lambda s: write_supervision_summary(s, Period.of_year(year), path),
        )

    # -- dashboard and export ------------------------------------------------------------

    def open_dashboard(self) -> DashboardWindow:
        if self.dashboard_window is None:
            self.dashboard_window = DashboardWindow(self.db, self.worker, self)
        window = self.dashboard_window
        window.show()
        window.raise_()
        window.view.load()
        return window

    def open_export(self) -> ExportDialog:
        dialog = ExportDialog(self.db, self.worker, self.user, self)
        dialog.show()
        return dialog


__all__ = ["DashboardWindow", "HeadlineStrip", "SupervisionTab"]
