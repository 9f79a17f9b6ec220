"""The lazy listing model, without a window: rows, roles, sorting and block fetching."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, update
from ui_sample import fill_sample

from shahrtrain_desktop.models import Document, Person
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.listings import Filters
from shahrtrain_desktop.services.people_search import person_search_key
from shahrtrain_desktop.ui import table_model
from shahrtrain_desktop.ui.table_model import (
    BLOCK_SIZE,
    ROW_ID_ROLE,
    TEXT_DIRECTION_ROLE,
    ListingTableModel,
)
from shahrtrain_desktop.ui.table_view import DirectionDelegate, ListingView

DISPLAY = Qt.ItemDataRole.DisplayRole
PEOPLE_COUNT = 1000


def add_people(db: Database, count: int) -> None:
    rows = []
    for i in range(count):
        code = f"{i:010d}"
        first, last = "نفر", f"شماره {i:05d}"
        rows.append(
            {
                "national_code": code,
                "first_name": first,
                "last_name": last,
                "category": "staff",
                "search_key": person_search_key(first, last, code, None),
            }
        )
    with db.engine.begin() as conn:
        conn.execute(insert(Person), rows)


@pytest.fixture
def people_model(db: Database) -> ListingTableModel:
    add_people(db, PEOPLE_COUNT)
    model = ListingTableModel(db, listings.PEOPLE)
    model.reload()
    return model


def text(model: ListingTableModel, row: int, key: str) -> str:
    return str(model.data(model.index(row, model.spec.index(key)), DISPLAY))


def test_counts_rows_and_columns_without_fetching(people_model: ListingTableModel) -> None:
    assert people_model.rowCount() == PEOPLE_COUNT
    assert people_model.columnCount() == len(listings.PEOPLE.columns)
    assert people_model.rowCount(people_model.index(0, 0)) == 0
    assert people_model.fetch_count == 0


def test_display_text_and_headers(people_model: ListingTableModel) -> None:
    assert text(people_model, 0, "name") == "نفر شماره 00000"
    assert text(people_model, 0, "national_code") == "۰" * 10
    assert text(people_model, 0, "category") == "کارمند"
    header = people_model.headerData(0, Qt.Orientation.Horizontal, DISPLAY)
    assert header == "کد ملی"
    assert people_model.headerData(0, Qt.Orientation.Vertical, DISPLAY) is None
    assert people_model.data(QModelIndex(), DISPLAY) is None


def test_fetches_only_the_blocks_asked_for(people_model: ListingTableModel) -> None:
    text(people_model, 0, "name")
    text(people_model, BLOCK_SIZE - 1, "name")
    assert people_model.fetch_count == 1
    text(people_model, PEOPLE_COUNT - 1, "name")
    assert people_model.fetch_count == 2
    assert people_model.cached_blocks() == [0, (PEOPLE_COUNT - 1) // BLOCK_SIZE]


def test_cache_is_bounded(people_model: ListingTableModel, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_model, "MAX_CACHED_BLOCKS", 2)
    for block in range(4):
        text(people_model, block * BLOCK_SIZE, "name")
    assert people_model.cached_blocks() == [2, 3]
    text(people_model, 0, "name")  # evicted, so fetched again
    assert people_model.fetch_count == 5


def test_sort_requeries_ids_in_sql(people_model: ListingTableModel) -> None:
    people_model.sort(people_model.spec.index("name"), Qt.SortOrder.DescendingOrder)
    assert text(people_model, 0, "name") == f"نفر شماره {PEOPLE_COUNT - 1:05d}"
    assert people_model.sort_order() == Qt.SortOrder.DescendingOrder
    assert people_model.row_id(0) == people_model.data(people_model.index(0, 0), ROW_ID_ROLE)
    assert people_model.row_of(people_model.row_id(5)) == 5


def test_filters_reset_the_model(people_model: ListingTableModel) -> None:
    people_model.set_filters(Filters(text="۰۰۰۰۰۰۰۰۹۹"))
    assert people_model.rowCount() == 1
    assert text(people_model, 0, "name") == "نفر شماره 00099"


def test_codes_read_left_to_right_and_text_right(people_model: ListingTableModel) -> None:
    code = people_model.index(0, people_model.spec.index("national_code"))
    name = people_model.index(0, people_model.spec.index("name"))
    assert code.data(TEXT_DIRECTION_ROLE) == Qt.LayoutDirection.LeftToRight
    assert name.data(TEXT_DIRECTION_ROLE) == Qt.LayoutDirection.RightToLeft
    absolute = Qt.AlignmentFlag.AlignAbsolute
    assert code.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignLeft
    assert name.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert name.data(Qt.ItemDataRole.TextAlignmentRole) & absolute


def test_a_painted_cell_gets_its_text_alignment_and_direction(
    people_model: ListingTableModel, qtbot: QtBot
) -> None:
    """What the view's delegate reads from the model before it paints a cell."""
    view = ListingView()
    qtbot.addWidget(view)
    view.set_listing_model(people_model)
    delegate = view.itemDelegate()
    assert isinstance(delegate, DirectionDelegate)
    cells = {}
    for key in ("national_code", "name"):
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, people_model.index(3, people_model.spec.index(key)))
        cells[key] = option
    code, name = cells["national_code"], cells["name"]
    assert code.text == "۰۰۰۰۰۰۰۰۰۳" and name.text == "نفر شماره 00003"
    assert code.direction == Qt.LayoutDirection.LeftToRight
    assert name.direction == Qt.LayoutDirection.RightToLeft
    assert code.displayAlignment & Qt.AlignmentFlag.AlignLeft
    assert name.displayAlignment & Qt.AlignmentFlag.AlignRight


