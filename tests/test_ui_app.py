"""Application start: Persian set-up done once, and database failures as Persian messages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from test_ui_trust_support import OFFICER_PASSWORD, make_users, when_modal

from shahrtrain_desktop.services.database import open_database
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.app import FONT_FAMILY, create_application, run_gui
from shahrtrain_desktop.ui.main_window import MainWindow
from shahrtrain_desktop.ui.trust.login_dialog import LoginDialog


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def critical(_parent: QWidget | None, _title: str, text: str) -> None:
        shown.append(text)

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    return shown


def test_create_application_configures_once(qapp: QApplication) -> None:
    app = create_application()
    assert app is qapp
    assert create_application() is app
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QLocale().language() == QLocale.Language.Persian
    assert app.font().family() == FONT_FAMILY
    assert not app.windowIcon().isNull()
    # Qt's own buttons speak Persian.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"


def test_newer_or_foreign_database_is_refused_with_a_persian_message(
    tmp_path: Path, messages: list[str]
) -> None:
    path = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE something_else (x)")
    assert run_gui(f"sqlite:///{path}") == 1
    assert len(messages) == 1 and "شهرآموز" in messages[0]


def test_unopenable_database_is_a_message_not_a_traceback(messages: list[str]) -> None:
    assert run_gui("nosuchdriver://nowhere") == 1
    assert messages and messages[0].startswith("پایگاه داده باز نشد")


def test_run_gui_shows_the_main_window(
    db_url: str, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    shown: list[MainWindow] = []
    original = MainWindow.show

    def show(window: MainWindow) -> None:
        shown.append(window)
        original(window)
        QTimer.singleShot(50, window.close)
        QTimer.singleShot(100, QApplication.quit)

    monkeypatch.setattr(MainWindow, "show", show)
    opened = open_database(db_url)
    make_users(opened.db)
    opened.db.dispose()

    def sign_in(dialog: LoginDialog) -> None:
        dialog.username.setText("officer")
        dialog.password.setText(OFFICER_PASSWORD)
        dialog.login_button.click()

    when_modal(sign_in, LoginDialog)
    assert run_gui(db_url) == 0
    assert not messages
    assert [w.tabs.count() for w in shown] == [7]
    assert shown[0].windowTitle() == strings.APP_TITLE
