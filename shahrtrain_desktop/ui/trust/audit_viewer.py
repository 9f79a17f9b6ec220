"""«دفتر رویدادها…»: the audit trail in a lazy table, filtered by user, entity, action and a
Jalali date range, with the chosen event's before/after and a chain check on the worker."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shahrtrain_desktop.models import AuditEvent
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import AuditAction
from shahrtrain_desktop.persian import (
    TEHRAN,
    format_jalali_datetime,
    rtl_date_marks,
    to_persian_digits,
)
from shahrtrain_desktop.services.audit import ChainCheck, verify_chain
from shahrtrain_desktop.services.listings import Choice, Column, Filters, Kind, ListingSpec
from shahrtrain_desktop.ui.filters import DateRangeFilter, row_count_text
from shahrtrain_desktop.ui.progress import Task
from shahrtrain_desktop.ui.table_model import BLOCK_SIZE, ListingTableModel
from shahrtrain_desktop.ui.table_view import ListingView
from shahrtrain_desktop.ui.trust import texts
from shahrtrain_desktop.ui.worker import Worker, run_with_progress

_KEYS = ("id", "at", "user", "action", "entity", "entity_id")
_HEADERS = dict(zip(_KEYS, texts.AUDIT_HEADERS, strict=True))

AUDIT_SPEC = ListingSpec(
    key="audit",
    id_expr=AuditEvent.id,
    source=AuditEvent.__table__,
    columns=(
        Column("id", _HEADERS["id"], AuditEvent.id, Kind.INTEGER, 9),
        Column("at", _HEADERS["at"], AuditEvent.at, Kind.DATE, 16),
        Column("user", _HEADERS["user"], AuditEvent.username, Kind.TEXT, 14),
        Column("action", _HEADERS["action"], AuditEvent.action, Kind.LABEL, 8),
        Column("entity", _HEADERS["entity"], AuditEvent.entity, Kind.TEXT, 22),
        Column("entity_id", _HEADERS["entity_id"], AuditEvent.entity_id, Kind.DIGITS, 9),
    ),
    default_sort="id",
    default_descending=True,
    choices=(
        Choice("user", _HEADERS["user"], AuditEvent.username, ()),
        Choice("entity", _HEADERS["entity"], AuditEvent.entity, ()),
        Choice("action", _HEADERS["action"], AuditEvent.action, tuple(AuditAction)),
    ),
    date_expr=AuditEvent.at,
)


def utc_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """Whole Tehran days as naive-UTC timestamps (what the trail stores), end inclusive."""

    def utc(day: date) -> datetime:
        local = datetime.combine(day, time(0), tzinfo=TEHRAN)
        return local.astimezone(UTC).replace(tzinfo=None)

    low = utc(start) if start is not None else None
    high = utc(end + timedelta(days=1)) - timedelta(microseconds=1) if end is not None else None
    return low, high


def action_text(action: AuditAction | str | None) -> str:
    if action is None:
        return ""
    return texts.ACTION_LABELS.get(AuditAction(action), str(action))


class AuditTableModel(ListingTableModel):
    """The shared lazy model; timestamps in Tehran time and actions in Persian."""

    def _fetch_block(self, block: int) -> list[tuple[str, ...]]:
        rows = super()._fetch_block(block)
        start = block * BLOCK_SIZE
        ids = [self.row_id(start + i) for i in range(len(rows))]
        with self.db.engine.connect() as conn:
            raw = dict(
                conn.execute(
                    select(AuditEvent.id, AuditEvent.at).where(AuditEvent.id.in_(ids))
                ).all()
            )
        at, action = AUDIT_SPEC.index("at"), AUDIT_SPEC.index("action")
        entity = AUDIT_SPEC.index("entity")
        fixed = []
        for row_id, texts_ in zip(ids, rows, strict=True):
            cells = list(texts_)
            cells[at] = rtl_date_marks(format_jalali_datetime(raw.get(row_id)))
            cells[action] = action_text(cells[action]) if cells[action] else ""
            cells[entity] = texts.entity_label(cells[entity])
            fixed.append(tuple(cells))
        self._blocks[block] = fixed
        return fixed


def _combo(all_text: str, items: list[tuple[str, str]], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(all_text, "")
    for text, value in items:
        combo.addItem(text, value)
    return combo


class AuditViewer(QDialog):
    def __init__(self, db: Database, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.worker = worker
        self.last_check: ChainCheck | None = None
        self.setWindowTitle(texts.AUDIT_TITLE)
        self.resize(1100, 640)

        with db.engine.connect() as conn:
            users = sorted(
                u for u in conn.scalars(select(AuditEvent.username).distinct()) if u is not None
            )
            entities = sorted(e for e in conn.scalars(select(AuditEvent.entity).distinct()) if e)
        self.user_combo = _combo(texts.ALL_USERS, [(u, u) for u in users], self)
        self.entity_combo = _combo(
            texts.ALL_ENTITIES, [(texts.entity_label(e), e) for e in entities], self
        )
        self.action_combo = _combo(
            texts.ALL_ACTIONS, [(action_text(a), a.value) for a in AuditAction], self
        )
        today = datetime.now(TEHRAN).date()
        self.date_range = DateRangeFilter(today - timedelta(days=30), today, self)
        for combo in (self.user_combo, self.entity_combo, self.action_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.date_range.changed.connect(self.apply_filters)
        self.count_label = QLabel(self)
        self.verify_button = QPushButton(texts.VERIFY_CHAIN, self)
        self.verify_button.clicked.connect(self.verify)

        self.model = AuditTableModel(db, AUDIT_SPEC, self)
        self.model.count_settled.connect(self._count_changed)
        self.view = ListingView(self)
        self.view.set_listing_model(self.model)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_details())
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

        filters = QHBoxLayout()
        for widget in (self.user_combo, self.entity_combo, self.action_combo, self.date_range):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        filters.addWidget(self.verify_button)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self.apply_filters()

    def current_filters(self) -> Filters:
        low, high = utc_bounds(*self.date_range.range())
        return Filters(
            choices={
                "user": self.user_combo.currentData(),
                "entity": self.entity_combo.currentData(),
                "action": self.action_combo.currentData(),
            },
            date_from=low,
            date_to=high,
        )

    def apply_filters(self) -> None:
        self.model.set_filters(self.current_filters())

    def _count_changed(self) -> None:
        self.count_label.setText(row_count_text(self.model.rowCount()))
        self.details.clear()

    def show_details(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            self.details.clear()
            return
        with self.db.session() as session:
            event = session.get(AuditEvent, self.model.row_id(index.row()))
            before, after = (event.before, event.after) if event else (None, None)
        parts = []
        for caption, raw in ((texts.BEFORE, before), (texts.AFTER, after)):
            if raw:
                pretty = json.dumps(json.loads(raw), ensure_ascii=False, indent=2)
                parts.append(f"{caption}\n{pretty}")
        self.details.setPlainText("\n\n".join(parts))

    def verify(self) -> None:
        def op(db: Database, task: Task) -> ChainCheck:
            task.report(texts.VERIFYING)
            with db.session() as session:
                return verify_chain(session)

        run_with_progress(
            self.worker,
            self,
            texts.VERIFY_CHAIN,
            op,
            on_done=self._verified,
        )

    def _verified(self, check: ChainCheck) -> None:
        self.last_check = check
        if check.ok:
            QMessageBox.information(
                self, texts.VERIFY_CHAIN, texts.CHAIN_OK.format(count=_n(check.checked))
            )
            return
        self.reveal(check.first_broken_id)
        QMessageBox.critical(
            self,
            texts.VERIFY_CHAIN,
            texts.CHAIN_BROKEN.format(
                id=_n(check.first_broken_id or 0), reason=check.reason, count=_n(check.checked)
            ),
        )

    def reveal(self, event_id: int | None) -> None:
        """Select an event's row, clearing the filters if they hide it."""
        if event_id is None:
            return
        if self.model.row_of(event_id) < 0:
            for combo in (self.user_combo, self.entity_combo, self.action_combo):
                combo.setCurrentIndex(0)
            self.date_range.from_check.setChecked(False)
            self.date_range.to_check.setChecked(False)
        row = self.model.row_of(event_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))


def _n(value: int) -> str:
    return to_persian_digits(value, grouping=True)
