"""Issue 5: the questionnaire's default items, edited in settings (and from the outcomes tab)."""

from __future__ import annotations

from pathlib import Path

import pytest
from delivery_fixtures import fill_demo, offering_in
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from shahrtrain_desktop.models import User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import EvaluationTarget, OfferingStatus
from shahrtrain_desktop.services import questionnaire
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui.main_window import MainWindow
from shahrtrain_desktop.ui.outcomes.questionnaire_items_dialog import (
    TEXT_COLUMN,
    QuestionnaireItemsDialog,
)
from shahrtrain_desktop.ui.tabs.outcomes import OutcomesTab

SHOTS = Path("/tmp/issue5-shots")


def signed_in(db: Database, username: str) -> SignedIn:
    with db.session() as s:
        return SignedIn.of(s.scalars(select(User).where(User.username == username)).one())


def active_texts(db: Database) -> list[str]:
    with db.session() as s:
        return [item.text for item in questionnaire.active_items(s)]


@pytest.fixture
def dialog(db: Database, qtbot: QtBot) -> QuestionnaireItemsDialog:
    fill_demo(db)
    widget = QuestionnaireItemsDialog(db, signed_in(db, "admin"))
    widget.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_add_reword_reorder_and_retire_through_the_dialog(dialog, db) -> None:  # type: ignore[no-untyped-def]
    before = active_texts(db)
    assert before and dialog.table.rowCount() == len(before)

    dialog.ask = lambda _parent, _text, _new: ("جزوهٔ دوره  مفید بود", EvaluationTarget.COURSE)
    assert dialog.add_item()
    assert active_texts(db) == [*before, "جزوهٔ دوره مفید بود"]  # normalised, at the end
    assert dialog.table.item(dialog.table.currentRow(), TEXT_COLUMN).text() == "جزوهٔ دوره مفید بود"

    dialog.ask = lambda _parent, text, new: (text + " و به‌روز", EvaluationTarget.COURSE)
    assert dialog.edit_current()
    assert active_texts(db)[-1] == "جزوهٔ دوره مفید بود و به‌روز"

    assert dialog.move_current(-1)
    assert active_texts(db)[-2:] == ["جزوهٔ دوره مفید بود و به‌روز", before[-1]]

    dialog.table.setCurrentCell(0, TEXT_COLUMN)
    assert dialog.toggle_active()
    assert active_texts(db)[0] != before[0] and before[0] not in active_texts(db)
    assert dialog.buttons["retire"].text() == "بازگرداندن"
    assert dialog.changed
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "issue5-questionnaire-items.png"))


def test_empty_text_is_refused_with_a_persian_message(dialog, db) -> None:  # type: ignore[no-untyped-def]
    before = active_texts(db)
    dialog.table.setCurrentCell(0, TEXT_COLUMN)
    dialog.ask = lambda _parent, _text, _new: ("   ", EvaluationTarget.COURSE)
    assert not dialog.edit_current()
    assert dialog.message.text() == "متن پرسش را وارد کنید."
    assert not dialog.add_item()
    assert active_texts(db) == before and not dialog.changed


def test_officer_may_not_change_items(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    fill_demo(db)
    widget = QuestionnaireItemsDialog(db, signed_in(db, "officer"))
    qtbot.addWidget(widget)
    widget.table.setCurrentCell(0, TEXT_COLUMN)
    before = active_texts(db)
    assert not widget.move_current(1)
    assert "اجازه" in widget.message.text()
    assert active_texts(db) == before


def test_reached_from_the_settings_menu_and_the_outcomes_tab(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    fill_demo(db)
    admin = signed_in(db, "admin")
    window = MainWindow(db, admin)
    qtbot.addWidget(window)
    assert "questionnaire_items" in window.trust.actions
    officer_window = MainWindow(db, signed_in(db, "officer"))
    qtbot.addWidget(officer_window)
    assert "questionnaire_items" not in officer_window.trust.actions

    tab = OutcomesTab(db, admin)
    qtbot.addWidget(tab)
    tab.show()
    offering_id = offering_in(db, OfferingStatus.FINISHED)
    tab.panel.show_offering(offering_id)
    page = tab.panel.questionnaire
    course_questions = sum(1 for q in page.questions if q.instructor_id is None)
    assert tab.panel.items_button.isVisibleTo(tab.panel)

    def add_one(dialog: QuestionnaireItemsDialog) -> None:
        dialog.ask = lambda _p, _t, _n: ("سالن آموزش مناسب بود", EvaluationTarget.COURSE)
        dialog.add_item()

    tab.panel.edit_items = add_one
    tab.panel.items_button.click()
    assert sum(1 for q in page.questions if q.instructor_id is None) == course_questions + 1
    assert page.questions[-1].text == "سالن آموزش مناسب بود"
    officer_tab = OutcomesTab(db, signed_in(db, "officer"))
    qtbot.addWidget(officer_tab)
    assert not officer_tab.panel.items_button.isVisibleTo(officer_tab.panel)