def test_a_view_fetches_only_its_visible_block(
    people_model: ListingTableModel, qtbot: QtBot
) -> None:
    view = ListingView()
    qtbot.addWidget(view)
    view.set_listing_model(people_model)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    assert people_model.cached_blocks() == [0]
    view.scrollToBottom()
    QApplication.processEvents()
    view.grab()  # paint the bottom rows
    assert people_model.cached_blocks() == [0, (PEOPLE_COUNT - 1) // BLOCK_SIZE]


def test_every_stage_listing_fills_a_model(db: Database) -> None:
    fill_sample(db)
    for spec in listings.SPECS:
        model = ListingTableModel(db, spec)
        model.reload()
        assert model.rowCount() > 0, spec.key
        assert all(text(model, 0, c.key) is not None for c in spec.columns)


def test_letter_numbers_with_persian_letters_read_right_to_left(db: Database) -> None:
    fill_sample(db)
    with db.session() as session:
        session.execute(update(Document).values(number="ش/1405/683"))
    model = ListingTableModel(db, listings.NEEDS)
    model.reload()
    cell = model.index(0, model.spec.index("document_number"))
    assert cell.data(DISPLAY) == "ش/۱۴۰۵/۶۸۳"
    assert cell.data(TEXT_DIRECTION_ROLE) == Qt.LayoutDirection.RightToLeft
    day = model.index(0, model.spec.index("document_date"))  # year first from the right
    assert day.data(TEXT_DIRECTION_ROLE) == Qt.LayoutDirection.RightToLeft


def test_a_long_list_shows_its_first_part_at_once_and_the_rest_a_moment_later(
    db: Database, qtbot: QtBot
) -> None:
    add_people(db, PEOPLE_COUNT)
    model = ListingTableModel(db, listings.PEOPLE)
    model.first_part = 300
    with qtbot.waitSignal(model.count_settled):
        model.reload()
        assert model.rowCount() == 300  # the first screens are there before the rest
        assert text(model, 299, "name") == "نفر شماره 00299"
    assert model.rowCount() == PEOPLE_COUNT
    assert text(model, PEOPLE_COUNT - 1, "name") == f"نفر شماره {PEOPLE_COUNT - 1:05d}"
    assert model.row_of(model.row_id(PEOPLE_COUNT - 1)) == PEOPLE_COUNT - 1


def test_a_new_search_before_the_rest_arrives_never_mixes_the_two_lists(
    db: Database, qtbot: QtBot
) -> None:
    add_people(db, PEOPLE_COUNT)
    model = ListingTableModel(db, listings.PEOPLE)
    model.first_part = 300
    model.reload()  # everyone: the rest is pending
    search = Filters(text="شماره 0001")
    with qtbot.waitSignal(model.count_settled):
        model.set_filters(search)  # a handful of people: all in the first part
    qtbot.wait(20)  # the abandoned rest's timer fires and must find nothing to add
    with db.engine.connect() as conn:
        expected = listings.ordered_ids(conn, listings.PEOPLE, search)
    assert 0 < len(expected) < 300
    assert [model.row_id(row) for row in range(model.rowCount())] == expected


def test_the_row_of_an_id_in_the_rest_is_found_before_the_rest_arrives(
    db: Database,
) -> None:
    add_people(db, PEOPLE_COUNT)
    model = ListingTableModel(db, listings.PEOPLE)
    model.first_part = 300
    model.reload()
    with db.engine.connect() as conn:
        last_id = listings.ordered_ids(conn, listings.PEOPLE)[-1]
    assert model.row_of(last_id) == PEOPLE_COUNT - 1


def test_a_model_deleted_before_its_rest_arrives_gives_its_connection_back(
    db: Database,
) -> None:
    import shiboken6

    add_people(db, PEOPLE_COUNT)
    model = ListingTableModel(db, listings.PEOPLE)
    model.first_part = 300
    model.reload()
    pool = db.engine.pool
    assert pool.checkedout() == 1  # type: ignore[attr-defined]  # the rest is waiting
    shiboken6.delete(model)
    assert pool.checkedout() == 0  # type: ignore[attr-defined]


def test_the_rest_comes_a_part_per_turn_and_ends_in_order(db: Database, qtbot: QtBot) -> None:
    add_people(db, PEOPLE_COUNT)
    model = ListingTableModel(db, listings.PEOPLE)
    model.first_part, model.later_part = 300, 200
    counts: list[int] = []
    model.rowsInserted.connect(lambda *_: counts.append(model.rowCount()))
    with qtbot.waitSignal(model.count_settled):
        model.reload()
    assert counts == [500, 700, 900, 1000]  # one part a turn, none of them long
    with db.engine.connect() as conn:
        expected = listings.ordered_ids(conn, listings.PEOPLE)
    assert [model.row_id(row) for row in range(model.rowCount())] == expected
    assert db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
