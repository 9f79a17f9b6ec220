"""Index for the registry's default order (last name, first name)

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_person_name_order", "person", ["last_name", "first_name", "id"])


def downgrade() -> None:
    op.drop_index("ix_person_name_order", table_name="person")
