"""Leave out of an id query the joins nothing in it needs.

A listing's source joins every table its columns show (enrolment → person, offering, course).
Ordering 250,000 ids needs only the tables its filters and sort read; a join to a table
reached by a NOT NULL foreign key to its primary key (or any left outer join to a primary key)
adds exactly one row per row, so dropping it changes nothing but the time.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Column, FromClause, Join, Table
from sqlalchemy.sql.elements import BinaryExpression, ClauseElement
from sqlalchemy.sql.operators import eq
from sqlalchemy.sql.visitors import iterate


def referenced_tables(expressions: Iterable[object]) -> set[FromClause]:
    """The tables whose columns appear in these expressions (ORM attributes included)."""
    tables: set[FromClause] = set()
    for expression in expressions:
        to_clause = getattr(expression, "__clause_element__", None)
        clause = to_clause() if to_clause is not None else expression
        if not isinstance(clause, ClauseElement):
            continue
        for node in iterate(clause):
            table = getattr(node, "table", None)
            if isinstance(node, Column) and table is not None:
                tables.add(table)
    return tables


def _adds_one_row_each(join: Join) -> bool:
    """True when every left row meets exactly one right row (so the join can be dropped)."""
    on = join.onclause
    if not isinstance(on, BinaryExpression) or on.operator is not eq:
        return False
    right = join.right
    if not isinstance(right, Table):
        return False
    sides = (on.left, on.right)
    if not all(isinstance(side, Column) for side in sides):
        return False
    right_side = next((s for s in sides if s.table is right), None)
    left_side = next((s for s in sides if s.table is not right), None)
    if right_side is None or left_side is None or not right_side.primary_key:
        return False
    return bool(join.isouter or not left_side.nullable)


def prune_joins(source: FromClause, needed: set[FromClause]) -> FromClause:
    """``source`` without the joins to tables not in ``needed`` (and not leading to one)."""
    if not isinstance(source, Join):
        return source
    if source.right not in needed and _adds_one_row_each(source):
        return prune_joins(source.left, needed)
    needed = (
        needed | referenced_tables([source.onclause]) if source.onclause is not None else needed
    )
    return Join(prune_joins(source.left, needed), source.right, source.onclause, source.isouter)
