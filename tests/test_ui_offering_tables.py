"""Issue 9: the outcomes and delivery panels at scale — their tables' columns fit their texts
as ``ResizeToContents`` would, without the view asking the model for rows off screen, and the
outcomes picker offers every offering to act on."""

from __future__ import annotations

from typing import Any

import pytest
from delivery_fixtures import TODAY, fill_demo, offering_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from sqlalchemy import select

from shahrtrain_desktop.models import Offering, User
from shahrtrain_desktop.models.enums import OfferingStatus, OutcomeResult
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui.delivery import column_widths
from shahrtrain_desktop.ui.delivery.grid_model import AttendanceGridModel
from shahrtrain_desktop.ui.outcomes.panel import STATUSES
from shahrtrain_desktop.ui.outcomes.scores_model import PRE, REASON, RESULT, ScoresModel
from shahrtrain_desktop.ui.tabs.delivery import DeliveryTab
from shahrtrain_desktop.ui.tabs.outcomes import OutcomesTab


def _signed_in(db) -> SignedIn:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return SignedIn.of(s.scalars(select(User).where(User.username == "officer")).one())


def _show(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Short enough that an offering's trainees do not all fit on screen."""
    widget.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.addWidget(widget)
    widget.resize(1280, 560)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()  # settled: the listing's first row is current


def cells_asked(model_class: type[Any], monkeypatch: pytest.MonkeyPatch) -> set[tuple[int, int]]:
    """The (row, column) cells views ask models of this class about, any role; patch before
    the model is made (PySide looks its overrides up once)."""
    asked: set[tuple[int, int]] = set()
    original = model_class.data

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        asked.add((index.row(), index.column()))
        return original(self, index, role)

    monkeypatch.setattr(model_class, "data", data)
    return asked


def off_screen_per_column(view: QTableView, asked: set[tuple[int, int]]) -> int:
    """How many cells below the screen were asked about in the most asked column."""
    last = view.rowAt(view.viewport().height() - 1)
    assert 0 <= last < view.model().rowCount() - 1, "some trainees are off screen"
    below = [column for row, column in asked if row > last]
    return max((below.count(c) for c in set(below)), default=0)


def fits(view: QTableView, columns: range) -> bool:
    """Each column as wide as ResizeToContents makes it: its header or its widest cell."""
    header = view.horizontalHeader()
    return all(
        view.columnWidth(c) == max(view.sizeHintForColumn(c), header.sectionSizeHint(c))
        for c in columns
    )


def test_scores_fit_their_texts_asking_only_for_rows_on_screen(db, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fill_demo(db)
    offering_id = offering_in(db, OfferingStatus.FINISHED)
    asked = cells_asked(ScoresModel, monkeypatch)
    tab = OutcomesTab(db, _signed_in(db))
    _show(qtbot, tab)
    panel = tab.panel
    view, model = panel.view, panel.model
    asked.clear()
    panel.show_offering(offering_id)
    view.viewport().repaint()
    QApplication.processEvents()
    assert asked
    assert off_screen_per_column(view, asked) <= 1  # the widest cell, measured for its width
    assert fits(view, range(REASON))

    # an override marks the result «*»: the column follows the wider text
    failed = next(i for i, r in enumerate(model.rows) if r.result == OutcomeResult.FAILED)
    view.setCurrentIndex(model.index(failed, PRE))

    def decide(dialog) -> bool:  # type: ignore[no-untyped-def]
        dialog.reason.setPlainText("تصمیم کمیته")
        return True

    panel.ask_override = decide
    panel.override()
    assert model.index(failed, RESULT).data().endswith("*")
    qtbot.waitUntil(lambda: fits(view, range(REASON)))


def test_grid_fits_its_texts_asking_only_for_rows_on_screen(db, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fill_demo(db)
    asked = cells_asked(AttendanceGridModel, monkeypatch)
    tab = DeliveryTab(db, _signed_in(db))
    tab.set_today(TODAY)
    _show(qtbot, tab)
    view, model = tab.panel.view, tab.panel.model
    offering_id = offering_in(db, OfferingStatus.RUNNING)
    tab.select_offering(offering_id)  # its row in the listing, too
    asked.clear()
    tab.panel.show_offering(offering_id)  # read again
    view.viewport().repaint()
    QApplication.processEvents()
    assert asked
    assert off_screen_per_column(view, asked) <= 1  # the widest cell, measured for its width
    assert fits(view, range(model.columnCount()))

    # a change to every row (as «all present» makes) fits the columns once, after it
    fitted: list[int] = []
    fit = column_widths.fit_columns

    def counted(*args) -> None:  # type: ignore[no-untyped-def]
        fitted.append(1)
        fit(*args)

    monkeypatch.setattr(column_widths, "fit_columns", counted)
    for row in range(model.rowCount()):
        model.dataChanged.emit(model.index(row, 0), model.index(row, model.columnCount() - 1))
    assert fitted == []
    QApplication.processEvents()
    assert fitted == [1]
    assert fits(view, range(model.columnCount()))


def test_outcomes_picker_offers_every_offering_to_act_on(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    fill_demo(db)
    tab = OutcomesTab(db, _signed_in(db))
    _show(qtbot, tab)
    with db.session() as s:
        offerings = s.scalars(
            select(Offering)
            .where(Offering.status.in_(STATUSES))
            .order_by(Offering.start_date, Offering.code)
        ).all()
        first_code, first_title = offerings[0].code, offerings[0].course.title
        ids = [o.id for o in offerings]
    picker = tab.panel.picker
    assert picker is not None
    assert [picker.itemData(i) for i in range(picker.count())] == ids
    assert picker.itemText(0).startswith(f"{to_persian_digits(first_code)} — {first_title} — ")
    assert picker.currentData() == tab.panel.offering_id  # the offering shown
    picker.setCurrentIndex(picker.findData(ids[-1]))
    assert tab.panel.offering_id == ids[-1]
    assert tab.panel.model.offering_id == ids[-1]
