"""Regenerate docs/screenshots/tab-1.png … tab-7.png from a fresh demo database.

    python scripts/screenshots.py                      # offscreen, 1280 × 800
    xvfb-run -a python scripts/screenshots.py --screen # as an X server shows the window

``--screen`` captures the screen (window frame included) instead of rendering the widget, to
check what a real windowing system draws.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 800)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--screen", action="store_true", help="grab the X screen (Xvfb)")
    args = parser.parse_args(argv)
    if not args.screen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    with tempfile.TemporaryDirectory() as home:
        os.environ["SHAHRTRAIN_HOME"] = home  # keep the user's data folder out of it
        from PySide6.QtCore import QThread
        from PySide6.QtWidgets import QApplication

        from shahrtrain_desktop.services.database import open_database
        from shahrtrain_desktop.services.demo import generate_demo
        from shahrtrain_desktop.ui.app import create_application
        from shahrtrain_desktop.ui.main_window import MainWindow

        app = create_application()
        db = open_database(f"sqlite:///{Path(home) / 'demo.sqlite3'}").db
        generate_demo(db, people=args.people, seed=args.seed)
        window = MainWindow(db)
        window.resize(*SIZE)
        window.show()
        args.out.mkdir(parents=True, exist_ok=True)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            for _ in range(5):  # let layouts, lazy population and painting settle
                app.processEvents()
                QThread.msleep(40)
            path = args.out / f"tab-{index + 1}.png"
            if args.screen:
                frame = window.frameGeometry()
                screen = QApplication.primaryScreen()
                image = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
            else:
                image = window.grab()
            image.save(str(path))
            print(path)
        window.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
