"""The main window on a filled database: direction, tabs, listings, search, status bar."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import or_, select
from ui_sample import fill_demo

from shahrtrain_desktop.models import Person
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.app import FONT_FAMILY, create_application
from shahrtrain_desktop.ui.main_window import LOADING, MainWindow
from shahrtrain_desktop.ui.tabs import PeopleTab

TITLES = [
    "نیازسنجی",
    "ثبت‌نام",
    "طراحی و برنامه‌ریزی",
    "اجرای آموزش",
    "بروندادها",
    "گواهی‌نامه‌ها",
    "نظارت و پایش",
]
ARABIC_LETTERS = str.maketrans({"ی": "ي", "ک": "ك"})


@pytest.fixture
def window(db: Database, qtbot: QtBot) -> Iterator[MainWindow]:
    create_application()
    fill_demo(db)
    main = MainWindow(db)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready):
        main.show()
    yield main
    main.worker.wait()


def show_tab(window: MainWindow, index: int) -> None:
    window.tabs.setCurrentIndex(index)
    QApplication.processEvents()


def test_application_is_persian_right_to_left_in_vazirmatn(window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert app.font().family() == FONT_FAMILY
    assert window.windowTitle() == strings.APP_TITLE
    assert not window.windowIcon().isNull()


def test_seven_tabs_in_stage_order(window: MainWindow) -> None:
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == TITLES


def test_window_paints_first_then_fills_the_first_tab(db: Database, qtbot: QtBot) -> None:
    create_application()
    fill_demo(db)
    main = MainWindow(db)
    qtbot.addWidget(main)
    # Built, not yet shown: seven titled pages saying «loading», no stage tab, no query.
    assert main.tabs.count() == len(TITLES) and main.built_tabs() == []
    loading = main.tabs.currentWidget().findChild(QLabel)
    assert loading is not None and loading.text() == LOADING
    with qtbot.waitSignal(main.ready):
        main.show()
    first = main.built_tabs()
    assert first == [main.stage_tabs[0]] and first[0].populated
    assert first[0].row_count() > 0 and main.rows_label.text() == first[0].count_label.text()
    # The other tabs are built when first shown.
    main.tabs.setCurrentIndex(3)
    assert len(main.built_tabs()) == 2 and main.stage_tabs[3].populated
    assert main.preloader is not None
    main.preloader.finish()
    main.worker.wait()


def test_window_module_leaves_heavy_libraries_for_later() -> None:
    """Opening the window imports no tab module, spreadsheet, PDF or migration library; the
    tabs bring them when first shown (or the background warm-up does)."""
    heavy = (
        "openpyxl",
        "reportlab",
        "pypdf",
        "cryptography",
        "alembic",
        "shahrtrain_desktop.ui.tabs.needs",
        "shahrtrain_desktop.ui.tabs.certificates",
    )
    code = (
        "import sys, shahrtrain_desktop.ui.main_window; "
        f"print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == []


def test_tabs_populate_on_first_show_and_list_rows(window: MainWindow) -> None:
    assert window.stage_tabs[0].populated
    assert not window.stage_tabs[6].populated
    for index, tab in enumerate(window.stage_tabs):
        show_tab(window, index)
        assert tab.populated
        assert tab.model.rowCount() > 0, tab.title
        assert window.rows_label.text() == tab.count_label.text()
        assert tab.count_label.text().endswith("ردیف")


def test_people_search_finds_persian_spelling_from_arabic_letters(
    window: MainWindow, db: Database, qtbot: QtBot
) -> None:
    with db.session() as session:
        person = session.scalars(
            select(Person)
            .where(or_(Person.last_name.contains("ی"), Person.last_name.contains("ک")))
            .order_by(Person.id)
            .limit(1)
        ).one()
        name, query = person.full_name, person.full_name.translate(ARABIC_LETTERS)
    assert query != name
    show_tab(window, 1)
    tab = window.stage_tabs[1]
    assert isinstance(tab, PeopleTab) and tab.search_box is not None
    total = tab.model.rowCount()
    # Typed one letter at a time (QTest cannot type Persian keys): the search waits for a pause.
    with qtbot.waitSignal(tab.search_box.search, timeout=2000) as searched:
        for letter in query:
            tab.search_box.insert(letter)
    assert searched.args == [query]
    names = [tab.model.row_texts(row)[tab.spec.index("name")] for row in range(tab.row_count())]
    assert name in names
    assert len(names) < total or total == 1
    tab.search_box.clear()
    tab.search_box.flush()
    assert tab.model.rowCount() == total


def test_status_filter_and_ctrl_f(window: MainWindow, qtbot: QtBot) -> None:
    show_tab(window, 5)
    tab = window.stage_tabs[5]
    combo = tab.choice_combos["status"]
    combo.set_value("issued")
    statuses = {tab.model.row_texts(r)[tab.spec.index("status")] for r in range(tab.row_count())}
    assert statuses == {"صادرشده"}
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search_box is not None
    qtbot.waitUntil(tab.search_box.hasFocus, timeout=2000)


def test_ctrl_number_switches_tabs(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 6
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 2


def test_status_bar_shows_database_and_persian_date(window: MainWindow, db: Database) -> None:
    assert db.display_name() in window.database_label.text()
    today = window.today_label.text()
    assert today.startswith("امروز: ")
    assert not any(ch.isascii() and ch.isdigit() for ch in today)


def test_headline_strip_uses_persian_digits(window: MainWindow) -> None:
    show_tab(window, 6)
    values = [label.text() for label in window.stage_tabs[6].headline.values]
    assert len(values) == 4
    assert all(v and not any(c.isascii() and c.isdigit() for c in v) for v in values)


def test_refresh_keeps_filters(window: MainWindow) -> None:
    show_tab(window, 2)
    tab = window.stage_tabs[2]
    tab.choice_combos["status"].set_value("running")
    count = tab.row_count()
    window.refresh_action.trigger()
    assert tab.row_count() == count
    assert tab.model.filters.choices == {"status": "running"}
    assert len(window.built_tabs()) == 2  # F5 re-reads the tabs shown, builds no other
