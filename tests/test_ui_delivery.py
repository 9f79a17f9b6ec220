"""Issue 5: the delivery tab — attendance typed from the keyboard, saved as typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from delivery_fixtures import TODAY, fill_demo, offering_in
from PySide6.QtCore import Qt
from sqlalchemy import select

from shahrtrain_desktop.models import Attendance, Offering, User
from shahrtrain_desktop.models.enums import AttendanceStatus, OfferingStatus
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui.delivery.grid_model import FIRST_SESSION
from shahrtrain_desktop.ui.tabs.delivery import DeliveryTab

SHOTS = Path("/tmp/issue5-shots")


def _signed_in(db, username: str) -> SignedIn:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return SignedIn.of(s.scalars(select(User).where(User.username == username)).one())


@pytest.fixture
def tab(db, qtbot):  # type: ignore[no-untyped-def]
    fill_demo(db)
    widget = DeliveryTab(db, _signed_in(db, "officer"))
    widget.set_today(TODAY)
    widget.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_key(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """A key press carrying ``text`` (QTest cannot type Persian letters)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    key = Qt.Key(ord(text.upper())) if text.isascii() else Qt.Key.Key_unknown
    event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    QApplication.sendEvent(widget, event)


def _ticks(db, session_id: int) -> dict[int, tuple[str, int]]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        rows = s.execute(
            select(Attendance.enrolment_id, Attendance.status, Attendance.minutes_late).where(
                Attendance.session_id == session_id
            )
        )
        return {e: (AttendanceStatus(st), m) for e, st, m in rows}


def test_keys_mark_cells_and_move_down_saving_each_edit(tab, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(db, OfferingStatus.RUNNING)
    tab.select_offering(offering_id)
    panel = tab.panel
    model, view = panel.model, panel.view
    assert model.rowCount() > 3
    column = FIRST_SESSION  # session 1, held
    session_id = model.session_at(column).id
    first = next(r for r in range(model.rowCount()) if not model.row_at(r).withdrawn)
    view.setCurrentIndex(model.index(first, column))
    view.ask_minutes = lambda: 20
    type_key(view, "غ")
    assert view.currentIndex().row() == first + 1
    enrolment = model.row_at(first).enrolment_id
    assert _ticks(db, session_id)[enrolment] == (AttendanceStatus.ABSENT, 0)
    view.setCurrentIndex(model.index(first, column))
    type_key(view, "l")  # a Latin key works too
    assert _ticks(db, session_id)[enrolment] == (AttendanceStatus.LATE, 20)
    assert "۲۰" in model.index(first, column).data()
    hours_column = FIRST_SESSION + len(model.sessions)
    assert model.index(first, hours_column).data() == model.index(first, hours_column).data()
    view.setCurrentIndex(model.index(first, column))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert enrolment not in _ticks(db, session_id)
    SHOTS.mkdir(exist_ok=True)
    tab.grab().save(str(SHOTS / "issue5-delivery-grid.png"))


def test_future_session_is_refused_with_a_message(tab, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(db, OfferingStatus.RUNNING)
    tab.select_offering(offering_id)
    model, view = tab.panel.model, tab.panel.view
    future = next(
        c for c in range(FIRST_SESSION, FIRST_SESSION + len(model.sessions))
        if not model.session_at(c).held
    )  # fmt: skip
    view.setCurrentIndex(model.index(0, future))
    type_key(view, "ح")
    assert "هنوز برگزار نشده" in tab.panel.message.text()
    assert _ticks(db, model.session_at(future).id) == {}


def test_all_present_fills_the_column_and_updates_hours(tab, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(db, OfferingStatus.RUNNING)
    tab.select_offering(offering_id)
    model, view = tab.panel.model, tab.panel.view
    column = FIRST_SESSION
    session_id = model.session_at(column).id
    enrolled = [model.row_at(r) for r in range(model.rowCount()) if not model.row_at(r).withdrawn]
    # clear the column, then one absent, then «all present»
    model.write([])
    for r in range(model.rowCount()):
        if not model.row_at(r).withdrawn:
            model.set_cell(r, column, None)
    view.setCurrentIndex(model.index(0, column))
    type_key(view, "a")
    qtbot.keyClick(tab.panel, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    ticks = _ticks(db, session_id)
    assert len(ticks) == len(enrolled)
    assert sorted(s for s, _m in ticks.values()).count(AttendanceStatus.ABSENT) == 1


def test_open_offering_started_from_the_tab(tab, qtbot, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from shahrtrain_desktop.ui.delivery.start_dialog import StartDialog

    offering_id = offering_in(db, OfferingStatus.OPEN)
    with db.session() as s:
        start = s.get(Offering, offering_id).start_date
    tab.set_today(start)
    dialog = StartDialog(db, tab.user, tab, today=start)
    dialog.combo.setCurrentIndex(dialog.combo.findData(offering_id))
    SHOTS.mkdir(exist_ok=True)
    dialog.show()
    dialog.grab().save(str(SHOTS / "issue5-start-dialog.png"))
    dialog.status.button.click()
    assert dialog.started == offering_id
    with db.session() as s:
        assert s.get(Offering, offering_id).status == OfferingStatus.RUNNING


def test_sign_in_sheet_printed_on_the_worker(tab, qtbot, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(db, OfferingStatus.RUNNING)
    tab.select_offering(offering_id)
    out = tmp_path / "sheet.pdf"
    tab.panel.choose_path = lambda _parent, _name: out
    tab.panel.print_button.click()
    qtbot.waitUntil(lambda: "ساخته شد" in tab.panel.message.text(), timeout=15000)
    assert out.exists() and out.stat().st_size > 5000
