"""Run in a child process by bench_window: start a window, print when it was painted and when
it became usable, exit.

    python -m benchmarks.startup_probe empty
    python -m benchmarks.startup_probe floor
    python -m benchmarks.startup_probe app DB_PATH

Prints ``PAINTED USABLE RSS_MB``: seconds since this script started to

painted — the first paint of the window's seven-tab bar;
usable  — the first tab's rows painted in its table, and then a key press sent to the tab's
          Ctrl+F widget (the search box, or the first filter) delivered to it by the event
          loop. The empty window has no rows: it is usable when its tab bar has painted and a
          key press reaches the tab bar.

The parent times the line from launching this process, so interpreter start-up and imports
count; it subtracts ``USABLE - PAINTED`` to place the paint on the same clock.

``floor`` is the empty window after importing SQLAlchemy and mapping the models: the least any
window can cost that opens only once the user has signed in against the database.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QObject

STARTED = time.perf_counter()


def _since_start() -> float:
    return time.perf_counter() - STARTED


def _once(widget: QObject, kind: QEvent.Type, then: Callable[[], object]) -> None:
    """Call ``then`` when ``widget`` next receives an event of ``kind`` (a key press is
    swallowed: the probe's key is not typed into the filter)."""
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != kind:
                return False
            watched.removeEventFilter(self)
            then()
            return kind == QEvent.Type.KeyPress

    widget.installEventFilter(Watch(widget))


def _when_painted(widget: QObject, then: Callable[[], object]) -> None:
    from PySide6.QtCore import QEvent

    _once(widget, QEvent.Type.Paint, then)


def _when_key_arrives(widget: QObject, then: Callable[[], object]) -> None:
    """Post a key press to ``widget``; call ``then`` when the event loop delivers it."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    _once(widget, QEvent.Type.KeyPress, then)
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.postEvent(widget, key)


def _finish(app: object, painted: float) -> None:
    from benchmarks.common import peak_rss_mb

    print(f"{painted:.4f} {_since_start():.4f} {peak_rss_mb():.1f}", flush=True)
    app.quit()  # type: ignore[attr-defined]


def empty() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

    app = QApplication(sys.argv)
    window = QMainWindow()
    tabs = QTabWidget()
    for i in range(7):
        tabs.addTab(QLabel(str(i)), f"tab {i}")
    window.setCentralWidget(tabs)
    window.resize(1280, 800)
    bar = tabs.tabBar()

    def painted() -> None:
        at = _since_start()
        _when_key_arrives(bar, lambda: _finish(app, at))

    _when_painted(bar, painted)
    window.show()
    app.exec()


def full(db_path: str) -> None:
    """The window as ``run_gui`` opens it once the user has signed in."""
    from shahrtrain_desktop.ui.app import create_application

    app = create_application()
    from sqlalchemy import select

    from shahrtrain_desktop.models import User
    from shahrtrain_desktop.services.auth import SignedIn
    from shahrtrain_desktop.services.database import open_database
    from shahrtrain_desktop.ui.main_window import MainWindow

    db = open_database(f"sqlite:///{db_path}").db
    with db.session() as session:
        user = session.scalars(select(User).where(User.username == "officer")).one()
        signed_in = SignedIn.of(user)
    window = MainWindow(db, signed_in)
    times: dict[str, float] = {}

    def first_tab_ready() -> None:
        tab = window.current_tab()
        assert tab.populated and tab.row_count() > 0, "the first tab has no rows"
        target = tab.search_box or tab.year_combo or tab.view

        def rows_painted() -> None:
            _when_key_arrives(target, lambda: _finish(app, times["painted"]))

        _when_painted(tab.view.viewport(), rows_painted)

    _when_painted(window.tabs.tabBar(), lambda: times.setdefault("painted", _since_start()))
    window.ready.connect(first_tab_ready)
    window.show()
    app.exec()


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.argv[1] == "floor":
        import shahrtrain_desktop.models  # noqa: F401

        empty()
    elif sys.argv[1] == "empty":
        empty()
    else:
        full(sys.argv[2])
