"""What the delivery and outcomes tabs share.

``OfferingPanel``: the panel of one offering — its header (the offering, picked from a list or
named, with its status and next-step button), the message line, PDF printing on the worker,
and keeping what is being typed when the offering changes or the window closes.
``OfferingStageTab``: the stage listing above such a panel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models import Offering
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import OfferingStatus
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.offering_status import offerings_in
from shahrtrain_desktop.ui.base_tab import BaseTab
from shahrtrain_desktop.ui.delivery.offering_picker import OfferingPicker
from shahrtrain_desktop.ui.delivery.printing import Writer, ask_pdf_path, write_pdf_in_background
from shahrtrain_desktop.ui.delivery.status_actions import StatusActions
from shahrtrain_desktop.ui.strings import ltr
from shahrtrain_desktop.ui.worker import worker_for

OFFERING = "دوره:"
HEADING = "{code} — {title}"
PICK = "یک دوره را برگزینید."
NOT_SAVED_TITLE = "مقدار ذخیره‌نشده"
# The buttons are Qt's own Discard and Cancel (Persian through qtbase_fa).
NOT_SAVED = (
    "{problem}\n\nاین مقدار ذخیره نشد.\n"
    "«دورانداختن»: بی آن ادامه دهید.\n«انصراف»: برگردید و درستش کنید."
)
ERROR_STYLE, DONE_STYLE = "color: #b00020;", "color: #2e7d32;"


def open_editor(view: QAbstractItemView) -> QWidget | None:
    """The editor of the cell being typed in, if one is open."""
    if view.state() != QAbstractItemView.State.EditingState:
        return None
    return view.indexWidget(view.currentIndex())


def may_drop(parent: QWidget, problem: str) -> bool:
    """Ask whether a value that could not be saved may be dropped (else the officer fixes it)."""
    answer = QMessageBox.warning(
        parent,
        NOT_SAVED_TITLE,
        NOT_SAVED.format(problem=problem),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


class OfferingPanel(QWidget):
    """Subclasses add their widgets to ``body`` in ``build`` and fill ``load_offering``; with
    ``pick_from`` the header is a picker of the offerings in those statuses."""

    pick_from: ClassVar[tuple[OfferingStatus, ...]] = ()
    pick_text: ClassVar[str] = PICK

    changed = Signal()

    def __init__(self, db: Database, user: SignedIn | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.user = db, user
        self.offering_id: int | None = None
        self.choose_path: Callable[[QWidget, str], Path | None] = ask_pdf_path
        self.refusal: str | None = None  # the last refused edit, while committing one
        self.status = StatusActions(db, user, self)
        self.status.changed.connect(self._status_changed)
        self.message = QLabel(self)
        self.message.setObjectName("panelMessage")
        self.message.setWordWrap(True)
        self.header = QHBoxLayout()
        self.picker: OfferingPicker | None = None
        self.heading = QLabel(self.pick_text, self)
        self.heading.setObjectName("panelHeading")
        if self.pick_from:
            self.picker = OfferingPicker(self)
            self.picker.currentIndexChanged.connect(self._picked)
            self.header.addWidget(QLabel(OFFERING, self))
            self.header.addWidget(self.picker, 1)
            self.heading.hide()
        else:
            self.header.addWidget(self.heading, 1)
        self.header.addWidget(self.status)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addLayout(self.header)
        self.build()

    # -- hooks ---------------------------------------------------------------------------------

    def build(self) -> None:
        """Add the panel's own widgets (and ``message`` where it belongs) to ``body``."""
        self.body.addWidget(self.message)

    def load_offering(self, offering_id: int | None) -> None:
        """Fill the panel's own widgets for this offering (or empty them)."""

    def edit_views(self) -> list[QAbstractItemView]:
        """Views whose cells are typed in place, with a model that reports refusals to say()."""
        return []

    def keep_other_edits(self) -> bool:
        """Save what is typed outside ``edit_views``; False when the officer chose to stay."""
        return True

    def set_today(self, day: date | None) -> None:
        """Pin the day the guards use (tests; the app uses the real date)."""
        self.status.today = day

    # -- the offering --------------------------------------------------------------------------

    def fill_choices(self) -> None:
        if self.picker is None:
            return
        with self.db.session() as session:
            choices = offerings_in(session, self.pick_from)
        self.picker.set_choices(choices)
        self.picker.choose(self.offering_id)

    def reload_offerings(self) -> None:
        """Re-read the offerings to choose from, keeping the one shown (else the first)."""
        self.fill_choices()
        if self.offering_id is not None:
            self.show_offering(self.offering_id)
        elif self.picker is not None and self.picker.count():
            self.picker.setCurrentIndex(0)

    def show_offering(self, offering_id: int | None) -> bool:
        """Show this offering; False when the officer chose to stay with what they typed."""
        if offering_id != self.offering_id and not self.can_leave():
            return False
        if self.picker is not None:
            if offering_id is not None and self.picker.findData(offering_id) < 0:
                self.fill_choices()
            self.picker.choose(offering_id)
        self.load(offering_id)
        return True

    def _picked(self) -> None:
        assert self.picker is not None
        data = self.picker.currentData()
        if not self.show_offering(data if isinstance(data, int) else None):
            self.picker.choose(self.offering_id)

    def load(self, offering_id: int | None) -> None:
        self.offering_id = offering_id
        self.message.clear()
        if self.picker is None:  # else the picker names the offering (the heading is hidden)
            self.heading.setText(self._heading(offering_id))
        self.status.set_offering(offering_id)
        self.load_offering(offering_id)

    def _heading(self, offering_id: int | None) -> str:
        if offering_id is None:
            return self.pick_text
        with self.db.session() as session:
            offering = session.get(Offering, offering_id)
            if offering is None:
                return self.pick_text
            return HEADING.format(
                code=to_persian_digits(offering.code), title=offering.course.title
            )

    def _status_changed(self, offering_id: int) -> None:
        self.reload_after_status(offering_id)
        self.changed.emit()

    def reload_after_status(self, offering_id: int) -> None:
        self.load(offering_id)

    # -- keeping what is typed -----------------------------------------------------------------

    def can_leave(self) -> bool:
        """Save the cell being typed in (as Enter would) and anything else typed; a value that
        cannot be saved is dropped only when the officer agrees. False: stay."""
        return all(self._commit(view) for view in self.edit_views()) and self.keep_other_edits()

    def _commit(self, view: QAbstractItemView) -> bool:
        editor = open_editor(view)
        if editor is None:
            return True
        self.refusal = None
        view.commitData(editor)
        problem, self.refusal = self.refusal, None
        if problem is not None and not may_drop(self, problem):
            editor.setFocus()
            return False
        if open_editor(view) is editor:
            hint = QAbstractItemDelegate.EndEditHint
            view.closeEditor(editor, hint.RevertModelCache if problem else hint.NoHint)
        return True

    # -- printing and messages -----------------------------------------------------------------

    def print_pdf(self, title: str, write: Writer, file_prefix: str, done: str) -> None:
        """Ask where, then write this offering's PDF on the worker; ``done`` names {path}."""
        if self.offering_id is None:
            return
        path = self.choose_path(self, f"{file_prefix}-{self.offering_id}.pdf")
        if path is None:
            return
        write_pdf_in_background(
            worker_for(self, self.db),
            self,
            title,
            write,
            self.offering_id,
            path,
            lambda written: self.say(done.format(path=ltr(written))),
        )

    def say(self, text: str, error: bool = False) -> None:
        if error:
            self.refusal = text
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setText(text)


class OfferingStageTab(BaseTab):
    """A stage listing with the panel of the offering picked in it below."""

    def __init__(
        self, db: Database, user: SignedIn | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, user, parent)
        self.panel = self.make_panel()
        self.panel.changed.connect(self.refresh)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(self.view)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([170, 570])
        layout.addWidget(splitter, 1)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

    def make_panel(self) -> OfferingPanel:
        raise NotImplementedError

    def offering_of_row(self, row_id: int) -> int | None:
        """The offering a listing row belongs to (the row's id is an offering's by default)."""
        return row_id

    def set_today(self, day: date | None) -> None:
        self.panel.set_today(day)

    def can_close(self) -> bool:
        return self.panel.can_leave()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        offering_id = self.offering_of_row(self.model.row_id(current.row()))
        if offering_id is not None and offering_id != self.panel.offering_id:
            self.panel.show_offering(offering_id)
