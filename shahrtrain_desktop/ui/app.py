"""Application start: Persian, right to left and Vazirmatn, set once; then set-up or log-in and
the main window of the signed-in user."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from shahrtrain_desktop import APP_NAME, __version__
from shahrtrain_desktop.paths import font_path, resource
from shahrtrain_desktop.ui import strings

log = logging.getLogger(__name__)

FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Medium.ttf", "Vazirmatn-Bold.ttf")
FONT_FAMILY = "Vazirmatn"
FONT_POINT_SIZE = 10
ICON_FILES = ("shahrtrain.svg", "shahrtrain-256.png")
_CONFIGURED = "shahrtrainConfigured"

STYLE_SHEET = """
QTabBar::tab { padding: 6px 18px; }
QLabel#headlineTitle { font-weight: bold; padding: 0 12px; }
QFrame#headlineCard { background: palette(base); border-radius: 6px; }
QLabel#headlineValue { font-size: 16pt; font-weight: bold; color: #0b5d6b; }
QLabel#rowCount { padding: 0 6px; }
QTableView::item { padding: 0 5px; }
QStatusBar QLabel { padding: 0 8px; }
QStatusBar::item { border: none; border-left: 1px solid palette(mid); }
"""

# Kept alive for the life of the application (Qt does not own installed translators).
_translators: list[QTranslator] = []


def _load_fonts() -> str:
    family = ""
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(font_path(name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families and not family:
            family = families[0]
        if font_id < 0:
            log.warning("font %s could not be loaded", name)
    return family or FONT_FAMILY


def _install_qt_translation(app: QApplication) -> None:
    """Qt's own Persian texts (OK/Cancel, context menus), if the file is there."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_fa", folder):
        app.installTranslator(translator)
        _translators.append(translator)
    else:
        log.info("qtbase_fa not found in %s; Qt's own texts stay English", folder)


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ICON_FILES:
        path = resource("icons", name)
        if path.exists():
            icon.addFile(str(path))
    return icon


def configure_application(app: QApplication) -> QApplication:
    """Everything the whole app shares, done once however often it is called."""
    if app.property(_CONFIGURED):
        return app
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(strings.APP_SHORT)
    app.setApplicationVersion(__version__)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    QLocale.setDefault(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
    _install_qt_translation(app)
    app.setFont(QFont(_load_fonts(), FONT_POINT_SIZE))
    app.setWindowIcon(app_icon())
    app.setStyleSheet(STYLE_SHEET)
    app.setProperty(_CONFIGURED, True)
    return app


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (the existing one if any), configured; tests use it without exec."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv if argv is not None else sys.argv))
    return configure_application(app)


def run_gui(db_url: str | None) -> int:
    """Open the database named by ``db_url`` (or the default), set it up on first run, ask who
    is at the desk, and run the window of the signed-in user."""
    # Imported here, not at the top: creating the application (tests, the benchmark's empty
    # window) needs none of the database layer.
    from shahrtrain_desktop.models.migrate import SchemaError
    from shahrtrain_desktop.services.database import open_database
    from shahrtrain_desktop.ui.trust.app_session import AppSession

    app = create_application()
    try:
        opened = open_database(db_url)
    except SchemaError as error:
        QMessageBox.critical(None, strings.OPEN_FAILED_TITLE, str(error))
        return 1
    except Exception as error:  # noqa: BLE001 - the user gets a sentence, the log the details
        log.debug("opening the database failed", exc_info=True)
        QMessageBox.critical(
            None, strings.OPEN_FAILED_TITLE, strings.OPEN_FAILED.format(error=error)
        )
        return 1
    session = AppSession(opened.db, db_url)
    try:
        if not session.start():
            return 0
        report = opened.migration
        if session.window is not None and report.upgraded and report.backup_path is not None:
            session.window.statusBar().showMessage(
                strings.STATUS_UPGRADED.format(path=strings.ltr(report.backup_path))
            )
        session.start_daily_backup()
        return app.exec()
    finally:
        session.close()
