"""«ساخت دادهٔ نمونه…»: asks, runs in the background with progress, refreshes the tabs."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from ui_sample import fill_sample

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.ui import demo
from shahrtrain_desktop.ui.app import create_application
from shahrtrain_desktop.ui.main_window import MainWindow
from shahrtrain_desktop.ui.progress import Progress, ProgressDialog


@pytest.fixture
def window(db: Database, qtbot: QtBot) -> MainWindow:
    create_application()
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def run_demo(window: MainWindow, qtbot: QtBot) -> None:
    idle = window.worker.busy_changed
    with qtbot.waitSignal(idle, timeout=30000, check_params_cb=lambda busy: not busy):
        window.demo_action.trigger()
        assert not window.demo_action.isEnabled()  # one job at a time
    assert window.demo_action.isEnabled()


def test_builds_demo_data_and_refreshes_the_tabs(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = window.stage_tabs[1]
    window.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    assert people.row_count() == 0
    summaries: list[object] = []
    progress: list[Progress] = []
    monkeypatch.setattr(demo, "ask_people_count", lambda _parent: 40)
    monkeypatch.setattr(demo, "show_summary", lambda _parent, summary: summaries.append(summary))
    original = ProgressDialog.show_progress

    def record(dialog: ProgressDialog, value: Progress) -> None:
        progress.append(value)
        original(dialog, value)

    monkeypatch.setattr(ProgressDialog, "show_progress", record)
    run_demo(window, qtbot)
    assert len(summaries) == 1
    assert people.row_count() == 40
    assert window.rows_label.text() == "۴۰ ردیف"
    assert progress and all(p.label for p in progress)
    assert progress[-1].maximum > 0 and 0 < progress[-1].value <= progress[-1].maximum


def test_refusal_comes_back_as_a_persian_message(
    window: MainWindow, db: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_sample(db)  # the generator only fills an empty database
    shown: list[str] = []

    def critical(_parent: QWidget | None, _title: str, text: str) -> None:
        shown.append(text)

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    monkeypatch.setattr(demo, "ask_people_count", lambda _parent: 40)
    run_demo(window, qtbot)
    assert len(shown) == 1
    assert shown[0].startswith("کار انجام نشد")
    assert not any("Traceback" in line for line in shown)


def test_asking_can_be_cancelled(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "ask_people_count", lambda _parent: None)
    window.demo_action.trigger()
    assert not window.worker.busy
