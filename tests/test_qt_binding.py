"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 released ``None`` once on
every call of a void method, and on Python 3.11 (where ``None`` is not immortal) the program
aborted with "Fatal Python error: none_dealloc" after some thousands of calls — minutes of use.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

CALLS = 2_000


def _none_references() -> int:
    return sys.getrefcount(None)


def test_void_methods_and_event_processing_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = _none_references()
    for i in range(CALLS):
        label.setText(str(i % 10))
        app.processEvents()
    # On a sound binding the count is unchanged (give or take objects made meanwhile); the
    # broken one lost one reference per call: 2 × CALLS.
    assert _none_references() >= before - CALLS // 10
