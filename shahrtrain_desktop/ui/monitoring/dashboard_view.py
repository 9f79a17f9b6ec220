"""The monitoring dashboard: a year or a run of months, its figures as cards and four charts.

The figures are read on the worker (a year of a large province takes most of a second); every
card and every bar opens the list behind it (``dashboard_drill``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import MONTH_NAMES, TEHRAN, jalali_year_of, to_persian_digits
from shahrtrain_desktop.services.dashboard import Dashboard, Period, parse_period
from shahrtrain_desktop.services.dashboard_drill import drill_down
from shahrtrain_desktop.ui.monitoring import texts
from shahrtrain_desktop.ui.monitoring.charts import ChartPanel
from shahrtrain_desktop.ui.monitoring.drill_dialog import DrillDialog
from shahrtrain_desktop.ui.progress import Task
from shahrtrain_desktop.ui.worker import Worker

CARD_STYLE = (
    "QPushButton#figureCard { border: 1px solid #c9d3de; border-radius: 6px; background: #f5f8fb;"
    " padding: 6px; text-align: center; } QPushButton#figureCard:hover { background: #e6eef6; }"
)


def _n(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return to_persian_digits(value, grouping=True, decimals=decimals)


class DashboardView(QWidget):
    def __init__(self, db: Database, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.worker = worker
        self.dashboard: Dashboard | None = None
        self.open_drills: list[DrillDialog] = []
        self.setStyleSheet(CARD_STYLE)

        this_year = jalali_year_of(datetime.now(TEHRAN).date())
        self.year = QComboBox(self)
        for year in range(this_year + 1, this_year - 8, -1):
            self.year.addItem(to_persian_digits(year), year)
        self.year.setCurrentIndex(1)
        self.from_month = QComboBox(self)
        self.to_month = QComboBox(self)
        self.from_month.addItem(texts.WHOLE_YEAR, 0)
        self.to_month.addItem(texts.WHOLE_YEAR, 0)
        for number, name in enumerate(MONTH_NAMES, start=1):
            self.from_month.addItem(name, number)
            self.to_month.addItem(name, number)
        self.show_button = QPushButton(texts.SHOW, self)
        self.show_button.clicked.connect(self.load)
        self.status = QLabel(texts.DRILL_HINT, self)
        controls = QHBoxLayout()
        for label, widget in (
            (texts.YEAR, self.year),
            (texts.FROM_MONTH, self.from_month),
            (texts.TO_MONTH, self.to_month),
        ):
            controls.addWidget(QLabel(label, self))
            controls.addWidget(widget)
        controls.addWidget(self.show_button)
        controls.addStretch(1)
        controls.addWidget(self.status)

        self.cards: dict[str, QPushButton] = {}
        cards = QGridLayout()
        for i, (key, title) in enumerate(
            (
                ("trainees_hours", texts.CARD_PERSON_HOURS),
                ("trainees", texts.CARD_TRAINEES),
                ("held", texts.CARD_HELD),
                ("certificates", texts.CARD_CERTIFICATES),
                ("failed", texts.CARD_PASS),
                ("satisfaction", texts.CARD_SATISFACTION),
                ("visits", texts.CARD_VISITS),
                ("untrained", texts.CARD_UNTRAINED),
            )
        ):
            card = QPushButton(self)
            card.setObjectName("figureCard")
            card.setProperty("caption", title)
            card.setMinimumHeight(64)
            card.clicked.connect(lambda _checked=False, k=key: self.drill_card(k))
            cards.addWidget(card, i // 4, i % 4)
            self.cards[key] = card

        self.months_chart = ChartPanel(texts.CHART_MONTHS, self)
        self.counties_chart = ChartPanel(texts.CHART_COUNTIES, self)
        self.categories_chart = ChartPanel(texts.CHART_CATEGORIES, self)
        self.coverage_chart = ChartPanel(texts.CHART_COVERAGE, self)
        self.charts = (
            self.months_chart,
            self.counties_chart,
            self.categories_chart,
            self.coverage_chart,
        )
        grid = QGridLayout()
        for chart, (row, column, span) in zip(
            self.charts, ((0, 0, 2), (1, 0, 1), (2, 0, 2), (1, 1, 1)), strict=True
        ):
            chart.clicked.connect(self.drill_chart)
            grid.addWidget(chart, row, column, 1, span)

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(cards)
        body_layout.addLayout(grid, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(scroll, 1)
        self._set_cards_empty()

    # -- reading -------------------------------------------------------------------------

    def period(self) -> Period:
        year = int(self.year.currentData())
        first, last = int(self.from_month.currentData()), int(self.to_month.currentData())
        if not first and not last:
            return Period.of_year(year)
        first, last = first or 1, last or 12
        if last < first:
            return parse_period(year, first, year + 1, last)
        return parse_period(year, first, year, last)

    def load(self) -> Task:
        period = self.period()
        self.status.setText(texts.LOADING)
        self.show_button.setEnabled(False)

        def op(db: Database, task: Task) -> Dashboard:
            from shahrtrain_desktop.services.dashboard import build_dashboard

            with db.engine.connect() as conn:
                return build_dashboard(conn, period)

        return self.worker.run(op, self.show_dashboard, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.show_button.setEnabled(True)
        self.status.setText(str(error))

    def show_dashboard(self, d: Dashboard) -> None:
        self.dashboard = d
        self.show_button.setEnabled(True)
        self.status.setText(texts.DRILL_HINT)
        untrained = sum(c.untrained for c in d.coverage)
        values = {
            "trainees_hours": _n(d.person_hours),
            "trainees": _n(d.trainees),
            "held": f"{_n(d.held)} از {_n(d.planned)}",
            "certificates": _n(d.certificates_issued),
            "failed": f"{_n(d.pass_rate, 1)}٪",
            "satisfaction": _n(d.satisfaction, 2),
            "visits": f"{_n(d.visits_done)} ({_n(d.supervision_score, 1)})",
            "untrained": _n(untrained),
        }
        for key, card in self.cards.items():
            card.setText(f"{values[key]}\n{card.property('caption')}")
        months = d.by_month
        self.months_chart.show_bars(
            [m.label for m in months],
            [m.key for m in months],
            [
                (texts.SERIES_PLANNED, "planned_month", [m.planned for m in months]),
                (texts.SERIES_HELD, "month", [m.held for m in months]),
            ],
        )
        counties = d.by_county
        self.counties_chart.show_bars(
            [s.label for s in counties],
            [s.key for s in counties],
            [(texts.SERIES_PERSON_HOURS, "county", [s.person_hours for s in counties])],
            horizontal=True,
        )
        categories = d.by_category
        self.categories_chart.show_bars(
            [s.label for s in categories],
            [s.key for s in categories],
            [(texts.SERIES_PERSON_HOURS, "category", [s.person_hours for s in categories])],
        )
        coverage = d.coverage
        self.coverage_chart.show_bars(
            [c.label for c in coverage],
            [c.category for c in coverage],
            [
                (texts.SERIES_TRAINED, "target_group", [c.trained for c in coverage]),
                (texts.SERIES_UNTRAINED, "untrained", [c.untrained for c in coverage]),
            ],
        )

    def _set_cards_empty(self) -> None:
        for card in self.cards.values():
            card.setText(f"—\n{card.property('caption')}")

    # -- drilling down -------------------------------------------------------------------

    def drill_card(self, key: str) -> DrillDialog | None:
        figure = {"trainees_hours": "trainees"}.get(key, key)
        return self.drill(figure, None)

    def drill_chart(self, series: str, key: Any) -> DrillDialog | None:
        if series == "planned_month":
            return self.drill("planned", None)
        return self.drill(series, key)

    def drill(self, figure: str, key: Any) -> DrillDialog | None:
        if self.dashboard is None:
            return None
        period = self.dashboard.period
        with self.db.engine.connect() as conn:
            listing = drill_down(conn, period, figure, key)
        dialog = DrillDialog(listing, period.title(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.open_drills.append(dialog)
        return dialog
