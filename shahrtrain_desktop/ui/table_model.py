"""One lazy table model for every stage listing.

Like Anki's browser table it holds only the ordered ids; the display text of a row is fetched
in blocks when the view first asks for it, and a bounded number of blocks is cached. Sorting
and filtering re-query the ids in SQL, so a table of 100,000 rows never loads 100,000 objects.
The ids come in two parts: the first screens at once, the rest on the next turn of the event
loop (a keystroke typed meanwhile abandons them), so a search that matches everyone answers
as fast as one that matches a few.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import OrderedDict
from collections.abc import Generator
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from sqlalchemy import Connection

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.listings import Filters, Kind, ListingSpec

log = logging.getLogger(__name__)
BLOCK_SIZE = 200
MAX_CACHED_BLOCKS = 30

# Roles beyond Qt's own.
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT_DIRECTION_ROLE = Qt.ItemDataRole.UserRole + 2  # Qt.LayoutDirection the cell's text runs in

_LEFT = Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = (
    Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
)
_CENTER = Qt.AlignmentFlag.AlignCenter
# Codes read left to right and sit at the left edge, as numbers do in a right-to-left sheet;
# short quantities and dates are centred under their header; words start at the right. A date
# cell is laid out right to left (its kind is not in LTR_KINDS), so its year is the right-hand
# group.
_ALIGNMENT = {Kind.TEXT: _RIGHT, Kind.LABEL: _RIGHT, Kind.CODE: _LEFT, Kind.DIGITS: _LEFT}

_Index = QModelIndex | QPersistentModelIndex


def has_rtl_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


class _PendingIds:
    """The ids of a reload after its first part: an open result and its connection."""

    def __init__(self) -> None:
        self._conn: Connection | None = None
        self._parts: Generator[list[int], None, None] | None = None

    @property
    def waiting(self) -> bool:
        return self._parts is not None

    def hold(self, conn: Connection, parts: Generator[list[int], None, None]) -> None:
        self.close()
        self._conn, self._parts = conn, parts

    def take(self) -> list[int] | None:
        """The next part of the ids, or None when they are all in (then all is closed)."""
        try:
            part = next(self._parts, None) if self._parts is not None else None
        except BaseException:
            self.close()
            raise
        if part is None:
            self.close()
        return part

    def close(self) -> None:
        parts, conn = self._parts, self._conn
        self._parts = self._conn = None
        if parts is not None:
            parts.close()
        if conn is not None:
            conn.close()


class ListingTableModel(QAbstractTableModel):
    """A read-only model over a :class:`ListingSpec`; call :meth:`reload` to (re)query."""

    count_settled = Signal()  # every id of the last reload is in: rowCount() is the total
    first_part = listings.FIRST_PART  # ids read at once; the rest a moment later,
    later_part = listings.LATER_PART  # so many at a time

    def __init__(self, db: Database, spec: ListingSpec, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.spec = spec
        self._ids: list[int] = []
        self._blocks: OrderedDict[int, list[tuple[str, ...]]] = OrderedDict()
        self._filters = Filters()
        self._sort_key: str = spec.default_sort
        self._descending = spec.default_descending
        self._loaded = False
        self._pending = _PendingIds()  # the ids after the first part, still to be read
        self.destroyed.connect(self._pending.close)  # never leave a connection open
        self.fetch_count = 0  # blocks fetched since creation (tests and diagnostics)

    # -- querying ------------------------------------------------------------------------

    @property
    def filters(self) -> Filters:
        return self._filters

    @property
    def sort_key(self) -> str:
        return self._sort_key

    @property
    def descending(self) -> bool:
        return self._descending

    def set_filters(self, filters: Filters) -> None:
        self._filters = filters
        self.reload()

    def reload(self) -> None:
        """Re-query the ordered ids and forget every cached row."""
        self._pending.close()
        conn = self.db.engine.connect()
        parts = listings.ordered_id_parts(
            conn,
            self.spec,
            self._filters,
            self._sort_key,
            self._descending,
            self.first_part,
            self.later_part,
        )
        try:
            ids = next(parts)
        except BaseException:
            conn.close()
            raise
        self.beginResetModel()
        self._ids = ids
        self._blocks.clear()
        self._loaded = True
        self.endResetModel()
        if len(ids) < self.first_part:  # that was all of them
            parts.close()
            conn.close()
            self.count_settled.emit()
        else:
            self._pending.hold(conn, parts)
            QTimer.singleShot(0, self, self._read_next_part)

    def finish_loading(self) -> None:
        """Read every id still to come now (a no-op once they are all in)."""
        while self._pending.waiting:
            self._read_part()

    def _read_next_part(self) -> None:
        """One later part per turn of the event loop, so none of them is a long pause."""
        if self._pending.waiting:
            self._read_part()
            QTimer.singleShot(0, self, self._read_next_part)

    def _read_part(self) -> None:
        try:
            part = self._pending.take()
        except Exception:  # noqa: BLE001 - the server went away: keep the rows already shown
            log.warning("the rest of a listing could not be read", exc_info=True)
            self._pending.close()
            part = None
        if part:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(part) - 1)
            self._ids.extend(part)
            self.endInsertRows()
        if not self._pending.waiting:
            self.count_settled.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.spec.columns):
            return
        self._sort_key = self.spec.columns[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded:  # before the first reload the view only sets its sort indicator
            self.reload()

    def sort_column(self) -> int:
        return self.spec.index(self._sort_key)

    def sort_order(self) -> Qt.SortOrder:
        if self._descending:
            return Qt.SortOrder.DescendingOrder
        return Qt.SortOrder.AscendingOrder

    # -- rows ----------------------------------------------------------------------------

    def row_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, row_id: int) -> int:
        """Row of an id, or -1."""
        self.finish_loading()
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def row_texts(self, row: int) -> tuple[str, ...]:
        block, offset = divmod(row, BLOCK_SIZE)
        rows = self._blocks.get(block)
        if rows is None:
            rows = self._fetch_block(block)
        else:
            self._blocks.move_to_end(block)
        return rows[offset]

    def cached_blocks(self) -> list[int]:
        return list(self._blocks)

    def _fetch_block(self, block: int) -> list[tuple[str, ...]]:
        ids = self._ids[block * BLOCK_SIZE : (block + 1) * BLOCK_SIZE]
        with self.db.engine.connect() as conn:
            fetched = listings.fetch_rows(conn, self.spec, ids)
        blank = ("",) * len(self.spec.columns)  # a row deleted since the ids were read
        rows = [fetched.get(i, blank) for i in ids]
        self._blocks[block] = rows
        self.fetch_count += 1
        while len(self._blocks) > MAX_CACHED_BLOCKS:
            self._blocks.popitem(last=False)
        return rows

    # -- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.spec.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.row_texts(index.row())[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole and len(text) < column.width:
                return None  # only long texts that may be cut off get a tooltip
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGNMENT.get(column.kind, _CENTER)
        if role == TEXT_DIRECTION_ROLE:
            # A letter number such as «ش/۱۴۰۵/۶۸۳» is Persian text and reads right to left.
            if column.ltr and not has_rtl_letters(self.row_texts(index.row())[index.column()]):
                return Qt.LayoutDirection.LeftToRight
            return Qt.LayoutDirection.RightToLeft
        if role == ROW_ID_ROLE:
            return self._ids[index.row()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.spec.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.spec.columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
