"""The main window: the seven stage tabs, menus, shortcuts and the status bar."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from shahrtrain_desktop import __version__
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.paths import data_dir
from shahrtrain_desktop.persian import (
    TEHRAN,
    format_jalali_long,
    to_persian_digits,
    weekday_name,
)
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui import demo, strings
from shahrtrain_desktop.ui.base_tab import BaseTab
from shahrtrain_desktop.ui.filters import row_count_text
from shahrtrain_desktop.ui.tabs import TAB_CLASSES
from shahrtrain_desktop.ui.trust.menus import install_trust_menus
from shahrtrain_desktop.ui.worker import Worker, run_with_progress

DEFAULT_SIZE = (1280, 800)
STATUS_MESSAGE_MS = 8000


def today_text() -> str:
    """«امروز: چهارشنبه ۴ آذر ۱۴۰۵» in Tehran time."""
    today = datetime.now(TEHRAN).date()
    return strings.STATUS_TODAY.format(date=f"{weekday_name(today)} {format_jalali_long(today)}")


class MainWindow(QMainWindow):
    def __init__(
        self, db: Database, user: SignedIn | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.worker = Worker(db, self)
        self.setWindowTitle(strings.APP_TITLE)
        self.resize(*DEFAULT_SIZE)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.stage_tabs: list[BaseTab] = []
        for tab_class in TAB_CLASSES:
            tab = tab_class(db, user, self.tabs)
            tab.row_count_changed.connect(self._update_row_count)
            self.tabs.addTab(tab, tab.title)
            self.stage_tabs.append(tab)
        self.tabs.currentChanged.connect(self._update_row_count)
        self.setCentralWidget(self.tabs)

        self._build_menus()
        self._build_status_bar()
        self._build_shortcuts()
        self.trust = install_trust_menus(self, db, self.worker, user)

    # -- building ------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(strings.MENU_FILE)
        self.refresh_action = file_menu.addAction(strings.ACTION_REFRESH, self.refresh)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.demo_action = file_menu.addAction(strings.ACTION_DEMO, self.start_demo)
        self.worker.busy_changed.connect(
            lambda busy: self.demo_action.setEnabled(not busy)
        )
        file_menu.addAction(strings.ACTION_DATA_FOLDER, self.open_data_folder)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(strings.ACTION_QUIT, self.close)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        help_menu = self.menuBar().addMenu(strings.MENU_HELP)
        about = help_menu.addAction(strings.ACTION_ABOUT, self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.database_label = QLabel(strings.STATUS_DATABASE.format(name=self.db.display_name()))
        self.today_label = QLabel(today_text())
        self.rows_label = QLabel()
        for label in (self.database_label, self.today_label, self.rows_label):
            bar.addPermanentWidget(label)

    def _build_shortcuts(self) -> None:
        for number in range(1, len(self.stage_tabs) + 1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=number: self.tabs.setCurrentIndex(n - 1))
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(lambda: self.current_tab().focus_search())

    # -- actions -------------------------------------------------------------------------

    def current_tab(self) -> BaseTab:
        return self.stage_tabs[self.tabs.currentIndex()]

    def refresh(self) -> None:
        """F5: re-read every tab that has been shown (the others read when first shown)."""
        self.today_label.setText(today_text())
        for tab in self.stage_tabs:
            tab.refresh()

    def start_demo(self) -> None:
        people = demo.ask_people_count(self)
        if people is None:
            return
        run_with_progress(
            self.worker,
            self,
            strings.DEMO_TITLE,
            demo.demo_op(people),
            on_done=self._demo_done,
            on_cancelled=lambda: self.statusBar().showMessage(
                strings.STATUS_CANCELLED, STATUS_MESSAGE_MS
            ),
        )

    def _demo_done(self, summary: object) -> None:
        self.refresh()
        self.statusBar().showMessage(strings.STATUS_DEMO_DONE, STATUS_MESSAGE_MS)
        demo.show_summary(self, summary)

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir())))

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            strings.ABOUT_TITLE,
            strings.ABOUT_TEXT.format(version=to_persian_digits(__version__)),
        )

    # -- events --------------------------------------------------------------------------

    def _update_row_count(self) -> None:
        tab = self.current_tab()
        self.rows_label.setText(row_count_text(tab.row_count()) if tab.populated else "")

    def closeEvent(self, event: QCloseEvent) -> None:
        # Stop background work before the database goes away: cancel, then wait for the
        # op to notice (it rolls back).
        self.worker.cancel_all()
        self.worker.wait()
        super().closeEvent(event)
