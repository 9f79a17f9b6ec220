"""Issue 5: nothing typed is lost when the window closes, the offering changes or another tab
is shown mid-edit.

A value still in its cell's editor is saved as Enter would save it; a value that cannot be saved
makes the window ask (drop it, or stay and fix it), and nothing invalid reaches the database.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from delivery_fixtures import fill_demo, offering_in
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from shahrtrain_desktop.models import User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import OfferingStatus
from shahrtrain_desktop.services import outcomes, questionnaire
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.main_window import MainWindow
from shahrtrain_desktop.ui.outcomes.questionnaire_page import VALUE
from shahrtrain_desktop.ui.outcomes.scores_model import POST
from shahrtrain_desktop.ui.tabs.outcomes import OutcomesTab


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying Persian characters (QTest cannot type them)."""
    for char in text:
        QApplication.sendEvent(
            widget,
            QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char
            ),
        )


class Asked:
    """Stands in for QMessageBox.warning: records the question, answers ``answer``."""

    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.texts: list[str] = []

    def __call__(self, _parent: object, _title: str, text: str, *_args: object) -> object:
        self.texts.append(text)
        return self.answer


@pytest.fixture
def window(db: Database, qtbot: QtBot) -> Iterator[MainWindow]:
    fill_demo(db)
    with db.session() as s:
        user = SignedIn.of(s.scalars(select(User).where(User.username == "officer")).one())
    main = MainWindow(db, user)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.worker.wait()


def outcomes_tab(window: MainWindow, qtbot: QtBot, offering_id: int) -> OutcomesTab:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index(strings.TAB_OUTCOMES))
    qtbot.waitUntil(lambda: window.findChild(OutcomesTab) is not None)
    tab = window.findChild(OutcomesTab)
    assert isinstance(tab, OutcomesTab)
    tab.panel.show_offering(offering_id)
    return tab


def open_score_editor(tab: OutcomesTab, row: int, text: str) -> QLineEdit:
    view = tab.panel.view
    index = tab.panel.model.index(row, POST)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.clear()
    type_text(editor, text)
    return editor


def post_score(db: Database, offering_id: int, enrolment_id: int) -> float | None:
    with db.session() as s:
        rows = {r.enrolment_id: r for r in outcomes.outcome_rows(s, offering_id)}
    return rows[enrolment_id].post


def test_score_in_its_editor_is_saved_when_the_window_closes(window, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(db, OfferingStatus.FINISHED)
    tab = outcomes_tab(window, qtbot, offering_id)
    enrolment_id = tab.panel.model.rows[0].enrolment_id
    # asked before closing, the tab saves the open cell itself (not relying on a focus change)
    editor = open_score_editor(tab, 0, "۱۸/۵")
    assert editor.text() == "۱۸/۵"
    assert tab.can_close()
    assert post_score(db, offering_id, enrolment_id) == 18.5
    assert tab.panel.view.indexWidget(tab.panel.view.currentIndex()) is None

    open_score_editor(tab, 0, "۱۹٫۷۵")
    assert window.close()
    assert post_score(db, offering_id, enrolment_id) == 19.75


def test_invalid_score_asks_and_saves_nothing(window, qtbot, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(db, OfferingStatus.FINISHED)
    tab = outcomes_tab(window, qtbot, offering_id)
    enrolment_id = tab.panel.model.rows[0].enrolment_id
    before = post_score(db, offering_id, enrolment_id)
    editor = open_score_editor(tab, 0, "۲۱")

    stay = Asked(QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "warning", stay)
    assert not window.close()  # the officer chose to stay and fix it
    assert window.isVisible() and len(stay.texts) == 1 and "۲۰" in stay.texts[0]
    assert tab.panel.view.indexWidget(tab.panel.view.currentIndex()) is editor
    assert editor.text() == "۲۱"  # still there to be corrected
    assert post_score(db, offering_id, enrolment_id) == before

    drop = Asked(QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QMessageBox, "warning", drop)
    assert window.close()
    assert len(drop.texts) == 1
    assert post_score(db, offering_id, enrolment_id) == before


def test_changing_the_offering_saves_the_open_score_or_asks(window, qtbot, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(db, OfferingStatus.FINISHED)
    tab = outcomes_tab(window, qtbot, offering_id)
    panel = tab.panel
    assert panel.picker is not None
    other = next(
        panel.picker.itemData(i)
        for i in range(panel.picker.count())
        if panel.picker.itemData(i) != offering_id
    )
    enrolment_id = panel.model.rows[1].enrolment_id
    open_score_editor(tab, 1, "۱۷٫۲۵")
    panel.picker.setCurrentIndex(panel.picker.findData(other))
    assert panel.offering_id == other
    assert post_score(db, offering_id, enrolment_id) == 17.25

    panel.picker.setCurrentIndex(panel.picker.findData(offering_id))
    open_score_editor(tab, 1, "-۱")
    stay = Asked(QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "warning", stay)
    panel.picker.setCurrentIndex(panel.picker.findData(other))
    assert stay.texts and panel.offering_id == offering_id
    assert panel.picker.currentData() == offering_id  # the picker went back
    assert post_score(db, offering_id, enrolment_id) == 17.25
    monkeypatch.setattr(QMessageBox, "warning", Asked(QMessageBox.StandardButton.Discard))
    assert window.close()
    assert post_score(db, offering_id, enrolment_id) == 17.25


def test_questionnaire_answer_in_its_editor_is_saved_or_asked(
    window, qtbot, db, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(db, OfferingStatus.FINISHED)
    tab = outcomes_tab(window, qtbot, offering_id)
    page = tab.panel.questionnaire
    tab.panel.pages.setCurrentWidget(page)
    enrolment_id = page.current_enrolment()
    assert enrolment_id is not None
    key = page.questions[0].key
    with db.session() as s:
        before = questionnaire.load_answers(s, enrolment_id).values.get(key)

    def type_answer(row: int, text: str) -> None:
        page.table.setCurrentCell(row, VALUE)
        page.table.editItem(page.table.item(row, VALUE))
        editor = page.table.indexWidget(page.table.currentIndex())
        assert isinstance(editor, QLineEdit)
        editor.clear()
        type_text(editor, text)

    type_answer(0, "۹")  # not 1–5
    stay = Asked(QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "warning", stay)
    assert not window.close()
    assert stay.texts and "ردیف ۱" in stay.texts[0]
    with db.session() as s:
        assert questionnaire.load_answers(s, enrolment_id).values.get(key) == before

    page.table.item(0, VALUE).setText("")
    type_answer(0, "۴")
    assert window.close()
    with db.session() as s:
        assert questionnaire.load_answers(s, enrolment_id).values[key] == 4


def test_switching_tab_saves_the_open_score(window, qtbot, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "warning", Asked(QMessageBox.StandardButton.Discard))
    offering_id = offering_in(db, OfferingStatus.FINISHED)
    tab = outcomes_tab(window, qtbot, offering_id)
    enrolment_id = tab.panel.model.rows[2].enrolment_id
    outcomes_index = window.tabs.currentIndex()
    open_score_editor(tab, 2, "۱۶٫۵")
    window.tabs.setCurrentIndex(0)
    assert post_score(db, offering_id, enrolment_id) == 16.5
    # a value that cannot be saved is not: the panel says why, naming the range
    window.tabs.setCurrentIndex(outcomes_index)
    open_score_editor(tab, 2, "۲۵")
    window.tabs.setCurrentIndex(0)
    assert post_score(db, offering_id, enrolment_id) == 16.5
    window.tabs.setCurrentIndex(outcomes_index)
    assert "۲۰" in tab.panel.message.text()
