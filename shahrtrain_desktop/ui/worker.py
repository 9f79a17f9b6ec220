"""The one background worker: runs ``op(db, task)`` off the GUI thread, answers on it.

SQLite has one writer, so a pool of one thread is all the app needs; jobs queue behind each
other. An op gets the database and its :class:`Task` (progress and cancel) and must never touch
a widget; its result, error or cancellation comes back through signals to callbacks that run
on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services.db_errors import as_user_error
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.progress import Cancelled, Progress, ProgressDialog, Task
from shahrtrain_desktop.ui.trust.events import notify_if_account_disabled

log = logging.getLogger(__name__)

Op = Callable[[Database, Task], Any]
_OWN_WORKER = "own_worker"


class _Signals(QObject):
    progressed = Signal(object, object)  # job, Progress
    finished = Signal(object, object, object)  # job, result, error (Cancelled when cancelled)


class _Job(QRunnable):
    def __init__(
        self,
        db: Database,
        op: Op,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None,
        on_progress: Callable[[Progress], None] | None,
        on_cancelled: Callable[[], None] | None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Worker holds it until its answer has been delivered
        self.signals = _Signals()
        self.task = Task(lambda p: self.signals.progressed.emit(self, p))
        self.db, self.op = db, op
        self.on_done, self.on_failed = on_done, on_failed
        self.on_progress, self.on_cancelled = on_progress, on_cancelled

    def run(self) -> None:  # on the worker thread
        try:
            result = self.op(self.db, self.task)
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the GUI
            self.signals.finished.emit(self, None, error)
        else:
            self.signals.finished.emit(self, result, None)


class Worker(QObject):
    """Queue of background jobs on a single thread."""

    busy_changed = Signal(bool)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: set[_Job] = set()

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def run(
        self,
        op: Op,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task:
        """Queue ``op``; returns its task (call ``task.cancel()`` to stop it)."""
        job = _Job(self._db, op, on_done, on_failed, on_progress, on_cancelled)
        # Bound methods of this QObject: Qt queues the calls onto the GUI thread.
        job.signals.progressed.connect(self._progressed)
        job.signals.finished.connect(self._finished)
        was_busy = self.busy
        self._jobs.add(job)
        if not was_busy:
            self.busy_changed.emit(True)
        self._pool.start(job)
        return job.task

    def cancel_all(self) -> None:
        for job in self._jobs:
            job.task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the queue is empty (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    @Slot(object, object)
    def _progressed(self, job: _Job, progress: Progress) -> None:
        if job.on_progress is not None and job in self._jobs:
            job.on_progress(progress)

    @Slot(object, object, object)
    def _finished(self, job: _Job, result: Any, error: BaseException | None) -> None:
        self._jobs.discard(job)
        try:
            if isinstance(error, Cancelled):
                if job.on_cancelled is not None:
                    job.on_cancelled()
            elif error is not None:
                if job.on_failed is None:
                    raise error
                job.on_failed(error)
            else:
                job.on_done(result)
        finally:
            if not self.busy:
                self.busy_changed.emit(False)


def run_with_progress(
    worker: Worker,
    parent: QWidget,
    title: str,
    op: Op,
    on_done: Callable[[Any], None],
    on_cancelled: Callable[[], None] | None = None,
) -> Task:
    """Run ``op`` in the background behind a modal, cancellable progress dialog.

    A failure is shown to the user in Persian; ``on_done`` runs on the GUI thread.
    """
    dialog = ProgressDialog(parent, title)

    def finish() -> None:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    def done(result: Any) -> None:
        finish()
        on_done(result)

    def failed(error: BaseException) -> None:
        finish()
        log.error("background work failed", exc_info=error)
        shown = as_user_error(error)  # the server gone or the disk full: a sentence, not SQL
        QMessageBox.critical(parent, strings.ERROR_TITLE, strings.WORK_FAILED.format(error=shown))
        notify_if_account_disabled(error)

    def cancelled() -> None:
        finish()
        if on_cancelled is not None:
            on_cancelled()

    task = worker.run(op, done, failed, dialog.show_progress, cancelled)
    dialog.canceled.connect(task.cancel)
    dialog.show()
    return task


def worker_for(widget: QWidget, db: Database) -> Worker:
    """The main window's single worker; a widget shown on its own gets one of its own.

    Every widget that queues work asks here, so a window never runs two writers at once.
    """
    window = widget.window()
    shared = getattr(window, "worker", None) if window is not widget else None
    if isinstance(shared, Worker):
        return shared
    own = widget.findChild(Worker, _OWN_WORKER, Qt.FindChildOption.FindDirectChildrenOnly)
    if own is None:
        own = Worker(db, widget)
        own.setObjectName(_OWN_WORKER)
    return own
