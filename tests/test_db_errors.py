"""A database that is gone, full or busy reaches the user as one Persian sentence, with nothing
half-saved — from a tab's transaction and from background work."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from shahrtrain_desktop.models import Setting
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services import db_errors
from shahrtrain_desktop.services.db_errors import (
    DatabaseUnavailableError,
    as_user_error,
    message_for,
    translating_database_errors,
)
from shahrtrain_desktop.ui.app import create_application
from shahrtrain_desktop.ui.tabs import TAB_CLASSES
from shahrtrain_desktop.ui.worker import Worker, run_with_progress


def _operational(message: str) -> OperationalError:
    return OperationalError("INSERT INTO x VALUES (?)", (1,), sqlite3.OperationalError(message))


@pytest.mark.parametrize(
    ("driver_message", "sentence"),
    [
        ("database or disk is full", db_errors.DISK_FULL),
        ("database is locked", db_errors.BUSY),
        ("attempt to write a readonly database", db_errors.READ_ONLY),
        ("server closed the connection unexpectedly", db_errors.SERVER_GONE),
        (
            'connection to server at "10.0.0.5", port 5432 failed: Connection refused',
            db_errors.SERVER_GONE,
        ),
        ("something nobody foresaw", db_errors.GENERIC),
    ],
)
def test_driver_messages_become_persian_sentences(driver_message: str, sentence: str) -> None:
    assert message_for(_operational(driver_message)) == sentence
    translated = as_user_error(_operational(driver_message))
    assert isinstance(translated, DatabaseUnavailableError) and str(translated) == sentence


def test_rule_and_programming_errors_are_left_alone() -> None:
    duplicate = IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed"))
    assert message_for(duplicate) is None
    assert as_user_error(duplicate) is duplicate
    assert message_for(ValueError("x")) is None
    with pytest.raises(IntegrityError), translating_database_errors():
        raise duplicate


def _tab(db: Database, qtbot: QtBot) -> QWidget:
    create_application()
    tab = TAB_CLASSES[0](db, None)
    qtbot.addWidget(tab)
    return tab


@pytest.mark.sqlite_only
def test_a_full_disk_mid_save_is_a_sentence_and_nothing_is_saved(
    db: Database, qtbot: QtBot
) -> None:
    @event.listens_for(db.engine, "connect")
    def _cap_size(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # The file may not grow past its current size: SQLite reports a full disk.
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    db.engine.dispose()
    tab = _tab(db, qtbot)
    with pytest.raises(DatabaseUnavailableError) as caught, tab.session() as s:  # type: ignore[attr-defined]
        s.add(Setting(key="test.small", value='"kept?"'))
        s.add(Setting(key="test.big", value='"' + "x" * 2_000_000 + '"'))
    assert str(caught.value) == db_errors.DISK_FULL
    event.remove(db.engine, "connect", _cap_size)
    db.engine.dispose()
    with db.session() as s:
        assert s.scalar(select(Setting).where(Setting.key.like("test.%"))) is None


@pytest.mark.postgres_only
def test_server_gone_mid_save_is_a_sentence(db: Database, qtbot: QtBot) -> None:
    tab = _tab(db, qtbot)
    with pytest.raises(DatabaseUnavailableError) as caught, tab.session() as s:  # type: ignore[attr-defined]
        pid = s.scalar(text("SELECT pg_backend_pid()"))
        with db.engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        s.add(Setting(key="test.lost", value='"lost"'))
        s.flush()
    assert str(caught.value) == db_errors.SERVER_GONE
    with db.session() as s:
        assert s.get(Setting, "test.lost") is None


def test_background_work_reports_the_sentence_not_sql(
    db: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_application()
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _p, _t, message: shown.append(message))
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    worker = Worker(db, parent)

    def op(_db: Database, _task: object) -> None:
        raise _operational("database or disk is full")

    run_with_progress(worker, parent, "کار", op, on_done=lambda _r: None)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert db_errors.DISK_FULL in shown[0]
    assert "INSERT" not in shown[0]
