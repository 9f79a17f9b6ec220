"""The annual plan: twelve Jalali months as columns, each offering a bar from its start month
to its end month, monthly counts and person-hours above, filters, and print/export on the
worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import PersonCategory
from shahrtrain_desktop.persian import MONTH_NAMES, format_jalali_display, to_persian_digits
from shahrtrain_desktop.services.annual_plan import (
    AnnualPlan,
    PlanFilters,
    annual_plan,
    filter_choices,
)
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.reports.plan import write_plan
from shahrtrain_desktop.ui.planning.common import fill_enum, fill_pairs, rtl
from shahrtrain_desktop.ui.progress import Task
from shahrtrain_desktop.ui.strings import ltr
from shahrtrain_desktop.ui.worker import Worker, run_with_progress

TITLE = "برنامهٔ سالانهٔ آموزش"
YEAR, CATEGORY, COUNTY, GROUP = "سال", "دسته", "شهرستان", "گروه هدف"
ALL = "همه"
PRINT_PDF, EXPORT_XLSX = "چاپ برنامه (PDF)…", "برون‌بری Excel…"
SUMMARY_ROWS = ("برنامه‌ریزی‌شده", "برگزارشده", "نفر-ساعت برنامه", "نفر-ساعت اجراشده")
COURSE = "دوره"
TOTALS = (
    "سال {year}: {planned} دوره برنامه‌ریزی‌شده، {held} برگزارشده؛ {hours} نفر-ساعت برنامه"
    "   (سبز: برگزارشده، آبی: در برنامه؛ عدد: ساعت دوره)"
)
SAVED = "برنامه در {path} ذخیره شد."
TIP = "{title}\n{start} تا {end} — {hours} ساعت — {status}"
PLANNED_COLOUR, HELD_COLOUR = QColor(180, 205, 235), QColor(140, 200, 160)


def _n(value: float) -> str:
    return to_persian_digits(value, grouping=True, decimals=0)


class AnnualPlanDialog(QDialog):
    def __init__(
        self, db: Database, worker: Worker, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.worker = db, worker
        self.plan: AnnualPlan | None = None
        self.setWindowTitle(TITLE)
        self.resize(1200, 760)
        self.year = QSpinBox(self)
        self.year.setRange(1390, 1500)
        self.year.setValue(year)
        self.category, self.county, self.group = QComboBox(self), QComboBox(self), QComboBox(self)
        with db.session() as session:
            categories, counties = filter_choices(session)
        fill_pairs(self.category, categories)
        fill_pairs(self.county, counties)
        fill_enum(self.group, PersonCategory, none=True)
        for combo in (self.category, self.county, self.group):
            combo.setItemText(0, ALL)
            combo.currentIndexChanged.connect(self.reload)
        self.year.valueChanged.connect(self.reload)
        bar = QHBoxLayout()
        for text, widget in ((YEAR, self.year), (CATEGORY, self.category),
                             (COUNTY, self.county), (GROUP, self.group)):  # fmt: skip
            bar.addWidget(QLabel(text, self))
            bar.addWidget(widget)
        bar.addStretch(1)
        for text, suffix in ((PRINT_PDF, ".pdf"), (EXPORT_XLSX, ".xlsx")):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, s=suffix: self.export(s))
            bar.addWidget(button)
        self.totals = QLabel(self)
        self.summary = QTableWidget(len(SUMMARY_ROWS), 12, self)
        self.summary.setHorizontalHeaderLabels(list(MONTH_NAMES))
        self.summary.setVerticalHeaderLabels(list(SUMMARY_ROWS))
        self.summary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary.setFixedHeight(150)
        self.gantt = QTableWidget(0, 13, self)
        self.gantt.setHorizontalHeaderLabels([COURSE, *MONTH_NAMES])
        header = self.gantt.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.gantt.setColumnWidth(0, 330)
        for table in (self.summary, self.gantt):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.totals)
        layout.addWidget(self.summary)
        layout.addWidget(self.gantt, 1)
        self.reload()

    def filters(self) -> PlanFilters:
        return PlanFilters(
            self.category.currentData(), self.county.currentData(), self.group.currentData()
        )

    def reload(self) -> None:
        with self.db.session() as session:
            plan = annual_plan(session, self.year.value(), self.filters())
        self.plan = plan
        self.totals.setText(
            TOTALS.format(
                year=to_persian_digits(plan.year),
                planned=_n(plan.planned),
                held=_n(plan.held),
                hours=_n(plan.planned_person_hours),
            )
        )
        for column, month in enumerate(plan.months):
            values = (month.planned, month.held, month.planned_person_hours,
                      month.actual_person_hours)  # fmt: skip
            for row, value in enumerate(values):
                cell = QTableWidgetItem(_n(value))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.summary.setItem(row, column, cell)
        self.gantt.setRowCount(len(plan.offerings))
        for row, item in enumerate(plan.offerings):
            self.gantt.setItem(
                row, 0, QTableWidgetItem(rtl(f"{item.title} ({ltr(to_persian_digits(item.code))})"))
            )
            tip = TIP.format(
                title=item.title,
                start=format_jalali_display(item.start_date),
                end=format_jalali_display(item.end_date),
                hours=_n(item.hours),
                status=label(item.status),
            )
            for month_number in range(1, 13):
                cell = QTableWidgetItem("")
                if item.start_month <= month_number <= item.end_month:
                    cell.setBackground(HELD_COLOUR if item.held else PLANNED_COLOUR)
                    if month_number == item.start_month:
                        cell.setText(_n(item.hours))
                        cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    cell.setToolTip(tip)
                self.gantt.setItem(row, month_number, cell)

    def export(self, suffix: str) -> None:
        year = self.year.value()
        default = str(Path.home() / f"plan-{year}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, TITLE, default, f"*{suffix}")
        if path:
            self.export_to(Path(path).with_suffix(suffix))

    def export_to(self, path: Path) -> None:
        year, filters = self.year.value(), self.filters()

        def op(db: Database, task: Task) -> Path:
            task.report(TITLE)
            with db.session() as session:
                write_plan(session, year, path, filters,
                           lambda done, total: task.report(TITLE, done, total))  # fmt: skip
            return path

        run_with_progress(
            self.worker,
            self,
            TITLE,
            op,
            on_done=self._saved,
        )

    def _saved(self, path: Path) -> None:
        self.last_saved = path
        QMessageBox.information(self, TITLE, SAVED.format(path=ltr(path)))
