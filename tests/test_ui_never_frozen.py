"""The window never freezes during long work: a 10 ms timer on the GUI thread keeps ticking
while a certificate batch prints from the certificates tab and while the year-end export runs
from its dialog. The longest gap between two ticks is what a user feels as a freeze.

What it caught (150–235 ms before): a full garbage collection walking every object start-up
made (``gc.freeze`` after start-up, ui/main_window.py) and the listing repainting under the
opening progress dialog with one call into Python per cell and role, each waiting for the
worker to let go of the interpreter (``ListingView.paintEvent``)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from test_certificate_workflow_support import ids_with

from shahrtrain_desktop.models import User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import CertificateStatus
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.demo import generate_demo
from shahrtrain_desktop.ui.app import create_application
from shahrtrain_desktop.ui.certificates import print_flow
from shahrtrain_desktop.ui.main_window import MainWindow
from shahrtrain_desktop.ui.monitoring.export_dialog import ExportDialog
from shahrtrain_desktop.ui.tabs.certificates import CertificatesTab
from shahrtrain_desktop.ui.worker import Worker

TICK_MS = 10
LONGEST_STALL_S = 0.2
TODAY = date(2026, 11, 25)  # 1405/09/04
PEOPLE = 2000  # small enough to build in a second, big enough for work that lasts
BATCH = 300  # certificates printed in one batch
CERTIFICATES_TAB = 5


class StallMeter:
    """The longest gap between ticks of a timer on the GUI thread while in the ``with``."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.ticks = 0
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now
        self.ticks += 1

    def __enter__(self) -> StallMeter:
        self._last = time.perf_counter()
        self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._tick()  # the stretch since the last tick counts too
        self._timer.stop()


@pytest.fixture
def demo(db: Database) -> Database:
    create_application()
    generate_demo(db, PEOPLE, 1405, 7, today=TODAY)
    return db


def signed_in(db: Database, username: str) -> SignedIn:
    with db.session() as s:
        return SignedIn.of(s.scalars(select(User).where(User.username == username)).one())


@pytest.fixture
def certificates_tab(demo: Database, qtbot: QtBot) -> Iterator[CertificatesTab]:
    """The certificates tab of the officer's main window, shown and filled."""
    window = MainWindow(demo, signed_in(demo, "officer"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.ready):
        pass
    assert window.preloader is not None
    window.preloader.finish()  # the other tabs' modules, imported after start
    window.tabs.setCurrentIndex(CERTIFICATES_TAB)
    tab = window.stage_tabs[CERTIFICATES_TAB]
    assert isinstance(tab, CertificatesTab)
    qtbot.waitUntil(lambda: tab.populated)
    yield tab
    window.worker.wait()


def test_event_loop_keeps_ticking_while_a_certificate_batch_prints(
    demo: Database, certificates_tab: CertificatesTab, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = certificates_tab
    with demo.session() as s:
        approved = ids_with(s, CertificateStatus.APPROVED, BATCH)
    assert len(approved) == BATCH
    selection = tab.view.selectionModel()
    for cert_id in approved:
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.select(tab.model.index(tab.model.row_of(cert_id), 0), flags)
    # The two modal questions answer themselves: print the selection; the batch is ready.
    monkeypatch.setattr(
        print_flow.PrintOptionsDialog, "exec", lambda _self: QDialog.DialogCode.Accepted
    )
    printed: list[print_flow.PrintedDialog] = []

    def ready(dialog: print_flow.PrintedDialog) -> QDialog.DialogCode:
        printed.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(print_flow.PrintedDialog, "exec", ready)

    with StallMeter() as meter:
        tab.action_buttons["print"].click()
        qtbot.waitUntil(lambda: bool(printed), timeout=60_000)

    assert printed[0].batch.pages == BATCH and printed[0].pdf.exists()
    assert meter.ticks > 10  # the batch took long enough for the timer to tick through it
    assert meter.longest < LONGEST_STALL_S, f"event loop stalled {meter.longest * 1000:.0f} ms"


def test_event_loop_keeps_ticking_during_the_year_end_export(
    demo: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    worker = Worker(demo)
    dialog = ExportDialog(demo, worker, signed_in(demo, "admin"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.year.setCurrentIndex(dialog.year.findData(1405))
    dialog.path.setText(str(tmp_path / "export-1405.zip"))

    with StallMeter() as meter:
        dialog.start()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    worker.wait()

    assert dialog.result is not None and dialog.result[1].ok
    assert meter.ticks > 10
    assert meter.longest < LONGEST_STALL_S, f"event loop stalled {meter.longest * 1000:.0f} ms"
