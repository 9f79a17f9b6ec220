"""What a listing is (columns, filters) and how it is read: ordered ids, then display rows.

A listing is read in two steps so that a table of 100,000 rows stays cheap: ``ordered_ids``
returns only the ids for a filter and sort (sorting happens in SQL, aggregates included), and
``fetch_rows`` formats the display text of one batch of those ids with Jalali dates, Persian
digits and Persian labels, so the UI only shows strings.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Connection, FromClause, Select, and_, select
from sqlalchemy.orm import QueryableAttribute

from shahrtrain_desktop.persian import format_jalali_display, search_key, to_persian_digits
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.listings.pruning import prune_joins, referenced_tables

PERCENT_SIGN = "٪"
FIRST_PART = 2_000  # ids a table needs at once: its first screens, with room to scroll
LATER_PART = 40_000  # ids a table reads in one later turn of the event loop (~15 ms)

# A mapped attribute (Person.last_name) or any SQL expression (a correlated count).
Expr: TypeAlias = ColumnElement[Any] | QueryableAttribute[Any]


class Kind(StrEnum):
    """How a column's value is shown; every kind but TEXT, LABEL and DATE reads left to right."""

    TEXT = "text"
    LABEL = "label"  # an enum code shown with its Persian label
    CODE = "code"  # as stored, for codes with Latin letters: 1405-QZ-000123
    DIGITS = "digits"  # digits shown Persian: national code, mobile, 1405-1004-001, 12/1404
    YEAR = "year"  # Persian digits without grouping
    INTEGER = "integer"  # Persian digits with ٬ between thousands
    DECIMAL = "decimal"  # at most two decimals: 17٫25
    PERCENT = "percent"  # 85٫3٪
    DATE = "date"  # Jalali ۱۴۰۵/۰۹/۰۴, right to left: the year is the right-hand group


# A date is right to left: its marks (format_jalali_display) put the year at the right end.
LTR_KINDS = frozenset(Kind) - {Kind.TEXT, Kind.LABEL, Kind.DATE}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    expr: Expr
    kind: Kind = Kind.TEXT
    width: int = 12  # in characters (digits for left-to-right kinds); a hint for the view
    sort: tuple[Expr, ...] = ()  # defaults to ``expr``
    enum: type[StrEnum] | None = None  # the codes of a LABEL column

    @property
    def ltr(self) -> bool:
        return self.kind in LTR_KINDS

    @property
    def sort_exprs(self) -> tuple[Expr, ...]:
        return self.sort or (self.expr,)


@dataclass(frozen=True)
class Choice:
    """A filter on one enum column: the UI offers «all» plus ``values``."""

    key: str
    label: str
    expr: Expr
    values: tuple[StrEnum, ...]


