"""Dates read year first from the right in the window (a table cell, a label), while the data
files keep the plain ``1405/09/04`` a spreadsheet or another program reads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pixels import differing_columns
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import update
from ui_sample import fill_sample

from shahrtrain_desktop.models import Document, Person
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import RLM, format_jalali_display, from_jalali
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.roster_export import export_registry
from shahrtrain_desktop.ui.app import create_application
from shahrtrain_desktop.ui.table_model import TEXT_DIRECTION_ROLE, ListingTableModel
from shahrtrain_desktop.ui.table_view import ListingView

AZAR_4_1405 = from_jalali(1405, 9, 4)
# ۷ and ۸ are equally wide in Vazirmatn, so a centred date does not move when one becomes the
# other: only the changed group's pixels change.
AZAR_7_1407 = from_jalali(1407, 9, 7)
AZAR_8_1407 = from_jalali(1407, 9, 8)
AZAR_8_1408 = from_jalali(1408, 9, 8)


def _same_width_digits(font: QFont) -> None:
    metrics = QFontMetricsF(font)
    assert metrics.horizontalAdvance("۷") == metrics.horizontalAdvance("۸"), font.family()


class _DateCell:
    """The «تاریخ نامه» cell of the first need in a shown, right-to-left listing view."""

    def __init__(self, db: Database, qtbot: QtBot) -> None:
        create_application()
        self.db = db
        self.model = ListingTableModel(db, listings.NEEDS)
        self.view = ListingView()
        self.view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        qtbot.addWidget(self.view)
        self.view.set_listing_model(self.model)
        self.view.resize(1400, 300)
        self.view.show()
        qtbot.waitExposed(self.view)
        self.column = self.model.spec.index("document_date")

    def show(self, value: date) -> QImage:
        with self.db.session() as session:
            session.execute(update(Document).values(date=value))
        self.model.reload()
        index = self.model.index(0, self.column)
        self.view.clearSelection()
        self.view.setCurrentIndex(self.model.index(-1, -1))
        rect = self.view.visualRect(index)
        self.width = rect.width()
        return self.view.viewport().grab(rect).toImage()


def test_a_date_cell_draws_the_year_at_the_right_end(db: Database, qtbot: QtBot) -> None:
    """Changing only the day changes the left half of the cell, only the year the right half;
    a date laid out left to right (year on the left) fails both."""
    fill_sample(db)
    cell = _DateCell(db, qtbot)
    _same_width_digits(cell.view.font())
    cell.show(AZAR_4_1405)
    index = cell.model.index(0, cell.column)
    assert index.data(Qt.ItemDataRole.DisplayRole) == format_jalali_display(AZAR_4_1405)
    assert index.data(TEXT_DIRECTION_ROLE) == Qt.LayoutDirection.RightToLeft
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) == Qt.AlignmentFlag.AlignCenter
    day = differing_columns(cell.show(AZAR_7_1407), cell.show(AZAR_8_1407))
    assert day
    assert max(day) < cell.width / 2
    year = differing_columns(cell.show(AZAR_8_1407), cell.show(AZAR_8_1408))
    assert year
    assert min(year) > cell.width / 2


def test_a_label_draws_the_year_at_the_right_end(qtbot: QtBot) -> None:
    """A label built with format_jalali_display inside a sentence: the year is still right."""
    create_application()

    def grab(value: date) -> QImage:
        label = QLabel(f"تاریخ نامه: {format_jalali_display(value)}")
        label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setFixedSize(400, 40)
        qtbot.addWidget(label)
        _same_width_digits(label.font())
        return label.grab().toImage()

    # The sentence is at the right of the centred text, the date at its left: the year is the
    # date's right-hand group, so a year change lies right of a day change.
    day = differing_columns(grab(AZAR_7_1407), grab(AZAR_8_1407))
    year = differing_columns(grab(AZAR_8_1407), grab(AZAR_8_1408))
    assert day
    assert year
    assert min(year) > max(day)


def test_exported_dates_carry_no_marks(db: Database, tmp_path: Path) -> None:
    """The registry workbook keeps ``1405/09/04`` as data: no invisible marks in a cell."""
    fill_sample(db)
    with db.session() as session:
        session.execute(update(Person).values(birth_date=AZAR_4_1405))
    with db.session() as session:
        path = export_registry(session, tmp_path / "people.xlsx")
    sheet = load_workbook(path, read_only=True).worksheets[0]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "1405/09/04" in cells
    assert not any(RLM in c for c in cells)
