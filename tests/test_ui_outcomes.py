"""Issue 5: the outcomes tab, and one offering run from «open» to «closed» from the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from delivery_fixtures import fill_demo, offering_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from shahrtrain_desktop.models import Certificate, Enrolment, Offering, User
from shahrtrain_desktop.models.enums import (
    CertificateStatus,
    EnrolmentStatus,
    OfferingStatus,
    OutcomeResult,
)
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui.delivery.grid_model import FIRST_SESSION
from shahrtrain_desktop.ui.delivery.start_dialog import StartDialog
from shahrtrain_desktop.ui.outcomes.scores_model import FINAL, POST, PRE
from shahrtrain_desktop.ui.tabs.delivery import DeliveryTab
from shahrtrain_desktop.ui.tabs.outcomes import OutcomesTab

SHOTS = Path("/tmp/issue5-shots")


def _signed_in(db, username: str = "officer") -> SignedIn:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return SignedIn.of(s.scalars(select(User).where(User.username == username)).one())


def _show(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)


def _type_score(qtbot, view, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type a value into the current cell (a key opens its editor) and press Enter."""
    qtbot.keyClick(view, text[0])
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit), "typing a digit opens the cell's editor"
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(view.currentIndex()) is not editor)  # queued commit


def test_open_to_closed_from_the_keyboard_and_passers_become_candidates(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    fill_demo(db)
    user = _signed_in(db)
    offering_id = offering_in(db, OfferingStatus.OPEN)
    with db.session() as s:
        offering = s.get(Offering, offering_id)
        start, last = offering.sessions[0].date, offering.sessions[-1].date

    delivery = DeliveryTab(db, user)
    delivery.set_today(start)
    _show(qtbot, delivery)
    dialog = StartDialog(db, user, delivery, today=start)
    dialog.combo.setCurrentIndex(dialog.combo.findData(offering_id))
    dialog.status.button.setFocus()
    qtbot.keyClick(dialog.status.button, Qt.Key.Key_Space)
    assert dialog.started == offering_id

    # the last day: every session has happened; type the whole grid, column by column
    delivery.set_today(last)
    delivery.select_offering(offering_id)
    model, view = delivery.panel.model, delivery.panel.view
    trainees = [r for r in range(model.rowCount()) if not model.row_at(r).withdrawn]
    for column in range(FIRST_SESSION, FIRST_SESSION + len(model.sessions)):
        view.setCurrentIndex(model.index(trainees[0], column))
        for _row in trainees:
            qtbot.keyClick(view, "p")
    # the first trainee was absent everywhere
    for column in range(FIRST_SESSION, FIRST_SESSION + len(model.sessions)):
        view.setCurrentIndex(model.index(trainees[0], column))
        qtbot.keyClick(view, "a")
    assert model.row_at(trainees[0]).attendance_pct == 0
    assert model.row_at(trainees[1]).attendance_pct == 100
    delivery.panel.status.button.click()  # پایان برگزاری
    with db.session() as s:
        assert s.get(Offering, offering_id).status == OfferingStatus.FINISHED

    outcomes_tab = OutcomesTab(db, user)
    outcomes_tab.set_today(last)
    _show(qtbot, outcomes_tab)
    panel = outcomes_tab.panel
    panel.show_offering(offering_id)
    scores, sview = panel.model, panel.view
    assert scores.rowCount() == len(trainees)
    for column, text in ((PRE, "9.5"), (POST, "17.25")):
        sview.setCurrentIndex(scores.index(0, column))
        for _row in range(scores.rowCount()):
            _type_score(qtbot, sview, text)
    assert [r.post for r in scores.rows] == [17.25] * len(trainees)
    # a bad score is refused with a message; the old value stays
    sview.setCurrentIndex(scores.index(1, FINAL))
    _type_score(qtbot, sview, "21")
    assert "۲۰" in panel.message.text()
    assert scores.rows[1].final_test is None
    assert scores.setData(scores.index(1, FINAL), "۱۸/۵")
    assert scores.rows[1].final == 18.5
    by_id = {r.enrolment_id: r for r in scores.rows}
    absent = by_id[model.row_at(trainees[0]).enrolment_id]
    assert absent.result == OutcomeResult.FAILED and "حضور ۰٪" in absent.reason

    # questionnaire of the first trainee, typed down the column, saved with Ctrl+S
    page = panel.questionnaire
    panel.pages.setCurrentWidget(page)
    page.table.setCurrentCell(0, 2)
    for _question in page.questions:
        _type_score(qtbot, page.table, "4")
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "ذخیره شد" in page.message.text()
    SHOTS.mkdir(exist_ok=True)
    outcomes_tab.grab().save(str(SHOTS / "issue5-questionnaire.png"))
    panel.pages.setCurrentIndex(0)
    outcomes_tab.grab().save(str(SHOTS / "issue5-outcomes-scores.png"))

    panel.status.button.click()  # بستن پرونده: nothing missing, no note asked
    with db.session() as s:
        assert s.get(Offering, offering_id).status == OfferingStatus.CLOSED
        enrolled = s.scalars(
            select(Enrolment).where(
                Enrolment.offering_id == offering_id, Enrolment.status == EnrolmentStatus.ENROLLED
            )
        ).all()
        passers = {e.id for e in enrolled if e.result == OutcomeResult.PASSED}
        assert len(passers) == len(enrolled) - 1
        candidates = s.scalars(
            select(Certificate).where(Certificate.enrolment_id.in_([e.id for e in enrolled]))
        ).all()
        assert {c.enrolment_id for c in candidates} == passers
        assert {c.status for c in candidates} == {CertificateStatus.CANDIDATE}
    panel.pages.setCurrentIndex(2)
    assert panel.follow_ups.table.rowCount() == len(passers)


@pytest.fixture
def finished_tab(db, qtbot):  # type: ignore[no-untyped-def]
    fill_demo(db)
    offering_id = offering_in(db, OfferingStatus.FINISHED)
    tab = OutcomesTab(db, _signed_in(db))
    _show(qtbot, tab)
    tab.panel.show_offering(offering_id)
    return tab, offering_id


def test_override_needs_a_reason_and_shows_in_the_row(finished_tab, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    tab, _offering_id = finished_tab
    panel = tab.panel
    failed = next(i for i, r in enumerate(panel.model.rows) if r.result == OutcomeResult.FAILED)
    panel.view.setCurrentIndex(panel.model.index(failed, PRE))
    seen = {}

    def fill(dialog) -> bool:  # type: ignore[no-untyped-def]
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        seen["disabled_without_reason"] = not ok.isEnabled()
        dialog.reason.setPlainText("تصمیم کمیتهٔ آموزش استان")
        seen["enabled_with_reason"] = ok.isEnabled()
        SHOTS.mkdir(exist_ok=True)
        dialog.show()
        dialog.grab().save(str(SHOTS / "issue5-override-dialog.png"))
        return True

    panel.ask_override = fill
    panel.override()
    assert seen == {"disabled_without_reason": True, "enabled_with_reason": True}
    row = panel.model.rows[failed]
    assert row.result == OutcomeResult.PASSED and row.override_reason
    with db.session() as s:
        enrolment = s.get(Enrolment, row.enrolment_id)
        assert enrolment.result_override_reason == "تصمیم کمیتهٔ آموزش استان"
    panel.clear_override()
    assert panel.model.rows[failed].result == OutcomeResult.FAILED


def test_outcome_report_written_on_the_worker(finished_tab, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tab, _ = finished_tab
    out = tmp_path / "outcome.pdf"
    tab.panel.choose_path = lambda _parent, _name: out
    tab.panel.report_button.click()
    qtbot.waitUntil(lambda: "ساخته شد" in tab.panel.message.text(), timeout=15000)
    assert out.exists() and out.stat().st_size > 5000


def test_supervisor_records_a_follow_up(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    fill_demo(db)
    with db.session() as s:
        closed = s.scalars(
            select(Offering.id).where(Offering.status == OfferingStatus.CLOSED)
        ).all()
    tab = OutcomesTab(db, _signed_in(db, "supervisor"))
    _show(qtbot, tab)
    page = tab.panel.follow_ups
    offering_id = next(o for o in closed if (page.load(o), page.rows)[1])
    tab.panel.show_offering(offering_id)
    assert page.record_button.isVisible() or not page.isVisible()
    assert not tab.panel.override_button.isVisibleTo(tab.panel)
    page.table.setCurrentCell(0, 0)
    page.ask = lambda _row: (5, "روش کار بهتر شده است", "مصاحبه")
    page.record()
    assert page.rows[0].rating == 5 and page.rows[0].result == "روش کار بهتر شده است"


def test_questionnaire_typed_but_not_saved_is_kept_when_the_page_is_left(finished_tab, db) -> None:  # type: ignore[no-untyped-def]
    from shahrtrain_desktop.services import questionnaire

    tab, _ = finished_tab
    page = tab.panel.questionnaire
    tab.panel.pages.setCurrentWidget(page)
    enrolment_id = page.current_enrolment()
    page.table.item(0, 2).setText("۲")
    assert page.dirty
    tab.panel.pages.setCurrentIndex(0)  # leave the page without Ctrl+S
    with db.session() as s:
        answers = questionnaire.load_answers(s, enrolment_id)
    assert answers.values[page.questions[0].key] == 2
    page.table.item(0, 2).setText("۹")
    assert not page.save()
    assert "ردیف ۱" in page.message.text()
