"""Who is at the desk, from first run to sign-out: the setup wizard on an empty database, the
log-in dialog, the main window of the signed-in user, and a fresh log-in after sign-out, a
restore, or when the user's account is found disabled."""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import AuditAction
from shahrtrain_desktop.services.audit import act_as, record
from shahrtrain_desktop.services.auth import SignedIn, has_any_user
from shahrtrain_desktop.services.backup import RestoreReport
from shahrtrain_desktop.services.database import open_database
from shahrtrain_desktop.ui.main_window import MainWindow
from shahrtrain_desktop.ui.strings import ltr
from shahrtrain_desktop.ui.trust import texts
from shahrtrain_desktop.ui.trust.backup_actions import daily_backup_op, restore_op
from shahrtrain_desktop.ui.trust.events import trust_events
from shahrtrain_desktop.ui.trust.login_dialog import LoginDialog
from shahrtrain_desktop.ui.trust.setup_wizard import SetupWizard
from shahrtrain_desktop.ui.worker import run_with_progress

log = logging.getLogger(__name__)
STATUS_MESSAGE_MS = 10000
MODAL_RETRY_MS = 200


class AppSession(QObject):
    """Owns the open database and the current window; replaces the window on a new log-in."""

    def __init__(self, db: Database, url: str | None) -> None:
        super().__init__()
        self.db = db
        self.url = url
        self.window: MainWindow | None = None
        self._signing_in = False
        trust_events().account_disabled.connect(self.account_disabled)

    # -- starting ------------------------------------------------------------------------

    def start(self) -> bool:
        """First-run setup if needed, then log-in and the window; False when the user quits."""
        username = ""
        with self.db.session() as session:
            first_run = not has_any_user(session)
        if first_run:
            wizard = SetupWizard(self.db)
            if wizard.exec() != QDialog.DialogCode.Accepted:
                return False
            username = wizard.admin_username
        return self.sign_in(username=username)

    def sign_in(self, message: str = "", username: str = "", parent: QWidget | None = None) -> bool:
        if self._signing_in:
            return True  # already asking (a second refusal arrived meanwhile)
        self._signing_in = True
        try:
            dialog = LoginDialog(self.db, parent, message)
            dialog.username.setText(username)
            if username:
                dialog.password.setFocus()
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            signed_in = dialog.signed_in
            dialog.deleteLater()
        finally:
            self._signing_in = False
        if not accepted or signed_in is None:
            return False
        self.open_window(signed_in)
        return True

    def open_window(self, user: SignedIn) -> MainWindow:
        old = self.window
        window = MainWindow(self.db, user)
        window.trust.sign_out_requested.connect(self.sign_out)
        window.trust.restore_requested.connect(self.restore)
        self.window = window
        window.show()  # before the old one closes, so the application never runs out of windows
        if old is not None:
            old.close()
            old.deleteLater()
        return window

    def start_daily_backup(self) -> None:
        """Once a day at start, on the worker; a failure is a status-bar line, never a stop."""
        window = self.window
        if window is None or not self.db.is_sqlite:
            return

        def done(path: Path | None) -> None:
            if path is not None and self.window is window:
                window.statusBar().showMessage(
                    texts.DAILY_BACKUP_DONE.format(path=ltr(path)), STATUS_MESSAGE_MS
                )

        def failed(error: BaseException) -> None:
            log.warning("daily backup failed", exc_info=error)
            if self.window is window:
                window.statusBar().showMessage(
                    texts.DAILY_BACKUP_FAILED.format(error=error), STATUS_MESSAGE_MS
                )

        window.worker.run(daily_backup_op(), done, failed)

    # -- replacing the user ---------------------------------------------------------------

    def switch_user(self, message: str = "") -> None:
        """Sign out: hide the window and ask for a log-in; giving up closes the application."""
        old = self.window
        if old is None or self._signing_in:
            return
        old.hide()
        if not self.sign_in(message, parent=old):
            self.window = None
            old.close()

    def sign_out(self) -> None:
        window = self.window
        if window is not None and window.user is not None:
            try:
                with self.db.session() as session:
                    act_as(session, window.user.actor)
                    record(session, AuditAction.EVENT, "logout", window.user.actor.user_id)
            except Exception:  # noqa: BLE001 - an unrecorded sign-out must not keep anyone in
                log.warning("sign-out could not be recorded", exc_info=True)
        self.switch_user()

    def account_disabled(self, message: str) -> None:
        """Back to log-in, once the refusal the user is reading has been closed."""
        if self.window is None or not shiboken6.isValid(self.window) or not self.window.isVisible():
            return
        if QApplication.activeModalWidget() is not None:
            QTimer.singleShot(MODAL_RETRY_MS, lambda: self.account_disabled(message))
            return
        self.switch_user(message)

    # -- restore ----------------------------------------------------------------------------

    def restore(self, backup_file: Path) -> None:
        window = self.window
        if window is None or window.user is None:
            return
        run_with_progress(
            window.worker,
            window,
            texts.RESTORE_TITLE,
            restore_op(backup_file, window.user.actor),
            on_done=self._restored,
        )

    def _restored(self, report: RestoreReport) -> None:
        old = self.window
        self.db.dispose()
        try:
            opened = open_database(self.url)
        except Exception as error:  # noqa: BLE001 - said to the user; the log has details
            log.exception("reopening after restore failed")
            QMessageBox.critical(old, texts.RESTORE_TITLE, texts.REOPEN_FAILED.format(error=error))
            if old is not None:
                self.window = None
                old.close()
            return
        self.db = opened.db
        message = texts.RESTORE_DONE.format(path=ltr(report.safety_copy))
        if old is None:
            self.sign_in(message)
            return
        self.switch_user(message)

    def close(self) -> None:
        trust_events().account_disabled.disconnect(self.account_disabled)
        self.db.dispose()
