"""Charts of the dashboard (Qt Charts): bars a person reads at a glance, categories running
right to left like the text around them, each savable as PNG and clickable to drill down."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.ui.monitoring import texts

PALETTE = ("#3f73a6", "#e0913a", "#5aa469", "#c0504d")


class ChartPanel(QWidget):
    """A titled chart with a «save as image» button. ``clicked(series, key)`` names the bar."""

    clicked = Signal(str, object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setBackgroundRoundness(4)
        # Axis and bar labels in Persian digits (۰–۹), as everywhere else in the window.
        self.chart.setLocale(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
        self.chart.setLocalizeNumbers(True)
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(300)
        heading = QLabel(title, self)
        heading.setObjectName("chartTitle")
        self.save_button = QPushButton(texts.SAVE_PNG, self)
        self.save_button.clicked.connect(self.ask_and_save)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def show_bars(
        self,
        categories: Sequence[str],
        keys: Sequence[Any],
        series: Sequence[tuple[str, str, Sequence[float]]],
        horizontal: bool = False,
    ) -> None:
        """``series`` = (name, id, values); categories right to left (or top down, the bars
        then growing from the right)."""
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        # Vertical: the first category on the right, where a Persian reader starts.
        # Horizontal: Qt draws the first bar at the bottom, so reverse to read top down.
        order = list(reversed(range(len(categories))))
        bars = QHorizontalBarSeries() if horizontal else QBarSeries()
        top = 0.0
        for number, (name, series_id, values) in enumerate(series):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(PALETTE[number % len(PALETTE)]))
            for i in order:
                bar_set.append(float(round(values[i])))
                top = max(top, float(values[i]))
            bar_set.clicked.connect(
                lambda index, sid=series_id: self.clicked.emit(sid, keys[order[index]])
            )
            bars.append(bar_set)
        bars.setLabelsVisible(len(categories) <= 12)
        bars.setLabelsFormat("@value")
        self.chart.addSeries(bars)
        category_axis = QBarCategoryAxis()
        category_axis.append([categories[i] for i in order])
        value_axis = QValueAxis()
        value_axis.setRange(0, top * 1.1 if top else 1)
        value_axis.setLabelFormat("%.0f")
        value_axis.setTickCount(5)
        if horizontal:
            # Bars grow from the labels on the right towards the left, as a Persian reader
            # reads: zero on the right edge, the scale rising leftwards.
            value_axis.setReverse(True)
            self.chart.addAxis(category_axis, Qt.AlignmentFlag.AlignRight)
            self.chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
        else:
            self.chart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
            self.chart.addAxis(value_axis, Qt.AlignmentFlag.AlignRight)
        bars.attachAxis(category_axis)
        bars.attachAxis(value_axis)
        self.chart.legend().setVisible(len(series) > 1)

    def save_png(self, path: Path) -> Path:
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        self.view.grab().save(str(path), "PNG")
        return path

    def ask_and_save(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, texts.SAVE_PNG_TITLE, f"{self.title}.png", texts.PNG_FILTER
        )
        if name:
            self.save_png(Path(name))
