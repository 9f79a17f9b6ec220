"""The main window: the seven stage tabs, menus, shortcuts and the status bar.

The window paints first and fills in after: each tab page starts as «در حال بارگذاری…», and
a stage tab (its module, its widgets, its first query) is built when the page is first shown
— the first one right after the window's first paint. Then the other tabs' modules are
imported on a background thread (:class:`ModulePreloader`), so a first visit later does not
wait for PDF and spreadsheet libraries.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence
from datetime import datetime
from importlib import import_module
from typing import overload

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

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
from shahrtrain_desktop.ui.tabs import TABS
from shahrtrain_desktop.ui.trust.menus import install_trust_menus
from shahrtrain_desktop.ui.worker import Worker, run_with_progress

DEFAULT_SIZE = (1280, 800)
STATUS_MESSAGE_MS = 8000
LOADING = "در حال بارگذاری…"
FIRST_TAB_LATEST_MS = 100


def today_text() -> str:
    """«امروز: چهارشنبه ۴ آذر ۱۴۰۵» in Tehran time."""
    today = datetime.now(TEHRAN).date()
    return strings.STATUS_TODAY.format(date=f"{weekday_name(today)} {format_jalali_long(today)}")


class ModulePreloader:
    """Imports the other tabs' modules on a background thread once the first tab is up, so a
    first visit later does not wait for PDF and spreadsheet libraries and the window does not
    pause while they load."""

    def __init__(self, module_names: Sequence[str]) -> None:
        self._names = list(module_names)
        self._thread = threading.Thread(target=self._run, name="import tab modules", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def finish(self) -> None:
        """Wait until every module is in (a tab is never built while they are importing)."""
        self._thread.join()

    def _run(self) -> None:
        for name in self._names:
            import_module(name)
        # What start-up made (modules, classes, mapped models) lives as long as the program;
        # a full garbage collection would walk it all, ~100 ms holding the GIL, which the GUI
        # thread feels as a stall in the middle of a batch. Move it out of the collector's way.
        gc.freeze()


class TabPage(QWidget):
    """A tab's page: «loading» until its stage tab is built and put in."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.loading = QLabel(LOADING, self)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self.loading)

    def put(self, tab: BaseTab) -> None:
        self._layout.removeWidget(self.loading)
        self.loading.deleteLater()
        self._layout.addWidget(tab)
        if self.isVisible():
            tab.show()  # now, so a shown tab populates before this returns


class StageTabs(Sequence[BaseTab]):
    """The window's stage tabs by index; a tab is built the first time it is asked for."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __len__(self) -> int:
        return len(TABS)

    @overload
    def __getitem__(self, index: int) -> BaseTab: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[BaseTab]: ...

    def __getitem__(self, index: int | slice) -> BaseTab | Sequence[BaseTab]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return self._window.tab(index)

    def __iter__(self) -> Iterator[BaseTab]:
        return (self[i] for i in range(len(self)))


class MainWindow(QMainWindow):
    # The first tab is built, filled and shown (emitted once, after the first paint).
    ready = Signal()

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
        self._built: dict[int, BaseTab] = {}
        self.stage_tabs = StageTabs(self)
        self._pages = [TabPage(self.tabs) for _entry in TABS]
        for entry, page in zip(TABS, self._pages, strict=True):
            self.tabs.addTab(page, entry.title)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self._started = False
        self.preloader: ModulePreloader | None = None

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
        self.worker.busy_changed.connect(lambda busy: self.demo_action.setEnabled(not busy))
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
        database = strings.ltr(self.db.display_name())
        self.database_label = QLabel(strings.STATUS_DATABASE.format(name=database))
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

    def tab(self, index: int) -> BaseTab:
        """The stage tab at ``index``, built now if it was not yet (it reads when shown)."""
        tab = self._built.get(index)
        if tab is not None:
            return tab
        if self.preloader is not None:
            self.preloader.finish()  # never import the same modules on two threads at once
        page = self._pages[index]
        tab = TABS[index].load()(self.db, self.user, page)
        tab.row_count_changed.connect(self._update_row_count)
        page.put(tab)
        self._built[index] = tab
        return tab

    def built_tabs(self) -> list[BaseTab]:
        """The tabs built so far, in tab order (the others have nothing to save or refresh)."""
        return [self._built[i] for i in sorted(self._built)]

    def refresh(self) -> None:
        """F5: re-read every tab that has been shown (the others read when first shown)."""
        self.today_label.setText(today_text())
        for tab in self.built_tabs():
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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            # After the tab bar's first paint (or a moment, if the window is never painted).
            self.tabs.tabBar().installEventFilter(self)
            QTimer.singleShot(FIRST_TAB_LATEST_MS, self, self._open_first_tab)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.tabs.tabBar():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._open_first_tab)
        return super().eventFilter(watched, event)

    def _open_first_tab(self) -> None:
        if self.preloader is not None:
            return  # already opened
        self._tab_changed(self.tabs.currentIndex())
        self.ready.emit()
        # The other tabs' modules, while the user looks at this one.
        self.preloader = ModulePreloader([entry.module_name for entry in TABS])
        self.preloader.start()

    def _tab_changed(self, index: int) -> None:
        if self._started and index >= 0:
            self.tab(index)
        self._update_row_count()

    def _update_row_count(self) -> None:
        tab = self._built.get(self.tabs.currentIndex())
        self.rows_label.setText(
            row_count_text(tab.row_count()) if tab is not None and tab.populated else ""
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(tab.can_close() for tab in self.built_tabs()):
            event.ignore()
            return
        # Stop background work before the database goes away: cancel, then wait for the
        # op to notice (it rolls back).
        self.worker.cancel_all()
        self.worker.wait()
        super().closeEvent(event)
