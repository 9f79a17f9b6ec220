"""Bulk writing of generated rows: ids handed out here, rows buffered and inserted in chunks.

Three ways to insert, same rows every way:

* portable — SQLAlchemy Core ``conn.execute(table.insert(), dicts)``, for any dialect;
* SQLite fast path — the driver's ``executemany`` with tuples, values converted by the dialect's
  own bind processors, so what lands in the file is byte for byte what the portable path writes;
* PostgreSQL fast path (psycopg 3) — ``COPY … FROM STDIN``, the server's bulk load.

Buffers are flushed in the order tables were registered (parents first), so foreign keys are
satisfied at every flush and memory stays bounded however many rows are generated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Table, Time, func, select, text
from sqlalchemy.types import Boolean, TypeDecorator

CHUNK_ROWS = 20_000

Row = tuple[Any, ...]
Converter = Callable[[Any], Any]


def _needs_conversion(column_type: Any) -> bool:
    if isinstance(column_type, TypeDecorator):
        return True
    return isinstance(column_type, Date | DateTime | Time | Boolean)


class BulkWriter:
    def __init__(self, conn: Connection, fast: bool | None = None) -> None:
        """``fast``: None picks the dialect's fast path if it has one, False forces the
        portable path, True insists on a fast path."""
        self.conn = conn
        dialect = conn.dialect
        fast_path = {"sqlite": "sqlite", "postgresql": "copy"}.get(dialect.name)
        if fast_path == "copy" and dialect.driver != "psycopg":
            fast_path = None
        if fast and fast_path is None:
            raise ValueError(f"no fast path for {dialect.name}+{dialect.driver}")
        self.path = "core" if fast is False or fast_path is None else fast_path
        self.counts: dict[str, int] = {}
        self._tables: dict[str, Table] = {}
        self._columns: dict[str, tuple[str, ...]] = {}
        self._buffers: dict[str, list[Row]] = {}
        self._next_id: dict[str, int] = {}
        self._sql: dict[str, str] = {}
        self._converters: dict[str, list[tuple[int, Converter]]] = {}

    # -- registration and ids -----------------------------------------------------------------

    def register(self, table: Table, columns: Sequence[str]) -> None:
        """Declare the columns rows of ``table`` will carry, in this order."""
        name = table.name
        unknown = [c for c in columns if c not in table.c]
        if unknown:
            raise ValueError(f"{name}: unknown columns {unknown}")
        self._tables[name] = table
        self._columns[name] = tuple(columns)
        self._buffers[name] = []
        self.counts.setdefault(name, 0)
        if "id" in table.c and name not in self._next_id:
            current = self.conn.execute(select(func.max(table.c.id))).scalar()
            self._next_id[name] = int(current or 0) + 1
        placeholders = ", ".join("?" for _ in columns)
        self._sql[name] = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({placeholders})"
        dialect = self.conn.dialect
        converters: list[tuple[int, Converter]] = []
        for index, column_name in enumerate(columns):
            column_type = table.c[column_name].type
            if not _needs_conversion(column_type):
                continue
            processor = column_type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                converters.append((index, _memoised(processor)))
        self._converters[name] = converters

    def reserve_ids(self, table: Table, count: int) -> int:
        """First of ``count`` consecutive ids for new rows of ``table``."""
        first = self._next_id[table.name]
        self._next_id[table.name] = first + count
        return first

    def next_id(self, table: Table) -> int:
        return self.reserve_ids(table, 1)

    # -- rows -----------------------------------------------------------------------------------

    def add(self, table: Table, row: Row) -> None:
        buffer = self._buffers[table.name]
        buffer.append(row)
        if len(buffer) >= CHUNK_ROWS:
            self.flush()

    def add_many(self, table: Table, rows: Iterable[Row]) -> None:
        buffer = self._buffers[table.name]
        buffer.extend(rows)
        if len(buffer) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        """Insert every buffered row, parent tables first."""
        for name, buffer in self._buffers.items():
            if buffer:
                self._insert(name, buffer)
                self.counts[name] += len(buffer)
                buffer.clear()

    def _insert(self, name: str, rows: list[Row]) -> None:
        driver: Any = self.conn.connection.driver_connection
        if self.path == "sqlite":
            converters = self._converters[name]
            if converters:
                rows = [_convert(row, converters) for row in rows]
            driver.executemany(self._sql[name], rows)
        elif self.path == "copy":
            statement = f"COPY {name} ({', '.join(self._columns[name])}) FROM STDIN"
            with driver.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            columns = self._columns[name]
            dicts = [dict(zip(columns, row, strict=True)) for row in rows]
            self.conn.execute(self._tables[name].insert(), dicts)

    def finish(self) -> None:
        """Flush and, on PostgreSQL, move id sequences past the ids given out here."""
        self.flush()
        if self.conn.dialect.name != "postgresql":
            return
        for name, table in self._tables.items():
            if "id" not in table.c or self.counts[name] == 0:
                continue
            self.conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT MAX(id) FROM {name}))"
                )
            )


def _memoised(processor: Converter) -> Converter:
    # Dates and timestamps repeat across thousands of rows; format each once.
    cache: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        if value is None:
            return None
        try:
            return cache[value]
        except KeyError:
            result = cache[value] = processor(value)
            if len(cache) > 200_000:
                cache.clear()
            return result

    return convert


def _convert(row: Row, converters: list[tuple[int, Converter]]) -> Row:
    values = list(row)
    for index, convert in converters:
        values[index] = convert(values[index])
    return tuple(values)