@dataclass(frozen=True)
class ListingSpec:
    key: str
    id_expr: Expr
    source: FromClause
    columns: tuple[Column, ...]
    default_sort: str
    default_descending: bool = False
    where: tuple[ColumnElement[bool], ...] = ()
    search_expr: Expr | None = None  # a column holding persian.search_key text
    choices: tuple[Choice, ...] = ()
    year_expr: Expr | None = None  # Jalali year
    date_expr: Expr | None = None  # what the date-range filter compares

    def index(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def choice(self, key: str) -> Choice:
        return next(c for c in self.choices if c.key == key)


@dataclass
class Filters:
    text: str = ""
    choices: dict[str, str] = field(default_factory=dict)  # choice key -> enum value
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def conditions(spec: ListingSpec, filters: Filters) -> list[ColumnElement[bool]]:
    where = list(spec.where)
    if spec.search_expr is not None:
        # Each word on its own, so «علی رضایی» finds a key however first and last name are joined.
        for word in filters.text.split():
            key = search_key(word)
            if key:
                where.append(spec.search_expr.contains(key, autoescape=True))
    for choice in spec.choices:
        value = filters.choices.get(choice.key)
        if value:
            where.append(choice.expr == value)
    if spec.year_expr is not None and filters.year is not None:
        where.append(spec.year_expr == filters.year)
    if spec.date_expr is not None:
        if filters.date_from is not None:
            where.append(spec.date_expr >= filters.date_from)
        if filters.date_to is not None:
            where.append(spec.date_expr <= filters.date_to)
    return where


def ids_query(
    spec: ListingSpec,
    filters: Filters,
    sort: str | None = None,
    descending: bool | None = None,
    prune: bool = True,
) -> Select[Any]:
    """Ordered ids; joins nothing reads are left out (``prune=False`` keeps them: tests)."""
    column = spec.columns[spec.index(sort or spec.default_sort)]
    if descending is None:  # the spec's default order, or ascending on a chosen column
        descending = spec.default_descending if sort is None else False
    order = [e.desc() if descending else e.asc() for e in column.sort_exprs]
    order.append(spec.id_expr.desc() if descending else spec.id_expr.asc())
    where = conditions(spec, filters)
    needed = referenced_tables([spec.id_expr, *where, *column.sort_exprs])
    return (
        select(spec.id_expr)
        .select_from(prune_joins(spec.source, needed) if prune else spec.source)
        .where(and_(True, *where))
        .order_by(*order)
    )


def ordered_ids(
    conn: Connection,
    spec: ListingSpec,
    filters: Filters | None = None,
    sort: str | None = None,
    descending: bool | None = None,
) -> list[int]:
    """The ids of every row matching ``filters``, in display order (sorted in SQL)."""
    return [
        row_id
        for part in ordered_id_parts(conn, spec, filters, sort, descending)
        for row_id in part
    ]


def ordered_id_parts(
    conn: Connection,
    spec: ListingSpec,
    filters: Filters | None = None,
    sort: str | None = None,
    descending: bool | None = None,
    first: int = FIRST_PART,
    then: int = LATER_PART,
) -> Generator[list[int], None, None]:
    """:func:`ordered_ids` in parts: the first ``first`` ids, then ``then`` at a time.

    A table shows its first screens from the first part and takes the others on the next
    turns of the event loop, so a search keystroke that matches everyone does not wait for
    100,000 ids and no turn is long. The result stays open between the parts; close the
    generator to abandon it. The last part is shorter than its size (it may be empty).
    """
    result = conn.execute(ids_query(spec, filters or Filters(), sort, descending))
    try:
        # Read straight from the driver's cursor: ids are plain integers, and skipping
        # SQLAlchemy's per-row processing halves the time for 250,000 of them.
        cursor = result.cursor
        assert cursor is not None
        size = first
        while True:
            part = [row_id for (row_id,) in cursor.fetchmany(size)]
            yield part
            if len(part) < size:
                return
            size = then
    finally:
        result.close()


def format_value(kind: Kind, value: Any) -> str:
    if value is None or value == "":
        return ""
    match kind:
        case Kind.TEXT | Kind.CODE:
            return str(value)
        case Kind.LABEL:
            return label(value) if isinstance(value, StrEnum) else str(value)
        case Kind.DIGITS | Kind.YEAR:
            return to_persian_digits(str(value))
        case Kind.INTEGER:
            return to_persian_digits(int(value), grouping=True)
        case Kind.DECIMAL:
            return to_persian_digits(float(value), decimals=2)
        case Kind.PERCENT:
            return to_persian_digits(float(value), decimals=1) + PERCENT_SIGN
        case Kind.DATE:
            return format_jalali_display(value)
    raise ValueError(kind)


def fetch_rows(
    conn: Connection, spec: ListingSpec, ids: Sequence[int]
) -> dict[int, tuple[str, ...]]:
    """Display text of the rows with these ids (one query, whatever their number)."""
    if not ids:
        return {}
    query = (
        select(spec.id_expr, *(c.expr for c in spec.columns))
        .select_from(spec.source)
        .where(spec.id_expr.in_(ids))
    )
    kinds = [c.kind for c in spec.columns]
    return {
        row[0]: tuple(format_value(k, v) for k, v in zip(kinds, row[1:], strict=True))
        for row in conn.execute(query)
    }


def available_years(conn: Connection, spec: ListingSpec) -> list[int]:
    """Jalali years present in the listing, newest first, for the year filter.

    A DISTINCT over the whole listing reads every row (250,000 enrolments); instead the
    candidate years come from the year column's own table (a few thousand offerings) and each
    is kept if one listed row has it, which an index finds at once."""
    if spec.year_expr is None:
        return []
    (own_table,) = referenced_tables([spec.year_expr])  # a column of one table
    candidates = conn.scalars(
        select(spec.year_expr)
        .distinct()
        .select_from(own_table)
        .where(spec.year_expr.is_not(None))
        .order_by(spec.year_expr.desc())
    )
    needed = referenced_tables([spec.id_expr, spec.year_expr, *spec.where])
    source = prune_joins(spec.source, needed)
    return [
        int(year)
        for year in list(candidates)
        if conn.scalar(
            select(spec.id_expr)
            .select_from(source)
            .where(and_(True, *spec.where), spec.year_expr == year)
            .limit(1)
        )
        is not None
    ]
