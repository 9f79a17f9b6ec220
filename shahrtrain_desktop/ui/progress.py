"""Progress of background work: one dataclass, one handle for the op, one dialog."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from shahrtrain_desktop.ui import strings


@dataclass(frozen=True)
class Progress:
    """What the progress dialog shows. ``maximum == 0`` means "busy, amount unknown"."""

    label: str = ""
    value: int = 0
    maximum: int = 0
    cancelled: bool = False


class Cancelled(Exception):
    """Raised inside an op (by ``Task.report``) once the user has asked to cancel."""


class Task:
    """The op's handle on its own progress; safe to use from the worker thread.

    ``report`` raises :class:`Cancelled` after the user cancels, so an op written as a loop of
    reports stops at the next step and its transaction rolls back.
    """

    def __init__(self, emit: Callable[[Progress], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, label: str = "", value: int = 0, maximum: int = 0) -> None:
        if self.cancelled:
            raise Cancelled
        self._emit(Progress(label, value, maximum))


class ProgressDialog(QProgressDialog):
    """A modal, cancellable progress dialog fed with :class:`Progress` values."""

    def __init__(self, parent: QWidget | None, title: str, label: str = strings.WORKING) -> None:
        super().__init__(label, strings.CANCEL, 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)

    def show_progress(self, progress: Progress) -> None:
        if progress.label:
            self.setLabelText(progress.label)
        self.setMaximum(max(progress.maximum, 0))
        if progress.maximum:
            self.setValue(min(progress.value, progress.maximum))
