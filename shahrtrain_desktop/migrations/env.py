"""Alembic environment. Always run through ``models.migrate`` which hands us a connection.

On SQLite, foreign keys are switched off on the migration connection *before* its transaction
(a PRAGMA inside a transaction is ignored): a batch migration rebuilds a table by copy, drop and
rename, and with foreign keys on, the drop would cascade-delete child rows. The check that the
rebuilt tables still hold together runs inside the transaction, so a violation rolls it all back.
"""

from __future__ import annotations

from alembic import context

from shahrtrain_desktop.models import Base

config = context.config
connection = config.attributes["connection"]
is_sqlite = connection.dialect.name == "sqlite"

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)

with context.begin_transaction():
    context.run_migrations()
    if is_sqlite:
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"foreign key check failed after migration: {broken[:5]}")
