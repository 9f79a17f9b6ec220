"""Run in a child process by bench_window: start a window, print seconds to usable, exit.

    python -m benchmarks.startup_probe empty
    python -m benchmarks.startup_probe app DB_PATH

"usable" = shown, first tab filled and the event loop idle (a zero-timer has fired); the
parent times it from launching this process, so interpreter start-up and imports count.
"""

from __future__ import annotations

import os
import sys
import time

STARTED = time.perf_counter()


def _finish(app: object, window: object) -> None:
    from benchmarks.common import peak_rss_mb

    print(f"{time.perf_counter() - STARTED:.4f} {peak_rss_mb():.1f}", flush=True)
    app.quit()  # type: ignore[attr-defined]


def empty() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

    app = QApplication(sys.argv)
    window = QMainWindow()
    tabs = QTabWidget()
    for i in range(7):
        tabs.addTab(QLabel(str(i)), f"tab {i}")
    window.setCentralWidget(tabs)
    window.resize(1280, 800)
    window.show()
    QTimer.singleShot(0, lambda: _finish(app, window))
    app.exec()


def full(db_path: str) -> None:
    from PySide6.QtCore import QTimer
    from sqlalchemy import select

    from shahrtrain_desktop.models import User
    from shahrtrain_desktop.services.auth import SignedIn
    from shahrtrain_desktop.services.database import open_database
    from shahrtrain_desktop.ui.app import create_application
    from shahrtrain_desktop.ui.main_window import MainWindow

    app = create_application()
    db = open_database(f"sqlite:///{db_path}").db
    with db.session() as session:
        user = session.scalars(select(User).where(User.username == "officer")).one()
        signed_in = SignedIn.of(user)
    window = MainWindow(db, signed_in)
    window.show()
    QTimer.singleShot(0, lambda: _finish(app, window))
    app.exec()


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.argv[1] == "empty":
        empty()
    else:
        full(sys.argv[2])
