"""Small filter widgets of the listing tabs: a debounced search box and combo boxes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.listings import Choice
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.date_edit import JalaliDateEdit

SEARCH_DELAY_MS = 150


class SearchBox(QLineEdit):
    """Emits ``search`` with the text once typing pauses, so each keystroke is not a query."""

    search = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(280)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: self.search.emit(self.text()))
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.flush)

    def flush(self) -> None:
        """Search now (Enter, tests) instead of waiting for the pause."""
        self._timer.stop()
        self.search.emit(self.text())


class ChoiceCombo(QComboBox):
    """«همه» followed by the Persian labels of a :class:`Choice`'s codes."""

    def __init__(self, choice: Choice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = choice
        self.setToolTip(choice.label)
        self.addItem(f"{choice.label}: {strings.ALL}", "")
        for value in choice.values:
            self.addItem(label(value), value.value)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def value(self) -> str:
        return str(self.currentData() or "")

    def set_value(self, value: str) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class YearCombo(QComboBox):
    """Jalali years in Persian digits, newest first, after «همهٔ سال‌ها»."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(strings.YEAR)
        self.set_years([])

    def set_years(self, years: list[int]) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem(strings.ALL_YEARS, None)
        for year in years:
            self.addItem(f"{strings.YEAR} {to_persian_digits(year)}", year)
        index = self.findData(current) if current is not None else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def value(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None


class DateRangeFilter(QWidget):
    """«از تاریخ … تا تاریخ …», each side switched on by its check box."""

    changed = Signal()

    def __init__(self, start: date, end: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.from_check = QCheckBox(strings.FROM_DATE)
        self.from_edit = JalaliDateEdit(start)
        self.to_check = QCheckBox(strings.TO_DATE)
        self.to_edit = JalaliDateEdit(end)
        for check, edit in ((self.from_check, self.from_edit), (self.to_check, self.to_edit)):
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _on: self.changed.emit())
            edit.dateChanged.connect(lambda _d: self.changed.emit())
            layout.addWidget(check)
            layout.addWidget(edit)

    def range(self) -> tuple[date | None, date | None]:
        start = self.from_edit.value() if self.from_check.isChecked() else None
        end = self.to_edit.value() if self.to_check.isChecked() else None
        return start, end


def row_count_text(count: int) -> str:
    return strings.ROWS.format(count=to_persian_digits(count, grouping=True))
